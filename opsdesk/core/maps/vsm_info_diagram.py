"""A value stream's stored information flows, routed and drawn on top of its map.

``stored_information(info, control, supplier, customer, items)`` gives the map's items for
what ``Information`` stores, in place of the book's automatic pattern: production control's
box, each flow as its icon (manual: a straight line; electronic: the lightning zig-zag;
kanban: a dashed path with its card or, for a signal kanban, its triangle; go-see: the
glasses), the load-levelling box over the pacemaker and the kanban posts.

Routing keeps the information on top, as Learning to See draws it: a flow between
production control and the customer or the supplier runs level with production control;
every other flow leaves its end upwards (or sideways, from a factory), crosses on a lane
of its own in the band between production control and the material flow, and comes
down onto the top of its other end. Lanes are given so that flows side by side share one
and flows that overlap do not; ends used by several flows are spread along the box's top.
An element no straight drop can reach without crossing another box (a lower branch of a
parallel block) is reached from its left side instead. Labels and icons go where they hit
no box, no other flow's line and no other label. A flow naming an element the stream no
longer has is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from opsdesk.core.maps.model import Box, Point
from opsdesk.core.maps.vsm_diagram import SIZE, VsmItem
from opsdesk.core.maps.vsm_icons import (
    Poly,
    Prim,
    Rect,
    Text,
    arrow_head,
    electronic_flow,
    go_see,
    kanban_card,
    kanban_post,
    leveling_box,
    manual_flow,
    signal_kanban,
)
from opsdesk.core.maps.vsm_info_model import (
    CUSTOMER,
    KANBANS,
    KIND_WORDS,
    PRODUCTION_CONTROL,
    SUPPLIER,
    InfoFlow,
    Information,
)

LANE_GAP = 16.0  # between lanes: room for a label above each
ROOM = 40.0  # kept over the material flow for the levelling box and the kanban posts
PORT_GAP = 12.0  # between flows sharing an end
LEVEL_W, LEVEL_H = 44.0, 20.0
POST_W, POST_H = 16.0, 20.0
ICON_W = {"production_kanban": 22.0, "withdrawal_kanban": 22.0, "signal_kanban": 18.0,
          "go_see": 28.0}
ICON_H = {"production_kanban": 15.0, "withdrawal_kanban": 15.0, "signal_kanban": 16.0,
          "go_see": 11.0}


@dataclass
class _Route:
    index: int
    flow: InfoFlow
    points: list[Point]


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _hits(a: Point, b: Point, box: Box) -> bool:
    """The segment a-b passes through ``box``'s inside (touching its edge is not)."""
    inner = Box(box.x + 1, box.y + 1, box.w - 2, box.h - 2)
    t0, t1 = 0.0, 1.0
    dx, dy = b.x - a.x, b.y - a.y
    for p, q in ((-dx, a.x - inner.x), (dx, inner.right - a.x), (-dy, a.y - inner.y),
                 (dy, inner.bottom - a.y)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _segments(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    return list(pairwise(points))


def _clean(points: list[Point]) -> list[Point]:
    """Without repeated points or a middle point on a straight run."""
    out: list[Point] = []
    for p in points:
        if out and abs(p.x - out[-1].x) < .01 and abs(p.y - out[-1].y) < .01:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a.x - b.x) < .01 and abs(b.x - p.x) < .01) or (
                    abs(a.y - b.y) < .01 and abs(b.y - p.y) < .01):
                out[-1] = p
                continue
        out.append(p)
    return out


class _Router:
    def __init__(self, info: Information, control: VsmItem, supplier: VsmItem,
                 customer: VsmItem, items: Sequence[VsmItem]) -> None:
        self.info = info
        self.control, self.supplier, self.customer = control, supplier, customer
        self.elements = {i.key: i for i in items if i.key is not None
                         and i.role in ("process", "inventory", "delay")}
        self.obstacles = [control, supplier, customer, *self.elements.values()]
        tops = [i.box.y for i in self.elements.values()] or [control.box.bottom + 160]
        self.band = (control.box.bottom + 20, min(tops) - ROOM)  # room for a label on top
        self.extra: list[VsmItem] = []
        self.level_box: Box | None = None
        self.posts: dict[str, Box] = {}
        self.used: dict[str, int] = {}  # level flows met at each factory so far
        self.ports: dict[str, list[int]] = {}
        self.control_ports: list[float] = []

    # -- the map-level items --------------------------------------------------------------
    def place_items(self) -> None:
        at = self.info.leveling_at
        if at in self.elements:
            e = self.elements[at].box
            box = Box(e.cx - LEVEL_W / 2, e.y - LEVEL_H - 12, LEVEL_W, LEVEL_H)
            self.level_box = box
            prims = [*leveling_box(box), *manual_flow(Point(box.cx, box.bottom),
                                                       Point(e.cx, e.y - 1))]
            self.extra.append(VsmItem("leveling", "information", box, tuple(prims),
                                      text="Load levelling"))
        for key in self.info.kanban_posts:
            if key not in self.elements:
                continue
            e = self.elements[key].box
            box = Box(e.right - POST_W - 4, e.y - POST_H - 3, POST_W, POST_H)
            self.posts[key] = box
            self.extra.append(VsmItem(f"kanban_post:{key}", "information", box,
                                      tuple(kanban_post(box)), text="Kanban post"))

    # -- ends -----------------------------------------------------------------------------
    def order_ports(self, flows: Sequence[tuple[int, InfoFlow]]) -> None:
        """At each end, the flows meeting it from its left to its right, so that their
        ports, spread in that order, keep them from crossing one another."""
        c = self.control.box

        def x_of(other: str, end: str) -> float:  # production control: where it leaves
            if other != PRODUCTION_CONTROL:
                return self._x_of(other)
            return min(max(self._x_of(end), c.x + 12), c.right - 12)

        meet: dict[str, list[tuple[float, int]]] = {}
        for i, f in flows:
            meet.setdefault(f.source, []).append((x_of(f.target, f.source), i))
            meet.setdefault(f.target, []).append((x_of(f.source, f.target), i))
        self.ports = {end: [i for _x, i in sorted(m)] for end, m in meet.items()}

    def _spread(self, end: str, index: int, lo: float, hi: float, want: float) -> float:
        """Flow ``index``'s port x on [lo, hi], spread about ``want`` among the flows
        meeting ``end``."""
        order = self.ports.get(end, [index])
        step = (order.index(index) - (len(order) - 1) / 2) * PORT_GAP if index in order \
            else 0.0
        return min(max(want + step, lo), hi)

    def _top(self, end: str, index: int, kind: str) -> tuple[Point, str]:
        """Where a flow meets element ``end`` from above, and how: 'top' or 'side'."""
        e = self.elements[end].box
        if end == self.info.leveling_at and self.level_box is not None:
            b = self.level_box
            return Point(self._spread(end, index, b.x + 6, b.right - 6, b.cx), b.y), "top"
        if kind in KANBANS and end in self.posts:
            b = self.posts[end]
            return Point(self._spread(end, index, b.x + 2, b.right - 2, b.cx), b.y), "top"
        hi = self.posts[end].x - 6 if end in self.posts else e.right - 8
        x = self._spread(end, index, e.x + 8, hi, e.cx)
        if any(_hits(Point(x, self.band[1]), Point(x, e.y), o.box)
               for o in self.obstacles if o is not self.elements[end]):
            return Point(e.x, e.y + 8), "side"
        return Point(x, e.y), "top"

    def route(self, index: int, flow: InfoFlow, lane: float) -> _Route:
        s, t = flow.source, flow.target
        factories = {CUSTOMER: self.customer, SUPPLIER: self.supplier}
        c = self.control.box
        if PRODUCTION_CONTROL in (s, t) and (s in factories or t in factories):
            other = factories[t if s == PRODUCTION_CONTROL else s]
            n = self.used.get(other.role, 0)
            self.used[other.role] = n + 1
            y = c.cy + (n + 1) // 2 * 12 * (1 if n % 2 else -1)
            if other is self.customer:
                a, b = Point(other.box.x + 10, y), Point(c.right, y)
            else:
                a, b = Point(other.box.right - 10, y), Point(c.x, y)
            pts = [a, b] if other.role == s else [b, a]
            return _Route(index, flow, pts)
        # Production control's end last: it drops straight onto the other end if it can.
        if s == PRODUCTION_CONTROL:
            last = list(reversed(self._end(t, index, flow, lane, s)))
            first = self._end(s, index, flow, lane, t, last[0].x)
        else:
            first = self._end(s, index, flow, lane, t)
            last = list(reversed(self._end(t, index, flow, lane, s, first[-1].x)))
        return _Route(index, flow, _clean([*first, *last]))

    def _x_of(self, end: str) -> float:
        if end == PRODUCTION_CONTROL:
            return self.control.box.cx
        if end == CUSTOMER:
            return self.customer.box.x
        if end == SUPPLIER:
            return self.supplier.box.right
        return self.elements[end].box.cx

    def _end(self, end: str, index: int, flow: InfoFlow, lane: float, other: str,
             meets: float | None = None) -> list[Point]:
        """The points from ``end`` out to ``lane`` (the route's first points); ``meets``
        is where the other end's run reaches the lane."""
        toward = self._x_of(other) if meets is None else meets
        if end == PRODUCTION_CONTROL:
            c = self.control.box
            x = self._spread(end, index, c.x + 12, c.right - 12,
                             min(max(toward, c.x), c.right))
            if c.x + 12 <= toward <= c.right - 12 and all(
                    abs(toward - u) > PORT_GAP / 2 for u in self.control_ports):
                x = toward  # a straight drop
            self.control_ports.append(x)
            return [Point(x, c.bottom), Point(x, lane)]
        if end in (CUSTOMER, SUPPLIER):
            f = (self.customer if end == CUSTOMER else self.supplier).box
            side = f.x + 10 if end == CUSTOMER else f.right - 10
            if f.y + 30 < lane < f.bottom:
                return [Point(side, lane)]
            return [Point(f.cx, f.bottom), Point(f.cx, lane)]
        port, how = self._top(end, index, flow.kind)
        if how == "side":
            return [port, Point(port.x - 8, port.y), Point(port.x - 8, lane)]
        return [port, Point(port.x, lane)]

    def span(self, flow: InfoFlow) -> tuple[float, float]:
        xs = (self._x_of(flow.source), self._x_of(flow.target))
        return min(xs) - 40, max(xs) + 40

    def level(self, flow: InfoFlow) -> bool:
        """Drawn level with production control (no lane)."""
        ends = {flow.source, flow.target}
        return PRODUCTION_CONTROL in ends and bool(ends & {CUSTOMER, SUPPLIER})


def _lanes(router: _Router, flows: list[tuple[int, InfoFlow]]) -> dict[int, float]:
    """A lane y for each flow: flows that overlap side by side get different lanes; flows
    between elements (kanban loops) take the lanes nearest the material flow."""
    top, bottom = router.band
    count = max(len(flows), 1)
    gap = min(LANE_GAP, (bottom - top) / max(count - 1, 1))
    lanes = [top + i * gap for i in range(count)]
    taken: list[list[tuple[float, float]]] = [[] for _ in lanes]
    out: dict[int, float] = {}
    low = [f for f in flows if not ({f[1].source, f[1].target} & {
        PRODUCTION_CONTROL, CUSTOMER, SUPPLIER})]
    high = [f for f in flows if f not in low]
    for group, order in ((low, list(reversed(range(count)))), (high, list(range(count)))):
        for i, flow in group:
            a, b = router.span(flow)
            n = next((n for n in order if all(b <= x or a >= y for x, y in taken[n])),
                     order[0])
            taken[n].append((a, b))
            out[i] = lanes[n]
    return out


def _text_box(at: Point, text: str, size: float, anchor: str) -> Box:
    w = len(text) * size * .58 + 4
    x = at.x - w / 2 if anchor == "middle" else at.x - 2 if anchor == "start" else at.x - w
    return Box(x, at.y - size * .7, w, size * 1.4)


def _line_prims(route: _Route) -> list[Prim]:
    pts, kind = route.points, route.flow.kind
    if kind == "electronic":
        segs = _segments(pts)
        longest = max(range(len(segs)), key=lambda i: abs(segs[i][1].x - segs[i][0].x)
                      + abs(segs[i][1].y - segs[i][0].y))
        out: list[Prim] = []
        for i, (a, b) in enumerate(segs):
            if i == longest:
                out += electronic_flow(a, b, head=False)
            else:
                out.append(Poly((a, b)))
        out.append(arrow_head(pts[-1], pts[-2]))
        return out
    dashed = kind in KANBANS
    return [Poly(tuple(pts), dashed=dashed), arrow_head(pts[-1], pts[-2])]


def _mark_spots(route: _Route) -> list[Point]:
    """Where a flow's icon or label may sit: along its longest level run (a label reads
    best over one), middle first, then its longest other run."""
    segs = sorted(_segments(route.points), key=lambda s: (
        abs(s[1].y - s[0].y) > .01 or abs(s[1].x - s[0].x) < 40,
        -(abs(s[1].x - s[0].x) + abs(s[1].y - s[0].y))))
    spots: list[Point] = []
    for a, b in segs[:2]:
        for f in (.5, .3, .7, .15, .85):
            spots.append(Point(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f))
    return spots


def _free(box: Box, mine: list[tuple[Point, Point]], lines: list[tuple[Point, Point]],
          boxes: list[Box]) -> bool:
    return not any(_overlaps(box, b) for b in boxes) and not any(
        _hits(a, b, box) for a, b in lines if (a, b) not in mine)


def _mark(route: _Route, lines: list[tuple[Point, Point]], placed: list[Box],
          obstacles: list[Box]) -> list[Prim]:
    """The flow's icon (kanban, go-see) and its label, placed where they are free."""
    kind, label = route.flow.kind, route.flow.label
    mine = _segments(route.points)
    w, h = ICON_W.get(kind, 0.0), ICON_H.get(kind, 0.0)
    text_w = len(label) * SIZE * .58 + 4 if label else 0.0
    spots = _mark_spots(route)
    options: list[tuple[Box | None, Box | None, Point]] = []
    for p in spots:
        horizontal = any(abs(a.y - b.y) < .01 and min(a.x, b.x) <= p.x <= max(a.x, b.x)
                         and abs(a.y - p.y) < .01 for a, b in mine)
        icon = Box(p.x - w / 2, p.y - h / 2, w, h) if w else None
        if horizontal:  # the label above the line, after the icon when there is one
            at = Point(p.x, p.y - SIZE * .9) if icon is None else Point(
                icon.right + 3 + text_w / 2, p.y - SIZE * .9)
        else:  # beside a vertical run
            at = Point(p.x + (w / 2 if w else 0) + 4 + text_w / 2, p.y)
        text = _text_box(at, label, SIZE, "middle") if label else None
        options.append((icon, text, at))
    everything = [*placed, *obstacles]
    chosen = next((o for o in options
                   if all(b is None or _free(b, mine if b is o[0] else [], lines, everything)
                          for b in o[:2])), options[0] if options else None)
    if chosen is None:
        return []
    icon, text, at = chosen
    out: list[Prim] = []
    if icon is not None:
        placed.append(icon)
        out += _icon(kind, icon)
    if text is not None:
        placed.append(text)
        out += [Rect(text, stroke=None, fill="paper"),
                Text(at, label, SIZE, "middle", tone="accent")]
    return out


def _icon(kind: str, box: Box) -> list[Prim]:
    if kind == "signal_kanban":
        return signal_kanban(box)
    if kind == "go_see":
        return [Rect(box, stroke=None, fill="paper"), *go_see(box)]
    return kanban_card(box, withdrawal=kind == "withdrawal_kanban")


def stored_information(info: Information, control: VsmItem, supplier: VsmItem,
                       customer: VsmItem, items: Sequence[VsmItem]) -> list[VsmItem]:
    """Production control and the stored flows, levelling box and kanban posts, routed
    over ``items`` (the material flow's, by element key)."""
    router = _Router(info, control, supplier, customer, items)
    router.place_items()
    known = {PRODUCTION_CONTROL, CUSTOMER, SUPPLIER, *router.elements}
    flows = [(i, f) for i, f in enumerate(info.flows)
             if f.source in known and f.target in known]
    laned = [f for f in flows if not router.level(f[1])]
    router.order_ports(laned)
    lanes = _lanes(router, laned)
    routes = [router.route(i, f, lanes.get(i, 0.0)) for i, f in flows]
    lines = [s for r in routes for s in _segments(r.points)]
    obstacles = [o.box for o in router.obstacles] + [x.box for x in router.extra]
    placed: list[Box] = []
    out = [control, *router.extra]
    for r in routes:
        prims = [*_line_prims(r), *_mark(r, lines, placed, obstacles)]
        xs, ys = [p.x for p in r.points], [p.y for p in r.points]
        box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        out.append(VsmItem(f"info{r.index}", "information", box, tuple(prims),
                           text=r.flow.label or KIND_WORDS[r.flow.kind]))
    return out
