"""The Data page, used as a Minitab user would: paste a range from Excel, type a cell,
chart a column, undo, and keep a column as a KPI — with real keys and clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from opsdesk.core.worksheet.store import list_worksheets
from opsdesk.ui import ask
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.data_page import DataPage
from opsdesk.ui.worksheet.save_kpi_dialog import SaveChoice

# Tab-separated rows, as Excel copies a range.
RANGE = "Day\tDiameter\n2026-03-02\t10\n2026-03-03\t12\n2026-03-04\t11\n2026-03-05\t13\n" \
        "2026-03-06\t12\n"


def data_page(window: MainWindow) -> DataPage:
    page = window.show_page_by_key("data")
    assert isinstance(page, DataPage)
    return page


def settle(window: MainWindow) -> None:
    QApplication.processEvents()
    window.ctx.worker.wait_until_idle()
    QApplication.processEvents()


def test_paste_chart_type_undo(window: MainWindow) -> None:
    page = data_page(window)
    assert page.hint.isVisible()  # an empty page says what to do
    QApplication.clipboard().setText(RANGE)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    (sheet,) = list_worksheets(window.ctx.workspace.conn)  # type: ignore[union-attr]
    assert sheet.name == "Sheet 1" and sheet.grid.names == ("Day", "Diameter")
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Diameter"
    # The chart came at once: I-MR of the numbers column (Montgomery 6.4: centre 11.6,
    # UCL = 11.6 + 3 x 1.5 / 1.128379 = 15.588).
    assert page.panel.control.value_box.currentText() == "Diameter"
    assert "centre 11.6, UCL 15.588" in page.results.text.toPlainText()

    # Type 14 over the first value: F2, the text, Enter.
    page.table.setCurrentIndex(page.model.index(0, 1))
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "14")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    settle(window)
    assert page.model.index(0, 1).data() == "14"
    assert "centre 12.4" in page.results.text.toPlainText()  # (14+12+11+13+12)/5
    window.ctx.undo_stack.undo()
    settle(window)
    assert page.model.index(0, 1).data() == "10"
    assert "centre 11.6" in page.results.text.toPlainText()


def test_a_bad_limit_or_a_gap_is_one_sentence_and_nothing_changes(
        window: MainWindow, nobody_at_the_screen: list[str]) -> None:
    page = data_page(window)
    page.paste(RANGE)
    settle(window)
    page.panel.control.lsl_box.setText("ten")
    QTest.mouseClick(page.panel.run_button, Qt.MouseButton.LeftButton)
    assert nobody_at_the_screen[-1] == "The LSL 'ten' is not a number."
    page.panel.control.lsl_box.clear()
    page.edit_cell(1, 1, "")  # a blank above the column's last value
    settle(window)
    assert page.results.text.toPlainText() == "Row 2, column 'Diameter' is empty."


def test_a_column_saved_as_a_kpi_with_its_chart(window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = data_page(window)
    page.paste(RANGE)
    settle(window)
    monkeypatch.setattr(ask, "save_as_kpi", lambda parent, columns, values, chart:
                        SaveChoice("Shaft diameter", values, "Day", "mm"))
    QTest.mouseClick(page.panel.save_button, Qt.MouseButton.LeftButton)
    settle(window)
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    assert conn.execute("SELECT name, unit FROM kpis").fetchall() == [("Shaft diameter", "mm")]
    assert conn.execute("SELECT count(*) FROM observations").fetchone() == (5,)
    assert conn.execute("SELECT name FROM charts").fetchall() == [
        ("Shaft diameter: I-MR chart",)]
    window.ctx.undo_stack.undo()
    settle(window)
    assert conn.execute("SELECT count(*) FROM kpis").fetchone() == (0,)


def test_a_file_opens_as_a_worksheet(window: MainWindow, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    csv = tmp_path / "trial.csv"
    csv.write_text(RANGE.replace("\t", ","), encoding="utf-8")
    monkeypatch.setattr(ask, "open_file", lambda parent, title, filters: csv)
    page = data_page(window)
    QTest.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert [s.name for s in page.sheets] == ["trial"]
    assert page.current() is not None and page.current().grid.height == 5  # type: ignore[union-attr]
