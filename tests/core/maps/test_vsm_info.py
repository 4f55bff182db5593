"""Stored information flows on value-stream maps: kept with the map and loaded back, edited
by undoable commands, carried to the future state, and drawn on top of the map without
crossing a process box. The map is Rother & Shook's Acme Stamping (*Learning to See*,
1999; tests/core/maps/vsm_examples.acme); the flows are the kinds of the book's icon set."""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.model import Box, Point
from opsdesk.core.maps.vsm_commands import (
    CopyAsFuture,
    ImportValueStream,
    ReplaceStream,
    SetDemand,
)
from opsdesk.core.maps.vsm_diagram import VsmDiagram
from opsdesk.core.maps.vsm_icons import Poly, Rect, Text
from opsdesk.core.maps.vsm_info_commands import (
    AddInfoFlow,
    EditInfoFlow,
    PlaceKanbanPosts,
    PlaceLevelingBox,
    RemoveInfoFlow,
)
from opsdesk.core.maps.vsm_info_model import (
    CUSTOMER,
    INFO_KINDS,
    PRODUCTION_CONTROL,
    SUPPLIER,
    InfoFlow,
    Information,
    information_data,
    information_of,
)
from opsdesk.core.maps.vsm_model import Demand, Inventory, Parallel, Process, ValueStream
from opsdesk.core.maps.vsm_store import load_stream
from opsdesk.core.maps.vsm_view import stream_view
from opsdesk.core.workspace import Workspace
from tests.core.maps.vsm_examples import acme
from tests.core.workspace.helpers import table_contents


def _state(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    return table_contents(workspace.conn, "maps", "map_nodes")


def _keys(workspace: Workspace, map_id: int) -> dict[str, str]:
    """Element keys by name (inventories without one by their place: 'stock N')."""
    stored = load_stream(workspace.conn, map_id)
    names = [e.name or f"stock {i}" for i, e in enumerate(stored.stream.flow)]
    return dict(zip(names, stored.keys, strict=True))


def _pull_loop(keys: dict[str, str]) -> tuple[InfoFlow, ...]:
    """One flow of every kind: Acme's orders and schedules, and a pull loop between
    stamping and the welders over the stock after stamping (acme's 'stock 2')."""
    press, market, weld = keys["Stamping"], keys["stock 2"], keys["S. Weld #1"]
    return (InfoFlow("electronic", CUSTOMER, PRODUCTION_CONTROL, "daily orders"),
            InfoFlow("manual", PRODUCTION_CONTROL, SUPPLIER, "weekly fax"),
            InfoFlow("manual", PRODUCTION_CONTROL, keys["Assembly #2"], "daily ship schedule"),
            InfoFlow("withdrawal_kanban", weld, market),
            InfoFlow("production_kanban", market, press),
            InfoFlow("signal_kanban", market, press, "batch signal"),
            InfoFlow("go_see", PRODUCTION_CONTROL, keys["S. Weld #2"], "go see"))


def test_information_data_round_trips() -> None:
    info = Information((InfoFlow("electronic", CUSTOMER, PRODUCTION_CONTROL, "daily orders"),
                        InfoFlow("signal_kanban", "e3", "e1")), "e5", ("e1", "e3"))
    assert information_of(information_data(info)) == info
    assert information_of(None) == Information() and not Information().stored
    # A kind a later version may add is left out rather than refused.
    data = information_data(info)
    data["flows"].append({"kind": "sequence_pull", "source": "e1", "target": "e3"})
    assert information_of(data) == info


def test_flows_are_kept_with_the_map_and_each_edit_undoes(workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    keys = _keys(workspace, map_id)
    before = _state(workspace)
    flows = _pull_loop(keys)
    undo = []
    for n, flow in enumerate(flows):
        applied = workspace.execute(AddInfoFlow(map_id, flow))
        assert applied.result == n
        undo.append(applied.inverse)
    undo.append(workspace.execute(PlaceLevelingBox(map_id, keys["Assembly #2"])).inverse)
    undo.append(workspace.execute(PlaceKanbanPosts(map_id, (keys["Stamping"],) * 2)).inverse)
    stored = load_stream(workspace.conn, map_id)
    assert stored.stream.information == Information(flows, keys["Assembly #2"],
                                                    (keys["Stamping"],))
    assert stored.stream.flow == acme().flow  # the material flow is untouched

    edited = dataclasses.replace(flows[1], kind="electronic", label="weekly schedule")
    mid = _state(workspace)
    edit = workspace.execute(EditInfoFlow(map_id, 1, edited))
    assert load_stream(workspace.conn, map_id).stream.information.flows[1] == edited
    workspace.execute(edit.inverse)
    assert _state(workspace) == mid
    removed = workspace.execute(RemoveInfoFlow(map_id, 0))
    assert load_stream(workspace.conn, map_id).stream.information.flows == flows[1:]
    workspace.execute(removed.inverse)
    assert _state(workspace) == mid
    for inverse in reversed(undo):
        workspace.execute(inverse)
    assert _state(workspace) == before


def test_a_bad_flow_is_one_sentence_and_changes_nothing(workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    keys = _keys(workspace, map_id)
    before = _state(workspace)
    with pytest.raises(OpsdeskError) as bad:
        workspace.execute(AddInfoFlow(map_id, InfoFlow("manual", PRODUCTION_CONTROL, "e999")))
    assert str(bad.value) == ("An information flow to 'e999' names no element of the value "
                              "stream (nor production control, the customer or the "
                              "supplier); nothing was changed.")
    with pytest.raises(OpsdeskError, match="two different ends"):
        workspace.execute(AddInfoFlow(map_id, InfoFlow("manual", CUSTOMER, CUSTOMER)))
    with pytest.raises(OpsdeskError, match="not a kind of information flow"):
        workspace.execute(AddInfoFlow(map_id, InfoFlow("smoke", CUSTOMER,  # type: ignore[arg-type]
                                                       PRODUCTION_CONTROL)))
    with pytest.raises(OpsdeskError, match="has no information flow 1 "):
        workspace.execute(RemoveInfoFlow(map_id, 0))
    with pytest.raises(OpsdeskError, match="no element 'customer'"):
        workspace.execute(PlaceLevelingBox(map_id, CUSTOMER))
    with pytest.raises(OpsdeskError, match="A kanban post is placed at an element"):
        workspace.execute(PlaceKanbanPosts(map_id, (keys["Stamping"], "e999")))
    assert _state(workspace) == before


def test_the_future_state_keeps_the_flows_on_its_own_elements(workspace: Workspace) -> None:
    current = workspace.execute(ImportValueStream(acme())).result
    keys = _keys(workspace, current)
    for flow in _pull_loop(keys):
        workspace.execute(AddInfoFlow(current, flow))
    workspace.execute(PlaceLevelingBox(current, keys["Assembly #2"]))
    future = workspace.execute(CopyAsFuture(current)).result
    mine, theirs = _keys(workspace, future), keys
    assert set(mine.values()).isdisjoint(theirs.values())
    by_key = {v: k for k, v in theirs.items()}
    info = load_stream(workspace.conn, future).stream.information
    expected = _pull_loop(mine)
    assert info.flows == expected and info.leveling_at == mine["Assembly #2"]
    assert [by_key.get(f.target, f.target) for f in _pull_loop(theirs)] == [
        {v: k for k, v in mine.items()}.get(f.target, f.target) for f in info.flows]
    # Other edits of the map keep what is stored.
    workspace.execute(SetDemand(future, Demand(9_200, "month", 20)))
    workspace.execute(ReplaceStream(future, dataclasses.replace(acme(), name="Acme (future)")))
    assert load_stream(workspace.conn, future).stream.information.flows == expected


def _lines(d: VsmDiagram) -> list[tuple[Point, Point]]:
    return [(a, b) for i in d.by_role("information") for p in i.prims
            if isinstance(p, Poly) and not p.closed for a, b in pairwise(p.points)]


def _crosses(a: Point, b: Point, box: Box) -> bool:
    """Any of 200 points along a-b strictly inside ``box`` (its edge is where a flow may
    end)."""
    for n in range(201):
        x, y = a.x + (b.x - a.x) * n / 200, a.y + (b.y - a.y) * n / 200
        if box.x + 1 < x < box.right - 1 and box.y + 1 < y < box.bottom - 1:
            return True
    return False


def test_stored_flows_are_drawn_instead_and_cross_no_process_box(
        workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    auto = stream_view(workspace.conn, map_id).diagram
    # Today's pattern: two electronic flows and a manual schedule to each of Acme's five
    # processes.
    assert len(auto.by_role("information")) == 2 + 5
    keys = _keys(workspace, map_id)
    flows = _pull_loop(keys)
    assert {f.kind for f in flows} == set(INFO_KINDS)
    for flow in flows:
        workspace.execute(AddInfoFlow(map_id, flow))
    workspace.execute(PlaceLevelingBox(map_id, keys["Assembly #2"]))
    workspace.execute(PlaceKanbanPosts(map_id, (keys["Stamping"],)))
    d = stream_view(workspace.conn, map_id).diagram
    info = d.by_role("information")
    ids = {i.id for i in info}
    assert {f"info{n}" for n in range(len(flows))} <= ids
    assert {"leveling", f"kanban_post:{keys['Stamping']}"} <= ids
    assert not any(i.startswith("schedule") or i in ("orders", "to_supplier") for i in ids)
    assert len(d.by_role("production_control")) == 1
    # Flows leave production control and the factories at their edges; every other
    # box is crossed by none.
    boxes = [i.box for i in d.items if i.role in ("process", "inventory", "delay")]
    for a, b in _lines(d):
        for box in boxes:
            assert not _crosses(a, b, box), (a, b, box)
    # Every label is on the map, clear of every process box and of one another.
    labels = [p for i in info for p in i.prims if isinstance(p, Text)]
    assert {"daily orders", "weekly fax", "batch signal", "go see"} <= {t.text for t in labels}
    backs = [p.box for i in info for p in i.prims if isinstance(p, Rect) and p.stroke is None]
    for n, back in enumerate(backs):
        assert not any(_overlaps(back, p.box) for p in d.by_role("process"))
        assert not any(_overlaps(back, other) for other in backs[n + 1:])


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def test_a_flow_to_a_lower_branch_goes_round_the_box_above_it(workspace: Workspace) -> None:
    stream = ValueStream("Two lines", flow=(
        Process("Cut", 10),
        Parallel("lines", ((Process("Frame", 20),), (Process("Panel", 30),))),
        Inventory("Finished", quantity=50, kind="supermarket")))
    map_id = workspace.execute(ImportValueStream(stream)).result
    keys = load_stream(workspace.conn, map_id).keys  # cut, lines, frame, panel, finished
    workspace.execute(AddInfoFlow(map_id, InfoFlow("manual", PRODUCTION_CONTROL, keys[3])))
    workspace.execute(AddInfoFlow(map_id, InfoFlow("withdrawal_kanban", keys[4], keys[3])))
    d = stream_view(workspace.conn, map_id).diagram
    boxes = [i.box for i in d.by_role("process")]
    panel = next(i.box for i in d.by_role("process") if i.text == "Panel")
    lines = _lines(d)
    assert len(lines) >= 4
    for a, b in lines:
        for box in boxes:
            assert not _crosses(a, b, box), (a, b, box)
    # Both reach the panel, at its left side.
    ends = [p.points[-1] for i in d.by_role("information") if i.id.startswith("info")
            for p in i.prims if isinstance(p, Poly) and not p.closed][:2]
    assert all(abs(e.x - panel.x) < 1 and panel.y < e.y < panel.bottom for e in ends)


def test_a_flow_whose_element_is_gone_is_left_out(workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    keys = _keys(workspace, map_id)
    workspace.execute(AddInfoFlow(map_id, InfoFlow("manual", PRODUCTION_CONTROL,
                                                   keys["Stamping"])))
    workspace.execute(AddInfoFlow(map_id, InfoFlow("electronic", CUSTOMER,
                                                   PRODUCTION_CONTROL)))
    # Redrawn with a single process: the element the first flow named is gone.
    workspace.execute(ReplaceStream(map_id, ValueStream("Acme", flow=(Process("Press", 1),))))
    assert keys["Stamping"] not in load_stream(workspace.conn, map_id).keys
    ids = [i.id for i in stream_view(workspace.conn, map_id).diagram.by_role("information")]
    assert "info0" not in ids and "info1" in ids


def test_the_demo_future_state_has_its_pull_loop(demo_workspace: Workspace) -> None:
    from opsdesk.core.maps.vsm_store import list_streams

    future = next(s.id for s in list_streams(demo_workspace.conn) if s.state == "future")
    stored = load_stream(demo_workspace.conn, future)
    info = stored.stream.information
    names = dict(zip(stored.keys, (e.name for e in stored.stream.flow), strict=True))
    names.update({PRODUCTION_CONTROL: "control", CUSTOMER: "customer",
                  SUPPLIER: "supplier"})
    assert [(f.kind, names[f.source], names[f.target], f.label) for f in info.flows] == [
        ("electronic", "customer", "control", "daily orders"),
        ("electronic", "control", "supplier", "weekly schedule"),
        ("manual", "control", "Weld and assembly cell", "daily schedule"),
        ("withdrawal_kanban", "Weld and assembly cell", "Stamped-parts supermarket", ""),
        ("production_kanban", "Stamped-parts supermarket", "Stamping", "")]
    assert names[info.leveling_at or ""] == "Weld and assembly cell"
    assert [names[k] for k in info.kanban_posts] == ["Stamping"]
    current = next(s.id for s in list_streams(demo_workspace.conn) if s.state == "current")
    assert not load_stream(demo_workspace.conn, current).stream.information.stored
