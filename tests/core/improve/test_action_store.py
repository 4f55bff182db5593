"""Actions stored in a workspace: add, edit, delete with undo; sources and their labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_commands import AddAction, DeleteActions, EditAction
from opsdesk.core.improve.action_store import list_actions
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.incident_commands import ImportIncidents
from opsdesk.core.improve.incident_store import list_incidents
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from tests.core.improve.test_incident_metrics import INCIDENTS


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace  # type: ignore[misc]
    workspace.close()


def _project(ws: Workspace) -> int:
    from opsdesk.core.workspace.row_commands import InsertRows

    row = {"name": "Cut lead time", "created_at": "x", "updated_at": "x"}
    return ws.execute(InsertRows("projects", (row,))).result[0]


def test_add_list_edit_delete_and_undo(ws: Workspace) -> None:
    project = _project(ws)
    ws.execute(ImportIncidents((INCIDENTS[1],)))
    incident = list_incidents(ws.conn)[0].id
    a = ws.execute(AddAction(Action(0, "Pick list redesign", "Maria  Keller",
                                    Source("project", project), date(2026, 4, 15))))
    assert a.changes == Changes.ACTIONS
    b = ws.execute(AddAction(Action(0, "Canary stage", "Sam Okafor",
                                    Source("incident review", incident), date(2026, 2, 1),
                                    "in progress", "high"))).result
    listed = list_actions(ws.conn)
    assert [(x.id, x.owner, x.source.label) for x in listed] == [
        (a.result, "Maria Keller", "Cut lead time"),   # spacing tidied, name from the row
        (b, "Sam Okafor", "I1 I1")]                     # the incident's key and title
    assert listed[1].priority == "high" and listed[1].source.ref == incident

    done = ws.execute(EditAction(b, {"status": "done", "done_on": date(2026, 1, 30)}))
    assert list_actions(ws.conn)[1].status == "done"
    assert ws.execute(EditAction(b, {"status": "done"})).changes == Changes.NONE
    ws.execute(done.inverse)
    assert list_actions(ws.conn)[1].status == "in progress"

    gone = ws.execute(DeleteActions((a.result,)))
    assert [x.id for x in list_actions(ws.conn)] == [b]
    ws.execute(gone.inverse)
    assert len(list_actions(ws.conn)) == 2


def test_refusals_change_nothing(ws: Workspace) -> None:
    with pytest.raises(OpsdeskError, match="needs a title"):
        ws.execute(AddAction(Action(0, " ", "Ann", Source("project"))))
    with pytest.raises(OpsdeskError, match=r"project 42 .* does not exist"):
        ws.execute(AddAction(Action(0, "Fix", "Ann", Source("project", 42))))
    with pytest.raises(OpsdeskError, match="names its incident"):
        ws.execute(AddAction(Action(0, "Fix", "Ann", Source("incident review"))))
    made = ws.execute(AddAction(Action(0, "Fix", "Ann", Source("alert")))).result
    with pytest.raises(OpsdeskError, match="give the day it was done"):
        ws.execute(EditAction(made, {"status": "done"}))
    with pytest.raises(OpsdeskError, match="no field 'colour'"):
        ws.execute(EditAction(made, {"colour": "red"}))
    assert [(x.title, x.status) for x in list_actions(ws.conn)] == [("Fix", "open")]
