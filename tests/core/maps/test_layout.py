"""Layout and routing: geometric properties that must hold on every map."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest

from opsdesk.core.maps.analysis import analyse
from opsdesk.core.maps.bpmn_import import read_bpmn
from opsdesk.core.maps.diagram import diagram_spec
from opsdesk.core.maps.layout import auto_layout, with_layout
from opsdesk.core.maps.model import Box, Lane, ProcessMap
from opsdesk.core.maps.routing import crosses
from tests.conftest import DATASETS
from tests.core.maps.builders import generated, order_to_cash


def _stripped(pmap: ProcessMap) -> ProcessMap:
    return replace(pmap, nodes=tuple(replace(n, box=None) for n in pmap.nodes),
                   flows=tuple(replace(f, waypoints=()) for f in pmap.flows))


MAPS = {
    "order to cash": order_to_cash(),
    "generated, 60 blocks": generated(60, seed=4),
    **{p.stem: _stripped(read_bpmn(p).map) for p in sorted((DATASETS / "bpmn").glob("*.bpmn"))},
}


def _on_side(point: object, box: Box) -> bool:
    x, y = point.x, point.y  # type: ignore[attr-defined]
    on_x = abs(x - box.x) < 1e-6 or abs(x - box.right) < 1e-6
    on_y = abs(y - box.y) < 1e-6 or abs(y - box.bottom) < 1e-6
    return (on_x and box.y - 1e-6 <= y <= box.bottom + 1e-6) or (
        on_y and box.x - 1e-6 <= x <= box.right + 1e-6)


@pytest.mark.parametrize("name", sorted(MAPS))
def test_routes_are_orthogonal_start_and_end_on_their_shapes_and_cross_none(name: str) -> None:
    pmap = auto_layout(MAPS[name])
    nodes = pmap.node_by_id
    for f in pmap.flows:
        points = f.waypoints
        assert len(points) >= 2, f.id
        for a, b in pairwise(points):
            assert abs(a.x - b.x) < 1e-6 or abs(a.y - b.y) < 1e-6, f"{f.id} is not orthogonal"
        assert _on_side(points[0], nodes[f.source].box)  # type: ignore[arg-type]
        assert _on_side(points[-1], nodes[f.target].box)  # type: ignore[arg-type]
        scope = nodes[f.source].scope
        for n in pmap.nodes:
            if n.scope == scope:
                for a, b in pairwise(points):
                    assert not crosses(a, b, n.box), f"{f.id} crosses {n.id}"  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(MAPS))
def test_lanes_hold_their_nodes_and_pools_their_lanes(name: str) -> None:
    pmap = auto_layout(MAPS[name])
    from opsdesk.core.maps.graph import effective_lane

    for n in pmap.nodes:
        lane_id = effective_lane(pmap, n)
        if lane_id is not None and n.scope is None and n.kind != "boundary":
            assert pmap.lane_by_id[lane_id].box.contains(n.box), n.id  # type: ignore[union-attr,arg-type]
    for lane in pmap.lanes:
        if lane.pool_id is not None and pmap.pool_by_id[lane.pool_id].participant:
            assert pmap.pool_by_id[lane.pool_id].box.contains(lane.box)  # type: ignore[union-attr,arg-type]
    top = [n.box for n in pmap.nodes if n.scope is None]
    for a in top:  # no two shapes of one canvas on top of each other, boundaries aside
        overlapping = [b for b in top if b is not a and crosses_box(a, b)]
        assert all(_is_boundary_pair(pmap, a, b) for b in overlapping)


def crosses_box(a: Box | None, b: Box | None) -> bool:
    assert a is not None and b is not None
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _is_boundary_pair(pmap: ProcessMap, a: Box | None, b: Box | None) -> bool:
    kinds = {n.kind for n in pmap.nodes if n.box in (a, b)}
    return "boundary" in kinds


@pytest.mark.parametrize("name", sorted(MAPS))
def test_layout_again_changes_nothing(name: str) -> None:
    once = auto_layout(MAPS[name])
    assert auto_layout(once) == once
    assert with_layout(once) is once  # complete geometry is left alone


def test_relayout_keeps_the_order_the_user_drew() -> None:
    pmap = read_bpmn(DATASETS / "bpmn" / "A.2.0-camunda-export.bpmn").map
    laid = auto_layout(pmap)
    # Camunda drew Task 2 above Task 3 above Task 4 in the column after the split.
    ys = {n.label: n.box.y for n in laid.nodes if n.box is not None}
    assert ys["Task 2"] < ys["Task 3"] < ys["Task 4"]


def test_forward_flows_run_left_to_right() -> None:
    pmap = auto_layout(order_to_cash())
    for f in pmap.flows:
        a, b = pmap.node(f.source).box, pmap.node(f.target).box
        assert a is not None and b is not None
        if f.id != "c-b":  # the rework flow goes back
            assert b.x > a.x, f.id


def test_vertical_lanes() -> None:
    pmap = order_to_cash()
    pmap = replace(pmap, lanes=tuple(replace(lane, orientation="vertical")
                                     for lane in pmap.lanes))
    laid = auto_layout(pmap)
    lanes: dict[str, Lane] = {lane.id: lane for lane in laid.lanes}
    xs = [lanes[k].box.x for k in ("sales", "credit", "warehouse", "billing")]  # type: ignore[union-attr]
    assert xs == sorted(xs)  # lanes side by side, in order
    for n in laid.nodes:
        assert lanes[n.lane_id].box.contains(n.box)  # type: ignore[index,union-attr,arg-type]
    start, end = laid.node("s").box, laid.node("x").box
    assert start is not None and end is not None and end.y > start.y  # flows downwards


def test_diagram_spec_of_order_to_cash() -> None:
    pmap = order_to_cash()
    spec = diagram_spec(pmap, analysis=analyse(pmap))
    assert [b.title for b in spec.bands] == ["Sales", "Credit", "Warehouse", "Billing"]
    assert len(spec.shapes) == 9 and len(spec.connectors) == 9
    shape = {s.id: s for s in spec.shapes}
    assert shape["d"].value_class == "value_adding"
    assert shape["f"].heat == 1.0 and shape["e"].heat == 0.0  # invoice waits longest
    assert all("critical" in s.emphasis for s in spec.shapes)  # the map is one chain
    handoff = [c.id for c in spec.connectors if "handoff" in c.emphasis]
    assert sorted(handoff) == ["a-b", "c-b", "e-f", "g-c", "g-d"]
    for s in spec.shapes:
        assert {p.side for p in s.ports} == {"left", "right", "top", "bottom"}
    assert spec.width >= max(s.box.right for s in spec.shapes)


def test_collapsed_subprocess_opens_its_own_canvas() -> None:
    pmap = read_bpmn(DATASETS / "bpmn" / "A.4.0-reference.bpmn").map
    collapsed = replace(pmap, nodes=tuple(replace(n, expanded=False) for n in pmap.nodes))
    top = diagram_spec(collapsed)
    assert "Task 4" not in {s.text.strip() for s in top.shapes}
    inner = diagram_spec(collapsed, canvas="_ee35fa2c-dfea-40cf-a469-845b765a7b50")
    assert sorted(s.text.strip() for s in inner.shapes) == ["End Event 3", "Start Event 3",
                                                            "Task 4"]
    assert inner.bands == () and len(inner.connectors) == 2
    expanded = diagram_spec(pmap)
    assert [c.text.strip() for c in expanded.containers] == ["Expanded Sub-Process 1",
                                                             "Expanded Sub-Process 2"]


def test_a_loose_annotation_gets_no_band_of_its_own() -> None:
    from opsdesk.core.maps.model import Node

    pmap = order_to_cash()
    note = Node("note", "annotation", "Remember the credit limit")
    laid = auto_layout(replace(pmap, nodes=(*pmap.nodes, note)))
    lanes = [lane.box for lane in laid.lanes]
    assert laid.node("note").box is not None
    assert any(box.contains(laid.node("note").box) for box in lanes)  # type: ignore[union-attr,arg-type]
    bottom = max(box.bottom for box in lanes)  # type: ignore[union-attr]
    assert all(n.box.bottom <= bottom for n in laid.nodes)  # type: ignore[union-attr]
