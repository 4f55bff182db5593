"""Draws any ChartSpec with pyqtgraph: stacked panels sharing x, fluid at 1M points.

Large finite series are drawn as their exact per-pixel-column min/max envelope from a
precomputed block index (``EnvelopeCurve``); other large ones (with gaps inside) keep
pyqtgraph's ``setClipToView(True)`` and automatic peak downsampling, set after the curve
is added. Points get symbols only when there are few enough to see. Markers (run-rule
signals, excluded points) are a separate scatter layer with tooltips giving their reasons.
Steps are centred on each point.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from opsdesk.core.charts import Band, ChartSpec, Marker, Panel, RefLine, Series
from opsdesk.ui.widgets import chart_actions
from opsdesk.ui.widgets.chart_axes import GridAxis, axis_item
from opsdesk.ui.widgets.chart_labels import PanelLabels
from opsdesk.ui.widgets.chart_palette import BAND_ALPHA, PEN_STYLES, SYMBOLS, color
from opsdesk.ui.widgets.elided_label import ElidedLabel
from opsdesk.ui.widgets.envelope_curve import EnvelopeCurve, envelope_fits
from opsdesk.ui.widgets.plain_text import rich

SYMBOL_LIMIT = 3000  # more points than this: a line without symbols
LABEL_LIMIT = 200    # more signals than this: no texts beside the points (tooltips only)


def _arr(values: Sequence[float | None]) -> np.ndarray:
    if isinstance(values, np.ndarray):
        return values.astype(float, copy=False)
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def step_edges(x: np.ndarray) -> np.ndarray:
    """Edges for a centred step plot: halfway between points, half a gap beyond the ends."""
    if len(x) == 1:
        return np.array([x[0] - 0.5, x[0] + 0.5])
    mid = (x[1:] + x[:-1]) / 2
    return np.concatenate(([x[0] - (mid[0] - x[0])], mid, [x[-1] + (x[-1] - mid[-1])]))


def _y_extent(panel: Panel) -> tuple[float, float] | None:
    """The lowest and highest y that auto-range takes in (bands do not count)."""
    arrays = [_arr(s.y) for s in panel.series]
    arrays += [np.append(_arr(b.height), 0.0) for b in panel.bars]
    arrays += [_arr([r.value for r in panel.ref_lines if r.value is not None])]
    ends = [(float(np.nanmin(a)), float(np.nanmax(a))) for a in arrays
            if len(a) and np.isfinite(a).any()]
    return (min(e[0] for e in ends), max(e[1] for e in ends)) if ends else None


def _pen(role: str, style: str = "solid", width: float = 1.5) -> QPen:
    pen = pg.mkPen(color(role), width=width)
    pen.setStyle(PEN_STYLES.get(style, Qt.PenStyle.SolidLine))
    pen.setCosmetic(True)
    return pen  # type: ignore[no-any-return]


class ChartView(QWidget):
    """A widget showing one ChartSpec. ``point_clicked(panel, index)`` follows clicks on
    a panel's first series (index of the nearest point in x)."""

    point_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(background="w", foreground="#37474f")
        self.spec: ChartSpec | None = None
        self.plots: list[pg.PlotItem] = []
        self.curves: list[list[pg.PlotDataItem]] = []
        self.marker_items: list[pg.ScatterPlotItem] = []
        self._first_x: list[np.ndarray] = []
        self._y2_views: list[pg.ViewBox] = []
        self.label_layouts: list[PanelLabels] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        # one line each, elided in a narrow view (the tooltip holds the whole text)
        self.title = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.title.setObjectName("heading")
        self.subtitle = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.subtitle.setObjectName("secondary")
        # what the reader must not miss (a likely shift): amber, above the plot
        self.warnings = QLabel()
        self.warnings.setObjectName("warning")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)  # it quotes user text
        self.warnings.hide()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # A plot area that stays readable: with too little room the page scrolls instead.
        self.graphics.setMinimumSize(200, 160)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("hint")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.title, self.subtitle, self.warnings):
            layout.addWidget(w)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.notes)
        self.graphics.scene().sigMouseClicked.connect(self._clicked)
        self._font_changed = False
        self._redraw_soon = QTimer(self)
        self._redraw_soon.setSingleShot(True)
        self._redraw_soon.setInterval(0)
        self._redraw_soon.timeout.connect(self._redraw)
        chart_actions.attach(self)  # Copy, Export and Print on its right-click menu

    # -- public -------------------------------------------------------------------
    def clear(self) -> None:
        for labels in self.label_layouts:
            labels.stop()
        self.label_layouts = []
        for view in self._y2_views:  # added to the scene directly, not to the layout
            if view.scene() is not None:
                view.scene().removeItem(view)
            view.deleteLater()
        self.graphics.clear()
        # Delete the old plots now: left to Python's collector they can outlive the
        # application and crash it at exit (PySide6 + pyqtgraph finalization order).
        for plot in self.plots:
            # Hidden first: a laid-out plot waiting for deletion can take a resize of the
            # page (zoomed in, a wrapped tool bar) and crash Qt in its geometry signal.
            plot.hide()
            plot.deleteLater()
        self.plots, self.curves, self.marker_items, self._first_x = [], [], [], []
        self._y2_views = []
        self.spec = None
        for label in (self.title, self.subtitle, self.notes, self.warnings):
            label.clear()
        self.warnings.hide()

    def set_spec(self, spec: ChartSpec | None) -> None:
        self.clear()
        if spec is None:
            return
        self.spec = spec
        self.title.setText(spec.title)
        self.subtitle.setText(spec.subtitle)
        self.subtitle.setVisible(bool(spec.subtitle))
        self.warnings.setText("\n".join(spec.warnings))
        self.warnings.setVisible(bool(spec.warnings))
        notes = list(spec.notes)
        if spec.keys:  # the legend of the tests the marked points fail
            notes.append("Tests: " + "; ".join(f"{k} = {v}" for k, v in spec.keys) + ".")
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self._fit_texts()
        first: pg.PlotItem | None = None
        for row, panel in enumerate(spec.panels):
            # the hidden top axis too: pyqtgraph keeps it in step with the view
            axes = {"top": GridAxis("top"), "left": axis_item(panel.y_axis, "left"),
                    "bottom": axis_item(panel.x_axis)}
            plot = pg.PlotItem(axisItems=axes)
            plot.hideAxis("top")  # pyqtgraph shows every axis it is given
            self.graphics.addItem(plot, row=row, col=0)
            self._panel(plot, panel)
            self.graphics.ci.layout.setRowStretchFactor(row, max(1, int(panel.height_ratio * 10)))
            if first is None:
                first = plot
            else:
                plot.setXLink(first)
            self.plots.append(plot)

    # -- drawing ------------------------------------------------------------------
    def _panel(self, plot: pg.PlotItem, panel: Panel) -> None:
        plot.showGrid(x=False, y=True, alpha=0.15)
        plot.getAxis("left").setStyle(maxTickLevel=1)  # grid at labelled ticks: cheaper, calmer
        plot.vb.setDefaultPadding(0.06)  # room for the limit labels above the lines
        plot.getAxis("left").enableAutoSIPrefix(False)
        plot.setMenuEnabled(False)
        # Texts follow the widget's font, so View › Zoom scales the charts too.
        font = self.font()
        size = f"{font.pointSizeF():g}pt"
        for side in ("left", "bottom", "right"):
            plot.getAxis(side).setStyle(tickFont=font)
        if panel.title:  # pyqtgraph draws titles and axis labels as HTML
            plot.setTitle(rich(panel.title), size=size, color="#37474f")
        plot.setLabel("left", rich(panel.y_axis.label), **{"font-size": size})
        if panel.x_axis.label and panel.x_axis.kind != "category":
            plot.setLabel("bottom", rich(panel.x_axis.label), **{"font-size": size})
        for band in panel.bands:
            self._band(plot, band)
        for bar in panel.bars:
            plot.addItem(pg.BarGraphItem(x=_arr(bar.x), height=_arr(bar.height),
                                         width=bar.width if np.ndim(bar.width) == 0
                                         else _arr(bar.width),  # type: ignore[arg-type]
                                         brush=QColor(color(bar.role)), pen=pg.mkPen("w")))
        labels = PanelLabels(plot)
        curves: list[pg.PlotDataItem] = []
        first_x: np.ndarray | None = None
        for series in panel.series:
            curves.extend(self._series(plot, series, labels))
            if first_x is None and series.role == "data" and not series.step:
                first_x = _arr(series.x)
        xs = [float(np.nanmax(_arr(v))) for v in [*(s.x for s in panel.series),
                                                  *(b.x for b in panel.bars)] if len(v)]
        xs += [float(np.nanmin(_arr(v))) for v in [*(s.x for s in panel.series),
                                                   *(b.x for b in panel.bars)] if len(v)]
        middle = (min(xs) + max(xs)) / 2 if xs else 0.0
        for ref in panel.ref_lines:
            self._ref(plot, ref, labels)
        for ref in panel.ref_lines:
            if ref.at_x is not None and ref.label:
                # the side facing the middle of the data, in rows at the top of the view
                text = pg.TextItem(ref.label, color=color(ref.role))
                plot.addItem(text, ignoreBounds=True)
                labels.vertical(text, ref.at_x, 1 if ref.at_x > middle else 0)
        self._markers(plot, panel.markers, labels)
        for note in panel.annotations:
            # a light fill keeps the text readable over the lines it crosses
            text = pg.TextItem(note.text, color="#37474f", fill=QColor(255, 255, 255, 190))
            text.setZValue(21)
            plot.addItem(text, ignoreBounds=True)
            labels.note(text, note.x, note.y)
        if labels.texts:
            self.label_layouts.append(labels)
            top_texts = labels.verticals or any(t.y is None for t in labels.notes)
            extent = _y_extent(panel)
            if top_texts and extent and (panel.y_axis.min is None or panel.y_axis.max is None):
                labels.reserve_top(middle, *extent)  # a strip above the data for top texts
            labels.timer.start()
        else:
            labels.stop()
        if panel.y2_axis is not None:
            self._y2(plot, panel)
        if panel.x_axis.min is not None or panel.x_axis.max is not None:
            lo, hi = panel.x_axis.min, panel.x_axis.max
            plot.setXRange(lo if lo is not None else 0, hi if hi is not None else 1)
        if panel.y_axis.min is not None and panel.y_axis.max is not None:
            plot.setYRange(panel.y_axis.min, panel.y_axis.max, padding=0.02)
        elif panel.bars and panel.y_axis.min is None and (
                (extent := _y_extent(panel)) is not None and extent[0] >= 0):
            plot.getViewBox().setLimits(yMin=0.0)  # bars stand on zero, as in the PDF
        # Downsampling and clipping after the curves are in: cheap repaints at 1M points.
        # Not for steps: pyqtgraph 0.14 clips and downsamples their edges (one more than
        # the values) as if they were points, and raises once the x range is set.
        for curve in curves:
            if curve.opts.get("stepMode") or isinstance(curve, EnvelopeCurve):
                continue
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
        self.curves.append(curves)
        self._first_x.append(first_x if first_x is not None else np.zeros(0))

    def _series(self, plot: pg.PlotItem, s: Series,
                labels: PanelLabels) -> list[pg.PlotDataItem]:
        x, y = _arr(s.x), _arr(s.y)
        # width 1 for big series: wider pens make pyqtgraph draw segment by segment
        pen = _pen(s.role, s.style, 1.0 if len(x) > SYMBOL_LIMIT else 1.5) if s.line else None
        items: list[pg.PlotDataItem] = []
        if s.step:
            edges = step_edges(x)
            item = pg.PlotDataItem(edges, y, stepMode="center", pen=pen, name=s.name)
            plot.addItem(item)
            if s.line:  # the steps as a polyline: texts keep off it
                labels.lines.append((np.repeat(edges, 2)[1:-1], np.repeat(y, 2)))
            return [item]
        big = len(x) > SYMBOL_LIMIT
        finite = np.isfinite(y)
        lx, ly, gaps = x, y, not bool(finite.all())
        if big and gaps:  # gaps only at the ends (a first moving range): trim them
            inside = np.flatnonzero(finite)
            if len(inside) and bool(finite[inside[0]:inside[-1] + 1].all()):
                lx, ly = x[inside[0]:inside[-1] + 1], y[inside[0]:inside[-1] + 1]
                gaps = False
        line: pg.PlotDataItem
        if big and not gaps and envelope_fits(lx, ly):
            # each pixel column's min and max, found without reading every point in view
            line = EnvelopeCurve(lx, ly, pen=pen, name=s.name, antialias=False)
            plot.vb.sigResized.connect(line.refresh)
        else:  # without gaps pyqtgraph can skip its finiteness pass on every repaint
            line = pg.PlotDataItem(lx, ly, pen=pen, connect="finite" if gaps else "all",
                                   skipFiniteCheck=not gaps, name=s.name, antialias=not big)
        plot.addItem(line)
        items.append(line)
        if s.line:
            labels.lines.append((lx, ly))
        symbol = SYMBOLS.get(s.marker)
        if symbol and len(x) <= SYMBOL_LIMIT:
            hollow = np.zeros(len(x), dtype=bool)
            if len(s.hollow):
                hollow = np.asarray(s.hollow, dtype=bool)
            fill = QColor(color(s.role))
            brushes = [pg.mkBrush("w") if h else pg.mkBrush(fill) for h in hollow]
            finite = np.isfinite(y)
            kept = [b for b, f in zip(brushes, finite, strict=True) if f]
            scatter = pg.ScatterPlotItem(x[finite], y[finite], symbol=symbol, size=6,
                                         pen=pg.mkPen(fill, width=1.2), brush=kept)
            plot.addItem(scatter)
            labels.points.append((x[finite], y[finite], 3.6))  # size 6 and the pen
        return items

    def _ref(self, plot: pg.PlotItem, ref: RefLine, labels: PanelLabels) -> None:
        """The line; a horizontal one's label is placed along it by the label pass."""
        vertical = ref.at_x is not None
        pos = ref.at_x if vertical else ref.value
        if pos is None:
            return
        line = pg.InfiniteLine(pos=pos, angle=90 if vertical else 0,
                               pen=_pen(ref.role, ref.style, 1.2))
        line.setToolTip(ref.label)
        plot.addItem(line, ignoreBounds=vertical)
        if not vertical:
            labels.levels.append(float(pos))
            if ref.label:
                text = pg.TextItem(ref.label, color=color(ref.role))
                text.setZValue(21)
                plot.addItem(text, ignoreBounds=True)
                labels.ref(text, float(pos))

    def _band(self, plot: pg.PlotItem, band: Band) -> None:
        fill = QColor(color(band.role))
        fill.setAlpha(BAND_ALPHA.get(band.role, 30))
        if len(band.x):
            x = step_edges(_arr(band.x))
            low = pg.PlotCurveItem(x, _arr(band.low), stepMode="center", pen=None)  # type: ignore[arg-type]
            high = pg.PlotCurveItem(x, _arr(band.high), stepMode="center", pen=None)  # type: ignore[arg-type]
            item = pg.FillBetweenItem(low, high, brush=fill)
            item.setZValue(-10)
            plot.addItem(item)
        else:
            region = pg.LinearRegionItem(
                values=(float(band.low), float(band.high)),  # type: ignore[arg-type]
                orientation="horizontal", movable=False, brush=fill, pen=pg.mkPen(None))
            region.setZValue(-10)
            plot.addItem(region, ignoreBounds=True)

    def _markers(self, plot: pg.PlotItem, markers: Sequence[Marker],
                 labels: PanelLabels) -> None:
        """One scatter layer per role and shape, styled as a whole (per-spot pens and
        brushes make pyqtgraph repaint slowly); the reason of each point is its tooltip."""
        groups: dict[tuple[str, str], list[Marker]] = {}
        for m in markers:
            groups.setdefault((m.role, m.shape), []).append(m)
        for (role, shape), group in groups.items():
            hollow = role == "excluded"
            c = QColor(color(role))
            scatter = pg.ScatterPlotItem(
                x=[m.x for m in group], y=[m.y for m in group], data=[m.reason for m in group],
                symbol=SYMBOLS.get(shape) or "o", size=11 if hollow else 9,
                pen=pg.mkPen(c, width=1.6), brush=pg.mkBrush(None) if hollow else pg.mkBrush(c),
                hoverable=True, tip=_signal_tip if role == "bad" else _tip, hoverSize=13)
            scatter.setZValue(20)
            plot.addItem(scatter)
            self.marker_items.append(scatter)
            labels.points.append((np.array([m.x for m in group]), np.array([m.y for m in group]),
                                  (11 if hollow else 9) / 2 + 0.8))
        # one label per point, however many markers it carries
        texts: dict[tuple[float, float], tuple[str, str]] = {}
        for m in markers:
            if m.text and (m.x, m.y) not in texts:
                texts[(m.x, m.y)] = (m.text, m.role)
        if len(texts) > LABEL_LIMIT:  # too many to read: the tooltips carry the tests
            return
        for (x, y), (words, role) in texts.items():
            text = pg.TextItem(words, color=color(role))
            text.setZValue(21)
            plot.addItem(text, ignoreBounds=True)
            labels.mark(text, x, y)

    def _y2(self, plot: pg.PlotItem, panel: Panel) -> None:
        """A right-hand axis with its own view box (Pareto cumulative percent)."""
        assert panel.y2_axis is not None
        view = pg.ViewBox()
        view.setZValue(1000)  # the line above the bars
        plot.showAxis("right")
        plot.scene().addItem(view)
        plot.getAxis("right").linkToView(view)
        plot.getAxis("right").setLabel(rich(panel.y2_axis.label),
                                       **{"font-size": f"{self.font().pointSizeF():g}pt"})
        view.setXLink(plot)
        for s in panel.y2_series:
            c = color(s.role)
            view.addItem(pg.PlotDataItem(_arr(s.x), _arr(s.y), pen=_pen(s.role, s.style, 2.0),
                                         symbol="o", symbolSize=6, symbolBrush=c,
                                         symbolPen=pg.mkPen(c)))
        if panel.y2_axis.min is not None and panel.y2_axis.max is not None:
            view.setYRange(panel.y2_axis.min, panel.y2_axis.max, padding=0.02)
            view.disableAutoRange()

        def sync() -> None:
            view.setGeometry(plot.vb.sceneBoundingRect())
            view.linkedViewChanged(plot.vb, view.XAxis)

        plot.vb.sigResized.connect(sync)
        self._y2_views.append(view)
        sync()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_texts()

    def _fit_texts(self) -> None:
        """Wrapped labels under a stylesheet font report too small a height: ask each for
        its height at the view's width, so a page scrolls rather than cut the notes (only
        while shown: a hidden view's width means nothing yet)."""
        for label in (self.warnings, self.notes):
            if not self.isVisible() or label.isHidden() or not label.text():
                label.setMinimumHeight(0)
                continue
            label.ensurePolished()
            label.setMinimumHeight(label.heightForWidth(self.width()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.spec is not None:
            self._font_changed = True
            if self.isVisible():
                self._redraw_soon.start()  # once, after the zoom has been applied

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_texts()
        if self._font_changed:  # zoomed while hidden
            self._redraw_soon.start()

    def _redraw(self) -> None:
        if self.spec is not None and self._font_changed and self.isVisible():
            self._font_changed = False
            self.set_spec(self.spec)

    # -- interaction -------------------------------------------------------------
    def _clicked(self, event: object) -> None:
        pos: QPointF = event.scenePos()  # type: ignore[attr-defined]
        for i, plot in enumerate(self.plots):
            if not plot.vb.sceneBoundingRect().contains(pos):
                continue
            xs = self._first_x[i]
            if len(xs) == 0:
                return
            x = plot.vb.mapSceneToView(pos).x()
            j = int(np.clip(np.searchsorted(xs, x), 1, len(xs) - 1)) if len(xs) > 1 else 0
            if len(xs) > 1 and abs(xs[j - 1] - x) <= abs(xs[j] - x):
                j -= 1
            self.point_clicked.emit(i, j)
            return


def _tip(x: float, y: float, data: object) -> str:
    return str(data) if data else f"{x:g}, {y:g}"


def _signal_tip(x: float, y: float, data: object) -> str:
    """A signal's tests, and where to read what they mean (``chart_actions``)."""
    return f"{_tip(x, y, data)}\n{SIGNAL_HINT}"


SIGNAL_HINT = "Right-click for the glossary of the tests."

