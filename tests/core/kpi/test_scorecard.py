"""Scorecard statuses on hand-worked workspaces: weeks, months, quarters, days, changing
targets, late data, stale and no-data KPIs, the period to date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from opsdesk.core.kpi.scorecard import compute_statuses
from tests.core.kpi.helpers import make_kpi


def status_of(ws: Any, kpi_id: int, as_of: date) -> Any:
    return compute_statuses(ws.conn, as_of, [kpi_id])[0]


@pytest.fixture
def monthly(workspace: Any) -> int:
    # Target 100 from the start, raised to 110 from 2026-07-01.
    return make_kpi(
        workspace, "Monthly", targets=({"target": 100}, {"target": 110,
                                        "effective_from": "2026-07-01"}),
        observations=(("2026-06-03", 102), ("2026-06-20", 104),      # June mean 103
                      ("2026-07-10", 105), ("2026-07-31T17:00:00", 107),  # July mean 106
                      ("2026-08-01", 120)))


def test_month_judged_against_the_target_then(workspace: Any, monthly: int) -> None:
    s = status_of(workspace, monthly, date(2026, 8, 15))
    # July is the latest completed month: mean 106 against 110 (red below 99) -> amber.
    assert (s.period, s.value, s.target_value, s.status) == ("2026-07", 106, 110, "amber")
    assert s.red_at == pytest.approx(99.0)
    # June 103 -> July 106: +3, improving (higher is better).
    assert (s.previous, s.change, s.trend) == (103, 3, "improving")
    # August is in progress: shown apart, 120 against 110 -> green.
    assert (s.to_date_period, s.to_date_value, s.to_date_status) == ("2026-08", 120, "green")


def test_as_of_hides_later_data(workspace: Any, monthly: int) -> None:
    s = status_of(workspace, monthly, date(2026, 7, 1))
    # June judged against the old target: 103 >= 100 -> green; July 10 is after as-of.
    assert (s.period, s.value, s.target_value, s.status) == ("2026-06", 103, 100, "green")
    assert s.to_date_value is None


def test_late_data_judges_the_period_before(workspace: Any, monthly: int) -> None:
    # As of 5 Sep: August (ended) holds only Aug 1 (120); drop it to see July judged.
    with workspace.transaction() as conn:  # the one write path, which keeps the sums
        conn.execute("DELETE FROM observations WHERE ts = '2026-08-01'")
    s = status_of(workspace, monthly, date(2026, 9, 5))
    assert (s.period, s.status) == ("2026-07", "amber")


def test_stale_when_two_completed_periods_are_empty(workspace: Any, monthly: int) -> None:
    # As of 2 Oct: September and August completed; August has 120, so not stale yet.
    assert status_of(workspace, monthly, date(2026, 10, 2)).status == "green"
    with workspace.transaction() as conn:  # the one write path, which keeps the sums
        conn.execute("DELETE FROM observations WHERE ts = '2026-08-01'")
    s = status_of(workspace, monthly, date(2026, 10, 2))
    # September and August empty -> stale; last known value July's 106, last date Jul 31.
    assert (s.status, s.period, s.value, s.last_date) == ("stale", "2026-07", 106, "2026-07-31")


def test_no_data(workspace: Any) -> None:
    kpi_id = make_kpi(workspace, "Empty", targets=({"target": 1},))
    assert status_of(workspace, kpi_id, date(2026, 8, 15)).status == "no data"


def test_iso_week_sum_lower_is_better(workspace: Any) -> None:
    # W43 = Mon 19 Oct .. Sun 25 Oct 2026: 5 x 100 + 0 on the Sunday = 500 <= 500: green.
    # W44 = 26 Oct .. 1 Nov: 5 x 110 = 550 = 110 % of 500: amber. 2 Nov starts W45.
    obs = [(f"2026-10-{d}", 100.0) for d in range(19, 24)] + [("2026-10-25", 0.0)]
    obs += [(f"2026-10-{d}", 110.0) for d in range(26, 31)] + [("2026-11-02", 90.0)]
    kpi_id = make_kpi(workspace, "Weekly", direction="lower", frequency="weekly",
                      aggregation="sum", targets=({"target": 500},), observations=tuple(obs))
    s = status_of(workspace, kpi_id, date(2026, 11, 2))
    assert (s.period, s.value, s.status) == ("2026-W44", 550, "amber")
    assert (s.previous_period, s.previous, s.change, s.trend) == ("2026-W43", 500, 50, "worsening")
    assert (s.to_date_period, s.to_date_value) == ("2026-W45", 90)


def test_quarter_last_value_with_red_value(workspace: Any) -> None:
    # Q3 2026 last observation (30 Sep) 6.9 < red value 7 -> red; Q2 was 8.2.
    kpi_id = make_kpi(workspace, "Turns", frequency="quarterly", aggregation="last",
                      red_value=7.0, targets=({"target": 8},),
                      observations=(("2026-06-30", 8.2), ("2026-07-15", 7.5), ("2026-09-30", 6.9)))
    s = status_of(workspace, kpi_id, date(2026, 10, 1))
    assert (s.period, s.value, s.status, s.previous) == ("2026-Q3", 6.9, "red", 8.2)
    assert s.change == pytest.approx(-1.3)
    assert s.trend == "worsening"


def test_daily_judges_yesterday(workspace: Any) -> None:
    kpi_id = make_kpi(workspace, "Daily", frequency="daily", aggregation="sum",
                      targets=({"target": 10},),
                      observations=(("2026-11-19T08:00:00", 4), ("2026-11-19T16:00:00", 5),
                                    ("2026-11-20", 12)))
    s = status_of(workspace, kpi_id, date(2026, 11, 20))
    # 4 + 5 = 9 on the 19th: >= 9 (90 % of 10) -> amber; the 20th is to date.
    assert (s.period, s.value, s.status) == ("2026-11-19", 9, "amber")
    assert (s.to_date_period, s.to_date_value, s.to_date_status) == ("2026-11-20", 12, "green")


def test_band_kpi_and_target_before_first_date(workspace: Any) -> None:
    kpi_id = make_kpi(workspace, "Band", direction="band",
                      targets=({"band_low": 10, "band_high": 20, "band_margin": 2,
                                "effective_from": "2026-03-01"},),
                      observations=(("2026-02-10", 15), ("2026-03-10", 21.5)))
    s = status_of(workspace, kpi_id, date(2026, 4, 2))
    assert (s.period, s.status) == ("2026-03", "amber")  # 21.5 within 2 above 20
    s = status_of(workspace, kpi_id, date(2026, 3, 2))
    assert (s.period, s.status) == ("2026-02", "no target")  # before the band was set


def test_spc_signal_on_latest_period_with_the_kpis_rule_set(workspace: Any) -> None:
    # 20 months alternating 10 and 11 (MR-bar = 1, sigma = 1/1.128 = 0.887, centre about
    # 10.5, UCL about 13.2), then 30: beyond 3 sigma -> test 1 on the latest period.
    values = [10.0 + (i % 2) for i in range(20)] + [30.0]
    obs = tuple((f"{2024 + (i // 12)}-{i % 12 + 1:02d}-15", v) for i, v in enumerate(values))
    kpi_id = make_kpi(workspace, "Spc", targets=({"target": 5},), observations=obs,
                      rule_set="we")
    s = status_of(workspace, kpi_id, date(2025, 10, 1))
    assert s.period == "2025-09"
    assert s.signals == (1,)
    # The month before, under Western Electric rules (1, 2 of 3 beyond 2 sigma, 4 of 5
    # beyond 1 sigma, 8 on one side): every point is within 0.5 of the centre, i.e.
    # inside 1 sigma, and they alternate sides -> no signal.
    assert status_of(workspace, kpi_id, date(2025, 9, 1)).signals == ()
    # Under Nelson's rules the same 20 points are 14+ alternating (test 4) and 15+ in a
    # row within 1 sigma (test 7).
    workspace.conn.execute("UPDATE kpis SET rule_set = 'nelson' WHERE id = ?", (kpi_id,))
    assert status_of(workspace, kpi_id, date(2025, 9, 1)).signals == (4, 7)
