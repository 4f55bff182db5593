"""The project charter and benefits, with the KPI-derived estimate worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.benefits import (
    Benefit,
    BenefitTotals,
    by_month,
    check_benefit,
    kpi_estimate,
    totals,
)
from opsdesk.core.improve.project import (
    Charter,
    Milestone,
    Project,
    TeamMember,
    charter_missing,
    charter_sentence,
)

FULL = Charter(
    problem="Lead time averages 9.3 days against a promise of 7.",
    goal="Lead time at or under 6.5 days by June 2026.",
    scope_in=("Order entry", "Picking"), scope_out=("Carrier transit",),
    business_case="Late orders cost 40,000 a month in penalties.",
    team=(TeamMember("Ana Ruiz", "sponsor"), TeamMember("Tom Berg", "champion"),
          TeamMember("Maria Keller", "leader"), TeamMember("Li Wei", "member")),
    milestones=(Milestone("Tollgate Define", date(2026, 1, 30), date(2026, 1, 29)),
                Milestone("Pilot live", date(2026, 3, 16))),
)


def test_a_full_charter_lacks_nothing() -> None:
    assert charter_missing(FULL) == []
    assert charter_sentence(FULL) is None
    assert FULL.leader == "Maria Keller"
    assert FULL.people("member") == ("Li Wei",)


def test_an_empty_charter_says_everything_it_lacks() -> None:
    assert charter_sentence(Charter(problem="x")) == (
        "The charter still needs a goal statement, a business case, what is in scope, what "
        "is out of scope, a sponsor, a leader and milestones with dates.")
    assert charter_sentence(replace(FULL, business_case=" ")) == (
        "The charter still needs a business case.")


def test_milestones_are_late_after_the_review_date_only() -> None:
    pilot = FULL.milestones[1]
    assert not pilot.late(date(2026, 3, 16))  # due that day: not yet late
    assert pilot.late(date(2026, 3, 17))
    assert not FULL.milestones[0].late(date(2026, 12, 1))  # done


def test_progress_runs_from_zero_to_one() -> None:
    p = Project(1, "Lead time", "DMAIC", "Analyze", charter=FULL)
    assert p.progress() == pytest.approx(2 / 5)  # Define and Measure passed of five gates
    assert replace(p, phase="Done").progress() == 1.0 and replace(p, phase="Done").done


def test_benefit_totals_by_kind_and_month() -> None:
    items = [Benefit(date(2026, 4, 1), "hard", 10_000, 8_000),
             Benefit(date(2026, 4, 1), "soft", 2_000, None),
             Benefit(date(2026, 5, 1), "hard", 10_000, 12_500),
             Benefit(date(2026, 6, 1), "hard", 10_000)]
    # expected hard 10,000 × 3 = 30,000; soft 2,000; realised hard 8,000 + 12,500 = 20,500
    assert totals(items) == BenefitTotals(30_000, 2_000, 20_500, 0)
    assert totals(items).expected == 32_000 and totals(items).realised == 20_500
    # to the end of May: expected 20,000 hard + 2,000 soft
    assert totals(items, through=date(2026, 5, 20)) == BenefitTotals(20_000, 2_000, 20_500, 0)
    months = by_month(items)
    assert [m for m, _ in months] == [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
    assert months[0][1] == BenefitTotals(10_000, 2_000, 8_000, 0)


def test_benefits_are_booked_on_months() -> None:
    with pytest.raises(OpsdeskError, match="2026-04-15 is not the first day of a month"):
        check_benefit(Benefit(date(2026, 4, 15), "hard", 1.0))


def test_kpi_estimate_lower_is_better_by_hand() -> None:
    # Lead time: baseline 9.3 days, each day cut is worth 4,000 a month.
    monthly = [(date(2026, 2, 1), 9.1), (date(2026, 3, 1), 7.0), (date(2026, 4, 1), 6.1),
               (date(2026, 5, 1), 9.8)]
    out = kpi_estimate("lower", 9.3, 4_000, monthly, from_month=date(2026, 3, 16))
    assert [e.month for e in out] == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
    # March: (9.3 - 7.0) × 4,000 = 9,200; April: (9.3 - 6.1) × 4,000 = 12,800;
    # May, worse than baseline: (9.3 - 9.8) × 4,000 = -2,000
    assert [e.improvement for e in out] == pytest.approx([2.3, 3.2, -0.5])
    assert [e.estimate for e in out] == pytest.approx([9_200, 12_800, -2_000])


def test_kpi_estimate_higher_is_better_by_hand() -> None:
    # OEE in %: baseline 68, each point worth 6,000 a month; July at 74.5: 6.5 × 6,000 = 39,000
    out = kpi_estimate("higher", 68.0, 6_000, [(date(2026, 7, 1), 74.5)])
    assert out[0].improvement == pytest.approx(6.5)
    assert out[0].estimate == pytest.approx(39_000)


def test_a_band_kpi_gives_no_estimate() -> None:
    with pytest.raises(OpsdeskError, match="no direction of improvement"):
        kpi_estimate("band", 5.0, 100, [(date(2026, 1, 1), 5.0)])
