"""Orthogonal connector routing that goes around shapes.

A flow leaves its source at the middle of a side and enters its target at the middle of
a side. The usual shapes of a connector are tried first, fewest bends first (straight,
Z, L, U); the first that crosses no shape's interior is taken, preferring one that runs
along no lane or pool border (where it would vanish into the line) and along no other
flow. The middle leg of a Z or U between two lanes is put halfway between the border and
a shape, not on the border halfway between the shapes. When every shape crosses a box,
a shortest path with a cost per bend is searched on the grid of lines just outside the
shapes nearby (an orthogonal visibility grid), so the route always clears them.

A message flow to or from a pool drawn as a black box meets the pool straight across
from the node at its other end, as modelers draw it, when that line is clear.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise

from opsdesk.core.maps.model import Box, Flow, Lane, Point, Pool, ProcessMap

STUB = 15.0  # how far a connector leaves a shape before it turns
CLEAR = 8.0  # how far the search grid keeps from a shape
BEND = 40.0  # the cost of a bend in the search, in units of length
CELL = 256.0
HEADER = 30.0  # a lane's or pool's title strip (diagram.HEADER)
RAIL = 8.0  # a leg nearer than this to a border, and parallel to it, runs along it


class Obstacles:
    """Shape boxes in a coarse spatial hash, for fast 'does this segment cross one?'."""

    def __init__(self, boxes: Iterable[Box]) -> None:
        self.boxes = list(boxes)
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, b in enumerate(self.boxes):
            for cell in self._cells(b.x, b.y, b.right, b.bottom):
                self.cells[cell].append(i)

    @staticmethod
    def _cells(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        for i in range(int(x0 // CELL), int(x1 // CELL) + 1):
            for j in range(int(y0 // CELL), int(y1 // CELL) + 1):
                yield i, j

    def near(self, x0: float, y0: float, x1: float, y1: float) -> set[int]:
        found: set[int] = set()
        for cell in self._cells(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)):
            found.update(self.cells.get(cell, ()))
        return found

    def blocked(self, a: Point, b: Point, skip: Sequence[Box] = ()) -> bool:
        for i in self.near(a.x, a.y, b.x, b.y):
            box = self.boxes[i]
            if box not in skip and crosses(a, b, box):
                return True
        return False


def crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether the axis-parallel segment a-b passes through the interior of ``box``."""
    eps = 1e-6
    if abs(a.y - b.y) < eps:
        return (box.y + eps < a.y < box.bottom - eps
                and max(a.x, b.x) > box.x + eps and min(a.x, b.x) < box.right - eps)
    if abs(a.x - b.x) < eps:
        return (box.x + eps < a.x < box.right - eps
                and max(a.y, b.y) > box.y + eps and min(a.y, b.y) < box.bottom - eps)
    return True  # a diagonal segment is never an orthogonal route


class Drawn:
    """Segments of the routes drawn so far, so a new route does not run along one of
    another flow (flows from one source or into one target may share a trunk)."""

    def __init__(self) -> None:
        self.segments: list[tuple[Point, Point, str, str]] = []

    def add(self, points: Sequence[Point], source: str, target: str) -> None:
        self.segments += [(a, b, source, target) for a, b in pairwise(points)]

    def overlaps(self, points: Sequence[Point], source: str, target: str) -> bool:
        for a, b in pairwise(points):
            for c, d, s, t in self.segments:
                if s != source and t != target and _collinear_overlap(a, b, c, d):
                    return True
        return False


def _collinear_overlap(a: Point, b: Point, c: Point, d: Point) -> bool:
    if abs(a.x - b.x) < 1e-6 and abs(c.x - d.x) < 1e-6 and abs(a.x - c.x) < 1e-6:
        lo, hi = max(min(a.y, b.y), min(c.y, d.y)), min(max(a.y, b.y), max(c.y, d.y))
        return hi - lo > 1.0
    if abs(a.y - b.y) < 1e-6 and abs(c.y - d.y) < 1e-6 and abs(a.y - c.y) < 1e-6:
        lo, hi = max(min(a.x, b.x), min(c.x, d.x)), min(max(a.x, b.x), max(c.x, d.x))
        return hi - lo > 1.0
    return False


class Rails:
    """The borders of lanes and pools (and their title strips) as lines, to keep legs
    of routes off them."""

    def __init__(self, boxes: Iterable[Box] = (), headers: Iterable[Box] = ()) -> None:
        self.across: list[tuple[float, float, float]] = []  # (y, x0, x1): horizontal lines
        self.down: list[tuple[float, float, float]] = []  # (x, y0, y1): vertical lines
        for b in [*boxes, *headers]:
            self.across += [(b.y, b.x, b.right), (b.bottom, b.x, b.right)]
            self.down += [(b.x, b.y, b.bottom), (b.right, b.y, b.bottom)]

    def on(self, points: Sequence[Point]) -> bool:
        """Whether a leg of ``points`` runs along a border."""
        for a, b in pairwise(points):
            if abs(a.y - b.y) < 1e-6:
                lines, at, lo, hi = self.across, a.y, min(a.x, b.x), max(a.x, b.x)
            elif abs(a.x - b.x) < 1e-6:
                lines, at, lo, hi = self.down, a.x, min(a.y, b.y), max(a.y, b.y)
            else:
                continue
            if any(abs(at - v) < RAIL and min(hi, v1) - max(lo, v0) > 1.0
                   for v, v0, v1 in lines):
                return True
        return False

    def levels(self, lo: float, hi: float, across: bool, span: tuple[float, float]
               ) -> list[float]:
        """Where a middle leg between ``lo`` and ``hi`` may run clear of the borders that
        cut that gap (along ``span``): the middle of each piece they leave, widest
        first."""
        lines = self.across if across else self.down
        a, b = min(span), max(span)
        cuts = sorted({v for v, v0, v1 in lines if lo < v < hi and min(b, v1) >= max(a, v0)})
        if not cuts:
            return []
        edges = [lo, *cuts, hi]
        pieces = sorted(pairwise(edges), key=lambda p: p[0] - p[1])
        return [(p + q) / 2 for p, q in pieces if q - p > 2 * RAIL]


def _free(points: Sequence[Point], obstacles: Obstacles) -> bool:
    return not any(obstacles.blocked(a, b) for a, b in pairwise(points))


def _candidates(s: Box, t: Box, vertical_first: bool, split: bool, rails: Rails
                ) -> list[list[Point]]:
    """Connector shapes from s to t, in the order they are tried.

    Forward (target to the right): straight, then Z through the gap; a split (a node
    with several outgoing flows) leaves by its top or bottom towards a branch in another
    row, as modelers draw gateways. Backward (a loop back): over or under the shapes,
    never into the target's outgoing side. ``vertical_first`` turns the preference for a
    flow between pools (message flows) or on a vertical map."""
    right, left = Point(s.right, s.cy), Point(t.x, t.cy)
    down, up = Point(s.cx, s.bottom), Point(t.cx, t.y)
    s_up, t_down = Point(s.cx, s.y), Point(t.cx, t.bottom)
    s_left, t_right = Point(s.x, s.cy), Point(t.right, t.cy)
    horizontal: list[list[Point]] = []
    vertical: list[list[Point]] = []
    ell = []
    if t.x >= s.right and abs(s.cy - t.cy) > 1e-6:
        ell.append([up_or_down(s, t), Point(s.cx, t.cy), left])
    if t.x >= s.right:
        if abs(s.cy - t.cy) < 1e-6:
            horizontal.append([right, left])
        for xm in ((s.right + t.x) / 2, *rails.levels(s.right, t.x, False, (s.cy, t.cy)),
                   t.x - STUB, s.right + STUB):
            horizontal.append([right, Point(xm, s.cy), Point(xm, t.cy), left])
        horizontal.append([right, Point(t.cx, s.cy), up if t.y > s.cy else t_down])
    if t.right <= s.x:
        for xm in ((t.right + s.x) / 2, *rails.levels(t.right, s.x, False, (s.cy, t.cy)),
                   s.x - STUB, t.right + STUB):
            horizontal.append([s_left, Point(xm, s.cy), Point(xm, t.cy), t_right])
    if t.y >= s.bottom:
        if abs(s.cx - t.cx) < 1e-6:
            vertical.append([down, up])
        for ym in ((s.bottom + t.y) / 2, *rails.levels(s.bottom, t.y, True, (s.cx, t.cx)),
                   t.y - STUB, s.bottom + STUB):
            vertical.append([down, Point(s.cx, ym), Point(t.cx, ym), up])
        vertical.append([down, Point(s.cx, t.cy), left if t.x > s.cx else t_right])
    if t.bottom <= s.y:
        if abs(s.cx - t.cx) < 1e-6:
            vertical.append([s_up, t_down])
        for ym in ((t.bottom + s.y) / 2, *rails.levels(t.bottom, s.y, True, (s.cx, t.cx)),
                   s.y - STUB, t.bottom + STUB):
            vertical.append([s_up, Point(s.cx, ym), Point(t.cx, ym), t_down])
    loops = []
    for k in range(4):  # U shapes below, then above, both shapes (back edges, same row)
        yb = max(s.bottom, t.bottom) + 2 * STUB * (k + 1)
        ya = min(s.y, t.y) - 2 * STUB * (k + 1)
        loops.append([down, Point(s.cx, yb), Point(t.cx, yb), t_down])
        loops.append([s_up, Point(s.cx, ya), Point(t.cx, ya), up])
    if t.right <= s.x:  # a loop back: over or under before entering from the right
        return [*vertical, *loops, *horizontal, *ell]
    first, second = (vertical, horizontal) if vertical_first else (horizontal, vertical)
    if split:
        first = [*ell, *first]
    return [*first, *second, *ell, *loops]


def up_or_down(s: Box, t: Box) -> Point:
    """The middle of s's top side when t lies higher, else of its bottom side."""
    return Point(s.cx, s.y) if t.cy < s.cy else Point(s.cx, s.bottom)


def route(s: Box, t: Box, obstacles: Obstacles, vertical_first: bool = False,
          split: bool = False, drawn: Drawn | None = None, ends: tuple[str, str] = ("", ""),
          rails: Rails | None = None) -> tuple[Point, ...]:
    """An orthogonal polyline from ``s`` to ``t`` that crosses no box in ``obstacles``
    (and, given ``drawn`` and ``rails``, runs along no other flow's route and no border
    where it can help it; the borders matter more)."""
    rails = rails or Rails()
    candidates = _candidates(s, t, vertical_first, split, rails)
    free = [points for points in candidates if _free(points, obstacles)]
    clear = [points for points in free if not rails.on(points)]
    for group in (clear, free):
        if drawn is not None:
            for points in group:
                if not drawn.overlaps(points, *ends):
                    return _simplify(points)
        if group:
            return _simplify(group[0])
    found = _search(s, t, obstacles)
    return _simplify(found if found else candidates[0])


def _facing(pool: Box, other: Box, vertical: bool) -> Box:
    """The part of a black-box pool straight across from ``other``: a line through the
    pool at ``other``'s centre (clamped into the pool)."""
    if vertical:  # pools side by side: meet at the other end's height
        y = min(max(other.cy, pool.y + STUB), pool.bottom - STUB)
        return Box(pool.x, y, pool.w, 0.0)
    x = min(max(other.cx, pool.x + 2 * STUB), pool.right - STUB)
    return Box(x, pool.y, 0.0, pool.h)


def _ports(box: Box) -> list[tuple[Point, Point]]:
    """(port on the side, stub point outside it) for the four sides."""
    return [(Point(box.right, box.cy), Point(box.right + STUB, box.cy)),
            (Point(box.x, box.cy), Point(box.x - STUB, box.cy)),
            (Point(box.cx, box.bottom), Point(box.cx, box.bottom + STUB)),
            (Point(box.cx, box.y), Point(box.cx, box.y - STUB))]


def _search(s: Box, t: Box, obstacles: Obstacles) -> list[Point] | None:
    """Cheapest path on the visibility grid around the shapes near s and t."""
    pad = 3 * (max(s.w, s.h, t.w, t.h) + STUB)
    x0, y0 = min(s.x, t.x) - pad, min(s.y, t.y) - pad
    x1, y1 = max(s.right, t.right) + pad, max(s.bottom, t.bottom) + pad
    near = [obstacles.boxes[i] for i in obstacles.near(x0, y0, x1, y1)]
    starts, ends = _ports(s), _ports(t)
    xs = {x0, x1, *(p.x for _, p in starts + ends)}
    ys = {y0, y1, *(p.y for _, p in starts + ends)}
    for b in near:
        xs |= {b.x - CLEAR, b.right + CLEAR}
        ys |= {b.y - CLEAR, b.bottom + CLEAR}
    gx, gy = sorted(xs), sorted(ys)
    local = Obstacles(near)
    goal = {(p.x, p.y): port for port, p in ends}
    heap: list[tuple[float, int, float, float, int, tuple[Point, ...]]] = []
    counter = 0
    for port, stub in starts:
        if not local.blocked(port, stub, skip=(s,)):
            heap.append((STUB, counter, stub.x, stub.y, -1, (port, stub)))
            counter += 1
    heapq.heapify(heap)
    done: set[tuple[float, float, int]] = set()
    xi, yi = {x: i for i, x in enumerate(gx)}, {y: i for i, y in enumerate(gy)}
    while heap:
        cost, _, x, y, direction, path = heapq.heappop(heap)
        if (x, y) in goal and not local.blocked(path[-1], goal[(x, y)], skip=(t,)):
            return [*path, goal[(x, y)]]
        if (x, y, direction) in done:
            continue
        done.add((x, y, direction))
        i, j = xi.get(x), yi.get(y)
        if i is None or j is None:
            continue
        for d, (ni, nj) in enumerate(((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1))):
            if not (0 <= ni < len(gx) and 0 <= nj < len(gy)):
                continue
            nxt = Point(gx[ni], gy[nj])
            here = Point(x, y)
            if local.blocked(here, nxt):
                continue
            step = abs(nxt.x - x) + abs(nxt.y - y) + (BEND if direction not in (-1, d) else 0)
            counter += 1
            heapq.heappush(heap, (cost + step, counter, nxt.x, nxt.y, d, (*path, nxt)))
    return None


def _simplify(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of three collinear ones."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1].x - p.x) < 1e-9 and abs(out[-1].y - p.y) < 1e-9:
            continue
        if len(out) >= 2 and ((abs(out[-2].x - out[-1].x) < 1e-9 and abs(out[-1].x - p.x) < 1e-9)
                              or (abs(out[-2].y - out[-1].y) < 1e-9
                                  and abs(out[-1].y - p.y) < 1e-9)):
            out[-1] = p
            continue
        out.append(p)
    return tuple(out)


def route_all(pmap: ProcessMap, only_missing: bool = False) -> ProcessMap:
    """``pmap`` with its flows routed (those without waypoints only, if ``only_missing``)."""
    boxes = {n.id: n.box for n in pmap.nodes if n.box is not None}
    pools = {p.id for p in pmap.pools if p.box is not None}
    boxes |= {p.id: p.box for p in pmap.pools if p.box is not None}
    scope_of = {n.id: n.scope for n in pmap.nodes}
    by_scope: dict[str | None, Obstacles] = {}
    drawn: dict[str | None, Drawn] = defaultdict(Drawn)
    vertical = pmap.vertical
    rails = _rails(pmap)
    flows: list[Flow] = []
    outgoing: dict[str, int] = defaultdict(int)
    for f in pmap.flows:
        if f.kind == "sequence":
            outgoing[f.source] += 1
    for f in pmap.flows:
        s, t = boxes.get(f.source), boxes.get(f.target)
        if (only_missing and f.waypoints) or s is None or t is None:
            flows.append(f)
            continue
        scope = scope_of.get(f.source, scope_of.get(f.target))
        if scope not in by_scope:
            by_scope[scope] = Obstacles(n.box for n in pmap.nodes
                                        if n.scope == scope and n.box is not None)
        prefer_vertical = (f.kind == "message") != vertical
        split = f.kind == "sequence" and outgoing[f.source] > 1 and not vertical
        args = (by_scope[scope], prefer_vertical, split, drawn[scope], (f.source, f.target),
                rails if scope is None else None)
        points: tuple[Point, ...] = ()
        if f.source in pools or f.target in pools:  # straight across, if that is clear
            s2 = _facing(s, t, vertical) if f.source in pools else s
            t2 = _facing(t, s, vertical) if f.target in pools else t
            straight = route(s2, t2, *args)
            points = straight if len(straight) == 2 else ()
        points = points or route(s, t, *args)
        drawn[scope].add(points, f.source, f.target)
        flows.append(replace(f, waypoints=points))
    return replace(pmap, flows=tuple(flows))


def _rails(pmap: ProcessMap) -> Rails:
    """The map's lane and pool borders, and the inner edges of their title strips."""
    bands: list[Lane | Pool] = [*pmap.lanes, *pmap.pools]
    boxes = [x.box for x in bands if x.box is not None]
    headers = []
    for x in bands:
        b = x.box
        if b is not None:
            headers.append(Box(b.x, b.y, HEADER, b.h) if x.orientation == "horizontal"
                           else Box(b.x, b.y, b.w, HEADER))
    return Rails(boxes, headers)
