"""The KPIs page: scorecard model and proxy, the KPI dialog, detail edits, alerts; every
edit undoable. Expected statuses are the hand-worked ones in kpi_helpers.seed_three."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt

from opsdesk.core.kpi.alerts import open_alerts
from opsdesk.ui.kpis.kpi_dialog import KpiDialog
from opsdesk.ui.kpis.scorecard_model import (
    CHANGE_COLUMN,
    KPI_ID_ROLE,
    PERIOD_COLUMN,
    STATUS_COLUMN,
    TREND_COLUMN,
)
from opsdesk.ui.main_window import MainWindow
from tests.ui.kpi_helpers import seed_three


def kpis_page(window: MainWindow) -> Any:
    assert window.ctx.workspace is not None
    seed_three(window.ctx.workspace)
    page = window.show_page_by_key("kpis")
    page.refresh(None)
    return page


def column(page: Any, col: int) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_scorecard_rows_status_words_and_colours(window: MainWindow) -> None:
    page = kpis_page(window)
    assert column(page, 0) == ["Red KPI", "Amber KPI", "Green KPI"]
    assert column(page, PERIOD_COLUMN) == ["2026-07"] * 3
    assert column(page, STATUS_COLUMN) == ["■ red", "▲ amber", "● green"]
    red = page.proxy.index(0, STATUS_COLUMN)
    assert red.data(Qt.ItemDataRole.BackgroundRole).name() == "#fbd9d7"
    # Change against June, worded by direction: 85 -> 80 worsening; 101 -> 104 improving.
    assert column(page, CHANGE_COLUMN) == ["-5.0 pp", "-1.0 pp", "+3.0 pp"]
    trend = column(page, TREND_COLUMN)
    assert trend[0].endswith("worsening") and trend[2].endswith("improving")


def test_filters_search_and_sort(window: MainWindow) -> None:
    page = kpis_page(window)
    page.pillar.setCurrentText("quality")
    assert column(page, 0) == ["Red KPI", "Green KPI"]
    page.owner.setCurrentText("Bob")
    assert column(page, 0) == ["Green KPI"]
    page.pillar.setCurrentText("All")
    page.owner.setCurrentText("All")
    page.status.setCurrentText("amber")
    assert column(page, 0) == ["Amber KPI"]
    page.status.setCurrentText("All")
    page.search.setText("gre")
    assert column(page, 0) == ["Green KPI"]
    page.search.clear()
    page.table.sortByColumn(STATUS_COLUMN, Qt.SortOrder.DescendingOrder)
    assert column(page, 0)[-1] == "Red KPI"  # worst first when ascending


def test_new_kpi_dialog_validates_then_adds_undoably(window: MainWindow, qtbot: Any) -> None:
    page = kpis_page(window)
    dialog = KpiDialog(page, None, {"Red KPI"})
    qtbot.addWidget(dialog)
    dialog.name.setText("red kpi")
    dialog.accept()
    assert dialog.error.text() == "There is already a KPI named 'red kpi'."
    dialog.name.setText("Scrap rate")
    dialog.direction.setCurrentIndex(dialog.direction.findData("lower"))
    dialog.target.setText("two")
    dialog.accept()
    assert "not 'two'" in dialog.error.text()
    dialog.target.setText("2")
    dialog.red.setText("120%")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    window.ctx.execute(dialog.result_command)
    assert "Scrap rate" in column(page, 0)
    window.undo_action.trigger()
    assert "Scrap rate" not in column(page, 0)


def test_band_fields_follow_direction(window: MainWindow, qtbot: Any) -> None:
    dialog = KpiDialog(None, None, set())
    qtbot.addWidget(dialog)
    dialog.name.setText("Energy")
    dialog.direction.setCurrentIndex(dialog.direction.findData("band"))
    assert dialog.form.isRowVisible(dialog.band_low)
    assert not dialog.form.isRowVisible(dialog.target)
    dialog.accept()
    assert "needs a band" in dialog.error.text()


def test_detail_observations_and_annotation_are_undoable(window: MainWindow) -> None:
    page = kpis_page(window)
    ws = window.ctx.workspace
    assert ws is not None
    red_id = page.proxy.index(0, 0).data(KPI_ID_ROLE)
    page.open_kpi(red_id)
    detail = page.detail
    assert detail.chart is not None and detail.chart.spec.title == "Red KPI"
    assert detail.obs_model.rowCount() == 2
    detail.add_observation({"ts": "2026-08-03", "value": 99.0})
    assert detail.obs_model.rowCount() == 3
    # Edit the July value through the model: 80 -> 92 makes July amber.
    july = next(r for r in range(3) if detail.obs_model.rows[r].ts == "2026-07-10")
    detail.obs_model.setData(detail.obs_model.index(july, 1), "92")
    assert ws.scalar("SELECT value FROM observations WHERE ts = '2026-07-10'"
                     " AND kpi_id = ?", (red_id,)) == 92
    detail.annotate(0, "New line started")
    assert detail.annotations.count() == 1
    for _ in range(3):
        window.undo_action.trigger()
    assert detail.obs_model.rowCount() == 2 and detail.annotations.count() == 0
    assert ws.scalar("SELECT value FROM observations WHERE ts = '2026-07-10'"
                     " AND kpi_id = ?", (red_id,)) == 80


def test_alerts_raised_by_an_edit_and_acknowledged(window: MainWindow) -> None:
    page = kpis_page(window)
    ws = window.ctx.workspace
    assert ws is not None
    page.open_kpi(page.proxy.index(2, 0).data(KPI_ID_ROLE))  # Green KPI
    # Alerts are raised as of the workspace's review date (2026-08-15), as the page judges:
    # July's mean becomes (104 + 50) / 2 = 77, below 90 (90 % of 100): red.
    page.detail.add_observation({"ts": "2026-07-05", "value": 50.0})
    assert [a["kind"] for a in open_alerts(ws.conn)] == ["red"]
    page.refresh(None)
    panel = page.alerts
    assert panel.model.rowCount() == 1 and page.tabs.tabText(2) == "Alerts (1)"
    panel.table.selectionModel().select(
        panel.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    panel.acknowledge_selected()
    assert open_alerts(ws.conn) == [] and panel.model.rowCount() == 0
    window.undo_action.trigger()
    assert len(open_alerts(ws.conn)) == 1


def test_an_alert_opens_a_prefilled_incident(window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    page = kpis_page(window)
    ws = window.ctx.workspace
    assert ws is not None
    page.open_kpi(page.proxy.index(2, 0).data(KPI_ID_ROLE))  # Green KPI, turned red below
    page.detail.add_observation({"ts": "2026-07-05", "value": 50.0})
    page.refresh(None)
    panel = page.alerts
    panel.table.selectRow(0)
    QTest.mouseClick(panel.incident_button, Qt.MouseButton.LeftButton)
    alert = open_alerts(ws.conn)[0]
    row = ws.conn.execute("SELECT title, kpi_id, detection_source FROM incidents").fetchone()
    assert row == (alert["message"], alert["kpi_id"], "alert")
    window.undo_action.trigger()  # one step
    assert ws.scalar("SELECT count(*) FROM incidents") == 0


def test_bowling_tab(window: MainWindow) -> None:
    page = kpis_page(window)
    page.tabs.setCurrentWidget(page.bowling)
    model = page.bowling.model
    assert model.columnCount() == 12 and model.chart.periods[-1] == "2026-07"
    assert model.index(0, 11).data() == "■ 80.0\n100.0"  # Red KPI, July: actual over target


def test_empty_workspace_says_what_to_do(window: MainWindow) -> None:
    page = window.show_page_by_key("kpis")
    page.refresh(None)
    assert not page.empty_hint.isHidden() and "Add KPI pack" in page.empty_hint.text()
    page.add_pack("lean")  # one undoable command adds the eight lean KPIs
    assert page.proxy.rowCount() == 8 and page.empty_hint.isHidden()
    window.undo_action.trigger()
    assert page.proxy.rowCount() == 0


def test_target_dialog_sets_a_stepped_target_undoably(window: MainWindow, qtbot: Any) -> None:
    from opsdesk.ui.kpis.target_dialog import TargetDialog

    page = kpis_page(window)
    page.open_kpi(page.proxy.index(1, 0).data(KPI_ID_ROLE))  # Amber KPI: July 95 vs 100
    kpi = page.detail.kpi
    dialog = TargetDialog(page.detail, kpi, page.as_of)
    qtbot.addWidget(dialog)
    dialog.target.setText("")
    dialog.accept()
    assert "needs a value" in dialog.error.text()
    dialog.target.setText("95")
    dialog.effective.setText("2026-07-01")
    dialog.accept()
    window.ctx.execute(dialog.result_command)
    # From July the target is 95: July's 95 >= 95 -> green; June stays judged against 100.
    assert column(page, STATUS_COLUMN)[1] == "● green"
    assert page.detail.targets.count() == 2
    window.undo_action.trigger()
    assert column(page, STATUS_COLUMN)[1] == "▲ amber"


def test_a_stage_started_from_the_kpi_page_is_undoable(window: MainWindow) -> None:
    # Twelve months near 10, then twelve near 14 (tests/core/kpi/test_stages.py works
    # the limits out by hand): one set of limits flags most points and says where.
    from opsdesk.core.kpi.commands import AddKpi
    from opsdesk.core.workspace.row_commands import InsertRows
    from tests.ui.kpi_helpers import pin_review_date

    ws = window.ctx.workspace
    assert ws is not None
    pin_review_date(ws, "2026-01-10")
    kpi_id = ws.execute(AddKpi({"name": "Line OEE", "rule_set": "we"})).result
    pattern = (0.0, 1.0, 0.5) * 4
    months = [f"{y}-{m:02d}-01" for y in (2024, 2025) for m in range(1, 13)]
    values = [10 + p for p in pattern] + [14 + p for p in pattern]
    ws.execute(InsertRows("observations", tuple(
        {"kpi_id": kpi_id, "ts": t, "value": v} for t, v in zip(months, values, strict=True))))
    page = window.show_page_by_key("kpis")
    page.refresh(None)
    page.open_kpi(kpi_id)
    detail = page.detail
    assert detail.chart is not None and not detail.chart.warnings.isHidden()
    assert "around 2025-01" in detail.chart.warnings.text()
    assert not detail.shift_button.isHidden()
    assert detail.shift_button.text() == "Start a stage at 2025-01…"
    detail.annotate_day(detail.shift_start.isoformat(), "New line started", starts_stage=True)
    assert detail.chart.warnings.isHidden()
    assert detail.shift_button.isHidden()
    assert "(starts a stage)" in detail.annotations.item(0).text()
    window.undo_action.trigger()
    assert not detail.chart.warnings.isHidden() and detail.annotations.count() == 0
    # An existing note can start a stage from the Annotations tab, and stop again.
    detail.annotate_day("2025-01-01", "New line started")
    detail.annotations.setCurrentRow(0)
    detail.toggle_stage()
    assert detail.chart.warnings.isHidden()
    detail.annotations.setCurrentRow(0)
    detail.toggle_stage()
    assert not detail.chart.warnings.isHidden()
