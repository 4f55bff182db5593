"""The portfolio board on the Improvement page, driven by real events: cards by phase in
one swimlane per methodology, a card dropped on a column (real drag-enter and drop events
carrying the card's ``QMimeData``, given to the column's handlers), a mouse drag started
with real presses and moves (the offscreen platform has no drag loop, so ``QDrag.exec``
is replaced by what that loop does at the release), Ctrl+Right / Ctrl+Left and Enter on
a focused card, a double-click, the filters and the totals beside the table's.

The demo (``core/demo/improvement.py``): "Raise OEE on line 2" is a DMAIC project in
Improve led by Maria Keller, due 2026-12-18, expecting 180,000, with three of that
gate's five items ticked (the open ones are "proven" and "rollout", ``methodology.DMAIC``);
"Quick changeover on press line 2" is a PDCA project in Act, done; "Cut the service-desk
backlog" is PDCA in Do; "Retraining pipeline for the defect classifier" DMAIC in
Analyze. The review date is pinned at 2026-11-20.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from opsdesk.core.improve.gate_commands import TickGateItem
from opsdesk.core.improve.project import Charter, Project, TeamMember
from opsdesk.core.improve.project_store import StoredProject, list_projects
from opsdesk.ui import ask
from opsdesk.ui.improve.portfolio_board import PhaseColumn
from opsdesk.ui.improve.portfolio_card import ProjectCard, card_text, dragged_id
from opsdesk.ui.improve.portfolio_tab import BOARD_HINT, OPEN_HINT, PortfolioTab
from opsdesk.ui.kpis.rows_model import ID_ROLE
from opsdesk.ui.main_window import MainWindow

OEE = "Raise OEE on line 2"
AS_OF = date(2026, 11, 20)  # the demo's pinned review date (core/demo/kpi_review.py)
# core's sentence for the OEE project's gate (phase_moves.move, DMAIC's Improve items)
GATE_OPEN = "The Improve gate is not complete, 2 items still open: "


@pytest.fixture(autouse=True)
def table_again() -> Iterator[None]:
    """The view choice lasts while the app runs: the other tests start on the table."""
    yield
    PortfolioTab.remembered_view = "Table"


def board_of(window: MainWindow) -> Any:
    page = window.show_page_by_key("improvement")
    page.refresh(None)
    page.tabs.setCurrentWidget(page.portfolio)
    page.portfolio.set_view("Board")
    return page


def stored(window: MainWindow, name: str) -> StoredProject:
    ws = window.ctx.workspace
    assert ws is not None
    return next(s for s in list_projects(ws.conn, AS_OF) if s.project.name == name)


def card_of(page: Any, name: str) -> ProjectCard:
    cards = page.portfolio.board.cards.values()
    return next(c for c in cards if c.stored.project.name == name)


def place(page: Any, name: str) -> tuple[str, str]:
    column = page.portfolio.board.card_column(card_of(page, name).project_id)
    assert isinstance(column, PhaseColumn)
    return column.lane, column.phase


def deliver(column: PhaseColumn, mime: QMimeData) -> None:
    """A drag over the column and its drop, as real QDragEnterEvent and QDropEvent given
    to the column's handlers (Qt passes drops only inside a platform drag loop, which the
    offscreen platform has none of: there QDrag.exec returns at once)."""
    at, move = QPointF(20, 40), Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at.toPoint(), move, mime, buttons, keys)
    enter.ignore()
    column.dragEnterEvent(enter)
    assert enter.isAccepted()  # the column takes a card
    column.dropEvent(QDropEvent(at, move, mime, buttons, keys))
    QApplication.processEvents()  # the board takes the drop once the drag is over


def drop(page: Any, name: str, lane: str, phase: str) -> None:
    """Drop the card (its drag data) on the column ``phase`` of ``lane``."""
    deliver(page.portfolio.board.columns[(lane, phase)], card_of(page, name).mime())


def tick_the_rest(window: MainWindow) -> None:
    project_id = stored(window, OEE).project.id
    for item in ("proven", "rollout"):
        assert window.ctx.execute(TickGateItem(project_id, "Improve", item)) is not None


def test_cards_by_phase_in_a_lane_per_methodology(demo_window: MainWindow) -> None:
    page = board_of(demo_window)
    board = page.portfolio.board
    assert page.portfolio.stack.currentWidget() is board and board.isVisible()
    # lanes in core's order of methodologies, each with its phases and Done
    assert sorted({lane for lane, _phase in board.columns}) == ["DMAIC", "PDCA"]
    assert [ph for lane, ph in board.columns if lane == "DMAIC"] == [
        "Define", "Measure", "Analyze", "Improve", "Control", "Done"]
    assert place(page, OEE) == ("DMAIC", "Improve")
    assert place(page, "Quick changeover on press line 2") == ("PDCA", "Act")
    assert place(page, "Cut the service-desk backlog") == ("PDCA", "Do")
    card = card_of(page, OEE)
    assert card.name.text() == OEE
    assert card.leader.text() == "Maria Keller"
    assert card.due.text() == "Due 2026-12-18"
    assert card.expected.text() == "Expected 180,000"
    assert card.progress.text() == "60%"  # Improve is phase 4 of 5: 3/5 done, by hand


def test_card_text_marks_an_overdue_project(qapp: Any) -> None:
    p = Project(1, "Shorten the month-end close", "PDCA", "Check",
                charter=Charter(team=(TeamMember("Ana Ruiz", "leader"),)),
                due_on=date(2026, 11, 1))
    s = StoredProject(p, "", 12000.0, None, 3, 1)
    text = card_text(s, AS_OF, finished=False)
    assert text.overdue and text.due == "Overdue 19 d · due 2026-11-01"  # 30 + 20 - 31
    assert text.actions == "3 open, 1 overdue"
    assert (text.expected, text.realised) == ("Expected 12,000", "Realised —")
    assert text.progress == "50%"  # Check is phase 3 of PDCA's 4: 2/4
    assert not card_text(s, AS_OF, finished=True).overdue
    card = ProjectCard(s, text)
    assert "color" in card.due.styleSheet()
    card.resize(150, card.sizeHint().height())
    card.show()
    lines = card.name.lines()  # two lines at most, wrapped at spaces, the rest elided
    assert 1 <= len(lines) <= 2 and lines[0].startswith("Shorten")
    assert " ".join(lines) == p.name or lines[-1].endswith("…")
    card.close()


def test_a_drop_through_an_unchecked_gate_is_refused(demo_window: MainWindow,
                                                     nobody_at_the_screen: list[str]) -> None:
    page = board_of(demo_window)
    steps = demo_window.ctx.undo_stack.count()
    drop(page, OEE, "DMAIC", "Control")
    assert nobody_at_the_screen[-1].startswith(GATE_OPEN)
    assert "Nothing was changed" in nobody_at_the_screen[-1]
    assert stored(demo_window, OEE).project.phase == "Improve"
    assert place(page, OEE) == ("DMAIC", "Improve")  # the card stays where it was
    assert demo_window.ctx.undo_stack.count() == steps


def test_a_drop_through_a_met_gate_moves_and_undo_moves_back(demo_window: MainWindow) -> None:
    page = board_of(demo_window)
    tick_the_rest(demo_window)
    drop(page, OEE, "DMAIC", "Control")
    p = stored(demo_window, OEE).project
    assert p.phase == "Control" and p.history[-1].from_phase == "Improve"
    assert place(page, OEE) == ("DMAIC", "Control")  # the board read it again
    assert demo_window.ctx.undo_stack.undoText() == "Move project to Control"
    demo_window.ctx.undo_stack.undo()
    assert stored(demo_window, OEE).project.phase == "Improve"
    assert place(page, OEE) == ("DMAIC", "Improve")


def test_a_mouse_drag_carries_the_card_to_the_next_column(
        demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = board_of(demo_window)
    tick_the_rest(demo_window)
    card = card_of(page, OEE)
    target = page.portfolio.board.columns[("DMAIC", "Control")]
    carried: list[int | None] = []

    def platform_drag(drag: QDrag, *actions: Any) -> Qt.DropAction:
        """What the platform's drag loop does when the mouse is let go over the column."""
        carried.append(dragged_id(drag.mimeData()))
        assert not drag.pixmap().isNull()  # the card's picture follows the mouse
        deliver(target, drag.mimeData())
        return Qt.DropAction.MoveAction

    monkeypatch.setattr(QDrag, "exec", platform_drag)
    window = demo_window.windowHandle()
    start = card.mapTo(demo_window, card.rect().center())
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(window, start + QPoint(3, 0))  # not yet: under the drag distance
    assert carried == []
    QTest.mouseMove(window, start + QPoint(40, 0))
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(40, 0))
    assert carried == [card.project_id]
    assert stored(demo_window, OEE).project.phase == "Control"
    assert place(page, OEE) == ("DMAIC", "Control")


def test_a_drop_back_asks_a_reason(demo_window: MainWindow,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page = board_of(demo_window)
    monkeypatch.setattr(ask, "text", lambda *a, **k: None)  # cancelled: nothing moves
    drop(page, OEE, "DMAIC", "Analyze")
    assert stored(demo_window, OEE).project.phase == "Improve"
    asked: list[str] = []

    def answer(parent: Any, title: str, label: str, default: str = "") -> str:
        asked.append(label)
        return "Root cause not verified with data"

    monkeypatch.setattr(ask, "text", answer)
    drop(page, OEE, "DMAIC", "Analyze")
    assert "from Improve to Analyze" in asked[0]
    p = stored(demo_window, OEE).project
    assert (p.phase, p.history[-1].reason) == ("Analyze", "Root cause not verified with data")
    assert place(page, OEE) == ("DMAIC", "Analyze")


def test_far_moves_and_other_lanes_are_refused(demo_window: MainWindow,
                                               nobody_at_the_screen: list[str]) -> None:
    page = board_of(demo_window)
    tick_the_rest(demo_window)  # a met gate: only the distance refuses
    steps = demo_window.ctx.undo_stack.count()
    drop(page, OEE, "DMAIC", "Done")  # two ahead: core's sentence
    assert nobody_at_the_screen[-1].startswith(
        "Done is 2 phases ahead of Improve: a project passes one gate at a time "
        "(next: Control).")
    drop(page, OEE, "DMAIC", "Measure")  # two back
    assert nobody_at_the_screen[-1] == (
        f"{OEE} moves back one phase at a time, from Improve to Analyze; nothing was "
        "changed.")
    drop(page, OEE, "PDCA", "Check")  # another methodology's lane
    assert nobody_at_the_screen[-1].startswith(f"{OEE} is a DMAIC project")
    assert stored(demo_window, OEE).project.phase == "Improve"
    assert place(page, OEE) == ("DMAIC", "Improve")
    assert demo_window.ctx.undo_stack.count() == steps


def test_keyboard_moves_the_focused_card_and_enter_opens_it(demo_window: MainWindow,
                                                            qtbot: Any) -> None:
    page = board_of(demo_window)
    tick_the_rest(demo_window)
    demo_window.activateWindow()
    card = card_of(page, OEE)
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    QTest.keyClick(card, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_window, OEE).project.phase == "Control"
    assert place(page, OEE) == ("DMAIC", "Control")
    # a new card, read from core, and still the window's focused one (the write's wait
    # may leave the offscreen window inactive: focusWidget is what it gets back)
    moved = card_of(page, OEE)
    assert demo_window.focusWidget() is moved
    demo_window.ctx.undo_stack.undo()
    assert place(page, OEE) == ("DMAIC", "Improve")
    demo_window.activateWindow()
    card = card_of(page, OEE)
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    QTest.keyClick(card, Qt.Key.Key_Return)
    assert page.tabs.currentWidget() is page.detail
    assert page.detail.project_id == card.project_id


def test_double_click_opens_the_project(demo_window: MainWindow) -> None:
    page = board_of(demo_window)
    card = card_of(page, OEE)
    QTest.mouseDClick(card, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      card.rect().center())
    assert page.tabs.currentWidget() is page.detail
    assert page.detail.project_id == card.project_id


def test_filters_hide_cards_and_totals_match_the_table(demo_window: MainWindow) -> None:
    page = board_of(demo_window)
    tab = page.portfolio
    assert len(tab.board.cards) == 4  # the demo's four projects
    tab.methodology_box.setCurrentText("PDCA")
    assert {lane for lane, _phase in tab.board.columns} == {"PDCA"}
    assert sorted(c.stored.project.name for c in tab.board.cards.values()) == [
        "Cut the service-desk backlog", "Quick changeover on press line 2"]
    tab.status_box.setCurrentText("done")
    assert [c.stored.project.name for c in tab.board.cards.values()] == [
        "Quick changeover on press line 2"]
    board_totals = tab.totals.text()
    # its benefits as the demo writes them: 62,000 expected, 71,000 realised
    assert "expected 62,000, realised 71,000" in board_totals
    tab.set_view("Table")
    rows = [tab.model.index(r, 0).data(ID_ROLE) for r in range(tab.model.rowCount())]
    assert rows == [card_of(page, "Quick changeover on press line 2").project_id]
    assert board_totals.removesuffix(BOARD_HINT) == tab.totals.text().removesuffix(OPEN_HINT)


def test_the_view_chosen_is_kept_while_the_app_runs(demo_window: MainWindow) -> None:
    page = demo_window.show_page_by_key("improvement")
    tab = page.portfolio
    button = tab.view_buttons.button(1)
    assert button.text() == "Board"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentWidget() is tab.board
    assert PortfolioTab().view_name == "Board"
