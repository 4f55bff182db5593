"""Where the label of an event, gateway or data object goes: beside the shape, where no
flow runs.

Tasks hold their label; the small shapes carry it outside, below by default. Each side
(below, above, right, left; a gateway tries above first, where modelers label it) gets a
box the label's estimated lines fill, kept inside its lane clear of the title strip, and
scored: a flow through it costs most, then a shape or another caption under it, then
leaving its lane. The cheapest wins, ties in that order of sides, so a canvas and the
PDF both draw the label there (``Shape.caption``, ``Shape.caption_side``).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from opsdesk.core.maps.diagram_spec import Band, Connector, Shape, Side
from opsdesk.core.maps.model import Box, Point

WIDTH = 120.0  # a caption's width in diagram units: about 16 characters a line
CHAR = 7.0  # the mean advance of a character of the canvas's label type (10 pt)
LINE = 15.0  # a line of that type
MOST = 3  # lines a caption may take
GAP = 3.0  # between a shape and its caption
OUTSIDE = frozenset({"start", "end", "intermediate", "boundary", "wait", "exclusive",
                     "parallel", "inclusive", "data"})
GATEWAYS = frozenset({"exclusive", "parallel", "inclusive"})


def caption_lines(text: str, width: float = WIDTH) -> int:
    """How many lines ``text`` takes wrapped at spaces in ``width`` (estimated)."""
    lines, used = 1, 0.0
    for word in text.split():
        need = len(word) * CHAR
        if used and used + CHAR + need > width:
            lines, used = lines + 1, need
        else:
            used += need + (CHAR if used else 0.0)
    return min(lines, MOST)


def _boxes(shape: Shape) -> list[tuple[Side, Box]]:
    b = shape.box
    h = caption_lines(shape.text) * LINE
    w = WIDTH
    sides: list[tuple[Side, Box]] = [
        ("bottom", Box(b.cx - w / 2, b.bottom + GAP, w, h)),
        ("top", Box(b.cx - w / 2, b.y - GAP - h, w, h)),
        ("right", Box(b.right + GAP, b.cy - h / 2, w, h)),
        ("left", Box(b.x - GAP - w, b.cy - h / 2, w, h))]
    if shape.role in GATEWAYS:
        sides.insert(0, sides.pop(1))
    return sides


def _lane(shape: Shape, bands: list[Band]) -> Band | None:
    """The innermost band holding the shape's centre."""
    c = Point(shape.box.cx, shape.box.cy)
    holding = [band for band in bands if band.box.x <= c.x <= band.box.right
               and band.box.y <= c.y <= band.box.bottom]
    return min(holding, key=lambda band: band.box.w * band.box.h, default=None)


def _inside(box: Box, band: Band | None) -> Box:
    """``box`` moved along its lane (not across it) to clear the title strip and ends."""
    if band is None:
        return box
    b, header = band.box, band.header
    if band.orientation == "horizontal":
        x = min(max(box.x, header.right + 2), b.right - 2 - box.w)
        return Box(max(x, header.right + 2), box.y, box.w, box.h)
    y = min(max(box.y, header.bottom + 2), b.bottom - 2 - box.h)
    return Box(box.x, max(y, header.bottom + 2), box.w, box.h)


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _crossed(a: Point, b: Point, box: Box) -> bool:
    """Whether an orthogonal leg a-b passes through ``box``."""
    return (min(a.x, b.x) < box.right and box.x < max(a.x, b.x) + 1e-9
            and min(a.y, b.y) < box.bottom and box.y < max(a.y, b.y) + 1e-9)


def place_captions(shapes: tuple[Shape, ...], connectors: tuple[Connector, ...],
                   bands: tuple[Band, ...]) -> tuple[Shape, ...]:
    """``shapes`` with the caption of each labelled small shape placed."""
    legs = [(a, b) for c in connectors for a, b in pairwise(c.points)]
    lanes = list(bands)
    placed: list[Box] = []
    out = []
    for shape in shapes:
        if shape.role not in OUTSIDE or not shape.text:
            out.append(shape)
            continue
        lane = _lane(shape, lanes)
        best: tuple[float, int, Side, Box] | None = None
        for order, (side, box) in enumerate(_boxes(shape)):
            box = _inside(box, lane)
            cost = 100.0 * sum(_crossed(a, b, box) for a, b in legs)
            cost += 10.0 * sum(_overlap(box, s.box) for s in shapes)
            cost += 10.0 * sum(_overlap(box, p) for p in placed)
            if lane is not None and not lane.box.contains(box):
                cost += 5.0
            if best is None or (cost, order) < best[:2]:
                best = (cost, order, side, box)
        assert best is not None
        placed.append(best[3])
        out.append(replace(shape, caption=best[3], caption_side=best[2]))
    return tuple(out)
