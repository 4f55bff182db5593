"""The texts inside one PDF panel: limit labels, vertical-line labels, notes and run-rule
numbers, placed clear of the data and of each other by the layout the screen uses too
(``opsdesk.core.charts.label_layout``), in the panel's frame turned y-down."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from reportlab.graphics.shapes import Group, Line, Rect

from opsdesk.core.charts import Panel, Series
from opsdesk.core.charts.label_layout import GAP, Box, Layout, along_line, around_point
from opsdesk.core.report import chart_style as cs
from opsdesk.core.report.draw_text import string_shapes, text_width

if TYPE_CHECKING:
    from opsdesk.core.report.chart_render import Scale

SIZE = 6.0        # limit and line labels
MARK_SIZE = 5.8   # rule numbers and notes
MARKER = 3.0      # half-size of a signal marker (chart_marks)
MAX_MARK_LABELS = 60  # more signals than this: their numbers would be ink noise


def _frame(s: Scale) -> tuple[float, float]:
    return s.left, s.bottom + s.height  # frame x = x - left, frame y = top - y


def _series_ink(layout: Layout, series: Series, s: Scale, points_drawn: bool) -> None:
    from opsdesk.core.report.chart_marks import _step_edges, point_size

    left, top = _frame(s)
    x = np.array(series.x, dtype=float)
    y = np.array(series.y, dtype=float)  # a None (a gap) becomes NaN
    if not len(x):
        return
    fx = s.left + (x - s.x0) / (s.x1 - s.x0) * s.width - left
    fy = top - (s.bottom + (y - s.y0) / (s.y1 - s.y0) * s.height)
    if series.step:
        edges = np.array(_step_edges(x.tolist()))
        ex = s.left + (edges - s.x0) / (s.x1 - s.x0) * s.width - left
        if series.line:
            layout.add_line(np.repeat(ex, 2)[1:-1], np.repeat(fy, 2))
        return
    if series.line:
        layout.add_line(fx, fy)
    if points_drawn:
        layout.add_points(fx, fy, point_size(series) + 0.6)


def panel_layout(panel: Panel, s: Scale) -> Layout:
    """The panel's ink (lines, markers, horizontal reference lines) in its frame."""
    from opsdesk.core.report.chart_marks import markers_drawn

    layout = Layout(s.width, s.height, cell=1.5)
    for series in panel.series:
        _series_ink(layout, series, s, markers_drawn(series))
    left, top = _frame(s)
    for ref in panel.ref_lines:
        if ref.value is not None and s.y0 <= ref.value <= s.y1:
            layout.add_hline(top - s.y(ref.value))
    if panel.markers:
        layout.add_points(np.array([s.x(m.x) - left for m in panel.markers]),
                          np.array([top - s.y(m.y) for m in panel.markers]), MARKER + 0.5)
    layout.finish()
    return layout


def _text(drawing: Group, s: Scale, box: Box, text: str, size: float, color: object,
          backing: bool = False) -> None:
    left, top = _frame(s)
    bottom = top - box[3]
    if backing:  # a light fill keeps a limit's label readable over a band
        drawing.add(Rect(left + box[0] - 1, bottom, box[2] - box[0] + 2, box[3] - box[1],
                         fillColor=cs.color("#ffffff"), strokeColor=None, fillOpacity=0.8))
    for shape in string_shapes(left + box[0], bottom + 0.22 * size, text, size, color):
        drawing.add(shape)


def draw_texts(drawing: Group, panel: Panel, s: Scale) -> None:
    layout = panel_layout(panel, s)
    height = SIZE * 1.15
    left, top = _frame(s)
    for ref in panel.ref_lines:  # along its line, clear of the data where it can be
        if ref.value is None or not ref.label or not s.y0 <= ref.value <= s.y1:
            continue
        width = text_width(ref.label, SIZE)
        cands = along_line(top - s.y(ref.value), width, height, s.width, 1.2)
        box = cands[layout.place(cands, must=True) or 0]
        _text(drawing, s, box, ref.label, SIZE, cs.role_color(ref.role), backing=True)
    for ref in panel.ref_lines:  # vertical lines: their label in rows at the top
        if ref.at_x is None or not ref.label or not s.x0 <= ref.at_x <= s.x1:
            continue
        _top_text(drawing, layout, s, s.x(ref.at_x) - left, ref.label, SIZE,
                  cs.role_color(ref.role))
    ink = cs.color(cs.LABEL)
    for note in sorted(panel.annotations, key=lambda a: a.x):
        x = s.x(note.x) - left
        if note.y is None:
            _top_text(drawing, layout, s, x, note.text, MARK_SIZE, ink, tick=True)
            continue
        width, h = text_width(note.text, MARK_SIZE), MARK_SIZE * 1.15
        y = top - s.y(note.y)
        cands = around_point(x, y, width, h, MARKER, rings=3)
        chosen = layout.place(cands, must=True) or 0
        box = cands[chosen]
        if chosen >= 8:  # moved off its point to keep clear of the data: a leader to it
            drawing.add(Line(left + x, top - y, left + min(max(x, box[0]), box[2]),
                             top - min(max(y, box[1]), box[3]), strokeColor=ink,
                             strokeWidth=0.4))
        _text(drawing, s, box, note.text, MARK_SIZE, ink)
    texts: dict[tuple[float, float], tuple[str, str]] = {}  # one label per point
    for m in panel.markers:
        if m.text and (m.x, m.y) not in texts:
            texts[(m.x, m.y)] = (m.text, m.role)
    if len(texts) > MAX_MARK_LABELS:
        return
    for (mx, my), (words, role) in texts.items():
        width, h = text_width(words, MARK_SIZE), MARK_SIZE * 1.15
        cands = around_point(s.x(mx) - left, top - s.y(my), width, h, MARKER)
        spot = layout.place(cands)
        if spot is not None:
            _text(drawing, s, cands[spot], words, MARK_SIZE, cs.role_color(role))


def _top_text(drawing: Group, layout: Layout, s: Scale, x: float, text: str, size: float,
              color: object, tick: bool = False) -> None:
    """A text at the top of the frame, right of ``x`` (left of it near the right edge),
    in the first row free of the texts already there."""
    width, h = text_width(text, size), size * 1.15
    cands: list[Box] = []
    for row in range(4):
        y0 = 1.5 + row * h
        cands += [(x + GAP, y0, x + GAP + width, y0 + h), (x - GAP - width, y0, x - GAP, y0 + h)]
    box = cands[layout.place(cands, must=True) or 0]
    if tick:  # a short tick from the text down to its x
        left, top = _frame(s)
        drawing.add(Line(left + x, top - box[3] - 1, left + x, top - box[1],
                         strokeColor=cs.color(cs.LABEL), strokeWidth=0.5))
    _text(drawing, s, box, text, size, color)
