"""The fishbone diagram as drawn: what the canvas (Qt) and the PDF (reportlab) both draw.

Like ``charts.spec.ChartSpec``: geometry and meaning, no colours. Coordinates are in
points (1/72 inch), y grows downwards, the origin at the top left; boxes and points are
the process maps' (``maps.model.Box``, ``Point``), as the canvas draws those already. A
renderer draws the lines, then the labels: each label's ``lines`` one under the other from
the top of its ``rect``, ``line_height`` apart, in a font of ``font_size`` (the layout
measured them with the renderer's own measure, so they fit), aligned as ``align`` says;
``framed`` labels get a box. It maps ``role`` and a cause's ``status`` to its styles: a
confirmed cause stands out, a ruled-out one is muted (struck through, greyed), an open one
is plain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from opsdesk.core.improve.fishbone import CauseStatus
from opsdesk.core.maps.model import Box, Point

LineRole = Literal["spine", "bone", "rib", "twig"]
LabelRole = Literal["effect", "category", "cause"]


@dataclass(frozen=True)
class Line:
    start: Point
    end: Point
    role: LineRole
    arrow: bool = False  # an arrowhead at ``end`` (the spine, into the effect)


@dataclass(frozen=True)
class Label:
    rect: Box
    lines: tuple[str, ...]
    role: LabelRole
    align: Literal["left", "center", "right"] = "left"
    framed: bool = False
    status: CauseStatus | None = None  # causes only
    cause_id: int | None = None
    depth: int = 0                     # 0 for a category's own causes, 1 for theirs, ...


@dataclass(frozen=True)
class FishboneSpec:
    title: str
    width: float
    height: float
    font_size: float
    line_height: float
    lines: tuple[Line, ...] = ()
    labels: tuple[Label, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "2 confirmed, 1 ruled out, 4 open"
