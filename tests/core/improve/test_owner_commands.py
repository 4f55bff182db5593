"""Every command that writes an owner stores the directory's spelling of the person typed
(case, spacing or e-mail forgiven), so the command line and the forms store the same name;
a name outside the directory is kept, its spacing tidied."""

from __future__ import annotations

from datetime import date

from opsdesk.core.improve.action_commands import AddAction, EditAction
from opsdesk.core.improve.action_store import get_action
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.goal_commands import AddGoal, EditGoal
from opsdesk.core.improve.goal_store import list_goals
from opsdesk.core.improve.people import Person
from opsdesk.core.improve.people_commands import AddPerson
from opsdesk.core.improve.project import TeamMember
from opsdesk.core.improve.project_commands import AddProject, NewProject
from opsdesk.core.improve.project_edits import EditProject
from opsdesk.core.improve.project_store import get_project
from opsdesk.core.improve.strategy import Goal
from opsdesk.core.kpi.commands import AddKpi, EditKpi
from opsdesk.core.maps.vsm_burst_commands import AddBurst, EditBurst
from opsdesk.core.maps.vsm_commands import ImportValueStream
from opsdesk.core.maps.vsm_store import load_stream
from opsdesk.core.workspace import Workspace
from tests.core.maps.vsm_examples import acme


def _people(ws: Workspace) -> None:
    ws.execute(AddPerson(Person("Maria Keller", role="CI lead", email="maria@n.example")))
    ws.execute(AddPerson(Person("Jon Berg")))


def test_action_owner(workspace: Workspace) -> None:
    _people(workspace)
    action = Action(0, "Fix the jig", "  maria   KELLER ", Source("alert", None))
    action_id = workspace.execute(AddAction(action)).result
    assert get_action(workspace.conn, action_id).owner == "Maria Keller"
    workspace.execute(EditAction(action_id, {"owner": "JON berg"}))
    assert get_action(workspace.conn, action_id).owner == "Jon Berg"
    workspace.execute(EditAction(action_id, {"owner": " Ines  Costa"}))  # a client's name
    assert get_action(workspace.conn, action_id).owner == "Ines Costa"


def test_kpi_owner(workspace: Workspace) -> None:
    _people(workspace)
    kpi_id = workspace.execute(AddKpi({"name": "Lead time", "owner": "MARIA@n.example"})).result
    owner = "SELECT owner FROM kpis WHERE id = ?"
    assert workspace.conn.execute(owner, (kpi_id,)).fetchone()[0] == "Maria Keller"
    workspace.execute(EditKpi(kpi_id, {"owner": "jon  berg"}))
    assert workspace.conn.execute(owner, (kpi_id,)).fetchone()[0] == "Jon Berg"


def test_goal_owner(workspace: Workspace) -> None:
    _people(workspace)
    goal = Goal(0, "Halve lead time", "process", "1-2 years", "maria keller", date(2027, 12, 31))
    goal_id = workspace.execute(AddGoal(goal)).result
    assert list_goals(workspace.conn)[0].owner == "Maria Keller"
    workspace.execute(EditGoal(goal_id, {"owner": "JON BERG"}))
    assert list_goals(workspace.conn)[0].owner == "Jon Berg"


def _team(ws: Workspace, project_id: int) -> list[tuple[str, str]]:
    stored = get_project(ws.conn, project_id, date(2026, 12, 1))
    assert stored is not None
    return [(m.name, m.role) for m in stored.project.charter.team]


def test_project_leader_sponsor_and_team(workspace: Workspace) -> None:
    _people(workspace)
    project_id = workspace.execute(AddProject(NewProject(
        "Faster changeover", owner="maria@N.example", sponsor=" jon berg"))).result
    assert _team(workspace, project_id) == [("Jon Berg", "sponsor"), ("Maria Keller", "leader")]
    team = (TeamMember("JON BERG", "leader"), TeamMember("ines  costa", "member"))
    workspace.execute(EditProject(project_id, {"team": team}))
    assert _team(workspace, project_id) == [("Jon Berg", "leader"), ("ines costa", "member")]


def test_burst_owner(workspace: Workspace) -> None:
    _people(workspace)
    map_id = workspace.execute(ImportValueStream(acme())).result
    at = load_stream(workspace.conn, map_id).keys[0]
    burst_id = workspace.execute(AddBurst(map_id, at, "SMED", "maria keller")).result
    assert load_stream(workspace.conn, map_id).stream.bursts[0].owner == "Maria Keller"
    workspace.execute(EditBurst(map_id, burst_id, "SMED", "jon@n.example"))
    # Jon has no e-mail in the directory: the address is kept as typed
    assert load_stream(workspace.conn, map_id).stream.bursts[0].owner == "jon@n.example"
