"""The Improvement page on the demo workspace: the actions listed with the overdue ones
marked, one owner's actions, marking one done and undoing it, the incident metrics of a
chosen quarter, and the empty states.

The demo's actions are those of ``opsdesk/core/demo/improvement.py``; the demo pins its
review date at 2026-11-20 (``core/demo/kpi_review.py``), so the open or in-progress
actions due before that day are overdue: by hand, due 2026-09-30 (Sam Okafor),
2026-10-15 (Lena Fischer), 2026-10-31 (Maria Keller), 2026-11-10 and 2026-11-15 (both
Priya Nair): five.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt

from opsdesk.ui.improve.improve_data import Quarter
from opsdesk.ui.kpis.rows_model import ID_ROLE
from opsdesk.ui.main_window import MainWindow


def page_of(window: MainWindow) -> Any:
    page = window.show_page_by_key("improvement")
    page.refresh(None)
    return page


def cells(model: Any, key: str) -> list[Any]:
    col = [c[0] for c in model.columns].index(key)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def overdue_rows(model: Any) -> list[bool]:
    red = [model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
           for r in range(model.rowCount())]
    return red


def test_the_demo_actions_are_listed_with_the_overdue_ones_marked(demo_window: MainWindow) -> None:
    tab = page_of(demo_window).action_list
    assert tab.model.rowCount() == 15  # fifteen actions in the demo
    # most urgent first: the five overdue ones (longest overdue first), each marked
    assert cells(tab.model, "due")[:5] == [
        "2026-09-30 (51 d overdue)", "2026-10-15 (36 d overdue)",
        "2026-10-31 (20 d overdue)", "2026-11-10 (10 d overdue)",
        "2026-11-15 (5 d overdue)"]  # days: 2026-11-20 minus each due date, by hand
    assert overdue_rows(tab.model) == [True] * 5 + [False] * 10
    assert demo_window.current_page().tabs.tabText(1) == "Actions (5 overdue)"


def test_my_actions_and_overdue_only(demo_window: MainWindow) -> None:
    tab = page_of(demo_window).action_list
    tab.set_owner("priya nair")  # case forgiven, as core's same_person
    # Priya Nair owns two actions in the demo, both overdue
    assert cells(tab.model, "owner") == ["Priya Nair", "Priya Nair"]
    tab.set_owner("Sam Okafor")
    assert tab.model.rowCount() == 6  # his six in the demo, one of them overdue
    tab.overdue_box.setChecked(True)
    assert cells(tab.model, "title") == ["Add a recall gate to the model release checklist"]
    tab.set_owner(None)
    assert tab.model.rowCount() == 5


def test_marking_an_action_done_then_undo(demo_window: MainWindow) -> None:
    from opsdesk.core.improve.action_store import get_action

    page = page_of(demo_window)
    tab = page.action_list
    first = tab.model.index(0, 0).data(ID_ROLE)
    tab.select(first)
    assert tab.done_button.isEnabled()
    tab.done_button.click()
    ws = demo_window.ctx.workspace
    assert ws is not None
    action = get_action(ws.conn, first)
    assert action is not None and action.status == "done" and action.done_on == date.today()
    assert overdue_rows(tab.model).count(True) == 4
    assert cells(tab.model, "status")[cells(tab.model, "title").index(action.title)] == "done"
    demo_window.ctx.undo_stack.undo()
    action = get_action(ws.conn, first)
    assert action is not None and action.status == "open" and action.done_on is None
    assert overdue_rows(tab.model).count(True) == 5
    tab.select(first)
    tab.status_box.setCurrentText("in progress")
    tab.status_button.click()
    action = get_action(ws.conn, first)
    assert action is not None and action.status == "in progress"


def test_incident_metrics_are_core_s_for_the_chosen_quarter(demo_window: MainWindow) -> None:
    from opsdesk.core.improve.incident_metrics import incident_metrics, minutes_text
    from opsdesk.core.improve.incident_store import metric_columns

    tab = page_of(demo_window).incidents
    assert [q.label for q in tab.data.quarters] == ["Q4 2026", "Q3 2026"]
    tab.choose(Quarter(2026, 3))
    assert tab.quarter == Quarter(2026, 3)
    # the demo's quarter of incidents: Q3 2026 (thirteen start in it, as the CLI lists)
    assert tab.incidents.rowCount() == 13
    ws = demo_window.ctx.workspace
    assert ws is not None
    start, end = datetime(2026, 7, 1), datetime(2026, 10, 1)
    m = incident_metrics(*metric_columns(ws.conn, start, end), start, end)
    shown = {r["key"]: r for r in tab.metrics.rows}
    for key, d in m.durations.items():
        assert shown[key]["mean"] == minutes_text(d.mean_min)
        assert shown[key]["median"] == minutes_text(d.median_min)
        assert shown[key]["definition"] == d.definition
    assert shown["mtbf"]["mean"] == minutes_text(m.mtbf_min)
    assert shown["mtbf"]["mean"].endswith(" d)")  # weeks between outages: said in days too
    assert shown["availability"]["mean"] == f"{m.availability:.4%}"
    assert m.change_failure_rate is not None
    assert shown["change_failure_rate"]["mean"] == f"{m.change_failure_rate:.1%}"
    # three of the demo's eleven Q3 deployments failed (core/demo/improvement.py)
    assert shown["change_failure_rate"]["n"] == "3 of 11 deployments"
    tab.downtime_box.setCurrentIndex(tab.downtime_box.findData("degraded"))
    wider = incident_metrics(*metric_columns(ws.conn, start, end), start, end, "degraded")
    assert {r["key"]: r for r in tab.metrics.rows}["availability"]["mean"] == \
        f"{wider.availability:.4%}"
    assert wider.availability < m.availability  # degraded time counted as down too


def test_an_empty_workspace_says_what_to_do_first(window: MainWindow) -> None:
    page = page_of(window)
    # each hint names the first step: a button on this page, or the CLI's import
    for tab, step in ((page.portfolio, "New project"), (page.action_list, "Add action"),
                      (page.incidents, "opsdesk incident import")):
        page.tabs.setCurrentWidget(tab)
        assert tab.empty.isVisible() and step in tab.empty.text()
    assert page.portfolio.view.isHidden() and page.incidents.split.isHidden()


def test_portfolio_filters_and_totals(demo_window: MainWindow) -> None:
    tab = page_of(demo_window).portfolio
    # the demo's four projects; under way first, by methodology and phase order
    assert cells(tab.model, "phase") == ["Analyze", "Improve", "Do", "Act"]
    tab.methodology_box.setCurrentText("PDCA")
    assert cells(tab.model, "name") == ["Cut the service-desk backlog",
                                        "Quick changeover on press line 2"]
    tab.status_box.setCurrentText("done")
    assert cells(tab.model, "name") == ["Quick changeover on press line 2"]
    # its benefits as the demo writes them: 62,000 expected, 71,000 realised
    assert "expected 62,000, realised 71,000" in tab.totals.text()


def test_track_an_incident_metric_as_a_kpi_then_undo(demo_window: MainWindow) -> None:
    tab = page_of(demo_window).incidents
    entries = {a.text(): a for a in tab.track_menu.actions()}
    # the demo tracks the weekly count and the time to restore already (core/demo)
    assert not entries["Incidents: tracked as 'Incidents'"].isEnabled()
    assert not entries["Mean time to restore: tracked as 'Mean time to restore'"].isEnabled()
    entries["Mean time to detect (minutes, per incident)"].trigger()
    ws = demo_window.ctx.workspace
    assert ws is not None
    kpi = ws.conn.execute("SELECT id, unit FROM kpis WHERE name = 'Mean time to detect'"
                          ).fetchone()
    assert kpi is not None and kpi[1] == "min"
    # one value per demo incident that was detected
    detected = ws.scalar("SELECT count(*) FROM incidents WHERE detected_at IS NOT NULL")
    assert ws.scalar("SELECT count(*) FROM observations WHERE kpi_id = ?", (kpi[0],)) \
        == detected > 0
    assert "Mean time to detect: tracked as 'Mean time to detect'" in [
        a.text() for a in tab.track_menu.actions()]
    demo_window.ctx.undo_stack.undo()
    assert ws.scalar("SELECT count(*) FROM kpis WHERE name = 'Mean time to detect'") == 0
    assert ws.scalar("SELECT count(*) FROM observations WHERE kpi_id = ?", (kpi[0],)) == 0


def test_goals_added_linked_and_unlinked_on_the_strategy_tab(demo_window: MainWindow) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox

    from opsdesk.core.improve.goal_store import list_goals

    def ok() -> None:
        dialog = page.goal_dialog
        assert dialog is not None
        button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    page = page_of(demo_window)
    page.tabs.setCurrentWidget(page.strategy)
    tab = page.strategy
    # the demo's eight goals (core/demo/strategy.py), six of them off track
    assert tab.model.rowCount() == 8 and "6 off track" in tab.summary.text()
    QTest.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = page.goal_dialog
    assert dialog is not None and dialog.isVisible()
    ok()  # no title: said in the dialog, which stays open
    assert dialog.isVisible() and "needs a title" in dialog.error.text()
    QTest.keyClicks(dialog.title_edit, "Energy per unit down 10 %")
    dialog.pillar.setCurrentText("process")
    QTest.keyClicks(dialog.owner, "Tom Weber")
    QTest.keyClicks(dialog.target, "2027-12-31")
    dialog.serves.setCurrentText("World-class on-time delivery")
    ok()
    assert not dialog.isVisible() and tab.model.rowCount() == 9
    ws = demo_window.ctx.workspace
    assert ws is not None
    new = next(g for g in list_goals(ws.conn) if g.title == "Energy per unit down 10 %")
    tab.select(new.id)
    assert tab.link_button.isEnabled() and not tab.unlink_button.isEnabled()
    QTest.mouseClick(tab.link_button, Qt.MouseButton.LeftButton)
    link = page.goal_dialog
    link.target.setCurrentText("KPI: Energy per unit")
    link.strength.setCurrentText("weak")
    ok()
    tab.select(new.id)
    assert [(r["kind"], r["name"], r["strength"]) for r in tab.links.rows] == [
        ("KPI", "Energy per unit", "weak")]
    # Energy per unit is green in the demo's scorecard, so the goal is on track
    assert next(r for r in tab.model.rows if r["id"] == new.id)["status"] == "on track"
    QTest.mouseClick(tab.unlink_button, Qt.MouseButton.LeftButton)
    tab.select(new.id)
    assert tab.links.rowCount() == 0
    demo_window.ctx.undo_stack.undo()  # the unlink
    demo_window.ctx.undo_stack.undo()  # the link
    demo_window.ctx.undo_stack.undo()  # the goal
    assert tab.model.rowCount() == 8


def test_people_tab_adds_a_person_then_undo(demo_window: MainWindow) -> None:
    from opsdesk.core.improve.people import Person

    page = page_of(demo_window)
    page.tabs.setCurrentWidget(page.people)
    before = page.people.model.rowCount()
    assert before == 7  # the seven owners of the demo (core/demo/people.py)
    page.people.add_requested.emit(Person("Noor Haddad", "Quality", "Quality engineer"))
    assert page.people.model.rowCount() == before + 1
    demo_window.ctx.undo_stack.undo()
    assert page.people.model.rowCount() == before
