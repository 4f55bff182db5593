"""Kaizen bursts placed on the drawn map: each above its element, clear of everything else.

A burst is the book's jagged star with its text inside (two lines at most) and its owner
under the text. It goes above its process box or inventory, as close as it fits: the
places tried run from straight above the element outwards and upwards, and the first
that touches no other drawn thing (a data box, a label, an icon, an information arrow, a
burst placed before it) is taken. Where nothing is clear, the nearest place that covers
least is taken (crossing an arrow before covering a label), so a burst is never dropped
from the map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from opsdesk.core.maps.model import Box, Point
from opsdesk.core.maps.vsm_icons import Ellipse, Poly, Prim, Rect, Text, kaizen_burst

if TYPE_CHECKING:
    from opsdesk.core.maps.vsm_diagram import VsmItem
    from opsdesk.core.maps.vsm_model import KaizenBurst

SIZE = 8.0
OWNER_SIZE = 7.0
CHAR_W = 0.62  # a bold character's advance as a share of the font size (DejaVu Sans)
LINE_H = 10.0
GAP = 4.0  # between a burst and its element
TOP = 80.0  # under production control's box: the band information flows run in
MOST = 18  # characters a line
LINES = 3


def _wrap(text: str) -> list[str]:
    """``text`` in at most three lines of about ``MOST`` characters (the last cut short
    with an ellipsis when it has to be)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= MOST:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > LINES:
        lines = [*lines[:LINES - 1], " ".join(lines[LINES - 1:])]
    return [ln if len(ln) <= MOST + 2 else ln[:MOST].rstrip() + "…" for ln in lines]


def burst_prims(burst: KaizenBurst, box: Box) -> list[Prim]:
    """The star filling ``box``, its text in the middle and its owner under it (muted)."""
    lines = _wrap(burst.text)
    owner = [burst.owner] if burst.owner else []
    n = len(lines) + len(owner)
    prims: list[Prim] = list(kaizen_burst(box))
    for i, line in enumerate([*lines, *owner]):
        y = box.cy + (i - (n - 1) / 2) * LINE_H
        is_owner = i >= len(lines)
        prims.append(Text(Point(box.cx, y), line, OWNER_SIZE if is_owner else SIZE,
                          bold=not is_owner, tone="muted" if is_owner else "ink"))
    return prims


def burst_size(burst: KaizenBurst) -> tuple[float, float]:
    """Wide and tall enough that the text sits inside the star's inner ring (a third of
    its size in from each point)."""
    widest = max([len(s) * SIZE * CHAR_W for s in _wrap(burst.text)]
                 + [len(burst.owner) * OWNER_SIZE * CHAR_W])
    n = len(_wrap(burst.text)) + (1 if burst.owner else 0)
    return max(96.0, widest / 0.55), max(54.0, n * LINE_H / 0.5)


def _text_box(p: Text) -> Box:
    w = len(p.text) * p.size * CHAR_W
    x = p.at.x - (w / 2 if p.anchor == "middle" else w if p.anchor == "end" else 0)
    return Box(x, p.at.y - p.size * 0.7, w, p.size * 1.4)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _crosses(box: Box, a: Point, b: Point) -> bool:
    """Whether the segment a-b enters ``box`` (clipped against it, Liang-Barsky)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b.x - a.x, b.y - a.y
    for p, q in ((-dx, a.x - box.x), (dx, box.right - a.x), (-dy, a.y - box.y),
                 (dy, box.bottom - a.y)):
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


def _hits(box: Box, p: Prim) -> bool:
    if isinstance(p, Text):
        return _overlaps(box, _text_box(p))
    if isinstance(p, (Rect, Ellipse)):
        return _overlaps(box, p.box)
    if isinstance(p, Poly) and p.closed:  # a shape: its outline's box
        xs, ys = [q.x for q in p.points], [q.y for q in p.points]
        return _overlaps(box, Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    pts = p.points
    return any(_crosses(box, a, b) for a, b in pairwise(pts))


def _shape_box(p: Prim) -> Box | None:
    """The box ``_hits`` tests a text, box or shape by; None for an open line."""
    if isinstance(p, Text):
        return _text_box(p)
    if isinstance(p, (Rect, Ellipse)):
        return p.box
    if isinstance(p, Poly) and p.closed:
        xs, ys = [q.x for q in p.points], [q.y for q in p.points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return None


def _extent(p: Poly) -> tuple[float, float, float, float]:
    """An open line's min x, min y, max x, max y (an empty one: nowhere)."""
    if not p.points:
        return math.inf, math.inf, -math.inf, -math.inf
    xs, ys = [q.x for q in p.points], [q.y for q in p.points]
    return min(xs), min(ys), max(xs), max(ys)


def _apart(box: Box, extent: tuple[float, float, float, float]) -> bool:
    """Whether an open line (its ``extent``) lies wholly beyond one side of ``box``, by
    more than any rounding: then none of its segments can enter the box."""
    margin = 1e-6
    return (extent[2] < box.x - margin or extent[0] > box.right + margin
            or extent[3] < box.y - margin or extent[1] > box.bottom + margin)


Obstacle = tuple[Prim, Box | None, tuple[float, float, float, float] | None]


def _obstacles(taken: Sequence[Prim], hull: Box) -> list[Obstacle]:
    """What may be in the way of a place inside ``hull``: each text, box or shape with
    the box ``_hits`` tests it by, each line not wholly beside the hull with its extent
    (made once, not once per place)."""
    out: list[Obstacle] = []
    for p in taken:
        box = _shape_box(p)
        if box is not None:
            out.append((p, box, None))
            continue
        assert isinstance(p, Poly)  # an open line
        extent = _extent(p)
        if not _apart(hull, extent):
            out.append((p, None, extent))
    return out


def _clear(box: Box, obstacles: Sequence[Obstacle]) -> bool:
    """``_cost(box, ...) == 0``, asked quickly: boxes made once, lines wholly beside the
    box passed over unclipped, and the first hit ends the search."""
    for p, shape, extent in obstacles:
        if shape is not None:
            if _overlaps(box, shape):
                return False
        elif extent is not None and not _apart(box, extent) and _hits(box, p):
            return False
    return True


def _cost(box: Box, taken: Iterable[Prim]) -> int:
    """What a burst at ``box`` would cover: a line it crosses costs 1, a box, shape or
    label 100 (a crossed arrow still reads; a covered data box does not)."""
    return sum(1 if isinstance(p, Poly) and not p.closed else 100
               for p in taken if _hits(box, p))


def _places(element: Box, w: float, h: float) -> list[Box]:
    """Places for a w × h burst above ``element``, nearest first."""
    bottom = element.y - GAP
    out: list[tuple[float, Box]] = []
    rise = 0.0
    while bottom - rise - h >= TOP or rise == 0.0:
        for step in range(0, 13):
            for sign in ((1.0,) if step == 0 else (-1.0, 1.0)):
                dx = sign * step * 16.0
                box = Box(element.cx - w / 2 + dx, bottom - rise - h, w, h)
                out.append((abs(dx) + 1.5 * rise, box))
        rise += 12.0
    return [b for _, b in sorted(out, key=lambda c: c[0])]


def burst_items(bursts: Sequence[KaizenBurst], items: Sequence[VsmItem]) -> list[VsmItem]:
    """The bursts placed, one item each (role ``kaizen_burst``, ``key`` its element's, id
    ``burst:<id>``); a burst whose element is not drawn (removed, or a parallel block) is
    left out of the map (the page still lists it)."""
    from opsdesk.core.maps.vsm_diagram import VsmItem

    at = {i.key: i.box for i in items if i.key is not None
          and i.role in ("process", "inventory", "delay")}
    # The ladder and the notes under the flow are not in the way of anything above it.
    taken: list[Prim] = [p for i in items for p in i.prims]
    placed: list[VsmItem] = []
    for burst in bursts:
        element = at.get(burst.at)
        if element is None:
            continue
        w, h = burst_size(burst)
        places = _places(element, w, h)
        # The lines that cannot reach any of the places, set aside once for all of them.
        hull = _hull(places)
        near = _obstacles(taken, hull)
        box = next((b for b in places if _clear(b, near)), None)
        if box is None:  # nowhere clear: the nearest of the places that cover least
            box = min(places, key=lambda b: _cost(b, taken))
        prims = burst_prims(burst, box)
        taken.append(Rect(box))
        placed.append(VsmItem(f"burst:{burst.id}", "kaizen_burst", box, tuple(prims),
                              burst.at, burst.text))
    return placed


def _hull(boxes: Sequence[Box]) -> Box:
    left, top = min(b.x for b in boxes), min(b.y for b in boxes)
    right, bottom = max(b.right for b in boxes), max(b.bottom for b in boxes)
    return Box(left, top, right - left, bottom - top)
