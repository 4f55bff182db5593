"""Before/after with proof: the two-sample test against a textbook example, the verdict's
wording by the KPI's direction, and the SPC evidence worked by hand."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest
from scipy import stats

from opsdesk.core.improve.before_after import before_after
from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.stats.means import two_sample_t

LEAD_TIME = Kpi(1, "Lead time", "", "process", "days", "lower", "monthly", "mean", None, None,
                None, "", "", None, None, None, 1, "nelson", "", None, 0, 0)


def months(n: int, first: date = date(2025, 1, 1)) -> list[date]:
    return [date(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1, 1)
            for k in range(n)]


# Montgomery & Runger, Applied Statistics and Probability for Engineers (5th ed.),
# Example 10-6: arsenic (ppb) in the drinking water of 10 metro Phoenix and 10 rural
# Arizona communities.
PHOENIX = [3, 7, 25, 10, 15, 6, 12, 25, 15, 7]
RURAL = [48, 44, 40, 38, 33, 21, 20, 12, 1, 18]


def test_welch_matches_montgomery_runger_example_10_6() -> None:
    r = two_sample_t(PHOENIX, RURAL)  # the test the verdict rests on
    phoenix, rural = r.groups
    # published: x̄1 = 12.5, s1 = 7.63, x̄2 = 27.5, s2 = 15.3, t0 = -2.77, ν = 13.2,
    # and from the t table with 13 degrees of freedom 0.01 < P-value < 0.02
    assert (phoenix.mean, rural.mean) == (12.5, 27.5)
    assert phoenix.sd == pytest.approx(7.63, abs=0.005)
    assert rural.sd == pytest.approx(15.3, abs=0.05)
    assert r.statistic == pytest.approx(-2.77, abs=0.005)
    assert r.df[0] == pytest.approx(13.2, abs=0.05)
    assert 0.01 < r.p_value < 0.02
    # by hand: Σ(x - 12.5)² = 524.5 and Σ(x - 27.5)² = 2120.5, so s1² = 58.28 and
    # s2² = 235.61; t = -15 / √(58.28/10 + 235.61/10) = -15 / 5.4212 = -2.7669
    ss1 = sum((x - 12.5) ** 2 for x in PHOENIX)
    ss2 = sum((x - 27.5) ** 2 for x in RURAL)
    assert (ss1, ss2) == (524.5, 2120.5)
    assert r.statistic == pytest.approx(-15 / math.sqrt(ss1 / 9 / 10 + ss2 / 9 / 10),
                                        rel=1e-12)
    # and Welch-Satterthwaite by hand: ν = (5.828 + 23.561)² / (5.828²/9 + 23.561²/9)
    q1, q2 = ss1 / 9 / 10, ss2 / 9 / 10
    assert r.df[0] == pytest.approx((q1 + q2) ** 2 / (q1 ** 2 / 9 + q2 ** 2 / 9), rel=1e-12)


def test_the_textbook_example_as_a_before_after_reads_the_wrong_way() -> None:
    arsenic = replace(LEAD_TIME, name="Arsenic", unit="ppb")  # lower is better
    verdict = before_after(arsenic, months(20), [*PHOENIX, *RURAL], date(2025, 11, 3))
    assert verdict.kind == "worsened" and not verdict.proven
    assert verdict.sentence == ("Arsenic rose from 12.5 to 27.5 ppb, the wrong way; the shift "
                                "is statistically clear (p = 0.016).")


BEFORE = [9.0, 9.6, 9.1, 9.5, 9.2, 9.4, 9.3, 9.3]   # mean 9.3
AFTER = [6.0, 6.2, 5.9, 6.3, 6.1, 6.1]              # mean 6.1


def test_a_clear_improvement_is_worded_as_the_issue_says() -> None:
    verdict = before_after(LEAD_TIME, months(14), [*BEFORE, *AFTER], date(2025, 9, 12))
    assert verdict.split_label == "2025-09"  # the month holding the change starts "after"
    assert (verdict.before_n, verdict.after_n) == (8, 6)
    assert verdict.kind == "improved" and verdict.proven
    assert verdict.sentence == ("Lead time fell from 9.3 to 6.1 days; the shift is "
                                "statistically clear (p < 0.001).")


def test_the_limits_evidence_by_hand() -> None:
    verdict = before_after(LEAD_TIME, months(14), [*BEFORE, *AFTER], date(2025, 9, 1))
    d2 = 2 / math.sqrt(math.pi)  # d2(2) = 1.128379
    # before: moving ranges 0.6 0.5 0.4 0.3 0.2 0.1 0.0, MR-bar = 2.1 / 7 = 0.3
    s1 = 0.3 / d2
    # after: moving ranges 0.2 0.3 0.4 0.2 0.0, MR-bar = 1.1 / 5 = 0.22
    s2 = 0.22 / d2
    b, a = verdict.before_limits, verdict.after_limits
    assert b is not None and a is not None
    assert (b.center, b.lcl, b.ucl) == pytest.approx((9.3, 9.3 - 3 * s1, 9.3 + 3 * s1))
    assert (a.center, a.lcl, a.ucl) == pytest.approx((6.1, 6.1 - 3 * s2, 6.1 + 3 * s2))
    # widths 6·s2 / 6·s1 = 0.22 / 0.3 = 0.733: 27 % narrower; after's CL 6.1 < before's LCL 8.5
    assert verdict.limits_text == ("The after stage's centre line (6.1 days) lies below the "
                                   "before stage's lower limit (8.5 days); its limits are 27 % "
                                   "narrower.")


def test_the_run_rule_shift_by_hand() -> None:
    verdict = before_after(LEAD_TIME, months(14), [*BEFORE, *AFTER], date(2025, 9, 1))
    shift = verdict.rule_shift
    assert shift is not None
    # Against the before limits (CL 9.3, sigma 0.266, LCL 8.50) every after point lies below
    # the LCL: test 1 on all six; from the second on 2 of 3 are beyond 2 sigma (test 5);
    # from the fourth on 4 of 5 beyond 1 sigma (test 6). No run of 9 (the last before point
    # sits on the centre line), no trend of 6, no 8 beyond 1 sigma (only 6 points).
    assert (shift.points, shift.signalling, shift.tests, shift.side) == (6, 6, (1, 5, 6),
                                                                         "below")
    assert verdict.rule_text == ("Judged against the before stage's limits, 6 of the 6 points "
                                 "after the change signal (tests 1, 5, 6), below the before "
                                 "centre line.")


def test_noise_is_not_yet_distinguishable() -> None:
    after = [9.2, 9.5, 9.0, 9.3, 9.1, 9.4]  # mean 9.25
    verdict = before_after(LEAD_TIME, months(14), [*BEFORE, *after], date(2025, 9, 1))
    p = stats.ttest_ind(BEFORE, after, equal_var=False).pvalue
    assert p > 0.05
    assert verdict.kind == "not distinguishable" and not verdict.proven
    assert verdict.sentence == (f"Lead time fell from 9.3 to 9.2 days, but the change is not "
                                f"yet distinguishable from noise (p = {p:.3f}).")
    assert verdict.test is not None and verdict.test.p_value == pytest.approx(p)
    assert verdict.rule_text.startswith("None of the 6 points after the change signals")
    assert "within the before stage's limits (8.5 days to 10.1 days)" in verdict.limits_text


def test_higher_is_better_reads_a_fall_as_the_wrong_way() -> None:
    oee = replace(LEAD_TIME, name="OEE", unit="%", direction="higher")
    verdict = before_after(oee, months(14), [*BEFORE, *AFTER], date(2025, 9, 1))
    assert verdict.kind == "worsened"
    assert verdict.sentence.startswith("OEE fell from 9.3 to 6.1 %, the wrong way;")
    rising = before_after(oee, months(14), [*AFTER, *BEFORE], date(2025, 7, 1))
    assert rising.kind == "improved" and rising.sentence.startswith("OEE rose from 6.1 to 9.3 %;")


def test_a_band_kpi_says_it_shifted_without_judging() -> None:
    band = replace(LEAD_TIME, direction="band")
    verdict = before_after(band, months(14), [*BEFORE, *AFTER], date(2025, 9, 1))
    assert verdict.kind == "shifted" and not verdict.proven


def test_too_few_periods_after_the_change() -> None:
    verdict = before_after(LEAD_TIME, months(11), [*BEFORE, *AFTER[:3]], date(2025, 9, 1))
    assert verdict.kind == "too few" and verdict.chart is None
    assert verdict.sentence == ("Lead time has 8 periods before 2025-09 and 3 from then on: a "
                                "before/after needs 4 on each side.")


def test_the_chart_has_a_stage_at_the_implementation_date() -> None:
    verdict = before_after(LEAD_TIME, months(14), [*BEFORE, *AFTER], date(2025, 9, 1))
    assert verdict.chart is not None and verdict.result is not None
    assert [(s.name, s.start, s.stop) for s in verdict.result.stages] == [
        ("before 2025-09", 0, 8), ("from 2025-09", 8, 14)]
    assert verdict.chart.title == "Lead time: before and after 2025-09"
    first = verdict.chart.panels[0]
    assert first.x_axis.kind == "date"
    assert [a.text for a in first.annotations] == ["before 2025-09", "from 2025-09"]

