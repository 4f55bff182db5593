"""From a map (and optionally its analysis) to the ``DiagramSpec`` of one canvas.

``diagram_spec(pmap)`` draws the map itself; ``canvas=`` a collapsed sub-process's own
map. Missing geometry is laid out first (``layout.with_layout``). With ``analysis``, the
overlays are set: the critical path, handoffs, unreachable steps and dead ends are
flagged, and each shape's ``heat`` is its wait time over the longest wait on the map.
"""

from __future__ import annotations

from itertools import pairwise

from opsdesk.core.maps.analysis import Analysis
from opsdesk.core.maps.captions import place_captions
from opsdesk.core.maps.diagram_spec import (
    Arrow,
    Band,
    Connector,
    DiagramSpec,
    Emphasis,
    Port,
    Shape,
    Side,
    StartMark,
)
from opsdesk.core.maps.layout import with_layout
from opsdesk.core.maps.model import (
    Box,
    Flow,
    FlowKind,
    Lane,
    Node,
    Point,
    Pool,
    ProcessMap,
    canvas_of,
)

HEADER = 30.0  # the title strip of a band
LABEL_GAP = 3.0  # between a flow and its label
MARGIN = 20.0


def _ports(box: Box) -> tuple[Port, ...]:
    return (Port("left", Point(box.x, box.cy)), Port("right", Point(box.right, box.cy)),
            Port("top", Point(box.cx, box.y)), Port("bottom", Point(box.cx, box.bottom)))


def _label_at(points: tuple[Point, ...]) -> tuple[Point | None, Side]:
    """Where a flow's label goes: beside the middle of its longest leg, above a level
    leg, right of an upright one (so the text never sits on the line), and on which
    side of that point the text lies."""
    if len(points) < 2:
        return None, "top"
    a, b = max(pairwise(points),
               key=lambda s: abs(s[1].x - s[0].x) + abs(s[1].y - s[0].y))
    middle = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
    if abs(a.x - b.x) < 1e-6 and abs(a.y - b.y) > 1e-6:
        return Point(middle.x + LABEL_GAP, middle.y), "right"
    return Point(middle.x, middle.y - LABEL_GAP), "top"


def _band(item: Pool | Lane, depth: int) -> Band | None:
    if item.box is None:
        return None
    b = item.box
    header = (Box(b.x, b.y, HEADER, b.h) if item.orientation == "horizontal"
              else Box(b.x, b.y, b.w, HEADER))
    if isinstance(item, Pool):
        return Band(item.id, "pool", b, item.name, header, item.orientation, depth)
    return Band(item.id, "lane", b, item.name, header, item.orientation, depth)


def _depth(pmap: ProcessMap, lane: Lane) -> int:
    depth, parent = 0, lane.parent_id
    while parent is not None:
        depth += 1
        parent = pmap.lane_by_id[parent].parent_id
    return depth


def diagram_spec(pmap: ProcessMap, canvas: str | None = None,
                 analysis: Analysis | None = None) -> DiagramSpec:
    pmap = with_layout(pmap)
    nodes = [n for n in pmap.nodes if canvas_of(pmap, n) == canvas and n.id != canvas]
    ids = {n.id for n in nodes}
    flags = _flags(pmap, analysis)
    waits = [n.step.wait_time(pmap.time_unit) for n in pmap.nodes]
    longest = max(waits, default=0.0)
    drawn = [_shape(pmap, n, flags.get(n.id, ()), longest) for n in nodes if n.box]
    shapes = tuple(s for s in drawn if s.role != "subprocess" or s.collapsed)
    containers = tuple(s for s in drawn if s.role == "subprocess" and not s.collapsed)
    pools = {p.id for p in pmap.pools if p.participant}
    flows = [f for f in pmap.flows if f.waypoints and (f.source in ids or f.target in ids
             or (canvas is None and f.source in pools))]
    connectors = tuple(_connector(f, flags.get(f.id, ())) for f in flows)
    bands: list[Band] = []
    if canvas is None:
        found = [_band(p, 0) for p in pmap.pools if p.participant]
        found += [_band(lane, _depth(pmap, lane)) for lane in pmap.lanes]
        bands = [b for b in found if b is not None]
    shapes = place_captions(shapes, connectors, tuple(bands))
    boxes = [s.box for s in drawn] + [b.box for b in bands]
    boxes += [s.caption for s in shapes if s.caption is not None]
    points = [p for c in connectors for p in c.points]
    width = max([b.right for b in boxes] + [p.x for p in points] + [0.0]) + MARGIN
    height = max([b.bottom for b in boxes] + [p.y for p in points] + [0.0]) + MARGIN
    title = pmap.name if canvas is None else pmap.node(canvas).name
    return DiagramSpec(title, width, height, tuple(bands), containers, connectors, shapes)


def _shape(pmap: ProcessMap, n: Node, emphasis: tuple[Emphasis, ...], longest: float
           ) -> Shape:
    assert n.box is not None
    marker = n.event or (n.bpmn_type if n.bpmn_type not in ("", "task", "subProcess") else "")
    wait = n.step.wait_time(pmap.time_unit)
    return Shape(
        n.id, n.kind, n.box, n.label, _ports(n.box), marker, n.interrupting,
        collapsed=n.kind == "subprocess" and not n.expanded,
        value_class=n.step.value_class, linked_kpi=n.step.kpi_id is not None,
        heat=(wait / longest) if longest > 0 else None, emphasis=emphasis)


_STYLE: dict[FlowKind, tuple[Arrow, StartMark, bool]] = {
    "sequence": ("filled", "none", False), "message": ("open", "circle", True),
    "association": ("none", "none", True)}


def _connector(f: Flow, emphasis: tuple[Emphasis, ...]) -> Connector:
    arrow, start, dashed = _STYLE[f.kind]
    at, side = _label_at(f.waypoints) if f.label else (None, "top")
    return Connector(f.id, f.kind, f.waypoints, f.source, f.target, arrow, start, dashed,
                     f.label, at, f.default, emphasis, side)


def _flags(pmap: ProcessMap, analysis: Analysis | None) -> dict[str, tuple[Emphasis, ...]]:
    if analysis is None:
        return {}
    flags: dict[str, list[Emphasis]] = {}
    path = analysis.flow.critical_path
    on_path = set(path)
    for node_id in path:
        flags.setdefault(node_id, []).append("critical")
    for f in pmap.sequence_flows():
        if f.source in on_path and f.target in on_path:
            flags.setdefault(f.id, []).append("critical")
    for h in analysis.handoffs:
        flags.setdefault(h.flow_id, []).append("handoff")
    for node_id in analysis.structure.unreachable:
        flags.setdefault(node_id, []).append("unreachable")
    for node_id in analysis.structure.dead_ends:
        flags.setdefault(node_id, []).append("dead_end")
    return {k: tuple(v) for k, v in flags.items()}
