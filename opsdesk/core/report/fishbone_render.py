"""Draw a ``FishboneSpec`` (``improve.fishbone_layout``) as reportlab vector graphics.

The spec's y grows downwards from the top left; a Drawing's grows upwards, so every y is
``height - y``. The layout measured its texts in the body font at ``font_size``, so
labels are drawn in that font at that size (never bold, which is wider): a confirmed
cause stands out by colour and a thicker rib, a ruled-out one is grey and struck
through, an open one plain (the legend says so under the diagram).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect

from opsdesk.core.improve.fishbone_spec import FishboneSpec, Label
from opsdesk.core.report import chart_style as cs
from opsdesk.core.report import fonts, styles
from opsdesk.core.report.draw_text import string_shapes, text_width

WIDTHS = {"spine": 1.6, "bone": 1.0, "rib": 0.6, "twig": 0.5}
STATUS_INK = {"confirmed": styles.ACCENT, "ruled out": "#8a949e", "open": styles.INK}


def _label(group: Group, label: Label, spec: FishboneSpec) -> None:
    ink = cs.color(STATUS_INK.get(label.status or "open", styles.INK))
    top = spec.height - label.rect.y
    if label.framed:
        fill = cs.color(styles.ACCENT_LIGHT if label.role == "category" else "#ffffff")
        group.add(Rect(label.rect.x, top - label.rect.h, label.rect.w,
                       label.rect.h, strokeColor=cs.color(styles.ACCENT),
                       strokeWidth=0.8, fillColor=fill))
        ink = cs.color(styles.INK)
    pad = 4.0 if label.framed else 0.0
    size, lh = spec.font_size, spec.line_height
    for n, line in enumerate(label.lines):
        # the baseline sits a descent above the bottom of the line's slot
        y = top - pad - (n + 1) * lh + (lh - size) / 2 + size * 0.22
        if label.align == "right":
            x, anchor = label.rect.x + label.rect.w - pad, "end"
        elif label.align == "center":
            x, anchor = label.rect.x + label.rect.w / 2, "middle"
        else:
            x, anchor = label.rect.x + pad, "start"
        for shape in string_shapes(x, y, line, size, ink, anchor=anchor):
            group.add(shape)
        if label.status == "ruled out":
            width = text_width(line, size)
            left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            group.add(Line(left, y + size * 0.3, left + width, y + size * 0.3,
                           strokeColor=ink, strokeWidth=0.5))


def render_fishbone(spec: FishboneSpec, scale: float = 1.0) -> Drawing:
    """The diagram as a Drawing ``scale`` times its spec's size."""
    fonts.register()
    inner = Group()
    ink = cs.color(styles.INK)
    confirmed = {label.rect.y + label.rect.h for label in spec.labels
                 if label.status == "confirmed"}
    for line in spec.lines:
        y1, y2 = spec.height - line.start.y, spec.height - line.end.y
        width = WIDTHS[line.role]
        if line.role == "rib" and line.start.y in confirmed:
            width = 1.2
        inner.add(Line(line.start.x, y1, line.end.x, y2, strokeColor=ink, strokeWidth=width))
        if line.arrow:
            inner.add(Polygon([line.end.x, y2, line.end.x - 7, y2 + 3.5, line.end.x - 7,
                               y2 - 3.5], fillColor=ink, strokeColor=None))
    for label in spec.labels:
        _label(inner, label, spec)
    inner.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(spec.width * scale, spec.height * scale)
    drawing.add(inner)
    return drawing
