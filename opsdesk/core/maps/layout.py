"""Layered auto-layout that keeps lanes, pools and message flows (networkx for the graph).

Each scope (the top of the map, and each sub-process's own map) is laid out on its own:

1. the sequence flows, with each boundary event standing for its host, make a graph;
   loops are broken at the back edges of a depth-first search (in map order);
2. every node gets the layer of its longest path from a source (columns, left to right);
3. every leaf lane (in pool and position order) is a band; a node's row in its band's
   cell of a column is set by the barycentre of its predecessors' rows, ties kept in the
   order the map already shows (or the map's order), so a second layout changes nothing;
4. boundary events sit on their host's lower edge, artifacts beside the node they are
   associated with; lanes, parent lanes and pools are the bands around their nodes;
5. flows are routed orthogonally around the shapes (``routing``).

A vertical map (its first pool or lane vertical) is laid out the same way and turned.
grandalf's Sugiyama layout was considered and not used: it orders one graph's layers
with no notion of lanes, and its coordinates would be replaced by the lane bands anyway;
the layering it would give is the few lines of networkx in ``_layers``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from opsdesk.core.maps.model import (
    ARTIFACT_KINDS,
    Box,
    Flow,
    Lane,
    Node,
    Pool,
    ProcessMap,
)
from opsdesk.core.maps.routing import route_all


@dataclass(frozen=True)
class LayoutOptions:
    column_gap: float = 50.0
    row_gap: float = 30.0
    lane_header: float = 30.0  # the title strip of a lane or pool
    band_padding: float = 20.0
    min_band: float = 120.0
    margin: float = 20.0


SIZES: dict[str, tuple[float, float]] = {
    "task": (100, 80), "subprocess": (100, 80), "start": (36, 36), "end": (36, 36),
    "intermediate": (36, 36), "boundary": (36, 36), "wait": (36, 36), "exclusive": (50, 50),
    "parallel": (50, 50), "inclusive": (50, 50), "data": (36, 50), "annotation": (100, 40),
}
CELL_W = max(w for w, _ in SIZES.values())
CELL_H = max(h for _, h in SIZES.values())
BandKey = tuple[str | None, str | None]  # (pool id, leaf lane id)


def with_layout(pmap: ProcessMap) -> ProcessMap:
    """``pmap`` unchanged if every node has a box, routed where flows lack waypoints;
    else laid out anew (a file without DI, a map drawn by keyboard)."""
    if any(n.box is None for n in pmap.nodes):
        return auto_layout(pmap)
    if any(not f.waypoints for f in pmap.flows):
        return route_all(pmap, only_missing=True)
    return pmap


def auto_layout(pmap: ProcessMap, options: LayoutOptions = LayoutOptions()) -> ProcessMap:
    """``pmap`` with every node, lane and pool placed and every flow routed."""
    vertical = pmap.vertical
    boxes: dict[str, Box] = {}
    bands: dict[str, Box] = {}
    scopes = [None, *(n.id for n in pmap.nodes if n.kind == "subprocess")]
    for scope in scopes:
        scope_bands = _layout_scope(pmap, scope, options, boxes)
        if scope is None:
            bands = scope_bands
    if vertical:
        boxes = {k: _turn(b, keep_size=True) for k, b in boxes.items()}
        bands = {k: _turn(b, keep_size=False) for k, b in bands.items()}
    nodes = tuple(replace(n, box=boxes[n.id], expanded=False) for n in pmap.nodes)
    lanes = tuple(replace(lane, box=bands.get(lane.id)) for lane in pmap.lanes)
    pools = tuple(replace(p, box=bands.get(p.id)) for p in pmap.pools)
    flows = tuple(replace(f, waypoints=()) for f in pmap.flows)
    return route_all(replace(pmap, nodes=nodes, lanes=lanes, pools=pools, flows=flows))


def _turn(box: Box, keep_size: bool) -> Box:
    """Mirror ``box`` in the diagonal; a node keeps its own width and height."""
    if not keep_size:
        return Box(box.y, box.x, box.h, box.w)
    return Box(box.cy - box.w / 2, box.cx - box.h / 2, box.w, box.h)


def _layers(nodes: list[Node], flows: list[Flow], host: dict[str, str]) -> dict[str, int]:
    import networkx as nx

    order = {n.id: i for i, n in enumerate(nodes)}
    graph = nx.DiGraph()
    graph.add_nodes_from(order)
    for f in flows:
        a, b = host.get(f.source, f.source), host.get(f.target, f.target)
        if a in order and b in order and a != b:
            graph.add_edge(a, b)
    sources = sorted((v for v in graph if graph.in_degree(v) == 0), key=order.__getitem__)
    graph.remove_edges_from(_back_edges(graph, [*sources, *order], order))
    layer: dict[str, int] = {}
    for v in nx.lexicographical_topological_sort(graph, key=order.__getitem__):
        layer[v] = max((layer[u] + 1 for u in graph.predecessors(v)), default=0)
    return layer


def _back_edges(graph: Any, roots: list[str], order: dict[str, int]) -> list[tuple[str, str]]:
    """Edges to a node still on the stack of a depth-first search: they close the loops."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back = []
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(graph.successors(root), key=order.__getitem__)))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.append((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(graph.successors(child),
                                                 key=order.__getitem__))))
    return back


def _bands(pmap: ProcessMap, scope: str | None) -> list[tuple[BandKey, int]]:
    """Leaf lanes in drawing order, with their nesting depth; a band for lane-less nodes."""
    found: list[tuple[BandKey, int]] = []
    if scope is not None:
        return [((None, None), 0)]

    def walk(pool: str | None, lane: Lane | None, depth: int) -> None:
        children = pmap.child_lanes(None if lane is None else lane.id, pool)
        if lane is not None and not children:
            found.append(((pool, lane.id), depth))
        for child in children:
            walk(pool, child, depth + 1)

    # Artifacts sit with their partner and boundary events on their host: neither asks
    # for a band of its own.
    loose = {n.pool_id for n in pmap.in_scope(None) if n.lane_id is None
             and n.kind not in ARTIFACT_KINDS and n.kind != "boundary"}
    pools: list[Pool | None] = [None, *pmap.pools]
    for pool in pools:
        pool_id = None if pool is None else pool.id
        walk(pool_id, None, 0)
        has_lanes = any(lane.pool_id == pool_id for lane in pmap.lanes)
        if pool is not None and (not has_lanes or pool_id in loose):
            found.append(((pool_id, None), 0))
    if None in loose or not found:
        found.append(((None, None), 0))
    return found


def _layout_scope(pmap: ProcessMap, scope: str | None, o: LayoutOptions,
                  boxes: dict[str, Box]) -> dict[str, Box]:
    here = pmap.in_scope(scope)
    host = {n.id: n.attached_to for n in here if n.kind == "boundary" and n.attached_to}
    main = [n for n in here if n.kind not in ARTIFACT_KINDS and n.id not in host]
    layer = _layers(main, pmap.sequence_flows(), host)
    band_list = _bands(pmap, scope)
    depth = max((d for _, d in band_list), default=0)
    has_pool = scope is None and any(p.participant for p in pmap.pools)
    left = o.margin + o.lane_header * (depth + (1 if has_pool else 0))
    column_w = CELL_W + o.column_gap
    row_h = CELL_H + o.row_gap
    key_of = {n.id: (n.pool_id, n.lane_id) if scope is None else (None, None) for n in here}
    cells: dict[tuple[BandKey, int], list[Node]] = defaultdict(list)
    index = {n.id: i for i, n in enumerate(here)}
    for n in main:
        cells[(key_of[n.id], layer[n.id])].append(n)
    _attach_artifacts(pmap, here, layer, key_of, cells, index)
    _into_bands(cells, [key for key, _ in band_list])
    tops: dict[BandKey, float] = {}
    y = o.margin
    band_box: dict[BandKey, Box] = {}
    last = max((layer.get(n.id, 0) for cell in cells.values() for n in cell), default=0)
    width = left + (last + 1) * column_w + o.band_padding - o.margin
    for key, _ in band_list:
        rows = max((len(c) for (k, _l), c in cells.items() if k == key), default=0)
        tops[key] = y + o.band_padding
        height = max(o.min_band, rows * row_h + 2 * o.band_padding - o.row_gap)
        band_box[key] = Box(o.margin, y, width, height)
        y += height
    row_y: dict[str, float] = {}
    preds: dict[str, list[str]] = defaultdict(list)
    for f in pmap.flows:
        if f.kind == "sequence" or (f.kind == "association" and f.target in layer):
            preds[f.target].append(host.get(f.source, f.source))
    for (key, col) in sorted(cells, key=lambda c: c[1]):
        cell = cells[(key, col)]
        cell.sort(key=lambda n: (_barycentre(preds[n.id], row_y), _prior(n), index[n.id]))
        for row, n in enumerate(cell):
            w, h = SIZES[n.kind]
            cy = tops.get(key, o.margin) + row * row_h + CELL_H / 2
            row_y[n.id] = cy
            boxes[n.id] = Box(left + col * column_w + (CELL_W - w) / 2, cy - h / 2, w, h)
    _place_boundaries(here, host, boxes)
    return _band_boxes(pmap, band_box, o) if scope is None else {}


def _prior(n: Node) -> float:
    return n.box.cy if n.box is not None else float("inf")


def _barycentre(preds: list[str], row_y: dict[str, float]) -> float:
    ys = [row_y[p] for p in preds if p in row_y]
    return sum(ys) / len(ys) if ys else float("inf")


def _attach_artifacts(pmap: ProcessMap, here: list[Node], layer: dict[str, int],
                      key_of: dict[str, BandKey], cells: dict[tuple[BandKey, int], list[Node]],
                      index: dict[str, int]) -> None:
    """Data and annotations go in the column and band of the node they are linked to."""
    for n in here:
        if n.kind not in ARTIFACT_KINDS:
            continue
        partner = next((f.target if f.source == n.id else f.source for f in pmap.flows
                        if n.id in (f.source, f.target) and f.kind == "association"
                        and (f.target if f.source == n.id else f.source) in layer), None)
        col = 0 if partner is None else layer[partner]
        key = key_of[n.id] if partner is None or key_of[n.id][1] else key_of[partner]
        cells[(key, col)].append(n)
        layer[n.id] = col


def _into_bands(cells: dict[tuple[BandKey, int], list[Node]], keys: list[BandKey]) -> None:
    """Move what sits in a band that is not drawn (an artifact in no lane) to the first
    band of its pool, else to the first band."""
    known = set(keys)
    for key, col in [c for c in cells if c[0] not in known]:
        home = next((k for k in keys if k[0] == key[0]), keys[0])
        cells[(home, col)] = [*cells.get((home, col), []), *cells.pop((key, col))]


def _place_boundaries(here: list[Node], host: dict[str, str], boxes: dict[str, Box]) -> None:
    on: dict[str, list[Node]] = defaultdict(list)
    for n in here:
        if n.id in host:
            on[host[n.id]].append(n)
    w, hh = SIZES["boundary"]
    for host_id, events in on.items():
        h = boxes[host_id]
        gap = max(h.w / (len(events) + 1), w + 6)  # never on top of one another
        for i, n in enumerate(events):
            cx = h.cx + (i - (len(events) - 1) / 2) * gap
            boxes[n.id] = Box(cx - w / 2, h.bottom - hh / 2, w, hh)


def _band_boxes(pmap: ProcessMap, band: dict[BandKey, Box], o: LayoutOptions
                ) -> dict[str, Box]:
    """Boxes of lanes (leaf and parent) and pools from the leaf bands."""
    out: dict[str, Box] = {}
    lanes = pmap.lane_by_id

    def depth(lane_id: str) -> int:
        parent = lanes[lane_id].parent_id
        return 0 if parent is None else 1 + depth(parent)

    for (pool_id, lane_id), box in band.items():
        chain = []
        current = lane_id
        while current is not None:
            chain.append(current)
            current = lanes[current].parent_id
        for item in chain:
            x0 = o.margin + o.lane_header * (depth(item) + (1 if pool_id else 0))
            out[item] = _union(out.get(item), Box(x0, box.y, box.right - x0, box.h))
        if pool_id is not None:
            out[pool_id] = _union(out.get(pool_id), box)
    return out


def _union(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    x, y = min(a.x, b.x), min(a.y, b.y)
    return Box(x, y, max(a.right, b.right) - x, max(a.bottom, b.bottom) - y)
