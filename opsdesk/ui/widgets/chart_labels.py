"""Lays out a panel's texts in pixels so that they do not collide or leave the view.

Horizontal reference-line labels stay where pyqtgraph puts them (at the left end of
their line, above it) and are obstacles. Vertical-line labels go in rows at the top of
the view; annotations try right, then left, of their point; run-rule labels beside
signal points take the first free corner and are skipped when none is free (the point's
tooltip still names its tests). The pass runs once per change of range or size, after
the events of that change, on a few hundred texts at most.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QTimer

GAP = 3.0    # pixels between a point and its text
CELL = 64.0  # width of the columns that bucket the placed rectangles
INSET = 3.0  # a text item's margin around its glyphs: they may touch, not overlap
DOT = 5.0    # half the size of a marker symbol: texts keep off the marked points


class Occupied:
    """Placed rectangles bucketed by pixel column: a collision test looks only at the
    columns the candidate spans, so a pass stays near linear in the number of texts."""

    def __init__(self) -> None:
        self.columns: dict[int, list[QRectF]] = {}

    def _span(self, r: QRectF) -> range:
        return range(int(r.left() // CELL), int(r.right() // CELL) + 1)

    def add(self, r: QRectF) -> None:
        r = _glyphs(r)
        for c in self._span(r):
            self.columns.setdefault(c, []).append(r)

    def hits(self, r: QRectF) -> bool:
        r = _glyphs(r)
        return any(r.intersects(o) for c in self._span(r) for o in self.columns.get(c, ()))


def _glyphs(r: QRectF) -> QRectF:
    return r.adjusted(INSET, INSET, -INSET, -INSET)


@dataclass
class _Text:
    item: pg.TextItem
    x: float
    y: float | None  # None: at the top of the view


def _size(item: pg.TextItem) -> tuple[float, float]:
    r = item.textItem.boundingRect()
    return r.width(), r.height()


def _rect(px: float, py: float, w: float, h: float, anchor: tuple[int, int]) -> QRectF:
    return QRectF(px - anchor[0] * w, py - anchor[1] * h, w, h)


class PanelLabels:
    """The movable texts of one plot and the pass that places them."""

    def __init__(self, plot: pg.PlotItem, h_refs: Iterable[tuple[float, pg.TextItem]]) -> None:
        self.plot = plot
        self.h_refs = list(h_refs)   # (value, the line's label): fixed obstacles
        self.verticals: list[tuple[_Text, int]] = []  # with the side the text faces
        self.notes: list[_Text] = []
        self.marks: list[_Text] = []
        self.dots: list[tuple[float, float]] = []  # marked points: obstacles
        self.top_point: pg.ScatterPlotItem | None = None
        self.data_y = (0.0, 0.0)
        self.rows = 1  # rows of text kept free above the data
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.layout)
        plot.sigRangeChanged.connect(self.schedule)
        plot.vb.sigResized.connect(self.schedule)

    def schedule(self, *_: object) -> None:
        """Lay out once after the current burst of range and size changes."""
        self.timer.start()

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

    def _place(self, w: float, h: float, view: tuple[float, float, float, float]) -> int:
        """Place every text; return how many rows the texts at the top used."""
        x0, x1, y0, y1 = view
        sx, sy = w / (x1 - x0), h / (y1 - y0)
        used = 1
        taken = Occupied()
        for value, label in self.h_refs:  # pyqtgraph: 2 % along the line, text above it
            if y0 <= value <= y1:
                tw, th = _size(label)
                taken.add(_rect(0.02 * w, (y1 - value) * sy, tw, th, (0, 1)))

        half = DOT + INSET  # Occupied trims INSET off every rectangle
        for x, y in self.dots:
            if x0 <= x <= x1 and y0 <= y <= y1:
                cx, cy = (x - x0) * sx, (y1 - y) * sy
                taken.add(QRectF(cx - half, cy - half, 2 * half, 2 * half))

        def put(t: _Text, px: float, py: float, anchor: tuple[int, int]) -> None:
            t.item.setAnchor(anchor)
            t.item.setPos(x0 + px / sx, y1 - py / sy)
            t.item.show()

        def fits(r: QRectF) -> bool:
            r = _glyphs(r)
            return r.left() >= 0 and r.right() <= w and r.top() >= 0 and r.bottom() <= h

        for t, side in self.verticals:  # rows from the top: above the data, staggered
            tw, th = _size(t.item)
            cands = [(_rect(px, GAP + k * th, tw, th, (s, 0)), k, s, px)
                     for k in range(3) for s in (side, 1 - side)
                     for px in [(t.x - x0) * sx + (GAP if s == 0 else -GAP)]]
            room = [c for c in cands if fits(c[0])] or cands
            r, k, s, px = next((c for c in room if not taken.hits(c[0])), room[0])
            taken.add(r)
            put(t, px, r.top(), (s, 0))
            used = max(used, k + 1)
        for t in self.notes:  # user texts: always shown, inside the view when possible
            tw, th = _size(t.item)
            cx = (t.x - x0) * sx
            if t.y is None:
                spots = [(cx + GAP, GAP + k * th, (0, 0)) for k in range(3)]
                spots += [(cx - GAP, GAP + k * th, (1, 0)) for k in range(3)]
            else:
                cy = (y1 - t.y) * sy
                spots = [(cx + GAP, cy + GAP, (0, 0)), (cx - GAP, cy + GAP, (1, 0)),
                         (cx + GAP, cy - GAP, (0, 1)), (cx - GAP, cy - GAP, (1, 1))]
            rects = [(_rect(px, py, tw, th, a), px, py, a) for px, py, a in spots]
            inside = [s for s in rects if fits(s[0])] or rects
            r, px, py, a = next((s for s in inside if not taken.hits(s[0])), inside[0])
            taken.add(r)
            put(t, px, py, a)
            if t.y is None:
                used = max(used, round((py - GAP) / th) + 1)
        for t in self.marks:  # run-rule numbers: the first free corner, else none
            assert t.y is not None
            if not (x0 <= t.x <= x1 and y0 <= t.y <= y1):
                t.item.hide()
                continue
            tw, th = _size(t.item)
            cx, cy = (t.x - x0) * sx, (y1 - t.y) * sy
            for dx, dy, a in ((GAP, -GAP, (0, 1)), (-GAP, -GAP, (1, 1)),
                              (GAP, GAP, (0, 0)), (-GAP, GAP, (1, 0))):
                r = _rect(cx + dx, cy + dy, tw, th, a)
                if fits(r) and not taken.hits(r):
                    taken.add(r)
                    put(t, cx + dx, cy + dy, a)
                    break
            else:
                t.item.hide()
        return used
