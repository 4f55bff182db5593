"""The operations manager's workbook of issue 9 through File › Import, as a user clicks it:
a title row, a merged group row over the column names, percent-formatted cells and one
"n/a"; the check step lists the new KPIs with their proposed meaning, one is changed
before the import, and a second version of the file restates November's OTIF, which the
user chooses to replace (undo puts it back)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView

from tests.cli.test_first_month_review import RESTATED_NOVEMBER_OTIF, workbook
from tests.ui.test_import_wizard import open_wizard, to_check_page


def click(button: QAbstractButton) -> None:
    # Radio buttons are as wide as the page; their text is at the left.
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(30, button.height() // 2))


def double_click(view: QTableView, row: int, column: int) -> None:
    rect = view.visualRect(view.model().index(row, column))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_editor(view: QTableView, kind: type[Any]) -> Any:
    """The cell's editor, the one open now (a closed one waits for deletion)."""
    [editor] = [e for e in view.findChildren(kind) if e.isVisible()]
    return editor


def definitions(window: Any) -> dict[str, tuple[str, str, str]]:
    rows = window.ctx.workspace.rows("SELECT name, direction, unit, aggregation FROM kpis")
    return {r["name"]: (r["direction"], r["unit"], r["aggregation"]) for r in rows}


def otif_november(window: Any) -> float:
    return float(window.ctx.workspace.scalar(
        "SELECT o.value FROM observations o JOIN kpis k ON k.id = o.kpi_id"
        " WHERE k.name = 'OTIF' AND o.ts LIKE '2025-11-01%'"))


def test_client_workbook_through_the_wizard(qtbot: Any, window: Any, tmp_path: Path) -> None:
    first = workbook(tmp_path / "kpis-v1.xlsx", 11, restate=False)
    wizard = open_wizard(qtbot, window, first)
    to_check_page(qtbot, window, wizard)
    page = wizard.check_page
    # The "n/a" is the one problem; the import waits until the user says to skip it.
    assert [(p.row, p.column) for p in page.model.rows] == [(10, "Lead Time (days)")]
    assert not wizard.next_button.isEnabled()
    click(page.skip)
    assert wizard.next_button.isEnabled()
    summary = page.summary.text()
    assert "76 new observations to import" in summary and "1 problem</b> is listed" in summary

    # The proposals, as the lexicon and the lean pack give them (README, "New KPIs").
    page.tabs.setCurrentIndex(1)
    model, view = page.new_kpis, page.new_view
    shown = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert shown == [
        ["OTIF", "Higher is better", "%", "mean", "monthly"],
        ["Lead Time", "Lower is better", "days", "mean", "monthly"],
        ["Scrap", "Lower is better", "", "mean", "monthly"],
        ["Customer complaints", "Lower is better", "count", "sum", "monthly"],
        ["OEE (Line 2)", "Higher is better", "%", "mean", "monthly"],
        ["OEE (Line 3)", "Higher is better", "%", "mean", "monthly"],
        ["Headcount", "Not set (no status)", "", "last", "monthly"],
    ]
    # Headcount: leave it without direction, but give it its unit; Scrap is a ratio.
    double_click(view, 6, 2)
    editor = open_editor(view, QLineEdit)
    QTest.keyClicks(editor, "FTE")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # commits through a queued call
    qtbot.waitUntil(lambda: model.index(6, 2).data() == "FTE")
    double_click(view, 2, 2)
    editor = open_editor(view, QLineEdit)
    QTest.keyClicks(editor, "ratio")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(2, 2).data() == "ratio")
    # And OEE (Line 3)'s aggregation becomes the last value of the month.
    double_click(view, 5, 3)
    combo = open_editor(view, QComboBox)
    combo.setCurrentIndex(combo.findData("last"))
    combo.activated.emit(combo.currentIndex())
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    assert (wizard.summary["rows_imported"], wizard.summary["rows_skipped"]) == (76, 1)
    assert definitions(window) == {
        "OTIF": ("higher", "%", "mean"), "Lead Time": ("lower", "days", "mean"),
        "Scrap": ("lower", "ratio", "mean"), "Customer complaints": ("lower", "count", "sum"),
        "OEE (Line 2)": ("higher", "%", "mean"), "OEE (Line 3)": ("higher", "%", "last"),
        "Headcount": ("none", "FTE", "last")}
    assert otif_november(window) == 94.9  # the cell holds 0.949, formatted as percent

    # Version 2: December is new, November's OTIF is restated.
    wizard = open_wizard(qtbot, window, workbook(tmp_path / "kpis-v2.xlsx", 12, restate=True))
    to_check_page(qtbot, window, wizard)
    page = wizard.check_page
    assert "1 stored value</b> is given differently by the file" in page.summary.text()
    assert "1 is already" not in page.summary.text()
    page.tabs.setCurrentIndex(2)
    row = [page.changed.index(0, c).data() for c in range(5)]
    assert row == ["OTIF", "2025-11-01", "", "94.9", f"{RESTATED_NOVEMBER_OTIF * 100:g}"]
    assert page.keep.isChecked()
    click(page.replace)
    click(page.skip)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    assert (wizard.summary["rows_imported"], wizard.summary["updated"]) == (7, 1)
    assert wizard.finished_text == (
        "7 observations imported from kpis-v2.xlsx; 75 were already in the workspace, "
        "1 skipped, 1 stored value replaced. Edit › Undo takes the whole import back.")
    assert otif_november(window) == 95.9
    [entry] = window.ctx.workspace.rows(
        "SELECT before, after FROM audit_log WHERE entity = 'observations'"
        " AND action = 'update'")
    assert (json.loads(entry["before"]), json.loads(entry["after"])) == (
        {"value": 94.9}, {"value": 95.9})
    window.ctx.undo_stack.undo()  # the whole second import, the replaced value with it
    assert otif_november(window) == 94.9
    assert window.ctx.workspace.scalar(
        "SELECT count(*) FROM observations WHERE ts LIKE '2025-12-01%'") == 0
