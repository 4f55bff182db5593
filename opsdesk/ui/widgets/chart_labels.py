"""Lays out a panel's texts in pixels: clear of the data, of each other, inside the view.

The geometry is core's (``opsdesk.core.charts.label_layout``, which the PDF uses too);
this module feeds it the panel's ink in pixels and moves pyqtgraph's text items to the
places it picks. Limit labels go along their line (left end, right end, then between),
vertical-line labels in rows at the top of the view, annotations beside their point,
and run-rule numbers beside theirs, or nowhere when no place is free (the point's tooltip
and the chart's legend of the tests still name them). The pass runs once per change of
range or size, after the events of that change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer

from opsdesk.core.charts.label_layout import GAP, Box, Layout, along_line, around_point

INSET = 3.0  # a text item's margin around its glyphs: they may touch, not overlap
DOT = 5.0    # half the size of a marker symbol: texts keep off the marked points
CELL = 3.0   # the ink grid's cell, in pixels


@dataclass
class _Text:
    item: pg.TextItem
    x: float
    y: float | None  # None: at the top of the view


def _size(item: pg.TextItem) -> tuple[float, float]:
    r = item.textItem.boundingRect()
    return r.width(), r.height()


def _visible(x: np.ndarray, y: np.ndarray, x0: float, x1: float
             ) -> tuple[np.ndarray, np.ndarray]:
    """The points within [x0, x1] and one beyond each end (sorted x: by search)."""
    if len(x) > 64 and bool(x[0] <= x[-1]):
        lo = max(0, int(np.searchsorted(x, x0)) - 1)
        hi = min(len(x), int(np.searchsorted(x, x1, side="right")) + 1)
        return x[lo:hi], y[lo:hi]
    return x, y


class PanelLabels:
    """The movable texts of one plot, the ink they avoid, and the pass that places them."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.h_refs: list[tuple[float, pg.TextItem]] = []  # (value, the line's label)
        self.verticals: list[tuple[_Text, int]] = []  # with the side the text faces
        self.notes: list[_Text] = []
        self.marks: list[_Text] = []
        self.lines: list[tuple[np.ndarray, np.ndarray]] = []  # data polylines (view units)
        self.points: list[tuple[np.ndarray, np.ndarray, float]] = []  # markers, half size px
        self.levels: list[float] = []  # horizontal reference lines
        self.leaders: dict[int, pg.PlotCurveItem] = {}  # note index -> its leader line
        self.top_point: pg.ScatterPlotItem | None = None
        self.data_y = (0.0, 0.0)
        self.rows = 1  # rows of text kept free above the data
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.layout)
        plot.sigRangeChanged.connect(self.schedule)
        plot.vb.sigResized.connect(self.schedule)

    @property
    def texts(self) -> bool:
        return bool(self.h_refs or self.verticals or self.notes or self.marks)

    def schedule(self, *_: object) -> None:
        """Lay out once after the current burst of range and size changes."""
        self.timer.start()

    def ref(self, item: pg.TextItem, value: float) -> None:
        self.h_refs.append((value, item))

    def vertical(self, item: pg.TextItem, x: float, side: int) -> None:
        self.verticals.append((_Text(item, x, None), side))

    def note(self, item: pg.TextItem, x: float, y: float | None) -> None:
        self.notes.append(_Text(item, x, y))

    def mark(self, item: pg.TextItem, x: float, y: float) -> None:
        self.marks.append(_Text(item, x, y))

    def reserve_top(self, x: float, low: float, high: float) -> None:
        """An invisible point above the data (from ``low`` to ``high``) that auto-range
        takes in; each pass moves it so that ``rows`` rows of text fit above the data."""
        self.data_y = (low, high)
        self.top_point = pg.ScatterPlotItem(x=[x], y=[high], size=1,
                                            pen=pg.mkPen(None), brush=pg.mkBrush(None))
        self.plot.addItem(self.top_point)

    def _fit_top(self, h: float) -> bool:
        """Move the top point for a view ``h`` pixels high; True when it moved."""
        assert self.top_point is not None
        texts = [t.item for t, _ in self.verticals] + [t.item for t in self.notes if t.y is None]
        if not texts:
            return False
        # auto-range shows [lo - p R', top + p R'] with R' = top - lo; the strip between
        # the data's top and the view's must hold a text: solve for top
        p = self.plot.vb.suggestPadding(1)
        room = self.rows * max(_size(i)[1] for i in texts) + GAP - INSET + DOT
        f = min(0.4, room / h) * (1 + 2 * p)
        lo, hi = self.data_y
        span = (hi - lo) or abs(hi) or 1.0
        top = hi + span * max(0.0, f - p) / (1 + p - f)
        old = float(self.top_point.data["y"][0])
        if abs(top - old) <= span * 1e-3:
            return False
        self.top_point.setData(x=self.top_point.data["x"].copy(), y=[top])
        return True

    def stop(self) -> None:
        self.timer.stop()
        self.plot.sigRangeChanged.disconnect(self.schedule)
        self.plot.vb.sigResized.disconnect(self.schedule)

    def layout(self) -> None:
        box = self.plot.vb.boundingRect()
        w, h = box.width(), box.height()
        for _ in range(2):  # again when the texts at the top needed more rows
            (x0, x1), (y0, y1) = self.plot.vb.viewRange()
            if w <= 1 or h <= 1 or x1 <= x0 or y1 <= y0:
                return
            if (self.top_point is not None and self.plot.vb.autoRangeEnabled()[1]
                    and self._fit_top(h)):
                self.plot.vb.updateAutoRange()  # now, so that this pass sees the final range
                (x0, x1), (y0, y1) = self.plot.vb.viewRange()
            rows = self._place(w, h, (x0, x1, y0, y1))
            if rows <= self.rows or self.top_point is None:
                return
            self.rows = rows

    def ink(self, w: float, h: float, view: tuple[float, float, float, float]) -> Layout:
        """The panel's data, lines and markers in pixels of a ``w`` x ``h`` view."""
        x0, x1, y0, y1 = view
        sx, sy = w / (x1 - x0), h / (y1 - y0)
        found = Layout(w, h, CELL, INSET)
        for x, y in self.lines:
            vx, vy = _visible(x, y, x0, x1)
            found.add_line((vx - x0) * sx, (y1 - vy) * sy)
        for value in self.levels:
            if y0 <= value <= y1:
                found.add_hline((y1 - value) * sy)
        for x, y, half in self.points:
            vx, vy = _visible(x, y, x0, x1)
            found.add_points((vx - x0) * sx, (y1 - vy) * sy, half)
        found.finish()
        return found

    def _leader(self, index: int, ends: tuple[tuple[float, float], ...] | None,
                frame: tuple[float, float, float, float]) -> None:
        """Draw (or hide) note ``index``'s leader between two points in pixels."""
        line = self.leaders.get(index)
        if ends is None:
            if line is not None:
                line.hide()
            return
        if line is None:
            line = pg.PlotCurveItem(pen=pg.mkPen("#78909c", width=1))
            line.setZValue(21)
            self.plot.addItem(line, ignoreBounds=True)
            self.leaders[index] = line
        x0, y1, sx, sy = frame
        line.setData(x=[x0 + px / sx for px, _ in ends], y=[y1 - py / sy for _, py in ends])
        line.show()

    def _place(self, w: float, h: float, view: tuple[float, float, float, float]) -> int:
        """Place every text; return how many rows the texts at the top used."""
        x0, x1, y0, y1 = view
        sx, sy = w / (x1 - x0), h / (y1 - y0)
        used = 1
        layout = self.ink(w, h, view)

        def put(item: pg.TextItem, box: Box) -> None:
            item.setAnchor((0, 0))
            item.setPos(x0 + box[0] / sx, y1 - box[1] / sy)
            item.show()

        for value, item in self.h_refs:  # along the line, on either side of it
            if not y0 <= value <= y1:
                item.hide()
                continue
            tw, th = _size(item)
            cands = along_line((y1 - value) * sy, tw, th, w, GAP - INSET)
            put(item, cands[layout.place(cands, must=True) or 0])
        for t, side in self.verticals:  # rows from the top: above the data, staggered
            tw, th = _size(t.item)
            px = (t.x - x0) * sx
            spots = [(k, s) for k in range(3) for s in (side, 1 - side)]
            cands = [(px + GAP, GAP + k * th, px + GAP + tw, GAP + (k + 1) * th) if s == 0 else
                     (px - GAP - tw, GAP + k * th, px - GAP, GAP + (k + 1) * th)
                     for k, s in spots]
            chosen = layout.place(cands, must=True) or 0
            put(t.item, cands[chosen])
            used = max(used, spots[chosen][0] + 1)
        for index, t in enumerate(self.notes):  # user texts: always shown, in the view
            tw, th = _size(t.item)
            cx = (t.x - x0) * sx
            if t.y is None:
                spots = [(k, s) for s in (0, 1) for k in range(3)]
                cands = [(cx + GAP, GAP + k * th, cx + GAP + tw, GAP + (k + 1) * th) if s == 0
                         else (cx - GAP - tw, GAP + k * th, cx - GAP, GAP + (k + 1) * th)
                         for k, s in spots]
                chosen = layout.place(cands, must=True) or 0
                used = max(used, spots[chosen][0] + 1)
            else:
                cy = (y1 - t.y) * sy
                cands = around_point(cx, cy, tw, th, DOT - INSET, rings=3)
                chosen = layout.place(cands, must=True) or 0
                # moved off its point to keep clear of the data: a leader line to it
                box = cands[chosen]
                ends = None if chosen < 8 else (
                    (cx, cy), (min(max(cx, box[0] + INSET), box[2] - INSET),
                               min(max(cy, box[1] + INSET), box[3] - INSET)))
                self._leader(index, ends, (x0, y1, sx, sy))
            put(t.item, cands[chosen])
        for t in self.marks:  # run-rule numbers: beside their point, else none
            assert t.y is not None
            if not (x0 <= t.x <= x1 and y0 <= t.y <= y1):
                t.item.hide()
                continue
            tw, th = _size(t.item)
            cands = around_point((t.x - x0) * sx, (y1 - t.y) * sy, tw, th, DOT - INSET)
            chosen_mark = layout.place(cands)
            if chosen_mark is None:
                t.item.hide()
            else:
                put(t.item, cands[chosen_mark])
        return used
