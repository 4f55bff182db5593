"""The people directory stored in a workspace: people and teams added, edited and deleted,
each undone exactly; refusals are one sentence and change nothing; the workload per
person as of the review date; the demo's directory holds every owner the demo names."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_commands import AddAction
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.people import Directory, Person, Team, Workload
from opsdesk.core.improve.people_commands import (
    AddPerson,
    AddTeam,
    DeletePeople,
    DeleteTeams,
    EditPerson,
    EditTeam,
)
from opsdesk.core.improve.people_store import (
    directory,
    owner_people,
    person_id,
    team_id,
    workloads,
)
from opsdesk.core.improve.project import TeamMember
from opsdesk.core.improve.project_commands import AddProject, NewProject
from opsdesk.core.improve.project_edits import EditProject
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Command


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace
    workspace.close()


def rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every stored row of both tables, stamps included: what an exact undo restores."""
    return [*conn.execute("SELECT * FROM teams ORDER BY id"),
            *conn.execute("SELECT * FROM people ORDER BY id")]


def audit_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def small(ws: Workspace) -> dict[str, int]:
    """Operations with Quality under it; Aisha leads Quality, Jon is in Operations."""
    ids = {"Operations": ws.execute(AddTeam(Team("Operations"))).result,
           "Quality": ws.execute(AddTeam(Team("Quality", parent="operations"))).result}
    ids["Aisha"] = ws.execute(AddPerson(Person("Aisha Rahman", "QUALITY", "Quality manager",
                                               "aisha@northwind.example"))).result
    ids["Jon"] = ws.execute(AddPerson(Person("  Jon   Berg ", "Operations"))).result
    ws.execute(EditTeam(ids["Quality"], {"lead": "aisha rahman"}))
    return ids


def test_added_read_back_by_name_and_undone(ws: Workspace) -> None:
    finance = ws.execute(AddTeam(Team("Finance")))
    assert finance.changes == Changes.PEOPLE
    empty = rows(ws.conn)
    added = [ws.execute(AddPerson(Person(name, "finance"))) for name in
             ("Tom Weber", "Aisha Rahman", "maria keller")]
    assert all(a.changes == Changes.PEOPLE for a in added)
    # ordered by name, case forgiven (A, m, T); the team as the directory spells it
    assert directory(ws.conn) == Directory(
        (Person("Aisha Rahman", "Finance"), Person("maria keller", "Finance"),
         Person("Tom Weber", "Finance")), (Team("Finance"),))
    assert [p.name for p in owner_people(ws.conn)] == ["Aisha Rahman", "maria keller",
                                                       "Tom Weber"]
    assert person_id(ws.conn, "TOM  weber") == added[0].result
    assert team_id(ws.conn, "FINANCE") == finance.result
    for applied in reversed(added):
        ws.execute(applied.inverse)
    assert rows(ws.conn) == empty
    ws.execute(finance.inverse)
    assert directory(ws.conn) == Directory()


def test_edits_and_deletions_undone_exactly(ws: Workspace) -> None:
    ids = small(ws)
    assert directory(ws.conn).people[1] == Person("Jon Berg", "Operations")  # spacing tidied
    steps: list[Command[object]] = [
        EditPerson(ids["Jon"], {"role": "Operations manager", "email": "jon@n.example"}),
        # renamed, Aisha stays the lead of Quality
        EditPerson(ids["Aisha"], {"name": "Aisha Rahman-Khan"}),
        # renamed, Quality keeps Aisha and stays under it
        EditTeam(ids["Operations"], {"name": "Ops"}),
        EditTeam(ids["Quality"], {"lead": "Jon Berg"}),
        DeletePeople((ids["Aisha"],)),
        EditPerson(ids["Jon"], {"team": ""}),
        DeleteTeams((ids["Quality"],)),
    ]
    undo = []
    for command in steps:
        before = rows(ws.conn)
        applied = ws.execute(command)
        assert applied.changes == Changes.PEOPLE
        undo.append((before, applied.inverse))
    assert directory(ws.conn) == Directory(
        (Person("Jon Berg", "", "Operations manager", "jon@n.example"),), (Team("Ops"),))
    for before, inverse in reversed(undo):
        ws.execute(inverse)
        assert rows(ws.conn) == before


def test_renames_follow(ws: Workspace) -> None:
    ids = small(ws)
    ws.execute(EditPerson(ids["Aisha"], {"name": "Aisha Rahman-Khan"}))
    ws.execute(EditTeam(ids["Operations"], {"name": "Ops"}))
    assert directory(ws.conn) == Directory(
        (Person("Aisha Rahman-Khan", "Quality", "Quality manager", "aisha@northwind.example"),
         Person("Jon Berg", "Ops")),
        (Team("Ops"), Team("Quality", "Aisha Rahman-Khan", "Ops")))
    # an edit that changes nothing writes nothing
    count = audit_count(ws.conn)
    assert ws.execute(EditPerson(ids["Jon"], {"team": "OPS"})).changes == Changes.NONE
    assert audit_count(ws.conn) == count


@pytest.mark.parametrize(("command", "said"), [
    (DeleteTeams((2,)), "Aisha Rahman is in Quality; move them to another team before "
     "deleting it; nothing was changed."),
    (DeleteTeams((1,)), "Jon Berg is in Operations; move them"),
    (DeletePeople((1,)), "Aisha Rahman leads Quality; give it another lead first"),
    (AddPerson(Person("AISHA  rahman")), "Someone called 'AISHA rahman' is in the people "
     "directory already"),
    (AddPerson(Person("  ")), "Everyone in the people directory needs a name"),
    (AddPerson(Person("Bo", email="bo at northwind")), "'bo at northwind', the email of Bo, "
     "is not an email address"),
    (AddPerson(Person("Bo", "Finance")), "Bo is in the team 'Finance', which is not in the "
     "directory."),
    (EditPerson(2, {"name": "aisha rahman"}), "Someone called 'aisha rahman'"),
    (EditPerson(2, {"age": "40"}), "A person has no field 'age'"),
    (EditPerson(99, {"role": "Boss"}), "That person is no longer in the people directory"),
    (DeletePeople((2, 99)), "Person 99 is no longer in the people directory"),
    (AddTeam(Team("quality")), "There is a team called 'quality' already"),
    (AddTeam(Team(" ")), "Every team needs a name"),
    (AddTeam(Team("Finance", lead="Aisha Rahmen")), "No one called 'Aisha Rahmen' is in the "
     "people directory, so they cannot be the lead of Finance. Did you mean 'Aisha Rahman'?"),
    (AddTeam(Team("Finance", parent="Head office")), "Finance belongs to 'Head office', "
     "which is not a team."),
    (EditTeam(1, {"parent": "Quality"}), "Operations cannot belong to itself"),
    (EditTeam(1, {"name": "Quality"}), "There is a team called 'Quality' already"),
    (DeleteTeams((1, 2)), "Jon Berg is in Operations"),
])
def test_refusals_are_one_sentence_and_change_nothing(ws: Workspace, command: Command[object],
                                                      said: str) -> None:
    small(ws)  # teams: Operations 1, Quality 2; people: Aisha 1, Jon 2
    before, count = rows(ws.conn), audit_count(ws.conn)
    with pytest.raises(OpsdeskError) as refused:
        ws.execute(command)
    assert said in str(refused.value) and str(refused.value).count(". ") <= 1
    assert rows(ws.conn) == before and audit_count(ws.conn) == count


def test_a_team_under_one_being_deleted_is_named(ws: Workspace) -> None:
    ops = ws.execute(AddTeam(Team("Operations"))).result
    ws.execute(AddTeam(Team("Quality", parent="Operations")))
    ws.execute(AddTeam(Team("Maintenance", parent="Operations")))
    with pytest.raises(OpsdeskError, match="Maintenance and Quality belong to Operations; "
                       "move them under another team first"):
        ws.execute(DeleteTeams((ops,)))


def test_workload_as_of_the_review_date(ws: Workspace) -> None:
    small(ws)
    oee = ws.execute(AddProject(NewProject("Raise OEE", "DMAIC", "Jon Berg"))).result
    ws.execute(EditProject(oee, {"team": (TeamMember("Jon Berg", "leader"),
                                          TeamMember("aisha rahman", "member"))}))
    ws.execute(AddProject(NewProject("Old project", "PDCA", "Aisha Rahman", status="done")))
    for title, owner, due, status, done in (
            ("Sensor fix", "Jon Berg", date(2026, 3, 20), "open", None),
            ("PM routine", "jon  berg", date(2026, 3, 31), "in progress", None),
            ("Audit", "Aisha Rahman", date(2026, 2, 1), "done", date(2026, 2, 3)),
            ("Gauge study", "Aisha Rahman", date(2026, 3, 30), "open", None)):
        ws.execute(AddAction(Action(0, title, owner, Source("project", oee), due, status,
                                    done_on=done)))
    # As of 2026-03-31, overdue = open or in progress and due before it (actions.py):
    # Jon: Sensor fix (03-20) overdue, PM routine due that very day, not; Aisha: Gauge study
    # (03-30) overdue, Audit done. Jon leads the one active project, Aisha is on it; the
    # done project Aisha led does not count.
    assert workloads(ws.conn, date(2026, 3, 31)) == [Workload("Aisha Rahman", 1, 1, 0, 1),
                                                     Workload("Jon Berg", 2, 1, 1, 0)]


def test_the_demo_directory_holds_every_owner(tmp_path: Path) -> None:
    from opsdesk.core.demo import write_demo

    path = tmp_path / "demo.opsdesk"
    write_demo(path)
    with Workspace.open(path, read_only=True) as ws:
        found = directory(ws.conn)
        owners = {r[0] for r in ws.conn.execute(
            "SELECT owner FROM kpis UNION SELECT owner FROM actions UNION SELECT owner FROM "
            "projects UNION SELECT owner FROM goals UNION SELECT facilitator FROM "
            "incident_reviews") if r[0]}
    # the owners the demo's seeders name (grep owner= in opsdesk/core/demo): seven people
    assert sorted(owners) == ["Aisha Rahman", "Jon Berg", "Lena Fischer", "Maria Keller",
                              "Priya Nair", "Sam Okafor", "Tom Weber"]
    assert sorted(p.name for p in found.people) == sorted(owners)
    assert all(p.team and p.role for p in found.people)
    assert [t.name for t in found.teams] == ["AI/ML platform", "Finance", "Operations",
                                             "Quality", "Service desk"]
