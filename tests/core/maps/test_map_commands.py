"""Map edits as workspace commands: each writes in one transaction, audits, and its
inverse puts back exactly the rows it changed (compared table by table)."""

from __future__ import annotations

from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.commands import (
    AddLane,
    AddNextStep,
    AddNode,
    AutoLayout,
    Connect,
    DeleteItems,
    DeleteLane,
    DeleteMap,
    ImportMap,
    MoveLane,
    MoveNodes,
    Paste,
    Reconnect,
    Relabel,
    ResizeLane,
    SetBranch,
    SetOrientation,
    SetStepData,
    resize_node,
)
from opsdesk.core.maps.model import Box, Point
from opsdesk.core.maps.step_data import Duration, StepData
from opsdesk.core.maps.store import find_map, list_maps, load_map
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from tests.core.maps.builders import order_to_cash
from tests.core.workspace.helpers import table_contents

TABLES = ("maps", "map_pools", "map_lanes", "map_nodes", "map_edges")


def _imported(workspace: Workspace) -> int:
    return int(workspace.execute(ImportMap(order_to_cash())).result)


def _state(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    return table_contents(workspace.conn, *TABLES)


def test_import_stores_the_map_laid_out_and_loads_it_back(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    pmap = load_map(workspace.conn, map_id)
    source = order_to_cash()
    # builders.order_to_cash: 9 nodes, 9 sequence flows, 4 lanes.
    assert (len(pmap.nodes), len(pmap.flows), len(pmap.lanes)) == (9, 9, 4)
    assert [n.id for n in pmap.nodes] == [n.id for n in source.nodes]
    assert [n.step for n in pmap.nodes] == [n.step for n in source.nodes]
    assert [(f.source, f.target, f.probability) for f in pmap.flows] == [
        (f.source, f.target, f.probability) for f in source.flows]
    assert all(n.box is not None for n in pmap.nodes)  # laid out on import
    assert all(f.waypoints for f in pmap.flows)
    [summary] = list_maps(workspace.conn)
    assert (summary.id, summary.name, summary.steps, summary.flows, summary.lanes) == (
        map_id, "test", 6, 9, 4)  # 6 tasks: Enter, Check, Fix, Pick, Ship, Invoice
    assert find_map(workspace.conn, str(map_id)) == map_id
    assert find_map(workspace.conn, "TEST") == map_id
    with pytest.raises(OpsdeskError, match="no process map 'nope'"):
        find_map(workspace.conn, "nope")


def test_import_and_delete_map_undo(workspace: Workspace) -> None:
    empty = _state(workspace)
    applied = workspace.execute(ImportMap(order_to_cash()))
    workspace.execute(applied.inverse)
    assert _state(workspace) == empty
    map_id = _imported(workspace)
    full = _state(workspace)
    deleted = workspace.execute(DeleteMap(map_id))
    assert list_maps(workspace.conn) == []
    assert _state(workspace) == empty
    workspace.execute(deleted.inverse)
    assert _state(workspace) == full


EDITS = [
    ("add", lambda m: AddNode(m, "task", "Approve", at=Point(700, 200))),
    ("move", lambda m: MoveNodes(m, {"a": Box(220, 50, 100, 80), "b": Box(370, 170, 100, 80)})),
    ("resize", lambda m: resize_node(m, "d", Box(500, 270, 160, 100))),
    ("connect", lambda m: Connect(m, "a", "e")),
    ("reconnect", lambda m: Reconnect(m, "e-f", target="x")),
    ("relabel", lambda m: Relabel(m, "a", "Take order")),
    ("rename map", lambda m: Relabel(m, "m", "Order to cash")),
    ("step data", lambda m: SetStepData(m, "a", StepData(processing=Duration(12, "min")))),
    ("branch", lambda m: SetBranch(m, "g-c", 0.25)),
    ("delete", lambda m: DeleteItems(m, ("b",))),
    ("layout", lambda m: AutoLayout(m)),
    ("add lane", lambda m: AddLane(m, "Risk", position=1)),
    ("move lane", lambda m: MoveLane(m, "sales", 3)),
    ("resize lane", lambda m: ResizeLane(m, "credit", 200)),
    ("delete lane", lambda m: DeleteLane(m, "billing")),
    ("turn", lambda m: SetOrientation(m, "vertical")),
]


@pytest.mark.parametrize(("name", "make"), EDITS, ids=[e[0] for e in EDITS])
def test_every_edit_is_undone_exactly_and_redone(workspace: Workspace, name: str,
                                                 make: Any) -> None:
    map_id = _imported(workspace)
    if name == "layout":  # the imported map is laid out already: disturb it first
        workspace.execute(MoveNodes(map_id, {"a": Box(600, 400, 100, 80)}))
    before = _state(workspace)
    audit_before = workspace.scalar("SELECT count(*) FROM audit_log")
    applied = workspace.execute(make(map_id))
    assert applied.changes == Changes.MAPS
    after = _state(workspace)
    assert after != before
    assert workspace.scalar("SELECT count(*) FROM audit_log") > audit_before
    redo = workspace.execute(applied.inverse).inverse
    assert _state(workspace) == before
    workspace.execute(redo)
    assert _state(workspace) == after


def test_layout_of_a_laid_out_map_changes_nothing(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    before = _state(workspace)
    workspace.execute(AutoLayout(map_id))
    assert _state(workspace) == before


def test_delete_takes_the_flows_of_a_node(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    workspace.execute(DeleteItems(map_id, ("b",)))
    pmap = load_map(workspace.conn, map_id)
    # Check credit (b) has three flows: a->b, b->g and the rework c->b.
    assert len(pmap.flows) == 9 - 3
    assert "b" not in pmap.node_by_id


def test_move_into_another_lane_and_follow_the_host(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    pmap = load_map(workspace.conn, map_id)
    billing = pmap.lane_by_id["billing"].box
    assert billing is not None
    a = pmap.node("a").box
    assert a is not None
    target = Box(a.x, billing.cy - a.h / 2, a.w, a.h)
    workspace.execute(MoveNodes(map_id, {"a": target}))
    moved = load_map(workspace.conn, map_id)
    assert moved.node("a").lane_id == "billing"
    assert moved.node("a").box == target
    touching = [f for f in moved.flows if "a" in (f.source, f.target)]
    assert all(f.waypoints[0] != p.waypoints[0] or f.waypoints[-1] != p.waypoints[-1]
               for f, p in zip(touching, [f for f in pmap.flows
                                          if "a" in (f.source, f.target)], strict=True))


def test_a_boundary_event_follows_its_host(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    b = load_map(workspace.conn, map_id).node("b").box
    assert b is not None
    key = workspace.execute(AddNode(map_id, "boundary", "Late", attached_to="b",
                                    box=Box(b.cx - 18, b.bottom - 18, 36, 36))).result
    workspace.execute(MoveNodes(map_id, {"b": Box(b.x + 40, b.y, b.w, b.h)}))
    pmap = load_map(workspace.conn, map_id)
    assert pmap.node(key).box == Box(b.cx - 18 + 40, b.bottom - 18, 36, 36)
    assert pmap.node(key).lane_id == "credit"


def test_paste_is_one_command_with_fresh_keys(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    pmap = load_map(workspace.conn, map_id)
    picked = tuple(n for n in pmap.nodes if n.id in ("a", "b"))
    flows = tuple(f for f in pmap.flows if f.id in ("a-b", "s-a"))
    audit_before = workspace.scalar("SELECT max(seq) FROM audit_log")
    applied = workspace.execute(Paste(map_id, picked, flows, Point(0, 300)))
    keys = applied.result
    # s-a is left out: s was not copied. Two nodes and one flow come in.
    assert set(keys) == {"a", "b", "a-b"}
    pasted = load_map(workspace.conn, map_id)
    assert len(pasted.nodes) == 11 and len(pasted.flows) == 10
    new_flow = next(f for f in pasted.flows if f.id == keys["a-b"])
    assert (new_flow.source, new_flow.target) == (keys["a"], keys["b"])
    commands = {r[0] for r in workspace.conn.execute(
        "SELECT command FROM audit_log WHERE seq > ?", (audit_before,))}
    assert commands == {"Paste"}
    workspace.execute(applied.inverse)
    assert len(load_map(workspace.conn, map_id).nodes) == 9


def test_bad_edits_change_nothing(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    before = _state(workspace)
    bad = [Connect(map_id, "a", "nowhere"), SetBranch(map_id, "g-c", 1.5),
           Relabel(map_id, "zzz", "x"), DeleteItems(map_id, ("zzz",)),
           MoveLane(map_id, "zzz", 0), SetStepData(map_id, "a", StepData(cost=-1))]
    for command in bad:
        with pytest.raises(OpsdeskError):
            workspace.execute(command)
        assert _state(workspace) == before


def test_lane_edits_carry_the_steps(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    pmap = load_map(workspace.conn, map_id)
    lanes = {x.id: x.box for x in pmap.lanes}
    workspace.execute(MoveLane(map_id, "sales", 3))
    moved = load_map(workspace.conn, map_id)
    assert [x.id for x in sorted(moved.lanes, key=lambda x: x.position)] == [
        "credit", "warehouse", "billing", "sales"]
    shift = moved.lane_by_id["sales"].box.y - lanes["sales"].y  # type: ignore[union-attr]
    assert shift == 3 * 120  # three 120-high lanes (layout's min_band) now above it
    assert moved.node("a").box.y == pmap.node("a").box.y + shift  # type: ignore[union-attr]
    workspace.execute(ResizeLane(map_id, "credit", 200))
    resized = load_map(workspace.conn, map_id)
    assert resized.lane_by_id["credit"].box.h == 200  # type: ignore[union-attr]
    # warehouse was under credit: it moves down by 200 - 120.
    assert (resized.lane_by_id["warehouse"].box.y  # type: ignore[union-attr]
            == moved.lane_by_id["warehouse"].box.y + 80)  # type: ignore[union-attr]


def test_add_next_step_is_placed_and_connected_in_one_step(workspace: Workspace) -> None:
    map_id = _imported(workspace)
    before = _state(workspace)
    applied = workspace.execute(AddNextStep(map_id, "e", "Load truck"))
    pmap = load_map(workspace.conn, map_id)
    key = applied.result
    new, ship = pmap.node(key), pmap.node("e")
    assert (new.label, new.lane_id) == ("Load truck", "warehouse")
    assert new.box is not None and ship.box is not None
    # layout.py: a task is 100 wide and columns are 50 apart, so it starts 50 past Ship.
    assert new.box.x == ship.box.right + 50 and new.box.cy == ship.box.cy
    assert any(f.source == "e" and f.target == key and f.kind == "sequence"
               for f in pmap.flows)
    tabbed = workspace.execute(AddNextStep(map_id, key, "Bill freight", lane="billing"))
    billed = load_map(workspace.conn, map_id).node(tabbed.result)
    assert billed.lane_id == "billing"
    band = pmap.lane_by_id["billing"].box
    assert band is not None and billed.box is not None and billed.box.cy == band.cy
    workspace.execute(tabbed.inverse)
    workspace.execute(applied.inverse)
    assert _state(workspace) == before



def test_a_step_added_with_its_key_is_connected_in_the_same_batch(workspace: Workspace
                                                                    ) -> None:
    from opsdesk.core.workspace.commands import Batch

    map_id = _imported(workspace)
    add = AddNode(map_id, "task", "Audit", "billing", at=Point(1200, 450), key="Audit_1")
    workspace.execute(Batch("Add 'Audit'", (add, Connect(map_id, "f", "Audit_1"))))
    pmap = load_map(workspace.conn, map_id)
    assert pmap.node("Audit_1").label == "Audit"
    assert any((f.source, f.target) == ("f", "Audit_1") for f in pmap.flows)
