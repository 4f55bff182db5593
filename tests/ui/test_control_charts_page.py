"""The Control charts page: saved charts are created and changed through undoable
commands, points are excluded, annotated and staged by label, the capability panel and
Pareto view follow the chosen chart, and ChartView draws what the spec says."""

from __future__ import annotations

import csv
import json
from typing import Any

import numpy as np

from opsdesk.core.charts import Axis, ChartSpec, Marker, Panel, RefLine, Series
from opsdesk.core.workspace.commands import now_iso
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.widgets.chart_view import ChartView, step_edges
from tests.conftest import DATASETS


def seed_piston_rings(window: MainWindow) -> int:
    """Montgomery's piston rings as a subgrouped KPI with spec limits 73.95 / 74.05."""
    ws = window.ctx.workspace
    assert ws is not None
    with open(DATASETS / "spc" / "pistonrings.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with ws.transaction() as conn:
        stamp = now_iso()
        kpi = conn.execute(
            "INSERT INTO kpis (name, unit, lsl, usl, created_at, updated_at)"
            " VALUES ('Ring diameter', 'mm', 73.95, 74.05, ?, ?)", (stamp, stamp)).lastrowid
        conn.executemany(
            "INSERT INTO observations (kpi_id, ts, value, subgroup, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(kpi, f"2026-01-{int(r['sample']):02d}T{int(r['obs']):02d}:00:00",
              float(r["diameter"]), f"S{int(r['sample']):02d}", stamp) for r in rows
             if int(r["sample"]) <= 31])
    return int(kpi)


def open_page(window: MainWindow) -> Any:
    page = window.show_page_by_key("control-charts")
    page.refresh(None)
    return page


def chart_row(window: MainWindow) -> dict[str, Any]:
    rows = window.ctx.workspace.rows("SELECT * FROM charts")
    assert len(rows) == 1
    return rows[0]


def test_new_chart_suggests_xbar_r_and_draws_it(window: MainWindow, qtbot: Any) -> None:
    kpi = seed_piston_rings(window)
    page = open_page(window)
    assert "No saved charts" in page.problem.text()
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    row = chart_row(window)
    assert row["chart_type"] == "xbar-r"  # subgroups of 5 -> X-bar/R
    spec = page.view.spec
    assert spec is not None and len(spec.panels) == 2
    assert page.chart_list.count() == 1
    # Montgomery's trial limits (samples 1-25 of 25 + 6 later) are near 73.988 / 74.014
    ucl = next(r.value for r in spec.panels[0].ref_lines if r.label.startswith("UCL"))
    assert 74.010 < ucl < 74.018
    window.ctx.undo_stack.undo()
    assert window.ctx.workspace.rows("SELECT * FROM charts") == []


def test_exclude_include_annotate_are_undoable(window: MainWindow, qtbot: Any) -> None:
    kpi = seed_piston_rings(window)
    page = open_page(window)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    page.exclude(3, "gauge dropped")
    qtbot.waitUntil(lambda: page.current is not None and page.current.result.excluded[3])
    stored = window.ctx.workspace.rows("SELECT point_label, reason FROM chart_exclusions")
    assert stored == [{"point_label": "S04", "reason": "gauge dropped"}]
    data = page.view.spec.panels[0].series[0]
    assert list(data.hollow)[3] is True or bool(list(data.hollow)[3])
    reasons = [m.reason for m in page.view.spec.panels[0].markers if m.role == "excluded"]
    assert reasons == ["Excluded from the limits: gauge dropped"]
    page.include(3)
    qtbot.waitUntil(lambda: not page.current.result.excluded[3])
    window.ctx.undo_stack.undo()  # the exclusion comes back
    qtbot.waitUntil(lambda: page.current.result.excluded[3])
    page.annotate(5, "new operator")
    qtbot.waitUntil(lambda: any(a.text == "new operator"
                                for a in page.view.spec.panels[0].annotations))
    notes = window.ctx.workspace.rows("SELECT point_label, text FROM annotations")
    assert notes == [{"point_label": "S06", "text": "new operator"}]


def test_rules_tests_baseline_and_stages(window: MainWindow, qtbot: Any) -> None:
    kpi = seed_piston_rings(window)
    page = open_page(window)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    page.set_rule_set("we")
    qtbot.waitUntil(lambda: chart_row(window)["rule_set"] == "we")
    assert set(page.current.result.panels[0].tests) == {1, 2, 5, 6}
    page.set_tests([1, 2])
    qtbot.waitUntil(lambda: set(page.current.result.panels[0].tests) == {1, 2})
    assert json.loads(chart_row(window)["tests"]) == [1, 2]
    page.set_baseline(0, 24)
    qtbot.waitUntil(lambda: page.current.result.estimated.sum() == 25)
    assert json.loads(chart_row(window)["baseline"])[-1] == "S25"
    page.start_stage(25, "After repair")
    qtbot.waitUntil(lambda: len(page.current.result.stages) == 2)
    assert [s.name for s in page.current.result.stages] == ["Stage 1", "After repair"]
    window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: len(page.current.result.stages) == 1)
    page.set_chart_type("xbar-s")
    qtbot.waitUntil(lambda: page.current.result.chart == "xbar-s")


def test_capability_and_pareto_follow_the_chart(window: MainWindow, qtbot: Any) -> None:
    kpi = seed_piston_rings(window)
    page = open_page(window)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    panel = page.capability
    assert panel.message.isHidden()
    model = panel.model
    first = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Cpk / Ppk" in first and "PPM total (observed)" in first
    assert panel.histogram.spec is not None
    assert "Anderson-Darling" in panel.verdict.text()
    # Samples 1-31 give no signal: no word on stability. A 32nd sample at 74.2, far above
    # the UCL of about 74.014, is a special cause: the indices then come with the word
    # that the process is not in control.
    assert not any(p.signals() for p in page.current.result.panels)
    assert panel.stability.isHidden()
    window.ctx.execute(InsertRows("observations", tuple(
        {"kpi_id": kpi, "ts": f"2026-02-01T{h:02d}:00:00", "value": 74.2, "subgroup": "S32"}
        for h in range(1, 6))))
    qtbot.waitUntil(lambda: not panel.stability.isHidden())
    assert panel.stability.text().startswith("The process is not in statistical control")
    page.exclude(2, "gauge dropped")
    qtbot.waitUntil(lambda: any(s.title.startswith("Excluded points by reason")
                                for s in page.pareto.sources))
    assert page.pareto.view.spec is not None
    assert page.pareto.view.spec.panels[0].y2_series  # cumulative percent line
    page.set_chart_type("c")
    qtbot.waitUntil(lambda: page.current.result.chart == "c")
    assert "attributes chart" in panel.message.text()


def test_chart_view_draws_markers_steps_and_tooltips(qtbot: Any) -> None:
    view = ChartView()
    qtbot.addWidget(view)
    x = [0.0, 1.0, 2.0, 3.0]
    spec = ChartSpec("T", (Panel(
        "p", Axis("x"), Axis("y"),
        series=(Series("data", x, [1.0, None, 3.0, 9.0], hollow=(False, False, True, False)),
                Series("UCL", x, [5.0, 5.0, 6.0, 6.0], role="limit", step=True)),
        ref_lines=(RefLine("CL = 2", value=2.0),),
        markers=(Marker(3.0, 9.0, "Test 1: beyond", text="1"),)),), notes=("σ = MR̄/d2",))
    view.set_spec(spec)
    assert len(view.plots) == 1
    assert view.marker_items[0].points()[0].data() == "Test 1: beyond"
    assert view.notes.text() == "σ = MR̄/d2"
    assert step_edges(np.array(x)).tolist() == [-0.5, 0.5, 1.5, 2.5, 3.5]
    with qtbot.waitSignal(view.point_clicked, timeout=1000, raising=False):
        pass
    view.set_spec(None)
    assert view.plots == []


def test_edit_k_and_suggested_type(window: MainWindow, qtbot: Any) -> None:
    kpi = seed_piston_rings(window)
    page = open_page(window)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    assert page.chart_type.currentText() == "X̄-R chart (suggested)"
    page.set_test_k(2, 7)
    qtbot.waitUntil(lambda: page.current.result.panels[0].tests.get(2) == 7)
    assert json.loads(chart_row(window)["params"])["test_k"] == {"2": 7}
    window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: page.current.result.panels[0].tests.get(2) == 9)


def test_baseline_from_a_dragged_range(window: MainWindow, qtbot: Any) -> None:
    kpi = seed_piston_rings(window)
    page = open_page(window)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    page.baseline_button.setChecked(True)
    assert page._region is not None and page.apply_baseline.isVisible()
    x = page.current.x
    page._region.setRegion((float(x[4]) - 1, float(x[19]) + 1))  # points 5 to 20
    page.apply_baseline.click()
    qtbot.waitUntil(lambda: page.current.result.estimated.sum() == 16)
    assert json.loads(chart_row(window)["baseline"]) == [f"S{i:02d}" for i in range(5, 21)]
    assert not page.baseline_button.isChecked()
