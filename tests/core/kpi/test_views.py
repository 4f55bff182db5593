"""Bowling chart cells and the trend ChartSpec on a small hand-made KPI."""

from __future__ import annotations

from datetime import date
from typing import Any

from opsdesk.core.kpi.bowling import bowling
from opsdesk.core.kpi.trend_spec import stamp, trend_spec
from opsdesk.core.workspace.row_commands import InsertRows
from tests.core.kpi.helpers import make_kpi


def monthly_kpi(ws: Any) -> int:
    # Jan..Aug 2026 values 90, 92, ..., 104; target 95, raised to 100 from May.
    obs = tuple((f"2026-{m:02d}-10", 88.0 + 2 * m) for m in range(1, 9))
    return make_kpi(ws, "M", targets=({"target": 95}, {"target": 100,
                                        "effective_from": "2026-05-01"}), observations=obs)


def test_bowling_cells(workspace: Any) -> None:
    kpi_id = monthly_kpi(workspace)
    chart = bowling(workspace.conn, date(2026, 8, 20), count=4)
    assert chart.periods == ("2026-04", "2026-05", "2026-06", "2026-07")
    cells = chart.rows[0].cells
    # April 96 vs 95 green; May 98 vs 100 amber; June 100 green; July 102 green.
    assert [(c.value, c.target, c.status) for c in cells] == [
        (96, 95, "green"), (98, 100, "amber"), (100, 100, "green"), (102, 100, "green")]
    assert bowling(workspace.conn, date(2026, 8, 20), kpi_ids=[kpi_id + 1]).rows == ()


def test_trend_spec_parts(workspace: Any) -> None:
    kpi_id = monthly_kpi(workspace)
    workspace.execute(InsertRows("annotations", ({"kpi_id": kpi_id, "ts": "2026-03-01",
                                                  "text": "New line started",
                                                  "created_at": "x"},)))
    spec = trend_spec(workspace.conn, kpi_id, date(2026, 8, 20))
    panel = spec.panels[0]
    names = [s.name for s in panel.series]
    assert names == ["Actual", "Target", "2026-08 to date", "Forecast"]
    target = panel.series[1]
    # The target steps from 95 to 100 at the start of May.
    may = stamp(date(2026, 5, 1))
    assert (target.x[7], target.y[7]) == (may, 95) and (target.x[8], target.y[8]) == (may, 100)
    assert {b.label for b in panel.bands} >= {"green", "amber", "red", "95 % prediction interval"}
    assert [r.label for r in panel.ref_lines] == ["Centre", "UCL", "LCL"]
    assert panel.annotations[0].text == "New line started"
    assert any("Holt" in n for n in spec.notes)
    # A rise of 2 every month: Jan..Jul rising 7 in a row (Nelson test 3 at K = 6).
    assert any("3" in m.text.split(",") for m in panel.markers)


def test_trend_spec_short_history_says_why(workspace: Any) -> None:
    kpi_id = make_kpi(workspace, "S", targets=({"target": 1},),
                      observations=(("2026-01-10", 1.0), ("2026-02-10", 2.0)))
    spec = trend_spec(workspace.conn, kpi_id, date(2026, 3, 5))
    assert any("at least 6 periods" in n for n in spec.notes)


def test_bowling_keeps_a_daily_target_comparable(workspace: Any) -> None:
    # A daily sum KPI with a daily target of 10: in a monthly bowling chart each cell is
    # the mean of its daily values. March 2026: days 1-10 at 12 and 11-20 at 6 ->
    # mean (10 * 12 + 10 * 6) / 20 = 9 -> amber (90 % of 10 = 9).
    obs = tuple((f"2026-03-{d:02d}", 12.0 if d <= 10 else 6.0) for d in range(1, 21))
    make_kpi(workspace, "D", frequency="daily", aggregation="sum",
             targets=({"target": 10},), observations=obs)
    cell = bowling(workspace.conn, date(2026, 4, 2), count=1).rows[0].cells[0]
    assert (cell.value, cell.target, cell.status) == (9, 10, "amber")
