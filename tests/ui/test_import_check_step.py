"""The wizard's check step: the new KPIs' proposed meaning, edited before the import, and
restated values kept or replaced (issue 9, items 1 and 3), driven with real mouse events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from tests.ui.test_import_wizard import open_wizard, to_check_page


def monthly(path: Path, february: float) -> Path:
    path.write_text(f"Month,Headcount,Scrap\n2025-01-01,112,0.02\n2025-02-01,{february},0.018\n",
                    encoding="utf-8")
    return path


def kpi(window: Any, name: str) -> dict[str, Any]:
    [row] = window.ctx.workspace.rows(
        "SELECT direction, aggregation, unit FROM kpis WHERE name = ?", (name,))
    return dict(row)


def test_new_kpis_are_listed_and_edited_before_the_import(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, window, monthly(tmp_path / "m.csv", 113))
    to_check_page(qtbot, window, wizard)
    page = wizard.check_page
    assert page.tabs.tabText(page.tabs.currentIndex()) == "New KPIs (2)"
    model, view = page.new_kpis, page.new_view
    shown = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert shown == [["Headcount", "Not set (no status)", "", "last"],
                     ["Scrap", "Lower is better", "", "mean"]]
    assert "1 has no direction yet" in page.summary.text()
    # Double-click Headcount's direction, pick "Higher is better" in the combo box.
    rect = view.visualRect(model.index(0, 1))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    combo = view.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findData("higher"))
    combo.activated.emit(combo.currentIndex())  # as the user's pick signals it
    assert model.index(0, 1).data() == "Higher is better"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    assert kpi(window, "Headcount") == {"direction": "higher", "aggregation": "last", "unit": ""}
    assert kpi(window, "Scrap")["direction"] == "lower"


def test_restated_values_are_shown_and_replaced_on_request(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, window, monthly(tmp_path / "m.csv", 113))
    to_check_page(qtbot, window, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)

    wizard = open_wizard(qtbot, window, monthly(tmp_path / "m2.csv", 114))
    to_check_page(qtbot, window, wizard)
    page = wizard.check_page
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Changed values (1)"
    row = [page.changed.index(0, c).data() for c in range(5)]
    assert row == ["Headcount", "2025-02-01", "", "113", "114"]
    assert page.keep.isChecked()  # the default keeps what is stored
    # A click on its label (the button is as wide as the page; its text is at the left).
    QTest.mouseClick(page.replace, Qt.MouseButton.LeftButton,
                     pos=QPoint(30, page.replace.height() // 2))
    assert page.update_changed
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    assert wizard.summary["updated"] == 1
    values = "SELECT value FROM observations WHERE ts = '2025-02-01' ORDER BY value"
    assert [r["value"] for r in window.ctx.workspace.rows(values)] == [0.018, 114.0]
    window.ctx.undo_stack.undo()
    assert [r["value"] for r in window.ctx.workspace.rows(values)] == [0.018, 113.0]
