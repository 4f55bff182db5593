"""One default review date for the app, the CLI, alerts and the PDF (issue 9 item 7,
issue 10 item 7): the day after the newest period with data ends, so months dated on the
1st are judged whole."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from opsdesk.core.kpi.alerts import open_alerts, raise_alerts
from opsdesk.core.kpi.bowling import bowling
from opsdesk.core.kpi.dashboard import dashboard_data
from opsdesk.core.kpi.observations import AddObservations
from opsdesk.core.kpi.review_date import SETTING, review_date
from opsdesk.core.kpi.scorecard import compute_statuses
from opsdesk.core.report.build import resolve_period
from opsdesk.core.report.config import ReportConfig
from tests.core.kpi.helpers import make_kpi

LATER = date(2026, 12, 1)  # a "today" long after the data
MONTHS = tuple((f"2025-{m:02d}-01", 90.0 + m / 2) for m in range(1, 13))


def test_months_dated_on_the_first_are_judged_whole(workspace: Any) -> None:
    make_kpi(workspace, "OTIF", targets=({"target": 95},), observations=MONTHS)
    # December 2025 is the newest period with data; it ends on the 31st.
    assert review_date(workspace.conn, today=LATER) == date(2026, 1, 1)
    as_of = review_date(workspace.conn)
    [status] = compute_statuses(workspace.conn)
    assert (status.as_of, status.period, status.value) == (as_of, "2025-12", 96.0)
    assert status.to_date_value is None  # no December "to date"
    chart = bowling(workspace.conn)
    assert chart.periods[0] == "2025-01" and chart.periods[-1] == "2025-12"  # no 2024-12
    assert resolve_period(workspace.conn, ReportConfig()) == (date(2025, 1, 1),
                                                              date(2025, 12, 31))


def test_while_the_newest_period_runs_the_review_date_is_today(workspace: Any) -> None:
    make_kpi(workspace, "OTIF", observations=(("2026-11-03", 90.0), ("2026-12-01", 91.0)))
    assert review_date(workspace.conn, today=date(2026, 12, 14)) == date(2026, 12, 14)


def test_each_kpi_at_its_own_frequency_and_the_newest_wins(workspace: Any) -> None:
    make_kpi(workspace, "Monthly", observations=(("2025-11-01", 1.0),))
    # Monday 29 December 2025: its ISO week ends on Sunday 4 January 2026.
    make_kpi(workspace, "Weekly", frequency="weekly", observations=(("2025-12-29", 1.0),))
    assert review_date(workspace.conn, today=LATER) == date(2026, 1, 5)


def test_a_pinned_date_and_no_data(workspace: Any) -> None:
    assert review_date(workspace.conn, today=LATER) == LATER
    make_kpi(workspace, "OTIF", observations=MONTHS)
    workspace.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                           (SETTING, json.dumps("2025-07-01")))
    assert review_date(workspace.conn, today=LATER) == date(2025, 7, 1)


def test_alerts_are_raised_as_of_the_same_date(workspace: Any) -> None:
    # As of today (December 2026) this KPI would only be stale. As of the review date
    # (1 January 2026) December 2025 is judged: 96.0 against a target of 100, with the red
    # threshold at 97 % of it (97): red, as the scorecard says.
    kpi_id = make_kpi(workspace, "OTIF", observations=MONTHS, red_percent=97,
                      targets=({"target": 100, "effective_from": "2025-01-01"},))
    raise_alerts(workspace.conn, [kpi_id])
    raised = {(a["kind"], a["period"]) for a in open_alerts(workspace.conn)}
    assert ("red", "2025-12") in raised and not any(kind == "stale" for kind, _ in raised)
    [status] = compute_statuses(workspace.conn)
    assert (status.status, status.period) == ("red", "2025-12")


def test_with_a_pinned_review_date_the_scorecard_and_the_alerts_agree(workspace: Any) -> None:
    # Pinned at 1 July 2025: June 2025 is the newest period judged. Its two readings,
    # 93.0 (the MONTHS row, 90 + 6 / 2) and 93.0 added now, average 93.0, under the red
    # threshold 97 (97 % of the target 100): red for 2025-06. Judged at the clock's date
    # instead (the data end in December 2025) the KPI would be stale, or red for 2025-12.
    kpi_id = make_kpi(workspace, "OTIF", observations=MONTHS, red_percent=97,
                      targets=({"target": 100, "effective_from": "2025-01-01"},))
    workspace.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                           (SETTING, json.dumps("2025-07-01")))
    workspace.execute(AddObservations(kpi_id, ({"ts": "2025-06-20", "value": 93.0},)))
    [status] = compute_statuses(workspace.conn, review_date(workspace.conn))
    assert (status.as_of, status.status, status.period, status.value) == (
        date(2025, 7, 1), "red", "2025-06", 93.0)
    # January to June rise by 0.5 each month: six points in a row increasing, Nelson's
    # test 3, in June; the straight line goes on to 94.5 in September, under 97: the
    # forecast for the quarter the review date falls in (2025-Q3) misses the target.
    assert 3 in status.signals
    raised = {(a["kind"], a["period"]) for a in open_alerts(workspace.conn)}
    assert raised == {("red", "2025-06"), ("signal", "2025-06"), ("forecast_miss", "2025-Q3")}
    assert dashboard_data(workspace.conn, review_date(workspace.conn)).as_of == date(2025, 7, 1)
