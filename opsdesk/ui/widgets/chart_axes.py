"""The axes a ChartView draws: grid lines filled rather than stroked, category and date
ticks.

pyqtgraph strokes each grid line with a translucent cosmetic pen, which Qt's raster
engine blends pixel by pixel: about 0.15 ms a line across a 1,300 px plot, most of a
repaint's axis cost. A one-pixel-thick fill of the same colour covers the very same
pixels (Qt's rule for a non-antialiased line: columns from floor(start) to floor(end),
the row nearest its centre) and blends whole spans at once, some 90 times faster.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QTransform

from opsdesk.core.charts import Axis

_STRAIGHT = (QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate,
             QTransform.TransformationType.TxScale)  # no rotation, shear or perspective


def _fillable(pen: QPen) -> bool:
    """A pen whose lines Qt draws one device pixel wide, solid: exactly a fill."""
    return (pen.isCosmetic() and pen.widthF() <= 1.0 and pen.style() == Qt.PenStyle.SolidLine
            and pen.brush().style() == Qt.BrushStyle.SolidPattern)


class GridAxis(pg.AxisItem):  # type: ignore[misc]
    """An axis whose grid lines (its ticks drawn across the view) are one-pixel fills,
    drawn after its cached picture (axis line and labels) as pyqtgraph orders them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._grid_lines: list[tuple[QPen, QPointF, QPointF]] = []
        self._ranging = False
        self._label_html: str | None = None
        super().__init__(*args, **kwargs)

    def setRange(self, mn: float, mx: float) -> None:
        self._ranging = True
        try:
            super().setRange(mn, mx)
        finally:
            self._ranging = False

    def _updateLabel(self) -> None:
        # pyqtgraph sets the label's HTML again and re-measures the axis on every change
        # of range (for an SI prefix); a zoom that keeps the label only redraws the ticks
        html = self.labelString()
        if self._ranging and html == self._label_html:
            self.picture = None
            self.update()
            return
        self._label_html = html
        super()._updateLabel()

    def drawPicture(self, p: QPainter, axisSpec: Any, tickSpecs: Any, textSpecs: Any) -> None:
        # the picture is rebuilt whenever the ticks change, and these lines with it
        if self.grid is False:
            self._grid_lines = []
            super().drawPicture(p, axisSpec, tickSpecs, textSpecs)
            return
        self._grid_lines = list(tickSpecs)
        super().drawPicture(p, axisSpec, [], textSpecs)

    def paint(self, p: QPainter, opt: Any, widget: Any) -> None:
        super().paint(p, opt, widget)
        if self._grid_lines:
            self._paint_grid(p)

    def _paint_grid(self, p: QPainter) -> None:
        to_device = p.combinedTransform()  # item -> device pixels: only its scale is used
        straight = to_device.type() in _STRAIGHT
        # half a device pixel, in item units, along x and along y
        hx = 0.5 / abs(to_device.m11()) if straight and to_device.m11() else 0.0
        hy = 0.5 / abs(to_device.m22()) if straight and to_device.m22() else 0.0
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for pen, a, b in self._grid_lines:
            if hx and hy and _fillable(pen) and a.y() == b.y():  # horizontal
                x0, x1 = sorted((a.x(), b.x()))
                p.fillRect(QRectF(x0 - hx, a.y() - hy, x1 - x0 + 2 * hx, 2 * hy), pen.color())
            elif hx and hy and _fillable(pen) and a.x() == b.x():  # vertical
                y0, y1 = sorted((a.y(), b.y()))
                p.fillRect(QRectF(a.x() - hx, y0 - hy, 2 * hx, y1 - y0 + 2 * hy), pen.color())
            else:
                p.setPen(pen)
                p.drawLine(QLineF(a, b))
        p.restore()


class CategoryAxis(GridAxis):
    """Tick labels from a list of categories at x = 0, 1, 2, ..."""

    def __init__(self, categories: Sequence[str], orientation: str = "bottom") -> None:
        super().__init__(orientation)
        self.categories = list(categories)

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[int, list[int]]]:
        n = len(self.categories)
        lo, hi = max(0, math.ceil(minVal)), min(n - 1, math.floor(maxVal))
        if hi < lo:
            return []
        visible = hi - lo + 1
        room = max(1, int(size / 60))  # about 60 px per label
        step = max(1, math.ceil(visible / room))
        return [(step, list(range(lo - lo % step, hi + 1, step)))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            i = round(v)
            out.append(self.categories[i] if 0 <= i < len(self.categories) else "")
        return out


class DateAxis(GridAxis, pg.DateAxisItem):  # type: ignore[misc]
    """pyqtgraph's date axis, with a finer level's tick left out where its label would
    run into a coarser one's ("29" against "Oct" reads "29Oct")."""

    ROOM = 34.0  # px kept clear of a coarser tick, either side

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        levels: list[tuple[float, list[float]]] = super().tickValues(minVal, maxVal, size)
        if not size > 0 or not maxVal > minVal:
            return levels
        room = self.ROOM * (maxVal - minVal) / size
        coarser = np.array([], dtype=float)
        out = []
        for spacing, values in levels:
            ticks = np.asarray(values, dtype=float)
            if len(coarser) and len(ticks):
                near = np.abs(ticks[:, np.newaxis] - coarser[np.newaxis, :]) < room
                ticks = ticks[~near.any(axis=1)]
            out.append((spacing, ticks.tolist()))
            coarser = np.concatenate([coarser, ticks])
        return out


def axis_item(axis: Axis, orientation: str = "bottom") -> pg.AxisItem:
    if axis.kind == "category":
        return CategoryAxis(axis.categories, orientation)
    if axis.kind == "date":
        return DateAxis(orientation=orientation, utcOffset=0)
    return GridAxis(orientation)
