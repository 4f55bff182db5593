"""Root causes written by commands: add, edit (status, evidence, whys, parent), move and
delete, each undone exactly; refusals are one sentence and change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_commands import AddAction
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.cause_commands import AddCause, DeleteCauses, EditCause, MoveCause
from opsdesk.core.improve.five_whys import Why
from opsdesk.core.improve.incident_commands import ImportIncidents
from opsdesk.core.improve.incidents import Incident
from opsdesk.core.improve.project_commands import AddProject, NewProject
from opsdesk.core.improve.root_cause_store import (
    CauseOwner,
    causes_of,
    fishbone_of,
    get_cause,
    whys_of,
)
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace
    workspace.close()


def _project(ws: Workspace, name: str = "Cut scrap") -> CauseOwner:
    return CauseOwner("project", int(ws.execute(AddProject(NewProject(name, "A3"))).result))


def _add(ws: Workspace, owner: CauseOwner, text: str, category: str = "Machine",
         parent: int | None = None, **kw: Any) -> int:
    return int(ws.execute(AddCause(owner, category, text, parent, **kw)).result)


def _table(ws: Workspace) -> list[tuple[Any, ...]]:
    return ws.conn.execute("SELECT * FROM root_causes ORDER BY id").fetchall()


def _tree(ws: Workspace, owner: CauseOwner) -> list[tuple[int, str, int]]:
    return [(c.depth, c.cause, c.id) for c in causes_of(ws.conn, owner)]


def test_add_puts_causes_and_sub_causes_in_tree_order(ws: Workspace) -> None:
    p = _project(ws)
    glare = _add(ws, p, "Sensor sees glare")
    _add(ws, p, "No micro-stop log", "method")              # 6M spelling kept: Method
    lens = _add(ws, p, "Lens not cleaned", "ignored", parent=glare)  # parent's category
    _add(ws, p, "Cleaning not in the checklist", parent=lens)
    _add(ws, p, "Wrong sensor type")
    assert [(d, t) for d, t, _ in _tree(ws, p)] == [
        (0, "Sensor sees glare"), (1, "Lens not cleaned"), (2, "Cleaning not in the checklist"),
        (0, "No micro-stop log"), (0, "Wrong sensor type")]
    tree = fishbone_of("Line stops", causes_of(ws.conn, p))
    assert [c.name for c in tree.categories] == ["Machine", "Method"]  # 6M order
    machine = tree.categories[0].causes
    assert [c.text for c in machine] == ["Sensor sees glare", "Wrong sensor type"]
    assert machine[0].causes[0].causes[0].text == "Cleaning not in the checklist"
    found = get_cause(ws.conn, lens)
    assert found is not None and found[1].category == "Machine"


def test_edit_status_evidence_text_and_whys_with_evidence_per_step(ws: Workspace) -> None:
    p = _project(ws)
    cid = _add(ws, p, "Sensor sees glare")
    chain = (Why("Line stops"), Why("Jam alarm", "PLC log 14 Oct"),
             Why("Sensor sees glare", "video of shift B"))
    applied = ws.execute(EditCause(cid, {"status": "confirmed", "evidence": " glare test ",
                                         "cause": "Sensor  sees glare on chrome",
                                         "whys": chain}))
    assert applied.changes == Changes.CAUSES
    stored = causes_of(ws.conn, p)[0]
    assert (stored.status, stored.evidence, stored.cause) == (
        "confirmed", "glare test", "Sensor sees glare on chrome")
    five = whys_of(stored, "ignored")
    assert five.problem == "Line stops"
    assert [(w.answer, w.evidence) for w in five.steps] == [
        ("Jam alarm", "PLC log 14 Oct"), ("Sensor sees glare", "video of shift B")]
    assert stored.whys == ("Line stops", "Jam alarm", "Sensor sees glare")
    ws.execute(applied.inverse)
    back = causes_of(ws.conn, p)[0]
    assert (back.status, back.evidence, back.cause, back.chain) == (
        "open", "", "Sensor sees glare", ())


def test_bare_string_whys_still_read(ws: Workspace) -> None:
    p = _project(ws)
    cid = _add(ws, p, "Camera replaced")
    ws.conn.execute("UPDATE root_causes SET whys = ? WHERE id = ?",
                    ('["Accuracy fell", {"answer": "Inputs drifted", "evidence": "PSI 0.3"}]',
                     cid))
    stored = causes_of(ws.conn, p)[0]
    assert [(w.answer, w.evidence) for w in stored.chain] == [
        ("Accuracy fell", ""), ("Inputs drifted", "PSI 0.3")]


def test_category_and_parent_moves_carry_the_subtree(ws: Workspace) -> None:
    p = _project(ws)
    a = _add(ws, p, "Glare")
    b = _add(ws, p, "Lens dirty", parent=a)
    c = _add(ws, p, "Shift handover", "Method")
    before = _table(ws)
    moved = ws.execute(EditCause(a, {"category": "Mother nature"}))
    assert {get_cause(ws.conn, i)[1].category for i in (a, b)} == {"Mother Nature"}  # type: ignore[index]
    under = ws.execute(EditCause(a, {"parent_id": c}))
    assert [(d, t) for d, t, _ in _tree(ws, p)] == [(0, "Shift handover"), (1, "Glare"),
                                                    (2, "Lens dirty")]
    assert {get_cause(ws.conn, i)[1].category for i in (a, b)} == {"Method"}  # type: ignore[index]
    ws.execute(under.inverse)
    ws.execute(moved.inverse)
    assert _table(ws) == before


def test_move_up_and_down_among_siblings_renumbers_them(ws: Workspace) -> None:
    p = _project(ws)
    ids = [_add(ws, p, t) for t in ("one", "two", "three")]
    _add(ws, p, "other category", "Method")
    ws.conn.execute("UPDATE root_causes SET position = 0")  # as the demo writes them
    before = _table(ws)

    def machine() -> list[str]:
        return [c.cause for c in causes_of(ws.conn, p) if c.category == "Machine"]

    up = ws.execute(MoveCause(ids[2], -1))
    assert machine() == ["one", "three", "two"]
    down = ws.execute(MoveCause(ids[0], 1))
    assert machine() == ["three", "one", "two"]
    ws.execute(down.inverse)
    ws.execute(up.inverse)
    assert _table(ws) == before


def test_undo_of_a_delete_restores_the_whole_subtree_and_action_links(ws: Workspace) -> None:
    p = _project(ws)
    top = _add(ws, p, "Glare")
    mid = _add(ws, p, "Lens dirty", parent=top)
    leaf = _add(ws, p, "No cleaning step", parent=mid)
    _add(ws, p, "Other")
    action = int(ws.execute(AddAction(Action(0, "Add cleaning step", "Jon Berg", source=Source(
        "project", p.id)))).result)
    ws.conn.execute("UPDATE actions SET root_cause_id = ? WHERE id = ?", (leaf, action))
    before = _table(ws)
    applied = ws.execute(DeleteCauses((top,)))
    assert [t for _, t, _ in _tree(ws, p)] == ["Other"]
    assert ws.conn.execute("SELECT root_cause_id FROM actions").fetchone() == (None,)
    assert applied.changes.touches(Changes.CAUSES)
    ws.execute(applied.inverse)
    assert _table(ws) == before
    assert ws.conn.execute("SELECT root_cause_id FROM actions").fetchone() == (leaf,)
    # a parent and its child chosen together: deleted once, restored once
    both = ws.execute(DeleteCauses((mid, leaf, mid)))
    ws.execute(both.inverse)
    assert _table(ws) == before


def _incident(ws: Workspace) -> CauseOwner:
    ws.execute(ImportIncidents((Incident("INC-1", "Outage", datetime(2026, 10, 14, 6)),)))
    row = ws.conn.execute("SELECT id FROM incidents").fetchone()
    return CauseOwner("incident", row[0])


def test_incident_causes_are_kept_apart(ws: Workspace) -> None:
    p = _project(ws)
    inc = _incident(ws)
    mine = _add(ws, inc, "Preprocessing mismatch", "Method")
    _add(ws, p, "Glare")
    assert [t for _, t, _ in _tree(ws, inc)] == ["Preprocessing mismatch"]
    assert get_cause(ws.conn, mine)[0] == inc  # type: ignore[index]


@pytest.mark.parametrize("make, said", [
    (lambda o, ids: AddCause(o, "Machine", "x", status="broken"), "not 'broken'"),
    (lambda o, ids: AddCause(o, "Machine", "   "), "A cause needs some text."),
    (lambda o, ids: AddCause(o, "  ", "x"), "A category needs some text."),
    (lambda o, ids: AddCause(o, "Machine", "x", parent_id=ids["other"]),
     "another project"),
    (lambda o, ids: AddCause(o, "Machine", "x", parent_id=999), "no cause 999"),
    (lambda o, ids: AddCause(CauseOwner("project", 999), "Machine", "x"), "no project 999"),
    (lambda o, ids: AddCause(CauseOwner("incident", 5), "Machine", "x"), "no incident 5"),
    (lambda o, ids: AddCause(o, "Machine", "x", status="confirmed"), "needs its evidence"),
    (lambda o, ids: EditCause(ids["top"], {"status": "ruled-out"}), "not 'ruled-out'"),
    (lambda o, ids: EditCause(ids["top"], {"cause": ""}), "A cause needs some text."),
    (lambda o, ids: EditCause(ids["top"], {"parent_id": ids["leaf"]}), "make a loop"),
    (lambda o, ids: EditCause(ids["top"], {"parent_id": ids["top"]}), "its own sub-cause"),
    (lambda o, ids: EditCause(ids["top"], {"parent_id": ids["other"]}), "another project"),
    (lambda o, ids: EditCause(ids["leaf"], {"category": "Method"}), "parent's category"),
    (lambda o, ids: EditCause(ids["top"], {"colour": "red"}), "no field 'colour'"),
    (lambda o, ids: EditCause(ids["top"], {"whys": (Why("a"), Why(" "))}),
     "Why 1 of the chain needs an answer"),
    (lambda o, ids: EditCause(ids["top"], {"whys": [Why(str(n)) for n in range(11)]}),
     "long enough"),
    (lambda o, ids: EditCause(12345, {"cause": "x"}), "no cause 12345"),
    (lambda o, ids: MoveCause(ids["top"], -1), "already the first"),
    (lambda o, ids: MoveCause(ids["leaf"], 1), "already the last"),
    (lambda o, ids: DeleteCauses((ids["top"], 777)), "no cause 777"),
    (lambda o, ids: DeleteCauses(()), "Choose a cause"),
])
def test_refusals_are_one_sentence_and_change_nothing(ws: Workspace, make: Any,
                                                      said: str) -> None:
    p = _project(ws)
    top = _add(ws, p, "Glare")
    leaf = _add(ws, p, "Lens dirty", parent=top)
    other = _add(ws, _project(ws, "Another"), "Elsewhere")
    before = _table(ws)
    audit_rows = ws.conn.execute("SELECT count(*) FROM audit_log").fetchone()
    with pytest.raises(OpsdeskError) as refused:
        ws.execute(make(p, {"top": top, "leaf": leaf, "other": other}))
    message = str(refused.value)
    assert said in message and message.count(". ") == 0 and message.endswith(".")
    assert _table(ws) == before
    assert ws.conn.execute("SELECT count(*) FROM audit_log").fetchone() == audit_rows


def test_an_edit_to_the_same_values_writes_nothing(ws: Workspace) -> None:
    p = _project(ws)
    cid = _add(ws, p, "Glare")
    applied = ws.execute(EditCause(cid, {"cause": "Glare", "status": "open"}))
    assert applied.changes == Changes.NONE


def test_a_confirmed_cause_without_evidence_can_still_be_edited(ws: Workspace) -> None:
    """Older files (and the demo) hold confirmed causes with no evidence: editing their
    text or whys keeps them; only confirming anew, or clearing the evidence, needs it."""
    p = _project(ws)
    cid = _add(ws, p, "Glare")
    ws.conn.execute("UPDATE root_causes SET status = 'confirmed' WHERE id = ?", (cid,))
    ws.execute(EditCause(cid, {"cause": "Glare on chrome", "status": "confirmed",
                               "evidence": "", "whys": (Why("Stops"), Why("Glare"))}))
    assert causes_of(ws.conn, p)[0].cause == "Glare on chrome"
    ws.execute(EditCause(cid, {"evidence": "test"}))
    with pytest.raises(OpsdeskError, match="needs its evidence"):
        ws.execute(EditCause(cid, {"evidence": " "}))
