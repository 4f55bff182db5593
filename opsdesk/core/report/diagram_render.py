"""A ``DiagramSpec`` (a process map) as a reportlab Drawing: vectors, for the PDF and files.

The spec's coordinates are diagram units with y growing downwards; the drawing scales
them by ``scale`` and turns y up, as PDF wants. Drawn in the spec's order: bands, then
expanded sub-processes, connectors, shapes. Colours say value class (green value-adding,
amber business-necessary, red waste); the overlays are strokes that read in grey print
too: the critical path thick and dark, handoff flows dashed orange, unreachable steps and
dead ends with a dashed red outline; a step whose time comes from a KPI has a "KPI" tag.
"""

from __future__ import annotations

import math
from typing import Any

from opsdesk.core.maps.diagram_spec import Band, Connector, DiagramSpec, Shape
from opsdesk.core.maps.model import Box, Point
from opsdesk.core.report import fonts
from opsdesk.core.report.chart_style import color
from opsdesk.core.report.draw_text import string_shapes, text_width

INK = "#37474f"
BAND_LINE = "#9aa5b1"
HEADER_FILL = "#eef1f5"
VALUE_FILL = {"value_adding": "#e3f1e5", "business_necessary": "#fbf1d9",
              "waste": "#f9e1df"}
CRITICAL = "#8e1b1b"
HANDOFF = "#d35400"
PROBLEM = "#c62828"
FONT_SIZE = 9.0  # in diagram units: a 100-wide task holds about 16 characters a line


class _Flip:
    """Diagram units (y down) to drawing points (y up)."""

    def __init__(self, spec: DiagramSpec, scale: float, x0: float = 0.0,
                 y0: float = 0.0) -> None:
        self.scale, self.x0, self.top = scale, x0, y0 + spec.height * scale

    def x(self, v: float) -> float:
        return self.x0 + v * self.scale

    def y(self, v: float) -> float:
        return self.top - v * self.scale

    def d(self, v: float) -> float:
        return v * self.scale


def render_diagram(spec: DiagramSpec, scale: float) -> Any:
    """``spec`` drawn at ``scale`` points per diagram unit."""
    from reportlab.graphics.shapes import Drawing

    fonts.register()
    f = _Flip(spec, scale)
    drawing = Drawing(spec.width * scale, spec.height * scale)
    for band in spec.bands:
        for shape in _band(band, f):
            drawing.add(shape)
    for container in spec.containers:
        for shape in _activity(container, f, container=True):
            drawing.add(shape)
    for connector in spec.connectors:
        for shape in _connector(connector, f):
            drawing.add(shape)
    for s in spec.shapes:
        for shape in _shape(s, f):
            drawing.add(shape)
    return drawing


def _band(band: Band, f: _Flip) -> list[Any]:
    from reportlab.graphics.shapes import Group, Rect

    b, h = band.box, band.header
    out: list[Any] = [
        Rect(f.x(b.x), f.y(b.bottom), f.d(b.w), f.d(b.h), fillColor=None,
             strokeColor=color(BAND_LINE), strokeWidth=0.8 if band.role == "pool" else 0.5),
        Rect(f.x(h.x), f.y(h.bottom), f.d(h.w), f.d(h.h), fillColor=color(HEADER_FILL),
             strokeColor=color(BAND_LINE), strokeWidth=0.5)]
    size = f.d(FONT_SIZE + (1 if band.role == "pool" else 0))
    font = fonts.BOLD if band.role == "pool" else fonts.BODY
    if band.orientation == "horizontal":  # the title reads upwards in the left strip
        room = f.d(h.h) - 6
        text = _fit(band.title, size, room, font)
        group = Group(*string_shapes(0, 0, text, size, color(INK), font, "middle"))
        group.transform = (0, 1, -1, 0, f.x(h.cx) + size * 0.35, f.y(h.cy))
        out.append(group)
    else:
        text = _fit(band.title, size, f.d(h.w) - 6, font)
        out += string_shapes(f.x(h.cx), f.y(h.cy) - size * 0.35, text, size, color(INK),
                             font, "middle")
    return out


def _fit(text: str, size: float, room: float, font: str = fonts.BODY) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` points."""
    if text_width(text, size, font) <= room:
        return text
    while text and text_width(text + "…", size, font) > room:
        text = text[:-1]
    return text + "…" if text else ""


def _lines(text: str, size: float, room: float, most: int) -> list[str]:
    """``text`` wrapped at words into at most ``most`` lines of ``room`` points."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, size) > room:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = [*lines[:most - 1], _fit(" ".join(lines[most - 1:]), size, room)]
    return [_fit(line, size, room) for line in lines]


def _stroke(s: Shape) -> tuple[Any, float, list[float] | None]:
    if "unreachable" in s.emphasis or "dead_end" in s.emphasis:
        return color(PROBLEM), 1.4, [3, 2]
    if "critical" in s.emphasis:
        return color(CRITICAL), 2.2, None
    return color(INK), 1.0, None


def _shape(s: Shape, f: _Flip) -> list[Any]:
    if s.role in ("task", "subprocess"):
        return _activity(s, f)
    if s.role in ("exclusive", "parallel", "inclusive"):
        return _gateway(s, f)
    if s.role == "data":
        return _data(s, f)
    if s.role == "annotation":
        return _annotation(s, f)
    return _event(s, f)


def _activity(s: Shape, f: _Flip, container: bool = False) -> list[Any]:
    from reportlab.graphics.shapes import Line, Rect, String

    b = s.box
    stroke, width, dash = _stroke(s)
    fill = None if container else color(VALUE_FILL.get(s.value_class or "", "#ffffff"))
    radius = f.d(8)
    out: list[Any] = [Rect(f.x(b.x), f.y(b.bottom), f.d(b.w), f.d(b.h), rx=radius, ry=radius,
                           fillColor=fill, strokeColor=stroke, strokeWidth=f.d(width) or 0.3,
                           strokeDashArray=dash)]
    if s.marker == "transaction":
        inset = 3
        out.append(Rect(f.x(b.x + inset), f.y(b.bottom - inset), f.d(b.w - 2 * inset),
                        f.d(b.h - 2 * inset), rx=radius * 0.7, ry=radius * 0.7,
                        fillColor=None, strokeColor=stroke, strokeWidth=f.d(0.6)))
    size = f.d(FONT_SIZE)
    if container:
        out += string_shapes(f.x(b.x + 6), f.y(b.y + 6) - size, _fit(
            s.text, size, f.d(b.w - 12)), size, color(INK))
        return out
    lines = _lines(s.text, size, f.d(b.w - 8), max(1, int((b.h - 14) // (FONT_SIZE * 1.25))))
    lead = size * 1.2
    top = f.y(b.cy) + lead * (len(lines) - 1) / 2 - size * 0.35
    for i, line in enumerate(lines):
        out += string_shapes(f.x(b.cx), top - i * lead, line, size, color(INK), anchor="middle")
    if s.collapsed:  # the "+" of a collapsed sub-process
        m, c = f.d(5), (f.x(b.cx), f.y(b.bottom - 9))
        out.append(Rect(c[0] - m, c[1] - m, 2 * m, 2 * m, fillColor=None, strokeColor=stroke,
                        strokeWidth=f.d(0.7)))
        out.append(Line(c[0] - m * 0.6, c[1], c[0] + m * 0.6, c[1], strokeColor=stroke,
                        strokeWidth=f.d(0.7)))
        out.append(Line(c[0], c[1] - m * 0.6, c[0], c[1] + m * 0.6, strokeColor=stroke,
                        strokeWidth=f.d(0.7)))
    if s.linked_kpi:
        tag = f.d(7)
        out.append(String(f.x(b.right - 4), f.y(b.y + 4) - tag, "KPI", fontName=fonts.BOLD,
                          fontSize=tag, fillColor=color("#1f4e79"), textAnchor="end"))
    return out


def _caption(s: Shape, f: _Flip) -> list[Any]:
    """The label of an event, gateway or data object in the caption box core placed
    beside it (``maps.captions``), set against the side that touches the shape."""
    if not s.text:
        return []
    c = s.caption or Box(s.box.cx - 60, s.box.bottom + 3, 120, 30)
    size = f.d(FONT_SIZE * 0.9)
    lead = size * 1.15
    lines = _lines(s.text, size, f.d(c.w), 3)
    block = lead * len(lines)
    side = s.caption_side if s.caption is not None else "bottom"
    if side == "top":
        top = f.y(c.bottom) + block  # the block's top (y up), its last line on the bottom
    elif side == "bottom":
        top = f.y(c.y)
    else:
        top = f.y(c.cy) + block / 2
    anchor, x = {"left": ("end", f.x(c.right)), "right": ("start", f.x(c.x))}.get(
        side, ("middle", f.x(c.cx)))
    out: list[Any] = []
    for i, line in enumerate(lines):
        out += string_shapes(x, top - size - i * lead, line, size, color(INK), anchor=anchor)
    return out


def _event(s: Shape, f: _Flip) -> list[Any]:
    from reportlab.graphics.shapes import Circle, Line

    b = s.box
    stroke, width, dash = _stroke(s)
    r = f.d(min(b.w, b.h) / 2)
    cx, cy = f.x(b.cx), f.y(b.cy)
    if s.role == "end":
        width = max(width, 2.6)
    out: list[Any] = [Circle(cx, cy, r, fillColor=color("#ffffff"), strokeColor=stroke,
                             strokeWidth=f.d(width),
                             strokeDashArray=dash or ([3, 2] if not s.interrupting else None))]
    if s.role in ("intermediate", "boundary", "wait"):
        out.append(Circle(cx, cy, r * 0.82, fillColor=None, strokeColor=stroke,
                          strokeWidth=f.d(0.8)))
    if s.role == "wait" or s.marker == "timer":  # a clock face
        out.append(Circle(cx, cy, r * 0.55, fillColor=None, strokeColor=stroke,
                          strokeWidth=f.d(0.7)))
        out.append(Line(cx, cy, cx, cy + r * 0.42, strokeColor=stroke, strokeWidth=f.d(0.7)))
        out.append(Line(cx, cy, cx + r * 0.3, cy, strokeColor=stroke, strokeWidth=f.d(0.7)))
    elif s.marker == "message":
        w, h = r * 0.9, r * 0.6
        from reportlab.graphics.shapes import PolyLine, Rect

        out.append(Rect(cx - w / 2, cy - h / 2, w, h, fillColor=None, strokeColor=stroke,
                        strokeWidth=f.d(0.7)))
        out.append(PolyLine([cx - w / 2, cy + h / 2, cx, cy, cx + w / 2, cy + h / 2],
                            strokeColor=stroke, strokeWidth=f.d(0.7)))
    return out + _caption(s, f)


def _gateway(s: Shape, f: _Flip) -> list[Any]:
    from reportlab.graphics.shapes import Circle, Line, Polygon

    b = s.box
    stroke, width, dash = _stroke(s)
    cx, cy, hw, hh = f.x(b.cx), f.y(b.cy), f.d(b.w / 2), f.d(b.h / 2)
    out: list[Any] = [Polygon([cx, cy + hh, cx + hw, cy, cx, cy - hh, cx - hw, cy],
                              fillColor=color("#ffffff"), strokeColor=stroke,
                              strokeWidth=f.d(width), strokeDashArray=dash)]
    m = min(hw, hh) * 0.42
    mark = {"strokeColor": stroke, "strokeWidth": f.d(2.2)}
    if s.role == "exclusive":
        out += [Line(cx - m * 0.75, cy - m * 0.75, cx + m * 0.75, cy + m * 0.75, **mark),
                Line(cx - m * 0.75, cy + m * 0.75, cx + m * 0.75, cy - m * 0.75, **mark)]
    elif s.role == "parallel":
        out += [Line(cx - m, cy, cx + m, cy, **mark), Line(cx, cy - m, cx, cy + m, **mark)]
    else:
        out.append(Circle(cx, cy, m, fillColor=None, **mark))
    return out + _caption(s, f)


def _data(s: Shape, f: _Flip) -> list[Any]:
    from reportlab.graphics.shapes import Polygon, PolyLine

    b = s.box
    stroke, width, _ = _stroke(s)
    fold = min(b.w, b.h) * 0.3
    x0, x1, y0, y1 = f.x(b.x), f.x(b.right), f.y(b.bottom), f.y(b.y)
    k = f.d(fold)
    return [Polygon([x0, y0, x1, y0, x1, y1 - k, x1 - k, y1, x0, y1], fillColor=color("#ffffff"),
                    strokeColor=stroke, strokeWidth=f.d(width)),
            PolyLine([x1 - k, y1, x1 - k, y1 - k, x1, y1 - k], strokeColor=stroke,
                     strokeWidth=f.d(0.7)), *_caption(s, f)]


def _annotation(s: Shape, f: _Flip) -> list[Any]:
    from reportlab.graphics.shapes import PolyLine

    b = s.box
    x0, y0, y1 = f.x(b.x), f.y(b.bottom), f.y(b.y)
    size = f.d(FONT_SIZE * 0.9)
    out: list[Any] = [PolyLine([x0 + f.d(10), y1, x0, y1, x0, y0, x0 + f.d(10), y0],
                               strokeColor=color(INK), strokeWidth=f.d(0.8))]
    lines = _lines(s.text, size, f.d(b.w - 8), max(1, int(b.h // (FONT_SIZE * 1.15))))
    for i, line in enumerate(lines):
        out += string_shapes(x0 + f.d(5), y1 - size * (1.1 + 1.15 * i), line, size, color(INK))
    return out


def _connector(c: Connector, f: _Flip) -> list[Any]:
    from reportlab.graphics.shapes import Circle, Line, Polygon, PolyLine

    if len(c.points) < 2:
        return []
    stroke, width, dash = color(INK), 0.9, [4, 2.5] if c.dashed else None
    if "critical" in c.emphasis:
        stroke, width = color(CRITICAL), 2.0
    elif "handoff" in c.emphasis:
        stroke, dash = color(HANDOFF), [5, 2]
    pts = [(f.x(p.x), f.y(p.y)) for p in c.points]
    flat = [v for p in pts for v in p]
    out: list[Any] = [PolyLine(flat, strokeColor=stroke, strokeWidth=f.d(width),
                               strokeDashArray=dash)]
    (ax, ay), (bx, by) = pts[-2], pts[-1]
    angle = math.atan2(by - ay, bx - ax)
    size = f.d(8)
    left = (bx - size * math.cos(angle - 0.4), by - size * math.sin(angle - 0.4))
    right = (bx - size * math.cos(angle + 0.4), by - size * math.sin(angle + 0.4))
    if c.arrow != "none":
        fill = stroke if c.arrow == "filled" else color("#ffffff")
        out.append(Polygon([bx, by, *left, *right], fillColor=fill, strokeColor=stroke,
                           strokeWidth=f.d(0.8)))
    if c.start_mark == "circle":
        out.append(Circle(pts[0][0], pts[0][1], f.d(3), fillColor=color("#ffffff"),
                          strokeColor=stroke, strokeWidth=f.d(0.8)))
    if c.default:  # the slash across the start of a default flow
        (sx, sy), (tx, ty) = pts[0], pts[1]
        a = math.atan2(ty - sy, tx - sx)
        mx, my = sx + f.d(10) * math.cos(a), sy + f.d(10) * math.sin(a)
        d = f.d(5)
        out.append(Line(mx - d * math.cos(a - 1.0), my - d * math.sin(a - 1.0),
                        mx + d * math.cos(a - 1.0), my + d * math.sin(a - 1.0),
                        strokeColor=stroke, strokeWidth=f.d(0.9)))
    if c.label and c.label_at is not None:
        out += _flow_label(c.label, c.label_at, f, c.label_side)
    return out


def _flow_label(text: str, at: Point, f: _Flip, side: str = "top") -> list[Any]:
    """A flow's label on a white ground: centred above ``at`` on a level leg, starting at
    ``at`` beside an upright one."""
    from reportlab.graphics.shapes import Rect

    size = f.d(FONT_SIZE * 0.85)
    text = _fit(text, size, f.d(120))
    w = text_width(text, size) + f.d(4)
    x, y = f.x(at.x), f.y(at.y)
    if side == "right":
        y -= size * 0.35  # the line's middle at ``at``
        return [Rect(x, y - size * 0.3, w, size * 1.25, fillColor=color("#ffffff"),
                     strokeColor=None),
                *string_shapes(x + f.d(2), y, text, size, color(INK), anchor="start")]
    y += size * 0.3  # the text's foot just above ``at``
    return [Rect(x - w / 2, y - size * 0.3, w, size * 1.25, fillColor=color("#ffffff"),
                 strokeColor=None), *string_shapes(x, y, text, size, color(INK),
                                                   anchor="middle")]
