"""The People tab on its own (pytest-qt, offscreen): filled with a directory written out
here, filtered to one team, the overdue count marked; New person… driven by key clicks,
a refused name said in the form, the person asked for through ``add_requested``; the
empty and read-only states; and ``people_data`` gathering a workspace's directory."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from opsdesk.core.improve.people import Directory, Person, Team, Workload
from opsdesk.ui.improve.people_data import PeopleData, people_data
from opsdesk.ui.improve.people_tab import ALL_TEAMS, PeopleTab

AS_OF = date(2026, 11, 20)
DIRECTORY = Directory(
    (Person("Aisha Rahman", "Quality", "Quality manager", "aisha@northwind.example"),
     Person("Jon Berg", "Operations", "Operations manager", "jon@northwind.example"),
     Person("Maria Keller", "Operations", "CI lead", "")),
    (Team("Operations", "Jon Berg"), Team("Quality", "Aisha Rahman", "Operations")))
# written out here: (name, open actions, overdue, projects led, projects in)
WORK = [Workload("Aisha Rahman", 0, 0, 0, 1), Workload("Jon Berg", 2, 0, 0, 0),
        Workload("Maria Keller", 3, 1, 2, 0)]


def cells(tab: PeopleTab, key: str) -> list[Any]:
    col = [c[0] for c in tab.model.columns].index(key)
    return [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]


def make(qtbot: Any, data: PeopleData | None = None, read_only: bool = False) -> PeopleTab:
    tab = PeopleTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.show_data(data or PeopleData(AS_OF, DIRECTORY, WORK), read_only)
    return tab


def ok(tab: PeopleTab) -> None:
    dialog = tab.person_dialog
    assert dialog is not None
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_filled_and_filtered_by_team(qtbot: Any) -> None:
    tab = make(qtbot)
    assert [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Name", "Team", "Role", "Email", "Open actions", "Overdue", "Projects led",
        "Projects in"]
    assert cells(tab, "name") == ["Aisha Rahman", "Jon Berg", "Maria Keller"]
    assert cells(tab, "open") == ["0", "2", "3"] and cells(tab, "in") == ["1", "0", "0"]
    # only Maria has an overdue action (WORK above): her cell alone is marked
    col = [c[0] for c in tab.model.columns].index("overdue")
    marked = [tab.model.index(r, col).data(Qt.ItemDataRole.BackgroundRole) is not None
              for r in range(3)]
    assert marked == [False, False, True]
    assert [tab.team_box.itemText(i) for i in range(tab.team_box.count())] == [
        ALL_TEAMS, "Operations", "Quality"]
    assert "3 shown; 3 people in 2 teams" in tab.summary.text()
    tab.team_box.setCurrentText("Operations")
    assert cells(tab, "name") == ["Jon Berg", "Maria Keller"]
    assert "2 shown of Operations" in tab.summary.text()
    # new data keep the team chosen
    tab.show_data(PeopleData(AS_OF, DIRECTORY, WORK), False)
    assert tab.team == "Operations" and tab.model.rowCount() == 2
    tab.set_team(None)
    assert tab.model.rowCount() == 3
    assert tab.empty.isHidden() and not tab.view.isHidden()


def test_new_person_asked_for_through_the_signal(qtbot: Any) -> None:
    tab = make(qtbot)
    QTest.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.person_dialog
    assert dialog is not None and dialog.isVisible()
    assert [dialog.team.itemText(i) for i in range(dialog.team.count())] == [
        "(no team)", "Operations", "Quality"]
    # a name already in the directory (case and spacing forgiven): said in the form
    QTest.keyClicks(dialog.name, "jon  BERG")
    with qtbot.assertNotEmitted(tab.add_requested):
        ok(tab)
    assert dialog.isVisible() and "is in the people directory already" in dialog.error.text()
    dialog.name.clear()
    QTest.keyClicks(dialog.name, "Lena  Fischer ")
    dialog.team.setCurrentText("Quality")
    QTest.keyClicks(dialog.role, "HR and safety manager")
    QTest.keyClicks(dialog.email, "lena at northwind")
    with qtbot.assertNotEmitted(tab.add_requested):
        ok(tab)
    assert "is not an email address" in dialog.error.text()
    dialog.email.clear()
    QTest.keyClicks(dialog.email, "lena@northwind.example")
    with qtbot.waitSignal(tab.add_requested) as asked:
        ok(tab)
    assert asked.args == [Person("Lena Fischer", "Quality", "HR and safety manager",
                                 "lena@northwind.example")]
    assert not dialog.isVisible()


def test_empty_and_read_only(qtbot: Any) -> None:
    tab = make(qtbot, PeopleData(AS_OF, Directory(), []), read_only=True)
    assert not tab.empty.isHidden() and tab.view.isHidden()
    assert "No one in the people directory yet" in tab.empty.text()
    assert not tab.new_button.isEnabled()
    tab.new_person()
    assert tab.person_dialog is None
    tab.show_data(PeopleData(AS_OF, DIRECTORY, WORK), False)
    assert tab.empty.isHidden() and tab.new_button.isEnabled()


def test_people_data_from_a_workspace(tmp_path: Path) -> None:
    from opsdesk.core.improve.action_commands import AddAction
    from opsdesk.core.improve.actions import Action, Source
    from opsdesk.core.improve.incident_commands import ImportIncidents
    from opsdesk.core.improve.incidents import Incident
    from opsdesk.core.improve.people_commands import AddPerson, AddTeam
    from opsdesk.core.improve.project_commands import AddProject, NewProject
    from opsdesk.core.workspace import Workspace

    with Workspace.open(tmp_path / "w.opsdesk", create=True) as ws:
        ws.execute(AddTeam(Team("Operations")))
        ws.execute(AddPerson(Person("Maria Keller", "Operations", "CI lead")))
        oee = ws.execute(AddProject(NewProject("Raise OEE", "DMAIC", "Maria Keller"))).result
        ws.execute(AddAction(Action(0, "Micro-stops", "maria keller", Source("project", oee),
                                    date(2020, 1, 31))))
        # hers: one open, one mitigated (service restored), one resolved (not counted)
        started = datetime(2020, 1, 6, 9, 0)
        ws.execute(ImportIncidents((
            Incident("INC-1", "Line down", started, owner="Maria Keller"),
            Incident("INC-2", "Slow line", started, restored=started, owner="maria keller"),
            Incident("INC-3", "Fixed", started, resolved=started, owner="Maria Keller"))))
        data = people_data(ws.conn)
    # no observations: the review date is today, long after 2020-01-31, so overdue
    assert data.directory == Directory((Person("Maria Keller", "Operations", "CI lead"),),
                                       (Team("Operations"),))
    assert data.workloads == [Workload("Maria Keller", 1, 1, 1, 0, 2)]


def test_people_data_counts_from_rows_already_read(tmp_path: Path) -> None:
    """work_data hands people_data the actions and projects it read: the same workload as
    reading them again (here: one open, overdue action of Maria's, one project she leads)."""
    from opsdesk.core.improve.action_commands import AddAction
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.actions import Action, Source
    from opsdesk.core.improve.people_commands import AddPerson
    from opsdesk.core.improve.project_commands import AddProject, NewProject
    from opsdesk.core.improve.project_store import list_projects
    from opsdesk.core.workspace import Workspace

    with Workspace.open(tmp_path / "w.opsdesk", create=True) as ws:
        ws.execute(AddPerson(Person("Maria Keller")))
        oee = ws.execute(AddProject(NewProject("Raise OEE", "DMAIC", "Maria Keller"))).result
        ws.execute(AddAction(Action(0, "Micro-stops", "Maria  KELLER", Source("project", oee),
                                    date(2026, 1, 31))))
        given = people_data(ws.conn, AS_OF, list_actions(ws.conn),
                            [s.project for s in list_projects(ws.conn, AS_OF)])
        read = people_data(ws.conn, AS_OF)
    assert given == read
    assert given.workloads == [Workload("Maria Keller", 1, 1, 1, 0)]
