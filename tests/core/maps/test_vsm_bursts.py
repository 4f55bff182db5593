"""Kaizen bursts on a value stream: kept with the map, edited by undoable commands, kept
by a copy as future state and a redrawn flow, raising an action, drawn clear of the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_store import get_action
from opsdesk.core.improve.project_commands import AddProject, NewProject
from opsdesk.core.maps.model import Box
from opsdesk.core.maps.vsm_burst_commands import (
    AddBurst,
    EditBurst,
    RaiseBurstAction,
    RemoveBurst,
)
from opsdesk.core.maps.vsm_burst_layout import burst_items
from opsdesk.core.maps.vsm_bursts import TEXT_MOST, bursts_data, bursts_of
from opsdesk.core.maps.vsm_commands import CopyAsFuture, ImportValueStream, ReplaceStream
from opsdesk.core.maps.vsm_diagram import vsm_diagram
from opsdesk.core.maps.vsm_icons import Rect, Text
from opsdesk.core.maps.vsm_links import walk
from opsdesk.core.maps.vsm_metrics import compute
from opsdesk.core.maps.vsm_model import Inventory, KaizenBurst, Process, ValueStream
from opsdesk.core.maps.vsm_store import StoredStream, load_stream
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from tests.core.maps.vsm_examples import acme
from tests.core.workspace.helpers import table_contents


def _state(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    return table_contents(ws.conn, "maps", "map_nodes", "actions")


def _keys(stored: StoredStream) -> dict[str, str]:
    return {e.name: k for k, e in zip(stored.keys, walk(stored.stream.flow), strict=False)
            if e.name}


def _acme(ws: Workspace) -> tuple[int, dict[str, str]]:
    map_id = ws.execute(ImportValueStream(acme())).result
    return map_id, _keys(load_stream(ws.conn, map_id))


def test_json_round_trip_skips_what_it_cannot_read() -> None:
    bursts = (KaizenBurst(1, "e3", "SMED", "Jon", 4), KaizenBurst(2, "e5", "Pull"))
    assert bursts_of(bursts_data(bursts)) == bursts
    assert bursts_of([{"id": 1, "text": "no element"}, "junk", *bursts_data(bursts)]) == bursts
    assert bursts_of(None) == ()


def test_add_edit_remove_each_undo_exactly(workspace: Workspace) -> None:
    map_id, keys = _acme(workspace)
    project = workspace.execute(AddProject(NewProject("Quick changeover"))).result
    start = _state(workspace)

    added = workspace.execute(AddBurst(map_id, keys["Stamping"], "  Changeover   to 10 min ",
                                       " Jon  Berg ", project))
    assert added.changes == Changes.MAPS and added.result == 1
    burst = KaizenBurst(1, keys["Stamping"], "Changeover to 10 min", "Jon Berg", project)
    assert load_stream(workspace.conn, map_id).stream.bursts == (burst,)
    after_add = _state(workspace)

    second = workspace.execute(AddBurst(map_id, keys["S. Weld #2"], "Cell")).result
    assert second == 2
    edited = workspace.execute(EditBurst(map_id, 1, "SMED", "Ana", None,
                                         keys["Assembly #1"]))
    assert load_stream(workspace.conn, map_id).stream.bursts == (
        KaizenBurst(1, keys["Assembly #1"], "SMED", "Ana"),
        KaizenBurst(2, keys["S. Weld #2"], "Cell"))
    workspace.execute(edited.inverse)
    assert load_stream(workspace.conn, map_id).stream.bursts[0] == burst
    removed = workspace.execute(RemoveBurst(map_id, 2))
    assert _state(workspace)["map_nodes"] == after_add["map_nodes"]
    assert [b.id for b in load_stream(workspace.conn, map_id).stream.bursts] == [1]
    workspace.execute(removed.inverse)
    assert len(load_stream(workspace.conn, map_id).stream.bursts) == 2
    workspace.execute(added.inverse)  # the first add's undo puts the data back as it was
    assert _state(workspace)["map_nodes"] == start["map_nodes"]
    assert load_stream(workspace.conn, map_id).stream.bursts == ()


def test_bad_input_is_one_sentence_and_changes_nothing(workspace: Workspace) -> None:
    map_id, keys = _acme(workspace)
    workspace.execute(AddBurst(map_id, keys["Stamping"], "SMED"))
    before = _state(workspace)
    cases = [
        (AddBurst(map_id, "e999", "SMED"), "has no process or inventory 'e999'"),
        (AddBurst(map_id, keys["Stamping"], "   "), "needs its text"),
        (AddBurst(map_id, keys["Stamping"], "x" * (TEXT_MOST + 1)), "at most 120"),
        (AddBurst(map_id, keys["Stamping"], "SMED", project_id=77), "no improvement project 77"),
        (EditBurst(map_id, 9, "SMED"), "has no kaizen burst 9"),
        (RemoveBurst(map_id, 9), "has no kaizen burst 9"),
        (AddBurst(12345, "e1", "SMED"), "no value stream with id 12345"),
    ]
    for command, message in cases:
        with pytest.raises(OpsdeskError, match=message):
            workspace.execute(command)
    assert _state(workspace) == before


def test_edit_to_the_same_values_writes_nothing(workspace: Workspace) -> None:
    map_id, keys = _acme(workspace)
    workspace.execute(AddBurst(map_id, keys["Stamping"], "SMED", "Jon"))
    assert workspace.execute(EditBurst(map_id, 1, "SMED", "Jon")).changes == Changes.NONE


def test_copy_as_future_keeps_the_bursts_at_the_same_elements(workspace: Workspace) -> None:
    map_id, keys = _acme(workspace)
    workspace.execute(AddBurst(map_id, keys["Stamping"], "SMED", "Jon"))
    inventories = [k for k, e in zip(load_stream(workspace.conn, map_id).keys,
                                     walk(acme().flow), strict=False)
                   if isinstance(e, Inventory)]
    workspace.execute(AddBurst(map_id, inventories[1], "Supermarket"))
    future = workspace.execute(CopyAsFuture(map_id)).result
    stored = load_stream(workspace.conn, future)
    elements = dict(zip(stored.keys, walk(stored.stream.flow), strict=False))
    assert [(elements[b.at], b.text) for b in stored.stream.bursts] == [
        (acme().flow[1], "SMED"), (acme().flow[2], "Supermarket")]
    assert set(stored.keys).isdisjoint(load_stream(workspace.conn, map_id).keys)


def test_a_redrawn_flow_keeps_each_burst_at_the_element_of_its_name(
        workspace: Workspace) -> None:
    map_id, keys = _acme(workspace)
    workspace.execute(AddBurst(map_id, keys["Stamping"], "SMED"))
    workspace.execute(AddBurst(map_id, keys["S. Weld #1"], "Gone"))
    redrawn = ValueStream("Acme future", flow=(Inventory("Coils", days=1),
                                               Process("Stamping", 1, 600)))
    workspace.execute(ReplaceStream(map_id, redrawn))
    stored = load_stream(workspace.conn, map_id)
    smed, gone = stored.stream.bursts
    assert smed.at == _keys(stored)["Stamping"]
    assert gone.at == keys["S. Weld #1"] and gone.at not in stored.keys  # kept, listed


def test_raise_action_from_a_burst(workspace: Workspace) -> None:
    map_id, keys = _acme(workspace)
    workspace.execute(AddBurst(map_id, keys["Stamping"], "Single-minute die exchange", "Jon"))
    before = _state(workspace)
    applied = workspace.execute(RaiseBurstAction(map_id, 1, date(2026, 12, 11)))
    assert applied.changes & Changes.ACTIONS
    action = get_action(workspace.conn, applied.result)
    assert action is not None
    assert (action.title, action.owner, action.due, action.status) == (
        "Single-minute die exchange", "Jon", date(2026, 12, 11), "open")
    node = load_stream(workspace.conn, map_id).node_ids[keys["Stamping"]]
    assert (action.source.kind, action.source.ref, action.source.label) == (
        "kaizen burst", node, "Stamping")
    workspace.execute(applied.inverse)
    assert _state(workspace) == before


CROWDED = (("Stamping", "Changeover from 60 to 10 minutes (SMED)"), ("S. Weld #1", "Cell"),
           ("S. Weld #2", "Cell"), ("Assembly #1", "Kanban"), ("S. Weld #2", "Weld cell"),
           ("S. Weld #2", "Quality at the source"))


def test_bursts_sit_above_their_element_clear_of_everything_drawn(
        workspace: Workspace) -> None:
    map_id, keys = _acme(workspace)
    for name, text in CROWDED:  # three at one process
        workspace.execute(AddBurst(map_id, keys[name], text, "Jon Berg"))
    stored = load_stream(workspace.conn, map_id)
    spec = vsm_diagram(stored.stream, compute(stored.stream), stored.keys)
    bursts = spec.by_role("kaizen_burst")
    assert [b.text for b in bursts] == [text for _, text in CROWDED]
    boxes = {i.key: i.box for i in spec.items if i.role == "process"}
    others = [i for i in spec.items if i.role != "kaizen_burst"]
    for b in bursts:
        assert b.box.bottom <= boxes[b.key].y  # above its process box
        assert abs(b.box.cx - boxes[b.key].cx) < 250  # next to it
        again = burst_items((), others)  # nothing to place: nothing placed
        assert again == []
        for other in others:
            for p in other.prims:
                if isinstance(p, Rect):  # data boxes, title boxes, production control
                    assert not _meet(b.box, p.box), (b.text, other.id)
                if isinstance(p, Text):
                    w = len(p.text) * p.size * 0.5
                    text = Box(p.at.x - w / 2, p.at.y - p.size / 2, w, p.size)
                    assert not _meet(b.box, text), (b.text, p.text)
    for a in bursts:
        for b in bursts:
            assert a is b or not _meet(a.box, b.box)
    # The text is drawn inside the star: every line, and the owner under it.
    texts = [p.text for p in bursts[0].prims if isinstance(p, Text)]
    assert texts == ["Changeover from 60", "to 10 minutes", "(SMED)", "Jon Berg"]


def _meet(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def test_a_burst_whose_element_is_gone_is_not_drawn(workspace: Workspace) -> None:
    stream = ValueStream("s", flow=(Process("A", 10),),
                         bursts=(KaizenBurst(1, "e404", "Lost"),))
    spec = vsm_diagram(stream, compute(stream), ("e1",))
    assert spec.by_role("kaizen_burst") == []
