"""Saved charts in the workspace: commands with exact undo, labels shared with the PDF
review, stages and edited K from the saved row, and the demo's charts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import chart_commands as cmd
from opsdesk.core.spc.capability_view import capability_for
from opsdesk.core.spc.pareto_sources import chart_sources
from opsdesk.core.spc.saved import compute, kpi_points, list_charts, load_chart, suggest_type
from opsdesk.core.workspace.commands import now_iso


def add_kpi(ws: Any, name: str, rows: list[tuple[str, float, str | None, float | None]],
            **fields: Any) -> int:
    stamp = now_iso()
    with ws.transaction() as conn:
        cols = {"name": name, "created_at": stamp, "updated_at": stamp, **fields}
        kpi = int(conn.execute(
            f"INSERT INTO kpis ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            list(cols.values())).lastrowid)
        conn.executemany(
            "INSERT INTO observations (kpi_id, ts, value, subgroup, sample_size, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(kpi, ts, v, g, n, stamp) for ts, v, g, n in rows])
    return kpi


def test_commands_undo_exactly(workspace: Any) -> None:
    kpi = add_kpi(workspace, "Wait", [(f"2026-01-{d:02d}", float(d % 5), None, None)
                                      for d in range(1, 21)])
    applied = workspace.execute(cmd.NewChart("Wait I-MR", kpi, "i-mr"))
    chart_id = applied.result
    workspace.execute(cmd.ChangeChart(chart_id, "Rules", {"rule_set": "we", "tests": [1, 2]}))
    row = workspace.rows("SELECT rule_set, tests FROM charts")[0]
    assert row == {"rule_set": "we", "tests": "[1, 2]"}
    excl = workspace.execute(cmd.ExcludePoint(chart_id, "2026-01-03", "typo"))
    assert load_chart(workspace.conn, chart_id).exclusions == {"2026-01-03": "typo"}
    workspace.execute(excl.inverse)
    assert load_chart(workspace.conn, chart_id).exclusions == {}
    workspace.execute(applied.inverse)  # deleting the chart...
    assert list_charts(workspace.conn) == []


def test_labels_stages_and_edited_k(workspace: Any) -> None:
    rows = [(f"2026-02-{d:02d}", float(v), None, None)
            for d, v in enumerate([5, 6, 5, 7, 6, 5, 12, 13, 12, 14, 13, 12], start=1)]
    kpi = add_kpi(workspace, "Cycle", rows)
    params = {"test_k": {"2": 3}}
    stages = ({"label": "Before", "starts_at": "2026-02-01"},
              {"label": "After", "starts_at": "2026-02-07"})
    chart_id = workspace.execute(cmd.NewChart("Cycle", kpi, "i-mr", params=params,
                                              stages=stages)).result
    comp = compute(workspace.conn, load_chart(workspace.conn, chart_id))
    result = comp.result
    assert result.labels()[0] == "2026-02-01"  # time stamps label the points
    assert [(s.name, s.start) for s in result.stages] == [("Before", 0), ("After", 6)]
    # stage means by hand: 34/6 and 76/6
    assert result.panels[0].center[0] == pytest.approx(34 / 6)
    assert result.panels[0].center[6] == pytest.approx(76 / 6)
    assert result.panels[0].tests[2] == 3
    assert "Test 2 uses K = 3 (edited)" in result.notes


def test_suggestions_from_the_data(workspace: Any) -> None:
    sub = add_kpi(workspace, "Bore", [("2026-03-01", 1.0 + i / 10, f"g{i // 4}", None)
                                      for i in range(12)])
    counts = add_kpi(workspace, "Rejects", [(f"2026-03-{d:02d}", 3.0, None, 50.0)
                                            for d in range(1, 6)])
    defects = add_kpi(workspace, "Defects", [(f"2026-03-{d:02d}", 3.0, None, None)
                                             for d in range(1, 6)])
    plain = add_kpi(workspace, "Temp", [(f"2026-03-{d:02d}", 20.5, None, None)
                                        for d in range(1, 6)])
    assert suggest_type(kpi_points(workspace.conn, sub)) == "xbar-r"
    assert suggest_type(kpi_points(workspace.conn, counts)) == "p"
    assert suggest_type(kpi_points(workspace.conn, defects)) == "c"
    assert suggest_type(kpi_points(workspace.conn, plain)) == "i-mr"


def test_capability_needs_specs_and_measurements(workspace: Any) -> None:
    kpi = add_kpi(workspace, "Fill", [(f"2026-04-{d:02d}", 10 + (d % 3) / 10, None, None)
                                      for d in range(1, 25)], lsl=9.0, usl=11.0)
    chart_id = workspace.execute(cmd.NewChart("Fill", kpi, "i-mr")).result
    comp = compute(workspace.conn, load_chart(workspace.conn, chart_id))
    view = capability_for(comp)
    # sigma within is the chart's own MR-bar / d2
    assert view.capability.sigma_within == pytest.approx(comp.result.sigma.value)
    assert view.capability.cp == pytest.approx(2 / (6 * comp.result.sigma.value))
    workspace.execute(cmd.ChangeChart(chart_id, "c", {"chart_type": "c"}))
    with pytest.raises(OpsdeskError, match="attributes chart"):
        capability_for(compute(workspace.conn, load_chart(workspace.conn, chart_id)))


def test_demo_charts_all_compute(demo_workspace: Any) -> None:
    conn = demo_workspace.conn
    charts = list_charts(conn)
    types = {c["chart_type"] for c in charts}
    assert {"xbar-r", "xbar-s", "ewma", "cusum", "p", "laney-p", "u", "c", "i-mr",
            "run"} <= types
    seen_stages = seen_exclusion = seen_note = False
    for c in charts:
        chart = load_chart(conn, c["id"])
        comp = compute(conn, chart)
        seen_stages |= len(comp.result.stages) > 1
        seen_exclusion |= bool(comp.result.excluded.any())
        seen_note |= bool(chart.annotations)
    assert seen_stages and seen_exclusion and seen_note
    sources = chart_sources(conn, None, "", None)
    assert any(s.title.startswith("Excluded points") for s in sources)
    assert json.loads(demo_workspace.rows(
        "SELECT params FROM charts WHERE name LIKE 'Throughput%'")[0]["params"])["test_k"]
