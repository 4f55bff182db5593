"""Projects stored in a workspace: add (undoable), read back as the model, find by name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_commands import AddAction
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.project_commands import AddProject, NewProject
from opsdesk.core.improve.project_store import find_project, list_projects
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes

AS_OF = date(2026, 3, 31)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace  # type: ignore[misc]
    workspace.close()


def test_add_read_back_and_undo(ws: Workspace) -> None:
    added = ws.execute(AddProject(NewProject(
        "Cut  lead time", "a3", "Maria Keller", "Plant manager", "Lead time 9.3 days",
        "Under 6 days", started_on=date(2026, 1, 5), due_on=date(2026, 6, 30))))
    assert added.changes == Changes.PROJECTS
    ws.execute(AddAction(Action(0, "Map the flow", "Jon Berg", Source("project", added.result),
                                date(2026, 3, 1))))
    ws.execute(AddAction(Action(0, "Pilot", "Jon Berg", Source("project", added.result),
                                date(2026, 4, 1))))
    (stored,) = list_projects(ws.conn, AS_OF)
    p = stored.project
    # A3 as methodology.A3 spells it, in its first phase (Background); spacing tidied
    assert (p.name, p.methodology, p.phase, p.status) == ("Cut lead time", "A3", "Background",
                                                          "active")
    assert (p.charter.leader, p.charter.people("sponsor")) == ("Maria Keller",
                                                               ("Plant manager",))
    assert (p.charter.problem, p.started_on) == ("Lead time 9.3 days", date(2026, 1, 5))
    # two open actions; one due 03-01, before the review date 03-31: overdue
    assert (stored.actions_open, stored.actions_overdue) == (2, 1)
    assert find_project(ws.conn, "cut lead TIME", AS_OF).project.id == p.id
    assert find_project(ws.conn, str(p.id), AS_OF).project.id == p.id
    ws.execute(added.inverse)
    assert list_projects(ws.conn, AS_OF) == []


def test_refusals(ws: Workspace) -> None:
    ws.execute(AddProject(NewProject("OEE")))
    for new, sentence in (
            (NewProject(" "), "needs a name"),
            (NewProject("oee"), "called 'oee' already"),
            (NewProject("X", "Scrum"), "Unknown methodology 'Scrum'"),
            (NewProject("X", kpi="Nope"), "no KPI 'Nope'"),
            (NewProject("X", started_on=date(2026, 2, 1), due_on=date(2026, 1, 1)),
             "due .* before it starts")):
        with pytest.raises(OpsdeskError, match=sentence):
            ws.execute(AddProject(new))
    with pytest.raises(OpsdeskError, match="no project 'Y'"):
        find_project(ws.conn, "Y", AS_OF)
    assert len(list_projects(ws.conn, AS_OF)) == 1
