"""The value-stream icons of *Learning to See* as vector primitives, defined once.

Every icon is a function of the box it fills that returns primitives (polylines, rects,
ellipses, text) in diagram units, y down; the canvas (Qt), the PDF (reportlab) and the SVG
files under ``resources/vsm_icons/`` all draw these same primitives. Colours are named by
``Tone``, not given: each renderer maps a tone to its palette.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from opsdesk.core.maps.model import Box, Point

Tone = Literal["ink", "paper", "light", "accent", "muted", "warn", "green", "amber", "red"]
# A KPI-fed value's status: its ink (the review's) and its symbol (never colour alone).
STATUS_TONE: dict[str, Tone] = {"green": "green", "amber": "amber", "red": "red"}
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Poly:
    """A polyline (``closed``: a polygon), stroked with ``stroke`` and filled with ``fill``."""

    points: tuple[Point, ...]
    closed: bool = False
    stroke: Tone | None = "ink"
    fill: Tone | None = None
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Rect:
    box: Box
    stroke: Tone | None = "ink"
    fill: Tone | None = None
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Ellipse:
    box: Box
    stroke: Tone | None = "ink"
    fill: Tone | None = None
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Text:
    """One line of text whose vertical middle is at ``at.y``, anchored at ``at.x``."""

    at: Point
    text: str
    size: float = 9.0
    anchor: Anchor = "middle"
    bold: bool = False
    tone: Tone = "ink"


Prim = Poly | Rect | Ellipse | Text


def _rel(box: Box, *xy: tuple[float, float]) -> tuple[Point, ...]:
    """Points given as fractions of ``box``."""
    return tuple(Point(box.x + fx * box.w, box.y + fy * box.h) for fx, fy in xy)


def factory(box: Box) -> list[Prim]:
    """Customer and supplier: a saw-tooth roof and a chimney."""
    return [Poly(_rel(box, (0, 1), (0, .35), (.22, .1), (.22, .35), (.44, .1), (.44, .35),
                      (.66, .1), (.66, .35), (.78, .35), (.78, 0), (.9, 0), (.9, .35),
                      (1, .35), (1, 1)), closed=True, fill="paper", width=1.2)]


def inventory(box: Box) -> list[Prim]:
    """The inventory triangle with its "I"."""
    return [Poly(_rel(box, (.5, 0), (1, 1), (0, 1)), closed=True, fill="paper", width=1.2),
            Text(Point(box.cx, box.y + box.h * .66), "I", box.h * .42, bold=True)]


def supermarket(box: Box) -> list[Prim]:
    """Shelves open towards the process that withdraws from it."""
    out: list[Prim] = [Poly(_rel(box, (0, 0), (1, 0), (1, 1), (0, 1)), width=1.2)]
    for f in (1 / 3, 2 / 3):
        out.append(Poly(_rel(box, (.25, f), (1, f)), width=1.2))
    return out


def fifo(box: Box) -> list[Prim]:
    """A first-in first-out lane: two rails and its name."""
    return [Poly(_rel(box, (0, .2), (1, .2)), width=1.2),
            Poly(_rel(box, (0, .8), (1, .8)), width=1.2),
            Text(Point(box.cx, box.cy), "FIFO", box.h * .3, bold=True)]


def safety(box: Box) -> list[Prim]:
    """A safety or buffer stock: stacked boxes."""
    w, h = box.w * .5, box.h / 3
    return [Rect(Box(box.x + (box.w - w) / 2 + dx, box.y + i * h, w, h), fill="paper")
            for i, dx in ((0, 0.0), (1, -w / 4), (1, w / 4), (2, -w / 2), (2, 0.0),
                          (2, w / 2))]


def delay(box: Box) -> list[Prim]:
    """A wait given in days (transport, queue): a clock."""
    r = min(box.w, box.h)
    face = Box(box.cx - r / 2, box.cy - r / 2, r, r)
    return [Ellipse(face, fill="paper", width=1.2),
            Poly((Point(face.cx, face.y + r * .2), Point(face.cx, face.cy),
                  Point(face.cx + r * .25, face.cy)), width=1.2)]


def truck(box: Box) -> list[Prim]:
    """A truck shipment."""
    r = box.h * .22
    return [Rect(Box(box.x, box.y, box.w * .62, box.h * .72), fill="paper", width=1.2),
            Poly(_rel(box, (.62, .3), (.84, .3), (1, .52), (1, .72), (.62, .72)),
                 closed=True, fill="paper", width=1.2),
            Ellipse(Box(box.x + box.w * .1, box.bottom - r * 1.6, r * 1.4, r * 1.4),
                    fill="ink"),
            Ellipse(Box(box.x + box.w * .74, box.bottom - r * 1.6, r * 1.4, r * 1.4),
                    fill="ink")]


def operator(box: Box) -> list[Prim]:
    """An operator: a head over shoulders."""
    head = box.w * .44
    shoulders = [Point(box.x + box.w * (.5 - .5 * math.cos(a)),
                       box.bottom - box.h * .5 * math.sin(a))
                 for a in (i * math.pi / 8 for i in range(9))]
    return [Ellipse(Box(box.cx - head / 2, box.y, head, head), fill="paper"),
            Poly(tuple(shoulders), closed=True, fill="paper")]


def arrow_head(tip: Point, toward: Point, size: float = 8.0, fill: Tone = "ink"
               ) -> Poly:
    """A filled head at ``tip`` for a line coming from ``toward``."""
    dx, dy = tip.x - toward.x, tip.y - toward.y
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    back = Point(tip.x - ux * size, tip.y - uy * size)
    half = size * .45
    return Poly((tip, Point(back.x - uy * half, back.y + ux * half),
                 Point(back.x + uy * half, back.y - ux * half)), closed=True, fill=fill)


def manual_flow(a: Point, b: Point) -> list[Prim]:
    """A manual information flow: a straight line with a head."""
    return [Poly((a, b)), arrow_head(b, a)]


def electronic_flow(a: Point, b: Point, head: bool = True) -> list[Prim]:
    """An electronic information flow: a line broken by a lightning zig-zag (without its
    head: one leg of a routed flow)."""
    dx, dy = b.x - a.x, b.y - a.y
    n = math.hypot(dx, dy) or 1.0
    px, py = -dy / n * 7, dx / n * 7

    def at(f: float, side: float = 0.0) -> Point:
        return Point(a.x + dx * f + px * side, a.y + dy * f + py * side)

    line = Poly((a, at(.42), at(.5, 1), at(.5, -1), at(.58), b))
    return [line, arrow_head(b, at(.58))] if head else [line]


def push_arrow(a: Point, b: Point, thick: float = 10.0, striped: bool = True
               ) -> list[Prim]:
    """A push arrow from ``a`` to ``b`` (left to right): a striped shaft and a broad head;
    unstriped, the broad arrow of a shipment."""
    head = min(thick * 1.6, (b.x - a.x) * .5)
    end = b.x - head
    t = thick / 2
    out: list[Prim] = [Poly((Point(a.x, a.y - t), Point(end, a.y - t), Point(end, a.y - t * 2),
                             b, Point(end, a.y + t * 2), Point(end, a.y + t),
                             Point(a.x, a.y + t)), closed=True, fill="paper")]
    x = a.x + thick * .6
    while striped and x + thick * .5 < end:
        out.append(Poly((Point(x, a.y + t), Point(x + thick * .5, a.y - t),
                         Point(x + thick, a.y - t), Point(x + thick * .5, a.y + t)),
                        closed=True, stroke=None, fill="ink"))
        x += thick * 1.5
    return out


def kaizen_burst(box: Box) -> list[Prim]:
    """A kaizen burst: a star of twelve points."""
    pts = []
    for i in range(24):
        a = i * math.pi / 12
        r = .5 if i % 2 == 0 else .34
        pts.append(Point(box.cx + box.w * r * math.cos(a), box.cy + box.h * r * math.sin(a)))
    return [Poly(tuple(pts), closed=True, fill="paper", stroke="warn", width=1.2)]


def kanban_flow(a: Point, b: Point) -> list[Prim]:
    """The path a kanban travels: a dashed line with a head."""
    return [Poly((a, b), dashed=True), arrow_head(b, a)]


def kanban_card(box: Box, withdrawal: bool = False) -> list[Prim]:
    """A production kanban: a card with its top right corner cut; a withdrawal kanban
    carries a round mark besides."""
    out: list[Prim] = [Poly(_rel(box, (0, 0), (.72, 0), (1, .38), (1, 1), (0, 1)),
                            closed=True, fill="paper", width=1.2)]
    if withdrawal:
        r = box.h * .42
        out.append(Ellipse(Box(box.x + box.w * .14, box.cy - r / 2, r, r), fill="ink"))
    return out


def signal_kanban(box: Box) -> list[Prim]:
    """A signal kanban: a triangle on its point."""
    return [Poly(_rel(box, (0, 0), (1, 0), (.5, 1)), closed=True, fill="paper", width=1.2),
            Text(Point(box.cx, box.y + box.h * .34), "S", box.h * .42, bold=True)]


def kanban_post(box: Box) -> list[Prim]:
    """A kanban post: an open box on a post, where cards are left for collection."""
    return [Poly(_rel(box, (0, 0), (0, .45), (1, .45), (1, 0)), fill="paper", width=1.2),
            Poly(_rel(box, (.5, .45), (.5, 1)), width=1.6),
            Poly(_rel(box, (.25, 1), (.75, 1)), width=1.6)]


def leveling_box(box: Box) -> list[Prim]:
    """A load-levelling (heijunka) box: the mix in its slots, OXOX."""
    return [Rect(box, fill="paper", width=1.2),
            Text(Point(box.cx, box.cy), "OXOX", box.h * .5, bold=True)]


def go_see(box: Box) -> list[Prim]:
    """Go-see scheduling: a pair of glasses."""
    r = min(box.w * .38, box.h)
    y = box.cy - r / 2
    return [Ellipse(Box(box.x, y, r, r), width=1.4),
            Ellipse(Box(box.right - r, y, r, r), width=1.4),
            Poly((Point(box.x + r, box.cy), Point(box.right - r, box.cy)), width=1.4)]


# name -> (width, height of its SVG file, the drawing): each icon's one definition.
def _flow(draw: Callable[[Point, Point], list[Prim]]) -> Callable[[Box], list[Prim]]:
    return lambda box: draw(Point(box.x, box.cy), Point(box.right, box.cy))


ICONS: dict[str, tuple[float, float, Callable[[Box], list[Prim]]]] = {
    "factory": (80, 56, factory),
    "inventory": (48, 42, inventory),
    "supermarket": (48, 42, supermarket),
    "fifo": (60, 30, fifo),
    "safety": (48, 42, safety),
    "delay": (40, 40, delay),
    "truck": (72, 40, truck),
    "operator": (20, 24, operator),
    "kaizen_burst": (60, 40, kaizen_burst),
    "push_arrow": (90, 24, _flow(push_arrow)),
    "shipment_arrow": (90, 24, _flow(lambda a, b: push_arrow(a, b, striped=False))),
    "manual_flow": (90, 16, _flow(manual_flow)),
    "electronic_flow": (90, 24, _flow(electronic_flow)),
    "kanban_flow": (90, 16, _flow(kanban_flow)),
    "production_kanban": (22, 15, kanban_card),
    "withdrawal_kanban": (22, 15, lambda box: kanban_card(box, withdrawal=True)),
    "signal_kanban": (20, 18, signal_kanban),
    "kanban_post": (20, 22, kanban_post),
    "leveling_box": (44, 20, leveling_box),
    "go_see": (30, 12, go_see),
}
