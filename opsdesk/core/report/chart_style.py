"""The PDF palette for ChartSpec roles: colour plus dash and marker, so grey print reads."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

ROLE_COLOR = {
    "data": "#1f4e79", "secondary": "#6b7b8c", "center": "#2e7d32", "limit": "#c62828",
    "zone": "#b0bac5", "target": "#6a3d9a", "spec": "#d35400", "forecast": "#4a86c5",
    "good": "#2e7d32", "warning": "#c77c00", "bad": "#c62828", "neutral": "#8895a2",
    "excluded": "#8895a2", "fit": "#37474f",
}
BAND_FILL = {
    "zone": "#eef1f5", "good": "#e3f1e5", "warning": "#fbf1d9", "bad": "#f9e1df",
    "forecast": "#e2ecf7", "target": "#eee6f5", "spec": "#fbe9dc", "limit": "#f9e1df",
}
DASH: dict[str, list[float] | None] = {
    "solid": None, "dash": [4, 2.5], "dot": [1, 2], "dashdot": [5, 2, 1, 2],
}
WIDTH = {"data": 1.0, "limit": 0.9, "center": 0.9, "target": 1.0, "spec": 0.9,
         "forecast": 1.0, "fit": 1.0}
GRID = "#e4e8ed"
AXIS = "#8a949e"
LABEL = "#4a5560"


@lru_cache(maxsize=64)
def color(hex_value: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_value)


def role_color(role: str) -> Any:
    return color(ROLE_COLOR.get(role, ROLE_COLOR["data"]))


def band_fill(role: str) -> Any:
    return color(BAND_FILL.get(role, BAND_FILL["zone"]))


def marker_shape(shape: str, x: float, y: float, size: float, stroke: Any,
                 fill: Any) -> Any:
    """One point marker as a reportlab shape (circle, square, triangle, diamond, cross)."""
    from reportlab.graphics.shapes import Circle, Group, Line, Polygon, Rect

    if shape == "square":
        return Rect(x - size, y - size, 2 * size, 2 * size, strokeColor=stroke,
                    fillColor=fill, strokeWidth=0.6)
    if shape == "triangle":
        return Polygon([x - size * 1.15, y - size, x + size * 1.15, y - size, x, y + size * 1.2],
                       strokeColor=stroke, fillColor=fill, strokeWidth=0.6)
    if shape == "diamond":
        s = size * 1.3
        return Polygon([x, y - s, x + s, y, x, y + s, x - s, y], strokeColor=stroke,
                       fillColor=fill, strokeWidth=0.6)
    if shape == "cross":
        group = Group()
        group.add(Line(x - size, y - size, x + size, y + size, strokeColor=stroke,
                       strokeWidth=0.9))
        group.add(Line(x - size, y + size, x + size, y - size, strokeColor=stroke,
                       strokeWidth=0.9))
        return group
    return Circle(x, y, size, strokeColor=stroke, fillColor=fill, strokeWidth=0.6)


def markers_path(shape: str, points: list[tuple[float, float]], size: float, stroke: Any,
                 fill: Any) -> Any:
    """Many markers of one look as a single path: one drawing node instead of one per
    point, which is most of the cost of drawing a long series."""
    from reportlab.graphics.shapes import FILL_NON_ZERO, Path

    path = Path(strokeColor=stroke, fillColor=fill, strokeWidth=0.6, fillMode=FILL_NON_ZERO)
    k = 0.5523 * size  # Bézier handle length for a quarter circle
    for x, y in points:
        if shape == "square":
            corners = [(x - size, y - size), (x + size, y - size), (x + size, y + size),
                       (x - size, y + size)]
        elif shape == "triangle":
            corners = [(x - size * 1.15, y - size), (x + size * 1.15, y - size),
                       (x, y + size * 1.2)]
        elif shape == "diamond":
            d = size * 1.3
            corners = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
        elif shape == "cross":
            path.moveTo(x - size, y - size)
            path.lineTo(x + size, y + size)
            path.moveTo(x - size, y + size)
            path.lineTo(x + size, y - size)
            continue
        else:
            path.moveTo(x + size, y)
            path.curveTo(x + size, y + k, x + k, y + size, x, y + size)
            path.curveTo(x - k, y + size, x - size, y + k, x - size, y)
            path.curveTo(x - size, y - k, x - k, y - size, x, y - size)
            path.curveTo(x + k, y - size, x + size, y - k, x + size, y)
            path.closePath()
            continue
        path.moveTo(*corners[0])
        for corner in corners[1:]:
            path.lineTo(*corner)
        path.closePath()
    if shape == "cross":
        path.fillColor = None
        path.strokeWidth = 0.9
    return path
