"""The project detail's Benefits panel, driven by real events: a cell typed into through
QTest becomes one undoable SetBenefit, Add month and Delete month likewise, a bad number
is said and changes nothing, and the KPI estimate column stands beside the typed realised
one.

The demo's "Raise OEE on line 2" (``core/demo/improvement.py``) books 20,000 expected a
month as hard benefits from April to December 2026 (9 x 20,000 = 180,000), its realised
figures from April to October (9,000 + 14,000 + 17,500 + 19,000 + 21,000 + 18,500 +
20,500 = 119,500), and its OEE link is worth 2,000 a month per point.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from opsdesk.core.improve.benefit_store import list_benefits
from opsdesk.ui import ask
from opsdesk.ui.main_window import MainWindow
from tests.ui.test_project_detail import OEE_PROJECT, click, open_oee, stored


def _row(panel: Any, month: date) -> int:
    return next(r for r, m in enumerate(panel.model.rows) if m.month == month)


def _col(panel: Any, key: str) -> int:
    return [k for k, _h in panel.model.columns].index(key)


def _type_into(qtbot: Any, panel: Any, row: int, col: int, text: str) -> None:
    view = panel.view
    index = panel.model.index(row, col)
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F2)  # the edit key opens the cell's editor
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits and closes its editor on the next turn of the event loop (the
    # panel asks for the command on the turn after: callers wait for what it writes)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def _benefits(window: MainWindow) -> list[tuple[date, str, float | None, float | None]]:
    ws = window.ctx.workspace
    assert ws is not None
    pid = stored(window, OEE_PROJECT).project.id
    return [(s.benefit.month, s.benefit.kind, s.benefit.expected, s.benefit.realised)
            for s in list_benefits(ws.conn, pid)]


def test_the_table_shows_months_totals_and_the_estimate(demo_window: MainWindow) -> None:
    panel = open_oee(demo_window).detail.benefits
    keys = [k for k, _h in panel.model.columns]
    # the estimate stands beside the hard realised figure it estimates
    assert keys == ["month", "hard_expected", "hard_realised", "estimate", "soft_expected",
                    "soft_realised", "note"]
    total = panel.model.rowCount() - 1
    assert panel.model.index(total, 0).data() == "Total"
    assert panel.model.index(total, _col(panel, "hard_expected")).data() == "180,000"
    assert panel.model.index(total, _col(panel, "hard_realised")).data() == "119,500"
    assert panel.model.index(total, _col(panel, "estimate")).data()
    assert "improvement of OEE on its baseline (68 %)" in panel.explanation.text()
    assert panel.per_unit.text() == "2000" and panel.per_unit.isVisible()
    # the charter shows the same totals, read-only: the months are where they are booked
    assert "expected 180,000, realised 119,500" in open_oee(demo_window).detail.charter \
        .benefits.text()
    # neither the totals row nor the estimate is edited in place
    flags = panel.model.flags
    assert not flags(panel.model.index(total, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not flags(panel.model.index(0, _col(panel, "estimate"))) & Qt.ItemFlag.ItemIsEditable


def test_typing_a_realised_figure_is_one_undoable_step(demo_window: MainWindow,
                                                         qtbot: Any) -> None:
    page = open_oee(demo_window)
    panel = page.detail.benefits
    before = _benefits(demo_window)
    nov = date(2026, 11, 1)
    _type_into(qtbot, panel, _row(panel, nov), _col(panel, "hard_realised"), "21,250")
    qtbot.waitUntil(lambda: (nov, "hard", 20000.0, 21250.0) in _benefits(demo_window))
    assert demo_window.ctx.undo_stack.undoText() == "Set hard realised benefit of Nov 2026"
    # the panel shows it once the workspace says so: 119,500 + 21,250 = 140,750
    total = panel.model.rowCount() - 1
    assert panel.model.index(total, _col(panel, "hard_realised")).data() == "140,750"
    assert stored(demo_window, OEE_PROJECT).realised_benefit == 140750.0
    # a soft figure in the same month is a row of its own
    _type_into(qtbot, panel, _row(panel, nov), _col(panel, "soft_expected"), "-500")
    qtbot.waitUntil(lambda: (nov, "soft", -500.0, None) in _benefits(demo_window))
    demo_window.ctx.undo_stack.undo()
    demo_window.ctx.undo_stack.undo()
    assert _benefits(demo_window) == before
    demo_window.ctx.undo_stack.redo()
    assert (nov, "hard", 20000.0, 21250.0) in _benefits(demo_window)


def test_a_bad_number_is_said_and_nothing_changes(demo_window: MainWindow, qtbot: Any,
                                                  nobody_at_the_screen: list[str]) -> None:
    page = open_oee(demo_window)
    panel = page.detail.benefits
    before = _benefits(demo_window)
    _type_into(qtbot, panel, _row(panel, date(2026, 4, 1)), _col(panel, "hard_expected"),
               "lots")
    qtbot.waitUntil(lambda: any("should be a number, not 'lots'" in m
                                for m in nobody_at_the_screen))
    assert _benefits(demo_window) == before
    assert demo_window.ctx.undo_stack.count() == 0


def test_add_month_then_delete_it_each_one_step(demo_window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch,
                                                nobody_at_the_screen: list[str]) -> None:
    page = open_oee(demo_window)
    panel = page.detail.benefits
    before = _benefits(demo_window)
    asked: list[str] = []

    def answer(parent: object, title: str, label: str, default: str = "") -> str:
        asked.append(default)
        return default

    monkeypatch.setattr(ask, "text", answer)
    click(panel.add_button)
    assert asked == ["2027-01"]  # the month after the last one booked
    jan = date(2027, 1, 1)
    assert (jan, "hard", None, None) in _benefits(demo_window)
    panel.select(jan)
    click(panel.delete_button)
    assert _benefits(demo_window) == before
    assert demo_window.ctx.undo_stack.undoText() == "Delete benefits of Jan 2027"
    demo_window.ctx.undo_stack.undo()
    assert (jan, "hard", None, None) in _benefits(demo_window)
    # a month already booked is said, not added twice
    monkeypatch.setattr(ask, "text", lambda *a, **k: "2027-01")
    count = demo_window.ctx.undo_stack.count()
    click(panel.add_button)
    assert demo_window.ctx.undo_stack.count() == count
    assert panel.selected_month() == jan
    assert any("January 2027 is in the table already" in m for m in nobody_at_the_screen)


def test_the_value_per_unit_field_sets_the_kpi_link(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    panel = page.detail.benefits
    panel.per_unit.setFocus()
    panel.per_unit.selectAll()
    QTest.keyClicks(panel.per_unit, "3000")
    QTest.keyClick(panel.per_unit, Qt.Key.Key_Return)
    assert stored(demo_window, OEE_PROJECT).project.kpis[0].value_per_unit == 3000.0
    assert "(3,000 per unit)" in panel.explanation.text()
    demo_window.ctx.undo_stack.undo()
    assert stored(demo_window, OEE_PROJECT).project.kpis[0].value_per_unit == 2000.0
