"""The marks inside one panel: bands, bars, reference lines, series, signals, notes."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from reportlab.graphics.shapes import Group, Line, Polygon, PolyLine, Rect

from opsdesk.core.charts import Band, Panel, Series
from opsdesk.core.report import chart_style as cs
from opsdesk.core.report.chart_texts import draw_texts

if TYPE_CHECKING:
    from opsdesk.core.report.chart_render import Scale


def draw_marks(drawing: Group, panel: Panel, s: Scale) -> None:
    for band in panel.bands:
        _draw_band(drawing, band, s)
    for bar in panel.bars:
        widths = ([float(bar.width)] * len(bar.x) if isinstance(bar.width, int | float)
                  else [float(w) for w in bar.width])
        fill = cs.band_fill("zone") if bar.role == "neutral" else cs.role_color(bar.role)
        base = s.y(s.clamp_y(0.0))
        for x, h, w in zip(bar.x, bar.height, widths, strict=False):
            if h is None or not math.isfinite(h):
                continue
            left, right = s.x(x - w / 2), s.x(x + w / 2)
            y = s.y(s.clamp_y(h))
            drawing.add(Rect(left, min(base, y), right - left, abs(y - base),
                             strokeColor=cs.color("#ffffff"), strokeWidth=0.4, fillColor=fill))
    for ref in panel.ref_lines:
        _draw_ref(drawing, ref.value, ref.at_x, ref.role, ref.style, s)
    for series in panel.series:
        draw_series(drawing, series, s)
    for marker in panel.markers:
        color = cs.role_color(marker.role)
        drawing.add(cs.marker_shape(marker.shape if marker.shape != "none" else "circle",
                                    s.x(marker.x), s.y(marker.y), 3.0, color, color))
    draw_texts(drawing, panel, s)  # last: the texts go where this ink is not


def _draw_band(drawing: Group, band: Band, s: Scale) -> None:
    fill = cs.band_fill(band.role)
    if len(band.x) == 0:
        low = s.y(s.clamp_y(float(band.low)))  # type: ignore[arg-type]
        high = s.y(s.clamp_y(float(band.high)))  # type: ignore[arg-type]
        drawing.add(Rect(s.left, low, s.width, high - low, strokeColor=None, fillColor=fill))
        return
    lows = [float(v) for v in band.low] if not isinstance(band.low, int | float) else []
    highs = [float(v) for v in band.high] if not isinstance(band.high, int | float) else []
    if isinstance(band.low, int | float):
        lows = [float(band.low)] * len(band.x)
    if isinstance(band.high, int | float):
        highs = [float(band.high)] * len(band.x)
    n = min(len(band.x), len(highs), len(lows))
    xs = np.asarray(band.x[:n], dtype=float)
    edge_x = np.concatenate([xs, xs[::-1]])
    edge_y = np.concatenate([np.asarray(highs[:n]), np.asarray(lows[:n])[::-1]])
    # Whole arrays at once: the same arithmetic as Scale.x / Scale.y, point by point.
    px = s.left + (edge_x / 2 - s.x0 / 2) / (s.x1 / 2 - s.x0 / 2) * s.width
    py = s.bottom + (np.clip(edge_y, s.y0, s.y1) / 2 - s.y0 / 2) / (s.y1 / 2 - s.y0 / 2) * s.height
    points = without_inner_points(_interleaved(*_level_runs_thinned(px, py)))
    if len(points) >= 6:
        drawing.add(Polygon(points, strokeColor=None, fillColor=fill))


def _draw_ref(drawing: Group, value: float | None, at_x: float | None, role: str,
              style: str, s: Scale) -> None:
    """The line; its label is placed with the panel's other texts (``chart_texts``)."""
    color = cs.role_color(role)
    dash = cs.DASH.get(style)
    if value is not None and s.y0 <= value <= s.y1:
        y = s.y(value)
        drawing.add(Line(s.left, y, s.left + s.width, y, strokeColor=color,
                         strokeWidth=cs.WIDTH.get(role, 0.8), strokeDashArray=dash))
    if at_x is not None and s.x0 <= at_x <= s.x1:
        x = s.x(at_x)
        drawing.add(Line(x, s.bottom, x, s.bottom + s.height, strokeColor=color,
                         strokeWidth=0.7, strokeDashArray=dash))


def _level_runs_thinned(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop the points inside level runs that go on in one direction (a quick first pass
    for ``without_inner_points``, which finishes the job)."""
    if len(px) < 3:
        return px, py
    inner = np.zeros(len(px), dtype=bool)
    inner[1:-1] = ((py[:-2] == py[1:-1]) & (py[1:-1] == py[2:])
                   & ((px[1:-1] - px[:-2]) * (px[2:] - px[1:-1]) >= 0))
    return px[~inner], py[~inner]


def _interleaved(px: np.ndarray, py: np.ndarray) -> list[float]:
    out = np.empty(2 * len(px))
    out[0::2], out[1::2] = px, py
    result: list[float] = out.tolist()
    return result


def without_inner_points(points: list[float]) -> list[float]:
    """The same path (x, y, x, y, ...) without repeated points and without the inner
    points of level or upright runs that go on in one direction.

    Stepped targets and status bands of a daily KPI repeat each y for every day, so most
    of their points lie inside straight runs; dropping them draws the very same line or
    area (a dash pattern runs on along a path, so dashes fall as before) with a tenth of
    the points to write out."""
    out: list[float] = []
    for i in range(0, len(points) - 1, 2):
        x, y = points[i], points[i + 1]
        if len(out) >= 2 and out[-2] == x and out[-1] == y:
            continue
        if len(out) >= 4:
            ax, ay, bx, by = out[-4], out[-3], out[-2], out[-1]
            if (ay == by == y and (bx - ax) * (x - bx) >= 0) or (
                    ax == bx == x and (by - ay) * (y - by) >= 0):
                out[-2], out[-1] = x, y  # b lies inside the run from a to here
                continue
        out += [x, y]
    return out


def _step_edges(xs: Sequence[float]) -> list[float]:
    """Centred steps: each y holds from halfway to the previous x to halfway to the next."""
    if len(xs) == 1:
        return [xs[0] - 0.5, xs[0] + 0.5]
    mids = [(a + b) / 2 for a, b in itertools.pairwise(xs)]
    return [xs[0] - (mids[0] - xs[0]), *mids, xs[-1] + (xs[-1] - mids[-1])]


def _segments(series: Series, s: Scale) -> list[list[float]]:
    """Drawing coordinates of the line, split where y is missing."""
    n = min(len(series.x), len(series.y))
    if not n or s.x1 / 2 - s.x0 / 2 == 0 or s.y1 / 2 - s.y0 / 2 == 0:
        return _segments_by_point(series, s)
    xs = np.array(series.x[:n], dtype=float)
    ys = np.array(series.y[:n], dtype=float)  # a None (a gap) becomes NaN
    # Whole arrays at once: the same arithmetic as Scale.x / Scale.y, point by point.
    py = s.bottom + (ys / 2 - s.y0 / 2) / (s.y1 / 2 - s.y0 / 2) * s.height
    if series.step:
        ex = np.array(_step_edges(xs.tolist()), dtype=float)
        px = s.left + (ex / 2 - s.x0 / 2) / (s.x1 / 2 - s.x0 / 2) * s.width
        coords = np.stack([px[:-1], py, px[1:], py], axis=1)  # each period's step
    else:
        px = s.left + (xs / 2 - s.x0 / 2) / (s.x1 / 2 - s.x0 / 2) * s.width
        coords = np.stack([px, py], axis=1)
    shown = np.isfinite(ys)
    out: list[list[float]] = []
    start = None
    for i in range(n + 1):  # runs of shown points, split at each gap
        if i < n and shown[i]:
            if start is None:
                start = i
            continue
        if start is not None:
            points: list[float] = coords[start:i].ravel().tolist()
            if len(points) >= 4:
                out.append(points)
            start = None
    return [without_inner_points(points) for points in out]


def _segments_by_point(series: Series, s: Scale) -> list[list[float]]:
    out: list[list[float]] = []
    current: list[float] = []
    xs = [float(v) for v in series.x]
    ys = list(series.y)
    edges = _step_edges(xs) if series.step and xs else []
    for i, (x, y) in enumerate(zip(xs, ys, strict=False)):
        if y is None or not math.isfinite(y):
            if len(current) >= 4:
                out.append(current)
            current = []
            continue
        py = s.y(float(y))
        if series.step:
            current += [s.x(edges[i]), py, s.x(edges[i + 1]), py]
        else:
            current += [s.x(x), py]
    if len(current) >= 4:
        out.append(current)
    return [without_inner_points(points) for points in out]


def draw_series(drawing: Group, series: Series, s: Scale) -> None:
    color = cs.role_color(series.role)
    if series.line:
        for points in _segments(series, s):
            if len(points) >= 4:
                drawing.add(PolyLine(points, strokeColor=color,
                                     strokeWidth=cs.WIDTH.get(series.role, 0.9),
                                     strokeDashArray=cs.DASH.get(series.style),
                                     strokeLineJoin=1))
    if not markers_drawn(series):
        return
    hollow: Sequence[bool] = series.hollow if series.hollow is not None else ()
    size = point_size(series)
    solid: list[tuple[float, float]] = []
    open_points: list[tuple[float, float]] = []
    for i, (x, y) in enumerate(zip(series.x, series.y, strict=False)):
        if y is None or not math.isfinite(y):
            continue
        point = (s.x(x), s.y(float(y)))
        (open_points if i < len(hollow) and bool(hollow[i]) else solid).append(point)
    if solid:
        drawing.add(cs.markers_path(series.marker, solid, size, color, color))
    if open_points:
        drawing.add(cs.markers_path(series.marker, open_points, size, color,
                                    cs.color("#ffffff")))


def markers_drawn(series: Series) -> bool:
    """Whether the series' points get markers: a long series is drawn as its line, but a
    series without one (a probability plot's points) is its markers, however many."""
    return series.marker != "none" and not series.step and (
        not series.line or len(series.x) <= _markers_up_to())


def point_size(series: Series) -> float:
    return 1.9 if len(series.x) > 60 else 2.3


def _markers_up_to() -> int:
    from opsdesk.core.report.chart_render import MARKERS_UP_TO

    return MARKERS_UP_TO
