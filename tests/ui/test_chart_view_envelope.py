"""A large series in ChartView is drawn as its exact per-pixel-column envelope, after
every zoom, while clicks, markers and the full data still refer to the original points."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from opsdesk.core.charts import Axis, ChartSpec, Marker, Panel, Series
from opsdesk.ui.widgets.chart_view import ChartView
from opsdesk.ui.widgets.envelope_curve import EnvelopeCurve

N = 200_000


def _view(qtbot: Any, y: np.ndarray, markers: tuple[Marker, ...] = ()) -> ChartView:
    x = np.arange(1, len(y) + 1, dtype=float)
    spec = ChartSpec("Big", (Panel(x_axis=Axis("x"), y_axis=Axis("y"),
                                   series=(Series("Values", x, y),), markers=markers),))
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_spec(spec)
    view.show()
    qtbot.waitExposed(view)
    return view


def _assert_exact_envelope(curve: EnvelopeCurve) -> None:
    x, y = curve.getOriginalDataset()
    shown_x, shown_y = curve.getData()
    vb = curve.getViewBox()
    (x0, x1), _ = vb.viewRange()
    width = (x1 - x0) / vb.width()
    edges = np.arange(np.floor(x0 / width), np.floor(x1 / width) + 2) * width
    assert len(shown_x) <= 2 * (len(edges) - 1) + 2  # about two points a column
    for a, b in itertools.pairwise(edges):
        members = (x >= a) & (x < b)
        if not members.any():
            continue
        drawn = (shown_x >= a) & (shown_x < b)
        assert shown_y[drawn].min() == y[members].min()
        assert shown_y[drawn].max() == y[members].max()


def test_after_each_zoom_the_curve_shows_each_columns_true_min_and_max(qtbot: Any) -> None:
    y = np.random.default_rng(5).normal(100.0, 5.0, N)
    view = _view(qtbot, y)
    curve = view.curves[0][0]
    assert isinstance(curve, EnvelopeCurve)
    assert not curve.opts["autoDownsample"] and not curve.opts["clipToView"]
    full_x, full_y = curve.getOriginalDataset()
    assert len(full_x) == N and (full_y == y).all()  # Copy, Export, Print: the whole series
    for lo, hi in [(1, N), (N * 0.25, N * 0.75), (N * 0.4, N * 0.401), (5_000.5, 9_999.5)]:
        view.plots[0].setXRange(lo, hi, padding=0)
        view.graphics.viewport().repaint()
        _assert_exact_envelope(curve)


def test_a_deep_zoom_shows_the_points_themselves(qtbot: Any) -> None:
    y = np.random.default_rng(6).normal(size=N)
    view = _view(qtbot, y)
    view.plots[0].setXRange(1000, 1100, padding=0)
    shown_x, shown_y = view.curves[0][0].getData()
    assert (shown_x == np.arange(999, 1102)).all()  # x of points 998..1100, one beyond each end
    assert (shown_y == y[998:1101]).all()


def test_markers_and_clicks_keep_the_original_indices(qtbot: Any) -> None:
    y = np.random.default_rng(7).normal(size=N)
    flagged = np.flatnonzero(np.abs(y) > 3.5)
    markers = tuple(Marker(float(i + 1), float(y[i]), "Test 1") for i in flagged)
    view = _view(qtbot, y, markers)
    view.plots[0].setXRange(N * 0.5, N * 0.6, padding=0)
    assert len(view.marker_items[0].points()) == len(flagged)  # all still there
    assert (view._first_x[0] == np.arange(1, N + 1)).all()  # clicks map to point indices


def test_a_series_with_gaps_inside_keeps_pyqtgraphs_own_path(qtbot: Any) -> None:
    y = np.random.default_rng(8).normal(size=N)
    y[N // 2] = np.nan
    view = _view(qtbot, y)
    curve = view.curves[0][0]
    assert not isinstance(curve, EnvelopeCurve)
    assert curve.opts["autoDownsample"] and curve.opts["clipToView"]


def test_a_leading_gap_is_trimmed_and_the_rest_enveloped(qtbot: Any) -> None:
    y = np.random.default_rng(9).normal(size=N)
    y[0] = np.nan  # the first moving range
    view = _view(qtbot, y)
    curve = view.curves[0][0]
    assert isinstance(curve, EnvelopeCurve)
    assert len(curve.getOriginalDataset()[0]) == N - 1
    _assert_exact_envelope(curve)


def test_a_resized_view_gets_the_envelope_of_its_new_width(qtbot: Any) -> None:
    y = np.random.default_rng(10).normal(size=N)
    view = _view(qtbot, y)
    curve = view.curves[0][0]
    view.plots[0].setXRange(N * 0.2, N * 0.3, padding=0)
    before = len(curve.getData()[0])
    view.resize(500, 500)
    qtbot.waitUntil(lambda: len(curve.getData()[0]) < before)
    _assert_exact_envelope(curve)


def test_the_first_view_shows_the_whole_series(qtbot: Any) -> None:
    # Auto-range asks the curve for its bounds: they are the whole series', not those
    # of the envelope drawn for the view (which made the first view stop short of the
    # last points, as far as the last marker).
    y = np.random.default_rng(3).normal(100.0, 5.0, N)
    y[N - 10] = 160.0  # a spike near the end: in view, in x and in y
    view = _view(qtbot, y, markers=(Marker(10.0, float(y[9]), "first"),))
    qtbot.wait(50)  # auto-range is applied before the first paint
    (x0, x1), (y0, y1) = view.plots[0].vb.viewRange()
    assert x0 <= 1 and x1 >= N
    assert y0 <= y.min() and y1 >= 160.0
    curve = view.curves[0][0]
    assert isinstance(curve, EnvelopeCurve)
    part = y[999:2000]  # x from 1000 to 2000
    assert curve.dataBounds(1, orthoRange=(1000, 2000)) == (part.min(), part.max())
