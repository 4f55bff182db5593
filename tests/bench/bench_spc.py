"""SPC figures, each next to its floor measured in the same run.

1. I-MR with all eight Nelson tests (Minitab numbering, default K) on both panels where
   they apply, on 1,000,000 individual values, against numpy computing the mean, the
   moving ranges, the limits and test 1 on the same array (the issue's floor).
   Goal: ratio <= 4 and median < 0.3 s.
2. Repaint after a zoom of a 1,000,000-point I-MR chart in ChartView (offscreen), against
   a bare pyqtgraph PlotWidget holding the same curve with pyqtgraph's own clip-to-view
   and peak downsampling (ChartView draws each pixel column's exact min/max envelope
   instead, from a precomputed index). Goal: median < 20 ms.
"""

from __future__ import annotations

import os

import numpy as np

from tests.bench.timing import median_seconds, ratio_line

N = 1_000_000


def _data() -> np.ndarray:
    return np.random.default_rng(42).normal(100.0, 5.0, N)


def bench_rules(x: np.ndarray) -> list[str]:
    from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart

    options = ChartOptions(rules=RuleConfig("nelson"))

    def ours() -> object:
        return control_chart("i-mr", x, options=options)

    def floor() -> object:
        mean = x.mean()
        mr = np.abs(np.diff(x))
        sigma = mr.mean() / 1.1283791670955126
        ucl, lcl = mean + 3 * sigma, mean - 3 * sigma
        return (x > ucl) | (x < lcl)

    result = control_chart("i-mr", x, options=options)
    signals = sum(len(p.signals()) for p in result.panels)
    # interleave the two so that both see the same machine load
    t_ours, t_floor = [], []
    for _ in range(5):
        t_ours.append(median_seconds(ours, repeat=3, warmup=1))
        t_floor.append(median_seconds(floor, repeat=3, warmup=1))
    ours_s, floor_s = float(np.median(t_ours)), float(np.median(t_floor))
    verdict = "met" if ours_s < 0.3 else "MISSED"
    return [ratio_line("I-MR + Nelson tests 1-8 on 1M values", ours_s, floor_s, goal=4.0),
            f"  median {ours_s:.3f} s (goal < 0.3 s: {verdict}); {signals} signals found"]


def bench_repaint(x: np.ndarray) -> list[str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from opsdesk.core.spc import control_chart
    from opsdesk.core.spc.chart_spec import control_chart_spec
    from opsdesk.ui.widgets.chart_view import ChartView

    app = QApplication.instance() or QApplication([])
    spec = control_chart_spec(control_chart("i-mr", x), "1M points")
    view = ChartView()
    view.resize(1400, 800)
    view.set_spec(spec)
    view.show()
    app.processEvents()

    bare = pg.PlotWidget()
    bare.resize(1400, 800)
    curve = bare.plot(np.arange(1, N + 1, dtype=float), x, pen=pg.mkPen("#1f5f99"))
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    bare.show()
    app.processEvents()

    spans = [(1, N), (N * 0.25, N * 0.75), (N * 0.4, N * 0.45), (N * 0.1, N * 0.9)]
    state = {"i": 0}

    def zoom_and_paint(plot: pg.PlotItem, viewport: object) -> None:
        lo, hi = spans[state["i"] % len(spans)]
        state["i"] += 1
        plot.setXRange(lo, hi, padding=0)
        viewport.repaint()  # type: ignore[attr-defined]  # one synchronous paint

    app.processEvents()
    ours = median_seconds(lambda: zoom_and_paint(view.plots[0], view.graphics.viewport()),
                          repeat=15, warmup=2)
    floor = median_seconds(lambda: zoom_and_paint(bare.getPlotItem(), bare.viewport()),
                           repeat=15, warmup=2)
    verdict = "met" if ours < 0.020 else "MISSED"
    view.close()
    bare.close()
    return [ratio_line("repaint after zoom, 1M-point I-MR chart", ours, floor),
            f"  median {ours * 1000:.1f} ms (goal < 20 ms: {verdict})"]


def run() -> list[str]:
    x = _data()
    return bench_rules(x) + bench_repaint(x)
