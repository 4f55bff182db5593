"""The project detail on the Improvement page, driven by real events: double-click or
Enter on a portfolio row opens the project, a gate item ticked with the mouse, Next phase
once the gate is met, Back with a reason, a charter field typed into, a new project and
a new action through their dialogs, each undone through the undo stack.

The demo's "Raise OEE on line 2" (``core/demo/improvement.py``) is a DMAIC project in
Improve with three of that gate's five items ticked (solutions, risk, pilot; the two
open ones are "proven" and "rollout", ``methodology.DMAIC``); the next phase is Control,
the one before Analyze. Its OEE link was implemented on 2026-03-30.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox

from opsdesk.core.improve.project_store import get_project, list_projects
from opsdesk.ui import ask
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.improvement_page import PROJECT_TAB

OEE_PROJECT = "Raise OEE on line 2"
AS_OF = date(2026, 11, 20)  # the demo's pinned review date (core/demo/kpi_review.py)


def page_of(window: MainWindow) -> Any:
    page = window.show_page_by_key("improvement")
    page.refresh(None)
    return page


def row_of(page: Any, name: str) -> int:
    model = page.portfolio.model
    col = [c[0] for c in model.columns].index("name")
    return next(r for r in range(model.rowCount()) if model.index(r, col).data() == name)


def double_click_row(page: Any, name: str) -> None:
    view = page.portfolio.view
    rect = view.visualRect(page.portfolio.model.index(row_of(page, name), 1))
    assert rect.isValid()
    # a press first, as a user's double-click starts: the view opens what was pressed
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())


def stored(window: MainWindow, name: str) -> Any:
    ws = window.ctx.workspace
    assert ws is not None
    return next(s for s in list_projects(ws.conn, AS_OF) if s.project.name == name)


def click(widget: Any) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(8, widget.height() // 2))


def open_oee(window: MainWindow) -> Any:
    page = page_of(window)
    double_click_row(page, OEE_PROJECT)
    assert page.tabs.currentWidget() is page.detail
    return page


def test_double_click_opens_the_project_with_its_verdict(demo_window: MainWindow) -> None:
    from opsdesk.core.improve.before_after import before_after
    from opsdesk.core.kpi.aggregate import period_values
    from opsdesk.core.kpi.definitions import load_kpis

    page = open_oee(demo_window)
    detail = page.detail
    assert detail.title.text() == OEE_PROJECT
    assert page.tabs.tabText(PROJECT_TAB) == OEE_PROJECT
    assert detail.gate.phases.text() == ("Define → Measure → Analyze → [Improve] → Control "
                                         "→ Done")  # DMAIC's phases, Improve current
    assert detail.gate.state.text() == "3 of 5 ticked: 2 to go before Control."
    assert not detail.gate.next_button.isEnabled()
    # The panel shows core's verdict on the same data (before_after's own tests check the
    # statistics against a textbook example); the demo's OEE step shows as an improvement.
    ws = demo_window.ctx.workspace
    assert ws is not None
    (kpi,) = [k for k in load_kpis(ws.conn) if k.name == "OEE"]
    pv = period_values(ws.conn, [kpi], AS_OF)[kpi.id]
    verdict = before_after(kpi, [pv.start(i) for i in range(len(pv.keys))],
                           list(pv.values), date(2026, 3, 30))
    assert verdict.kind == "improved"
    assert detail.kpi.verdict.text() == verdict.sentence
    chart = detail.kpi.chart
    assert chart is not None and chart.spec is not None and verdict.chart is not None
    assert chart.spec.title == verdict.chart.title == "OEE: before and after 2026-W14"
    # the stage starts in the period holding 2026-03-30, ISO week 14 of 2026 (a Monday)
    assert detail.kpi.implemented.text() == "2026-03-30"
    detail.back_button.click()
    assert page.tabs.currentWidget() is page.portfolio


def test_enter_on_a_row_opens_it(demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    view = page.portfolio.view
    view.setFocus()
    view.setCurrentIndex(page.portfolio.model.index(row_of(page, "Cut the service-desk backlog"),
                                                    0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert page.tabs.currentWidget() is page.detail
    assert page.detail.title.text() == "Cut the service-desk backlog"
    # no implementation date yet: the panel says what to give
    assert "Give the day the change was made" in page.detail.kpi.verdict.text()


def test_tick_the_gate_then_next_phase_then_undo(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    gate = page.detail.gate
    box = gate.boxes["proven"]
    assert isinstance(box, QCheckBox) and not box.isChecked()
    click(box)
    assert "proven" in stored(demo_window, OEE_PROJECT).project.ticked_in("Improve")
    assert gate.state.text() == "4 of 5 ticked: 1 to go before Control."
    demo_window.ctx.undo_stack.undo()
    assert "proven" not in stored(demo_window, OEE_PROJECT).project.ticked_in("Improve")
    assert not gate.boxes["proven"].isChecked()
    for item in ("proven", "rollout"):
        click(gate.boxes[item])
    assert gate.state.text() == "The gate is met."
    assert gate.next_button.isEnabled() and gate.next_button.text() == "Next phase: Control"
    click(gate.next_button)
    p = stored(demo_window, OEE_PROJECT).project
    assert p.phase == "Control" and p.history[-1].to_phase == "Control"
    assert "passed the Improve gate" in gate.history.text()
    demo_window.ctx.undo_stack.undo()
    p = stored(demo_window, OEE_PROJECT).project
    assert (p.phase, p.history) == ("Improve", ())
    assert gate.next_button.text() == "Next phase: Control"


def test_back_asks_a_reason(demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_oee(demo_window)
    gate = page.detail.gate
    monkeypatch.setattr(ask, "text", lambda *a, **k: None)  # cancelled: nothing moves
    click(gate.back_button)
    assert stored(demo_window, OEE_PROJECT).project.phase == "Improve"
    asked: list[str] = []

    def answer(parent: Any, title: str, label: str, default: str = "") -> str:
        asked.append(label)
        return "Root cause not verified with data"

    monkeypatch.setattr(ask, "text", answer)
    click(gate.back_button)
    assert "from Improve to Analyze" in asked[0]
    p = stored(demo_window, OEE_PROJECT).project
    assert (p.phase, p.history[-1].reason) == ("Analyze", "Root cause not verified with data")
    assert "Root cause not verified with data" in gate.history.text()


def test_a_charter_edit_is_one_undoable_step(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    field = page.detail.charter.fields["scope_in"]
    field.setFocus()
    QTest.keyClicks(field, "Line 2 only")
    page.detail.charter.fields["name"].setFocus()  # leaving the field hands it over
    field.finish()  # offscreen focus changes need the window active; finish as focus-out
    assert stored(demo_window, OEE_PROJECT).project.charter.scope_in == ("Line 2 only",)
    assert "what is in scope" not in page.detail.charter.missing.text()
    assert demo_window.ctx.undo_stack.undoText() == "Edit project in scope"
    demo_window.ctx.undo_stack.undo()
    assert stored(demo_window, OEE_PROJECT).project.charter.scope_in == ()
    assert field.toPlainText() == ""


def test_a_bad_date_is_said_and_nothing_changes(demo_window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_oee(demo_window)
    shown: list[str] = []
    monkeypatch.setattr(demo_window.ctx, "show_error", shown.append)
    field = page.detail.charter.fields["due_on"]
    field.selectAll()
    QTest.keyClicks(field, "next friday")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert shown == ["The due date should be a date like 2026-03-02, not 'next friday'; "
                     "nothing was changed."]
    assert stored(demo_window, OEE_PROJECT).project.due_on == date(2026, 12, 18)  # the demo's


def _ok(dialog: Any) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    click(buttons.button(QDialogButtonBox.StandardButton.Ok))


def test_new_project_through_its_dialog_then_undo(demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    click(page.portfolio.new_button)
    dialog = page.edits.dialog
    assert dialog is not None and dialog.isVisible()
    _ok(dialog)  # no name: said in the dialog, which stays open
    assert dialog.isVisible() and "needs a name" in dialog.error.text()
    QTest.keyClicks(dialog.name, "Cut picking errors")
    dialog.method.setCurrentText("A3")
    QTest.keyClicks(dialog.leader, "Lena Fischer")
    QTest.keyClicks(dialog.due, "2027-03-31")
    dialog.kpi.setCurrentText("OEE")
    _ok(dialog)
    assert not dialog.isVisible()
    s = stored(demo_window, "Cut picking errors")
    # A3 starts in its first phase, Background (methodology.A3)
    assert (s.project.methodology, s.project.phase, s.project.charter.leader, s.kpi,
            s.project.due_on) == ("A3", "Background", "Lena Fischer", "OEE", date(2027, 3, 31))
    assert page.tabs.currentWidget() is page.detail  # the new project opens
    assert page.portfolio.model.rowCount() == 5  # the demo's four and this one
    demo_window.ctx.undo_stack.undo()
    assert page.portfolio.model.rowCount() == 4
    assert not page.tabs.isTabVisible(PROJECT_TAB)


def test_add_action_to_the_open_project(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    before = page.detail.action_rows.rowCount()
    click(page.detail.add_action_button)
    dialog = page.edits.dialog
    assert dialog.project.currentText() == OEE_PROJECT
    QTest.keyClicks(dialog.title_edit, "Train the second shift")
    QTest.keyClicks(dialog.owner, "Jon Berg")
    QTest.keyClicks(dialog.due, "2026-12-01")
    dialog.priority.setCurrentText("high")
    _ok(dialog)
    assert page.detail.action_rows.rowCount() == before + 1
    titles = [r["title"] for r in page.detail.action_rows.rows]
    assert "Train the second shift" in titles
    assert page.action_list.model.rowCount() == 16  # the demo's fifteen and this one
    demo_window.ctx.undo_stack.undo()
    assert page.detail.action_rows.rowCount() == before


def test_add_action_on_the_actions_tab(demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    page.tabs.setCurrentWidget(page.action_list)
    click(page.action_list.add_button)
    dialog = page.edits.dialog
    dialog.project.setCurrentText("Cut the service-desk backlog")
    QTest.keyClicks(dialog.title_edit, "Triage the ERP tickets daily")
    _ok(dialog)
    ws = demo_window.ctx.workspace
    assert ws is not None
    backlog = stored(demo_window, "Cut the service-desk backlog")
    from opsdesk.core.improve.action_store import list_actions

    added = [a for a in list_actions(ws.conn) if a.title == "Triage the ERP tickets daily"]
    assert [(a.source.kind, a.source.ref, a.priority) for a in added] == [
        ("project", backlog.project.id, "medium")]
    assert get_project(ws.conn, backlog.project.id, AS_OF) is not None


def test_a_read_only_workspace_shows_the_project_without_editing(
        demo_window: MainWindow, demo_file: Any) -> None:
    from opsdesk.core.workspace import Workspace

    demo_window.close_workspace()
    demo_window.set_workspace(Workspace.open(demo_file, read_only=True))
    page = open_oee(demo_window)
    detail = page.detail
    assert detail.read_only_note.isVisibleTo(detail)
    assert not detail.gate.boxes["proven"].isEnabled()
    assert not detail.gate.back_button.isEnabled()
    assert not detail.add_action_button.isEnabled()
    assert detail.charter.fields["problem"].isReadOnly()
    assert not page.portfolio.new_button.isEnabled()


def test_a_team_member_picked_from_the_directory_then_undo(
        demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from opsdesk.core.improve.project import TeamMember

    page = open_oee(demo_window)
    before = stored(demo_window, OEE_PROJECT).project.charter.team
    click(page.detail.charter.add_member_button)
    dialog = page.edits.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.role.currentText() == "member"
    QTest.keyClicks(dialog.person, "PRIYA NAIR")  # case forgiven: stored as spelt there
    _ok(dialog)
    assert not dialog.isVisible()
    team = stored(demo_window, OEE_PROJECT).project.charter.team
    assert team == (*before, TeamMember("Priya Nair", "member"))
    assert page.detail.charter.fields["team"].toPlainText().endswith("member: Priya Nair")
    assert demo_window.ctx.undo_stack.undoText() == "Add team member"

    click(page.detail.charter.add_member_button)  # the same one again: said in the dialog
    again = page.edits.dialog
    QTest.keyClicks(again.person, "Priya Nair")
    _ok(again)
    assert again.isVisible() and "already on the team as member" in again.error.text()
    shown: list[str] = []
    monkeypatch.setattr(demo_window.ctx, "show_error", shown.append)
    again.role.setCurrentText("leader")  # a second leader: core refuses, the dialog stays
    _ok(again)
    assert again.isVisible() and shown and "one leader" in shown[0]
    again.reject()

    demo_window.ctx.undo_stack.undo()
    assert stored(demo_window, OEE_PROJECT).project.charter.team == before
