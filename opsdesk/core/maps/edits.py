"""Edits of a map as pure functions: each takes a ``ProcessMap`` and returns the edited one.

The commands (``maps.commands``) load the stored map, call one of these, and write the
rows that differ, so every rule of an edit is here and testable without a workspace.
An edit that would leave the map inconsistent raises ``OpsdeskError`` with one sentence.
Lane edits (bands, their order and size) are in ``lane_edits``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.layout import SIZES
from opsdesk.core.maps.model import (
    Box,
    Flow,
    FlowKind,
    Node,
    NodeKind,
    Point,
    ProcessMap,
    problems,
)
from opsdesk.core.maps.routing import route_all
from opsdesk.core.maps.step_data import StepData

# Key prefixes as bpmn.io names new elements, so exported ids read as a modeler's would.
_PREFIX = {"task": "Activity", "subprocess": "Activity", "exclusive": "Gateway",
           "parallel": "Gateway", "inclusive": "Gateway", "data": "DataObject",
           "annotation": "TextAnnotation"}


def fresh_key(pmap: ProcessMap, prefix: str, taken: Iterable[str] = ()) -> str:
    """``prefix_N`` with the smallest N not used by any element of ``pmap`` (or ``taken``)."""
    used = {x.id for group in (pmap.pools, pmap.lanes, pmap.nodes, pmap.flows) for x in group}
    used |= set(taken) | {pmap.id}
    n = 1
    while f"{prefix}_{n}" in used:
        n += 1
    return f"{prefix}_{n}"


def node_prefix(kind: NodeKind) -> str:
    return _PREFIX.get(kind, "Event")


def checked(pmap: ProcessMap) -> ProcessMap:
    """``pmap`` if it is consistent, else the first problem as an error."""
    found = problems(pmap)
    if found:
        raise OpsdeskError(f"{found[0]} Nothing was changed.")
    return pmap


def _known(pmap: ProcessMap, key: str, what: str = "step") -> Node:
    node = pmap.node_by_id.get(key)
    if node is None:
        raise OpsdeskError(f"The map has no {what} '{key}'; nothing was changed.")
    return node


def lane_at(pmap: ProcessMap, point: Point) -> str | None:
    """The leaf lane whose band holds ``point`` (the innermost, last drawn), if any."""
    hits = [lane for lane in pmap.leaf_lanes() if lane.box is not None
            and lane.box.x <= point.x <= lane.box.right and lane.box.y <= point.y
            <= lane.box.bottom]
    return hits[-1].id if hits else None


def add_node(pmap: ProcessMap, kind: NodeKind, label: str = "", lane: str | None = None,
             box: Box | None = None, at: Point | None = None, step: StepData | None = None,
             scope: str | None = None, attached_to: str | None = None,
             key: str | None = None) -> tuple[ProcessMap, str]:
    """A new node; ``at`` places its centre (its kind's size) and, without ``lane``, puts
    it in the lane there. Returns the map and the new node's key."""
    key = key or fresh_key(pmap, node_prefix(kind))
    if key in pmap.node_by_id:
        raise OpsdeskError(f"The map already has an element '{key}'; nothing was changed.")
    if box is None and at is not None:
        w, h = SIZES[kind]
        box = Box(at.x - w / 2, at.y - h / 2, w, h)
    if lane is None and box is not None and scope is None:
        lane = lane_at(pmap, Point(box.cx, box.cy))
    pool = pmap.lane_by_id[lane].pool_id if lane is not None and lane in pmap.lane_by_id \
        else None
    if attached_to is not None:
        host = _known(pmap, attached_to, "activity")
        lane, pool, scope = host.lane_id, host.pool_id, host.scope
    node = Node(key, kind, label, lane_id=lane, pool_id=pool, scope=scope,
                attached_to=attached_to, box=box, step=step or StepData())
    return checked(replace(pmap, nodes=(*pmap.nodes, node))), key


def add_next(pmap: ProcessMap, after: str, label: str, lane: str | None = None,
             kind: NodeKind = "task") -> tuple[ProcessMap, str]:
    """A step after ``after``, connected to it by a sequence flow: to its right in the same
    lane, or at the same distance along in ``lane`` (the workshop's Enter and Tab). Returns
    the map and the new step's key."""
    from opsdesk.core.maps.layout import LayoutOptions

    before = _known(pmap, after)
    w = SIZES[kind][0]
    at: Point | None = None
    if before.box is not None:
        x = before.box.right + LayoutOptions().column_gap + w / 2
        y = before.box.cy
        band = pmap.lane_by_id[lane].box if lane is not None and lane in pmap.lane_by_id \
            else None
        if lane is not None and lane != before.lane_id and band is not None:
            y = band.cy
        at = Point(x, y)
    added, key = add_node(pmap, kind, label, lane or before.lane_id, at=at,
                          scope=before.scope)
    return connect(added, after, key)[0], key


def _rerouted(pmap: ProcessMap, moved: set[str]) -> ProcessMap:
    """Flows that touch a moved node routed afresh; the others keep their points."""
    flows = tuple(replace(f, waypoints=()) if f.source in moved or f.target in moved else f
                  for f in pmap.flows)
    return route_all(replace(pmap, flows=flows), only_missing=True)


def move_nodes(pmap: ProcessMap, boxes: Mapping[str, Box]) -> ProcessMap:
    """Nodes placed at new boxes (a drag of a selection, or a resize).

    A boundary event not in ``boxes`` follows its host (keeping its place on the host's
    lower edge); the contents of an expanded sub-process follow it. A moved node whose
    centre lands in another leaf lane joins that lane. Flows at moved nodes are re-routed.
    """
    for key in boxes:
        _known(pmap, key)
    placed = dict(boxes)
    for key, box in boxes.items():
        old = pmap.node(key).box
        if old is None:
            continue
        dx, dy = box.x - old.x, box.bottom - old.bottom
        for n in pmap.nodes:
            follows = n.attached_to == key or (n.scope == key and pmap.node(key).expanded)
            if follows and n.id not in boxes and n.box is not None:
                dy_n = dy if n.attached_to == key else box.y - old.y
                placed[n.id] = replace(n.box, x=n.box.x + dx, y=n.box.y + dy_n)
    nodes = []
    for n in pmap.nodes:
        if n.id in placed:
            box = placed[n.id]
            lane = n.lane_id
            if n.scope is None and n.attached_to is None:
                lane = lane_at(pmap, Point(box.cx, box.cy)) or lane
            n = replace(n, box=box, lane_id=lane)
        nodes.append(n)
    nodes = [replace(n, lane_id=_host_lane(nodes, n)) if n.attached_to else n for n in nodes]
    return checked(_rerouted(replace(pmap, nodes=tuple(nodes)), set(placed)))


def _host_lane(nodes: list[Node], n: Node) -> str | None:
    return next((h.lane_id for h in nodes if h.id == n.attached_to), n.lane_id)


def connect(pmap: ProcessMap, source: str, target: str, kind: FlowKind = "sequence",
            label: str = "", key: str | None = None) -> tuple[ProcessMap, str]:
    """A new flow from ``source`` to ``target`` (nodes; a message flow may end on a pool)."""
    key = key or fresh_key(pmap, "Flow")
    flow = _valid_flow(pmap, Flow(key, kind, source, target, label))
    return checked(route_all(replace(pmap, flows=(*pmap.flows, flow)), only_missing=True)), key


def _valid_flow(pmap: ProcessMap, flow: Flow) -> Flow:
    ends = []
    for end in (flow.source, flow.target):
        if end in pmap.node_by_id:
            ends.append(pmap.node(end))
        elif not (flow.kind == "message" and end in pmap.pool_by_id):
            raise OpsdeskError(f"The map has no step '{end}' to connect; nothing was changed.")
    if flow.kind == "sequence" and len(ends) == 2:
        a, b = ends
        if a.scope != b.scope:
            raise OpsdeskError(f"A sequence flow cannot join '{a.name}' and '{b.name}': they "
                               "are not in the same sub-process; nothing was changed.")
        if a.pool_id != b.pool_id:
            raise OpsdeskError(f"A sequence flow cannot cross from pool to pool ('{a.name}' to "
                               f"'{b.name}'); use a message flow. Nothing was changed.")
    return flow


def reconnect(pmap: ProcessMap, flow_key: str, source: str | None = None,
              target: str | None = None) -> ProcessMap:
    """A flow with a new source and/or target, routed afresh."""
    flow = next((f for f in pmap.flows if f.id == flow_key), None)
    if flow is None:
        raise OpsdeskError(f"The map has no flow '{flow_key}'; nothing was changed.")
    new = _valid_flow(pmap, replace(flow, source=source or flow.source,
                                    target=target or flow.target, waypoints=()))
    flows = tuple(new if f.id == flow_key else f for f in pmap.flows)
    return checked(route_all(replace(pmap, flows=flows), only_missing=True))


def relabel(pmap: ProcessMap, key: str, label: str) -> ProcessMap:
    """A new label for a node or flow, or a new name for a lane, a pool or the map."""
    label = label.strip()
    if key == pmap.id:
        if not label:
            raise OpsdeskError("A map needs a name; nothing was changed.")
        return replace(pmap, name=label)
    if key in pmap.node_by_id:
        return replace(pmap, nodes=tuple(replace(n, label=label) if n.id == key else n
                                         for n in pmap.nodes))
    if key in pmap.lane_by_id:
        return replace(pmap, lanes=tuple(replace(x, name=label) if x.id == key else x
                                         for x in pmap.lanes))
    if key in pmap.pool_by_id:
        return replace(pmap, pools=tuple(replace(p, name=label) if p.id == key else p
                                         for p in pmap.pools))
    if any(f.id == key for f in pmap.flows):
        return replace(pmap, flows=tuple(replace(f, label=label) if f.id == key else f
                                         for f in pmap.flows))
    raise OpsdeskError(f"The map has nothing called '{key}' to rename; nothing was changed.")


def set_step(pmap: ProcessMap, key: str, step: StepData,
             probability: float | None = None) -> ProcessMap:
    """A node's step data (and, for a boundary event, its chance of firing)."""
    node = _known(pmap, key)
    new = replace(node, step=step, probability=probability if node.kind == "boundary"
                  else node.probability)
    return checked(replace(pmap, nodes=tuple(new if n.id == key else n for n in pmap.nodes)))


def set_branch(pmap: ProcessMap, flow_key: str, probability: float | None,
               default: bool = False) -> ProcessMap:
    """A gateway branch's probability and whether it is the gateway's default flow (a
    gateway has one default at most: setting it here clears the others')."""
    flow = next((f for f in pmap.flows if f.id == flow_key), None)
    if flow is None:
        raise OpsdeskError(f"The map has no flow '{flow_key}'; nothing was changed.")
    flows = []
    for f in pmap.flows:
        if f.id == flow_key:
            f = replace(f, probability=probability, default=default)
        elif default and f.source == flow.source and f.default:
            f = replace(f, default=False)
        flows.append(f)
    return checked(replace(pmap, flows=tuple(flows)))


def delete(pmap: ProcessMap, keys: Iterable[str]) -> ProcessMap:
    """Nodes and flows removed; a node takes its flows, the boundary events on it and, for a
    sub-process, everything inside it."""
    wanted = set(keys)
    flows_named = {f.id for f in pmap.flows} & wanted
    unknown = wanted - flows_named - set(pmap.node_by_id)
    if unknown:
        raise OpsdeskError(f"The map has no step or flow '{sorted(unknown)[0]}'; nothing was "
                           "changed.")
    gone = wanted - flows_named
    grew = True
    while grew:
        more = {n.id for n in pmap.nodes if n.id not in gone
                and (n.attached_to in gone or n.scope in gone)}
        gone |= more
        grew = bool(more)
    nodes = tuple(n for n in pmap.nodes if n.id not in gone)
    flows = tuple(f for f in pmap.flows if f.id not in flows_named
                  and f.source not in gone and f.target not in gone)
    return checked(replace(pmap, nodes=nodes, flows=flows))


ORIGIN = Point(0.0, 0.0)


def paste(pmap: ProcessMap, nodes: Iterable[Node], flows: Iterable[Flow],
          offset: Point = ORIGIN) -> tuple[ProcessMap, dict[str, str]]:
    """Copied nodes and the flows among them, with fresh keys, shifted by ``offset``.

    A pasted node keeps its lane when the map has it (else lands in the lane under it),
    its host and sub-process when they were pasted too; flows to nodes that were not
    copied are left out. Returns the map and each copied key's new key.
    """
    nodes, flows = list(nodes), list(flows)
    keys: dict[str, str] = {}
    for n in nodes:
        keys[n.id] = fresh_key(pmap, node_prefix(n.kind), keys.values())
    for f in flows:
        if f.source in keys and f.target in keys:
            keys[f.id] = fresh_key(pmap, "Flow", keys.values())
    added = []
    for n in nodes:
        box = None if n.box is None else replace(n.box, x=n.box.x + offset.x,
                                                   y=n.box.y + offset.y)
        lane = n.lane_id if n.lane_id in pmap.lane_by_id else None
        if lane is None and box is not None:
            lane = lane_at(pmap, Point(box.cx, box.cy))
        pool = n.pool_id if n.pool_id in pmap.pool_by_id else None
        added.append(replace(n, id=keys[n.id], box=box, lane_id=lane, pool_id=pool,
                             scope=keys.get(n.scope or ""), attached_to=keys.get(
                                 n.attached_to or "")))
    added = [n for n in added if n.kind != "boundary" or n.attached_to is not None]
    kept = {n.id for n in added}
    new_flows = [replace(f, id=keys[f.id], source=keys[f.source], target=keys[f.target],
                         waypoints=tuple(Point(p.x + offset.x, p.y + offset.y)
                                         for p in f.waypoints))
                 for f in flows if f.id in keys and keys[f.source] in kept
                 and keys[f.target] in kept]
    new = replace(pmap, nodes=(*pmap.nodes, *added), flows=(*pmap.flows, *new_flows))
    return checked(route_all(new, only_missing=True)), {
        k: v for k, v in keys.items() if v in kept or v in {f.id for f in new_flows}}
