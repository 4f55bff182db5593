"""Lane edits as pure functions: add, reorder, resize, delete, orientation.

Bands are stacked as ``layout`` draws them (horizontal maps: lanes one under another,
each nested lane and pool a header strip wider on the left; vertical maps turned). After
any lane edit ``restack`` lays the bands out again from each leaf lane's thickness and
the order of siblings, and every node moves with its lane, so a reordered or resized
lane carries its steps along and no band overlaps another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.edits import checked, fresh_key, lane_at
from opsdesk.core.maps.layout import LayoutOptions, _turn
from opsdesk.core.maps.model import Box, Lane, Node, Orientation, Point, ProcessMap
from opsdesk.core.maps.routing import route_all

_O = LayoutOptions()


def _lane(pmap: ProcessMap, key: str) -> Lane:
    lane = pmap.lane_by_id.get(key)
    if lane is None:
        raise OpsdeskError(f"The map has no lane '{key}'; nothing was changed.")
    return lane


def _turned(pmap: ProcessMap) -> ProcessMap:
    """The map mirrored in its diagonal (bands swap axes, nodes keep their size)."""
    def band(b: Box | None) -> Box | None:
        return None if b is None else _turn(b, keep_size=False)

    def node(b: Box | None) -> Box | None:
        return None if b is None else _turn(b, keep_size=True)

    return replace(
        pmap, pools=tuple(replace(p, box=band(p.box)) for p in pmap.pools),
        lanes=tuple(replace(x, box=band(x.box)) for x in pmap.lanes),
        nodes=tuple(replace(n, box=node(n.box)) for n in pmap.nodes),
        flows=tuple(replace(f, waypoints=()) for f in pmap.flows))


def _home_lane(pmap: ProcessMap, n: Node) -> str | None:
    """The lane a node moves with: its own, else its host's or its sub-process's."""
    seen = 0
    while n.lane_id is None and seen < len(pmap.nodes):
        up = n.attached_to or n.scope
        if up is None or up not in pmap.node_by_id:
            return None
        n, seen = pmap.node(up), seen + 1
    return n.lane_id


def restack(pmap: ProcessMap, thickness: Mapping[str, float] | None = None) -> ProcessMap:
    """Bands laid out again (leaf lanes keep their thickness unless ``thickness`` gives
    one); nodes move with their lanes, and the flows at moved nodes are re-routed."""
    if not pmap.lanes or all(lane.box is None for lane in pmap.lanes):
        return pmap
    vertical = pmap.vertical
    flat = _turned(pmap) if vertical else pmap
    sizes = dict(thickness or {})
    boxes = [b for b in [*(x.box for x in flat.lanes), *(p.box for p in flat.pools)] if b]
    top = min(b.y for b in boxes)
    left = min(b.x for b in boxes)
    right = max(b.right for b in boxes)
    placed: dict[str, Box] = {}

    def walk(pool_id: str | None, parent: Lane | None, depth: int, y: float) -> float:
        start = y
        for lane in flat.child_lanes(None if parent is None else parent.id, pool_id):
            children = flat.child_lanes(lane.id)
            x0 = left + _O.lane_header * (depth + (1 if pool_id else 0))
            if children:
                end = walk(pool_id, lane, depth + 1, y)
            else:
                h = sizes.get(lane.id) or (lane.box.h if lane.box else _O.min_band)
                end = y + max(h, _O.lane_header)
            placed[lane.id] = Box(x0, y, right - x0, end - y)
            y = end
        return y if y > start else start

    y = top
    for pool in flat.pools:
        end = walk(pool.id, None, 0, y)
        if end == y:  # a pool without lanes keeps its height
            end = y + (pool.box.h if pool.box else _O.min_band)
        if pool.participant:
            placed[pool.id] = Box(left, y, right - left, end - y)
        y = end
    walk(None, None, 0, y)
    shift = {lane.id: placed[lane.id].y - lane.box.y for lane in flat.lanes
             if lane.box is not None and lane.id in placed}
    nodes, moved = [], set()
    for n in flat.nodes:
        dy = shift.get(_home_lane(flat, n) or "", 0.0)
        if dy and n.box is not None:
            n = replace(n, box=replace(n.box, y=n.box.y + dy))
            moved.add(n.id)
        nodes.append(n)
    out = replace(flat, nodes=tuple(nodes),
                  lanes=tuple(replace(x, box=placed.get(x.id, x.box)) for x in flat.lanes),
                  pools=tuple(replace(p, box=placed.get(p.id, p.box)) for p in flat.pools))
    if vertical:
        out = _turned(out)
    else:
        out = replace(out, flows=tuple(replace(f, waypoints=()) if f.source in moved
                                       or f.target in moved else f for f in out.flows))
    return route_all(out, only_missing=True)


def _renumbered(lanes: list[Lane]) -> dict[str, int]:
    return {lane.id: i for i, lane in enumerate(lanes)}


def add_lane(pmap: ProcessMap, name: str, parent: str | None = None,
             pool: str | None = None, position: int | None = None,
             key: str | None = None) -> tuple[ProcessMap, str]:
    """A new lane at ``position`` among its siblings (default: last). Steps in a parent
    lane that had no lanes inside move into the new one (a step sits in a leaf lane)."""
    key = key or fresh_key(pmap, "Lane")
    if parent is not None:
        pool = _lane(pmap, parent).pool_id
    if pool is not None and pool not in pmap.pool_by_id:
        raise OpsdeskError(f"The map has no pool '{pool}'; nothing was changed.")
    siblings = pmap.child_lanes(parent, pool)
    at = len(siblings) if position is None else max(0, min(position, len(siblings)))
    orientation: Orientation = "vertical" if pmap.vertical else "horizontal"
    lane = Lane(key, name.strip(), pool, parent, at, orientation,
                Box(0, 0, 0, _O.min_band) if any(x.box for x in pmap.lanes) else None)
    order = _renumbered([*siblings[:at], lane, *siblings[at:]])
    lanes = (*(replace(x, position=order[x.id]) if x.id in order else x for x in pmap.lanes),
             replace(lane, position=order[key]))
    nodes = pmap.nodes
    if parent is not None and not siblings:
        nodes = tuple(replace(n, lane_id=key) if n.lane_id == parent else n for n in nodes)
    new = replace(pmap, lanes=lanes, nodes=nodes)
    if lane.box is not None:
        new = replace(new, lanes=tuple(replace(x, box=_place_new(pmap, x)) if x.id == key
                                       else x for x in new.lanes))
    return checked(restack(new)), key


def _place_new(pmap: ProcessMap, lane: Lane) -> Box:
    """Where a new lane starts before restacking: after its last sibling, else at the
    bottom of the map (vertical maps: at the right)."""
    boxes = [x.box for x in pmap.lanes if x.box is not None]
    boxes += [p.box for p in pmap.pools if p.box is not None]
    if pmap.vertical:
        right = max(b.right for b in boxes)
        return Box(right, min(b.y for b in boxes), _O.min_band, 0)
    bottom = max(b.bottom for b in boxes)
    return Box(min(b.x for b in boxes), bottom, 0, _O.min_band)


def move_lane(pmap: ProcessMap, key: str, position: int) -> ProcessMap:
    """A lane moved to ``position`` among its siblings, its steps with it."""
    lane = _lane(pmap, key)
    siblings = [x for x in pmap.child_lanes(lane.parent_id, lane.pool_id) if x.id != key]
    at = max(0, min(position, len(siblings)))
    order = _renumbered([*siblings[:at], lane, *siblings[at:]])
    lanes = tuple(replace(x, position=order[x.id]) if x.id in order else x for x in pmap.lanes)
    return checked(restack(replace(pmap, lanes=lanes)))


def resize_lane(pmap: ProcessMap, key: str, thickness: float | None = None,
                length: float | None = None) -> ProcessMap:
    """A lane made thicker or thinner (its height across the flow; a lane with lanes
    inside changes its last one), and/or every band made ``length`` long (along the
    flow), as dragging a lane's edge does."""
    lane = _lane(pmap, key)
    while pmap.child_lanes(lane.id):
        lane = pmap.child_lanes(lane.id)[-1]
    out = pmap
    if length is not None:
        vertical = pmap.vertical
        boxes = [b for b in [*(x.box for x in pmap.lanes), *(p.box for p in pmap.pools)] if b]
        start = min((b.y if vertical else b.x) for b in boxes) if boxes else 0.0
        end = start + max(length, 2 * _O.lane_header)

        def longer(b: Box | None) -> Box | None:
            if b is None:
                return None
            return replace(b, h=end - b.y) if vertical else replace(b, w=end - b.x)

        out = replace(out, lanes=tuple(replace(x, box=longer(x.box)) for x in out.lanes),
                      pools=tuple(replace(p, box=longer(p.box)) for p in out.pools))
    sizes = {} if thickness is None else {lane.id: max(thickness, _O.lane_header)}
    return checked(restack(out, sizes))


def delete_lane(pmap: ProcessMap, key: str) -> ProcessMap:
    """A lane and the lanes inside it removed; their steps stay, in the lane around it
    (or in none), as bpmn.io does; the bands close up."""
    lane = _lane(pmap, key)
    gone = {key}
    grew = True
    while grew:
        more = {x.id for x in pmap.lanes if x.parent_id in gone and x.id not in gone}
        gone |= more
        grew = bool(more)
    siblings = [x for x in pmap.child_lanes(lane.parent_id, lane.pool_id) if x.id != key]
    order = _renumbered(siblings)
    lanes = tuple(replace(x, position=order.get(x.id, x.position)) for x in pmap.lanes
                  if x.id not in gone)
    home = lane.parent_id if not siblings else None
    nodes = tuple(replace(n, lane_id=home) if n.lane_id in gone else n for n in pmap.nodes)
    out = restack(replace(pmap, lanes=lanes, nodes=nodes))
    # A step left in no lane joins the lane that now lies under it, as a drop does.
    placed = tuple(replace(n, lane_id=lane_at(out, Point(n.box.cx, n.box.cy)) or n.lane_id)
                   if pmap.node(n.id).lane_id in gone and n.box is not None
                   and n.scope is None and n.attached_to is None else n for n in out.nodes)
    return checked(replace(out, nodes=placed))


def set_orientation(pmap: ProcessMap, orientation: Orientation) -> ProcessMap:
    """Every pool and lane drawn horizontally or vertically: the map turned in its
    diagonal, each step keeping its size, every flow re-routed."""
    if pmap.vertical == (orientation == "vertical"):
        return pmap
    turned = _turned(pmap)
    turned = replace(
        turned, pools=tuple(replace(p, orientation=orientation) for p in turned.pools),
        lanes=tuple(replace(x, orientation=orientation) for x in turned.lanes))
    return checked(route_all(turned, only_missing=True))
