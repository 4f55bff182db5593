"""Draw an ``opsdesk.core.charts.ChartSpec`` as reportlab vector graphics (DESIGN rule 5).

Panels stack top to bottom and share the x axis; the legend sits under the plot. Every
role has a colour and a dash or marker of its own (``chart_style``), so print in grey
still tells limits from targets from data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Line, Path, Rect

from opsdesk.core.charts import ChartSpec, Panel
from opsdesk.core.report import chart_style as cs
from opsdesk.core.report import fonts
from opsdesk.core.report.chart_axes import (
    date_ticks,
    format_number,
    number_ticks,
    padded,
)
from opsdesk.core.report.chart_legend import draw_legend, legend_entries, legend_height
from opsdesk.core.report.draw_text import string_shapes, text_width

TICK_SIZE = 6.5
MARKERS_UP_TO = 160  # more points than this: the line alone (markers would be ink noise)


@dataclass
class Scale:
    """Maps data values to drawing coordinates within one panel."""

    x0: float
    x1: float
    y0: float
    y1: float
    left: float
    bottom: float
    width: float
    height: float

    # Halves first: a difference of two finite values may overflow, that of halves never.
    def x(self, value: float) -> float:
        return self.left + (value / 2 - self.x0 / 2) / (self.x1 / 2 - self.x0 / 2) * self.width

    def y(self, value: float) -> float:
        return self.bottom + (value / 2 - self.y0 / 2) / (self.y1 / 2 - self.y0 / 2) * self.height

    def clamp_y(self, value: float) -> float:
        return min(max(value, self.y0), self.y1)


def _finite(values: Iterable[float | None]) -> list[float]:
    return [v for v in values if v is not None and math.isfinite(v)]


def _as_list(value: float | Sequence[float]) -> list[float]:
    if isinstance(value, int | float):
        return [float(value)]
    return [float(v) for v in value]


def x_extent(panels: Sequence[Panel]) -> tuple[float, float]:
    axis = panels[-1].x_axis
    if axis.kind == "category" and axis.categories:
        return -0.6, len(axis.categories) - 0.4
    xs: list[float] = []
    for panel in panels:
        for series in (*panel.series, *panel.y2_series):
            xs.extend(_finite(series.x))
        for bar in panel.bars:
            half = max(_as_list(bar.width), default=0.8) / 2
            xs.extend(float(v) - half for v in bar.x)
            xs.extend(float(v) + half for v in bar.x)
        xs.extend(m.x for m in panel.markers)
        xs.extend(r.at_x for r in panel.ref_lines if r.at_x is not None)
    lo, hi = (min(xs), max(xs)) if xs else (0.0, 1.0)
    return padded(lo, hi, axis, pad=0.02)


def y_extent(panel: Panel) -> tuple[float, float]:
    ys: list[float] = []
    for series in panel.series:
        ys.extend(_finite(series.y))
    for bar in panel.bars:
        ys.extend(_finite(bar.height))
        ys.append(0.0)
    for band in panel.bands:
        ys.extend(_finite(_as_list(band.low)))
        ys.extend(_finite(_as_list(band.high)))
    ys.extend(r.value for r in panel.ref_lines if r.value is not None)
    ys.extend(m.y for m in panel.markers)
    lo, hi = (min(ys), max(ys)) if ys else (0.0, 1.0)
    low, high = padded(lo, hi, panel.y_axis)
    if panel.bars and lo >= 0 and panel.y_axis.min is None:
        low = 0.0  # bars stand on zero
    return low, high


def y2_extent(panel: Panel) -> tuple[float, float]:
    ys: list[float] = []
    for series in panel.y2_series:
        ys.extend(_finite(series.y))
    lo, hi = (min(ys), max(ys)) if ys else (0.0, 100.0)
    assert panel.y2_axis is not None
    return padded(lo, hi, panel.y2_axis, pad=0.0)


def render(spec: ChartSpec, width: float, height: float) -> Drawing:
    """The whole chart as a Drawing of ``width`` x ``height`` points."""
    fonts.register()  # a chart may be drawn on its own, outside a document build
    drawing = Drawing(width, height)
    ink = cs.color(cs.LABEL)
    top = height
    if spec.title:
        drawing.add(_group(string_shapes(0, top - 9, spec.title, 8.5, cs.color("#1d2733"),
                                         font=fonts.BOLD)))
        top -= 12
    if spec.subtitle:
        drawing.add(_group(string_shapes(0, top - 8, spec.subtitle, 7, ink)))
        top -= 10
    panels = spec.panels or (Panel(),)
    entries = legend_entries(spec)
    legend_h = legend_height(entries, width)
    has_y2 = any(p.y2_axis is not None for p in panels)
    has_ylabel = any(p.y_axis.label for p in panels)
    left = 40 + (10 if has_ylabel else 0)
    right = 38 if has_y2 else 10
    last_axis = panels[-1].x_axis
    x0, x1 = x_extent(panels)
    plot_w = width - left - right
    rotate = _category_rotation(last_axis.categories, plot_w)
    bottom_labels = 12 + rotate + (10 if last_axis.label else 0)
    bottom = legend_h + bottom_labels
    gap = 14
    titled = [bool(p.title) for p in panels]
    usable = top - bottom - 6 - sum(gap if t else 6 for t in titled)
    total_ratio = sum(max(0.1, p.height_ratio) for p in panels)
    cursor = top - 4
    for index, panel in enumerate(panels):
        cursor -= gap if panel.title else 6
        panel_h = usable * max(0.1, panel.height_ratio) / total_ratio
        scale = Scale(x0, x1, *y_extent(panel), left, cursor - panel_h, plot_w, panel_h)
        is_last = index == len(panels) - 1
        _draw_panel(drawing, panel, scale, is_last, rotate)
        if panel.title:
            drawing.add(_group(string_shapes(left, cursor + 4, panel.title, 7.5, ink,
                                             font=fonts.BOLD)))
        cursor -= panel_h
    draw_legend(drawing, entries, 0, legend_h, width)
    return drawing


def _group(shapes: Sequence[Any]) -> Group:
    group = Group()
    for shape in shapes:
        group.add(shape)
    return group


def _category_rotation(categories: Sequence[str], plot_w: float) -> float:
    """0 when the labels fit level, else the height the slanted labels need."""
    if not categories:
        return 0.0
    slot = plot_w / len(categories)
    widest = max(text_width(c[:28], TICK_SIZE) for c in categories)
    return 0.0 if widest <= slot - 2 else widest * 0.574 + 8


def _draw_panel(drawing: Drawing, panel: Panel, s: Scale, is_last: bool, rotate: float) -> None:
    from opsdesk.core.report.chart_marks import draw_marks

    grid, axis, label = cs.color(cs.GRID), cs.color(cs.AXIS), cs.color(cs.LABEL)
    ticks, decimals = number_ticks(s.y0, s.y1)
    for value in ticks:
        y = s.y(value)
        drawing.add(Line(s.left, y, s.left + s.width, y, strokeColor=grid, strokeWidth=0.4))
        for shape in string_shapes(s.left - 3, y - 2.2, format_number(value, decimals),
                                   TICK_SIZE, label, anchor="end"):
            drawing.add(shape)
    if panel.y_axis.label:
        group = _group(string_shapes(0, 0, panel.y_axis.label, 7, label, anchor="middle"))
        group.transform = (0, 1, -1, 0, 7, s.bottom + s.height / 2)
        drawing.add(group)
    # Everything inside the frame is clipped to it: a forecast interval or a line past
    # a set axis range ends at the frame's edge.
    inside = _group([frame_clip(s)])
    draw_marks(inside, panel, s)
    if panel.y2_axis is not None:
        _draw_y2(drawing, inside, panel, s)
    drawing.add(inside)
    drawing.add(Rect(s.left, s.bottom, s.width, s.height, strokeColor=axis, strokeWidth=0.6,
                     fillColor=None))
    if is_last:
        _draw_x_axis(drawing, panel, s, rotate)


def frame_clip(s: Scale) -> Path:
    """An ink-less clip path on the panel's frame: what follows it in a group is cut there."""
    clip = Path(isClipPath=1, strokeColor=None, fillColor=None)
    clip.moveTo(s.left, s.bottom)
    clip.lineTo(s.left + s.width, s.bottom)
    clip.lineTo(s.left + s.width, s.bottom + s.height)
    clip.lineTo(s.left, s.bottom + s.height)
    clip.closePath()
    return clip


def _draw_y2(drawing: Drawing, inside: Group, panel: Panel, s: Scale) -> None:
    from opsdesk.core.report.chart_marks import draw_series

    assert panel.y2_axis is not None
    lo, hi = y2_extent(panel)
    s2 = Scale(s.x0, s.x1, lo, hi, s.left, s.bottom, s.width, s.height)
    label = cs.color(cs.LABEL)
    ticks, decimals = number_ticks(lo, hi)
    right = s.left + s.width
    for value in ticks:
        for shape in string_shapes(right + 3, s2.y(value) - 2.2,
                                   format_number(value, decimals), TICK_SIZE, label):
            drawing.add(shape)
    if panel.y2_axis.label:
        group = _group(string_shapes(0, 0, panel.y2_axis.label, 7, label, anchor="middle"))
        group.transform = (0, -1, 1, 0, right + 32, s.bottom + s.height / 2)
        drawing.add(group)
    for series in panel.y2_series:
        draw_series(inside, series, s2)


def _draw_x_axis(drawing: Drawing, panel: Panel, s: Scale, rotate: float) -> None:
    label, axis = cs.color(cs.LABEL), cs.color(cs.AXIS)
    kind = panel.x_axis.kind
    marks: list[tuple[float, str]]
    if kind == "date":
        marks = date_ticks(s.x0, s.x1)
    elif kind == "category":
        marks = [(float(i), c) for i, c in enumerate(panel.x_axis.categories)]
    else:
        values, decimals = number_ticks(s.x0, s.x1, 8)
        marks = [(v, format_number(v, decimals)) for v in values]
    for value, text in marks:
        x = s.x(value)
        if x < s.left - 0.5 or x > s.left + s.width + 0.5:
            continue
        drawing.add(Line(x, s.bottom, x, s.bottom - 2.5, strokeColor=axis, strokeWidth=0.5))
        if rotate:
            group = _group(string_shapes(0, 0, text[:28], TICK_SIZE, label, anchor="end"))
            group.transform = (0.819, 0.574, -0.574, 0.819, x + 2, s.bottom - 6)
            drawing.add(group)
        else:
            for shape in string_shapes(x, s.bottom - 10, text, TICK_SIZE, label,
                                       anchor="middle"):
                drawing.add(shape)
    if panel.x_axis.label:
        y = s.bottom - 20 - rotate
        for shape in string_shapes(s.left + s.width / 2, y, panel.x_axis.label, 7, label,
                                   anchor="middle"):
            drawing.add(shape)

