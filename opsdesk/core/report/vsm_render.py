"""A value-stream map (``vsm_diagram.VsmDiagram``) as a reportlab Drawing: its primitives
drawn as vectors, y turned up, scaled by ``scale`` points per diagram unit."""

from __future__ import annotations

from typing import Any

from opsdesk.core.maps.vsm_diagram import VsmDiagram
from opsdesk.core.maps.vsm_icon_svg import TONES
from opsdesk.core.maps.vsm_icons import Ellipse, Poly, Prim, Rect, Tone
from opsdesk.core.report import fonts
from opsdesk.core.report.chart_style import color
from opsdesk.core.report.draw_text import string_shapes


def _paint(stroke: Tone | None, fill: Tone | None, width: float, dashed: bool,
           scale: float) -> dict[str, Any]:
    return {"strokeColor": color(TONES[stroke]) if stroke else None,
            "fillColor": color(TONES[fill]) if fill else None,
            "strokeWidth": width * scale,
            "strokeDashArray": [4 * scale, 3 * scale] if dashed else None}


def render_vsm(spec: VsmDiagram, scale: float) -> Any:
    """``spec`` drawn at ``scale`` points per diagram unit."""
    from reportlab.graphics.shapes import Drawing

    fonts.register()
    drawing = Drawing(spec.width * scale, spec.height * scale)
    top = spec.height * scale
    for item in spec.items:
        for p in item.prims:
            for shape in _prim(p, scale, top):
                drawing.add(shape)
    return drawing


def _prim(p: Prim, s: float, top: float) -> list[Any]:
    from reportlab.graphics.shapes import Ellipse as RlEllipse
    from reportlab.graphics.shapes import Polygon, PolyLine
    from reportlab.graphics.shapes import Rect as RlRect

    if isinstance(p, Poly):
        flat = [v for q in p.points for v in (q.x * s, top - q.y * s)]
        paint = _paint(p.stroke, p.fill, p.width, p.dashed, s)
        if p.closed:
            return [Polygon(flat, **paint)]
        paint.pop("fillColor")
        return [PolyLine(flat, **paint)]
    if isinstance(p, Rect):
        b = p.box
        return [RlRect(b.x * s, top - b.bottom * s, b.w * s, b.h * s,
                       **_paint(p.stroke, p.fill, p.width, p.dashed, s))]
    if isinstance(p, Ellipse):
        b = p.box
        return [RlEllipse(b.cx * s, top - b.cy * s, b.w / 2 * s, b.h / 2 * s,
                          **_paint(p.stroke, p.fill, p.width, p.dashed, s))]
    size = p.size * s
    font = fonts.BOLD if p.bold else fonts.BODY
    return string_shapes(p.at.x * s, top - p.at.y * s - size * 0.35, p.text, size,
                         color(TONES[p.tone]), font, p.anchor)
