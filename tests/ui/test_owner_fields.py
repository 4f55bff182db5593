"""Every owner field of the demo workspace picks from its people directory (core/demo/
people.py: Jon Berg, Maria Keller, Lena Fischer, Aisha Rahman, Priya Nair, Tom Weber, Sam
Okafor, each as <first>.<last>@northwind.example): a variant typed into the KPI, project,
action or goal form is stored as the directory spells it, a client's name as typed; the
Actions tab's "my actions" lists the directory and finds actions under variant spellings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from opsdesk.core.improve.action_commands import AddAction
from opsdesk.core.improve.action_store import list_actions
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.goal_store import list_goals
from opsdesk.core.improve.people import Person
from opsdesk.core.improve.people_commands import AddPerson
from opsdesk.core.improve.project_store import list_projects
from opsdesk.core.kpi.definitions import load_kpis
from opsdesk.ui.kpis.kpi_dialog import KpiDialog
from opsdesk.ui.main_window import MainWindow

DIRECTORY = ["Aisha Rahman", "Jon Berg", "Lena Fischer", "Maria Keller", "Priya Nair",
             "Sam Okafor", "Tom Weber"]


def page_of(window: MainWindow) -> Any:
    page = window.show_page_by_key("improvement")
    page.refresh(None)
    return page


def ok(dialog: Any) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(8, button.height() // 2))


def conn(window: MainWindow) -> Any:
    ws = window.ctx.workspace
    assert ws is not None
    return ws.conn


def test_new_action_owner_stored_in_the_directory_s_spelling(demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    page.tabs.setCurrentWidget(page.action_list)
    QTest.mouseClick(page.action_list.add_button, Qt.MouseButton.LeftButton)
    dialog = page.edits.dialog
    assert dialog is not None and dialog.isVisible()
    assert [dialog.owner.itemText(i) for i in range(dialog.owner.count())] == DIRECTORY
    QTest.keyClicks(dialog.title_edit, "Recalibrate the torque tools")
    QTest.keyClicks(dialog.owner, "  maria   KELLER")
    assert dialog.owner.hint.isHidden()
    ok(dialog)
    assert not dialog.isVisible()
    added = next(a for a in list_actions(conn(demo_window))
                 if a.title == "Recalibrate the torque tools")
    assert added.owner == "Maria Keller"


def test_new_project_leader_by_email_and_a_client_kept(demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    QTest.mouseClick(page.portfolio.new_button, Qt.MouseButton.LeftButton)
    dialog = page.edits.dialog
    QTest.keyClicks(dialog.name, "Faster month-end close")
    QTest.keyClicks(dialog.leader, "tom.weber@NORTHWIND.example")
    ok(dialog)
    QTest.mouseClick(page.portfolio.new_button, Qt.MouseButton.LeftButton)
    client = page.edits.dialog
    QTest.keyClicks(client.name, "Supplier onboarding")
    QTest.keyClicks(client.leader, "Ines Costa")  # the client's buyer, not in the directory
    assert not client.leader.hint.isHidden()
    ok(client)
    leaders = {s.project.name: s.project.charter.leader
               for s in list_projects(conn(demo_window), page.work.as_of)}
    assert leaders["Faster month-end close"] == "Tom Weber"
    assert leaders["Supplier onboarding"] == "Ines Costa"


def test_new_goal_owner_stored_in_the_directory_s_spelling(demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    page.tabs.setCurrentWidget(page.strategy)
    QTest.mouseClick(page.strategy.new_button, Qt.MouseButton.LeftButton)
    dialog = page.goal_dialog
    QTest.keyClicks(dialog.title_edit, "Scrap under 1 %")
    QTest.keyClicks(dialog.owner, "aisha rahman")
    QTest.keyClicks(dialog.target, "2027-12-31")
    ok(dialog)
    goal = next(g for g in list_goals(conn(demo_window)) if g.title == "Scrap under 1 %")
    assert goal.owner == "Aisha Rahman"


def test_kpi_owner_picked_from_the_directory(demo_window: MainWindow, monkeypatch: Any
                                             ) -> None:
    page = demo_window.show_page_by_key("kpis")
    shown: list[KpiDialog] = []
    monkeypatch.setattr(KpiDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    page.new_kpi()
    dialog = shown[0]
    assert [dialog.owner.itemText(i) for i in range(dialog.owner.count())] == DIRECTORY
    QTest.keyClicks(dialog.name, "Changeover minutes")
    QTest.keyClicks(dialog.owner, "JON  berg")
    dialog.accept()
    assert demo_window.ctx.execute(dialog.result_command) is not None
    kpi = next(k for k in load_kpis(conn(demo_window)) if k.name == "Changeover minutes")
    assert kpi.owner == "Jon Berg"


def test_my_actions_lists_the_directory_and_finds_variant_spellings(
        demo_window: MainWindow) -> None:
    page = page_of(demo_window)
    tab = page.action_list
    oee = page.work.projects[0].project.id
    # written before Ines was in the directory: her name kept as typed, a variant of hers
    for title, owner in (("Label the spare parts", "ines  COSTA"),
                         ("Send the audit pack", "Outside Auditor")):
        demo_window.ctx.execute(AddAction(Action(0, title, owner, Source("project", oee))))
    demo_window.ctx.execute(AddPerson(Person("Ines Costa", role="Client buyer")))
    names = [tab.owner_box.itemText(i) for i in range(tab.owner_box.count())]
    # everyone in the directory, and the one owner outside it; "ines COSTA" is Ines Costa
    # (same_person), listed once
    assert names == ["Everyone", "Aisha Rahman", "Ines Costa", "Jon Berg", "Lena Fischer",
                     "Maria Keller", "Outside Auditor", "Priya Nair", "Sam Okafor",
                     "Tom Weber"]
    priya = names.index("Priya Nair")
    assert tab.owner_box.itemData(priya, Qt.ItemDataRole.ToolTipRole) == (
        "Priya Nair — Service desk manager, Service desk")
    tab.owner_box.setCurrentIndex(priya)
    owners = [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]
    titles = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
    # the demo's two of Priya's (test_improvement_page)
    assert sorted(owners) == ["Priya Nair", "Priya Nair"]
    assert "Label the spare parts" not in titles
    tab.owner_box.setCurrentIndex(names.index("Ines Costa"))
    owners = [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]
    titles = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
    assert (owners, titles) == (["ines COSTA"], ["Label the spare parts"])  # spacing tidied
