"""The envelope index: every pixel column's min and max exactly as numpy finds them."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from opsdesk.ui.widgets.range_extremes import BLOCK, RangeExtremes


def _columns(x: np.ndarray, x0: float, x1: float, width: float) -> list[np.ndarray]:
    """Numpy's own answer: the indices of the points in each column of the view, column
    ``k`` holding the x in ``[k * width, (k + 1) * width)``."""
    first, last = np.floor(x0 / width), np.floor(x1 / width)
    edges = np.arange(first, last + 2) * width
    return [np.flatnonzero((x >= a) & (x < b)) for a, b in itertools.pairwise(edges)]


def _check_envelope(x: np.ndarray, y: np.ndarray, x0: float, x1: float, width: float) -> None:
    ex, ey = RangeExtremes(x, y).envelope(x0, x1, width)
    assert (np.diff(ex) >= 0).all()  # drawn left to right
    for members in _columns(x, x0, x1, width):
        if not len(members):
            continue
        lo, hi = x[members[0]], x[members[-1]]
        inside = (ex >= lo) & (ex <= hi)
        assert ey[inside].min() == y[members].min()
        assert ey[inside].max() == y[members].max()
    # and nothing drawn but real points: each (x, y) is one of the data's
    pairs = set(zip(x.tolist(), y.tolist(), strict=True))
    assert all((a, b) in pairs for a, b in zip(ex.tolist(), ey.tolist(), strict=True))


@pytest.mark.parametrize("n", [2, 3, BLOCK - 1, BLOCK, BLOCK + 1, 1000, 50_001])
def test_extremes_of_random_ranges_match_numpy(n: int) -> None:
    rng = np.random.default_rng(n)
    y = rng.normal(size=n).round(1)  # rounded: many ties
    index = RangeExtremes(np.arange(n, dtype=float), y)
    starts = rng.integers(0, n, 500)
    stops = np.minimum(starts + rng.integers(1, max(2, n), 500), n)
    lo, hi = index.extremes(starts, stops)
    for a, b, i, j in zip(starts, stops, lo, hi, strict=True):
        assert a <= i < b and a <= j < b
        assert y[i] == y[a:b].min() and y[j] == y[a:b].max()


def test_every_single_point_and_the_whole_series() -> None:
    n = 3 * BLOCK + 5
    y = np.random.default_rng(1).normal(size=n)
    index = RangeExtremes(np.arange(n, dtype=float), y)
    lo, hi = index.extremes(np.arange(n), np.arange(n) + 1)
    assert (lo == np.arange(n)).all() and (hi == np.arange(n)).all()
    lo, hi = index.extremes(np.array([0]), np.array([n]))
    assert lo[0] == np.argmin(y) and hi[0] == np.argmax(y)


@pytest.mark.parametrize(("x0", "x1", "pixels"), [
    (0, 1_000_000, 1300), (250_000, 750_000, 1300), (400_000, 450_000, 997),
    (123_456.7, 123_999.1, 1300), (-500, 2_000, 800), (999_000, 1_100_000, 640)])
def test_the_envelope_of_a_view_is_each_columns_true_min_and_max(
        x0: float, x1: float, pixels: int) -> None:
    n = 1_000_000
    x = np.arange(1, n + 1, dtype=float)
    y = np.random.default_rng(42).normal(100.0, 5.0, n)
    _check_envelope(x, y, x0, x1, (x1 - x0) / pixels)


def test_uneven_x_and_repeated_x() -> None:
    rng = np.random.default_rng(7)
    x = np.sort(rng.integers(0, 40_000, 20_000)).astype(float)  # repeats and gaps
    y = rng.normal(size=len(x))
    _check_envelope(x, y, 0, 40_000, 40_000 / 700)
    _check_envelope(x, y, 12_000, 13_000, 1000 / 700)


def test_a_view_with_fewer_points_than_columns_gets_them_all() -> None:
    x = np.arange(100, dtype=float)
    y = np.random.default_rng(3).normal(size=100)
    ex, ey = RangeExtremes(x, y).envelope(10, 20, 10 / 800)
    # the ten points in view and one beyond each side, so the line reaches the edges
    assert (ex == x[9:22]).all() and (ey == y[9:22]).all()


@pytest.mark.parametrize("x", [
    np.arange(1, 100_001, dtype=float),
    np.arange(100_000) * 0.1 + 3.7,  # a step that floats cannot hold exactly
    np.arange(100_000) + np.random.default_rng(2).uniform(-0.2, 0.2, 100_000),  # jitter
    np.sort(np.random.default_rng(3).uniform(0, 1, 100_000))])  # not even: binary search
def test_column_bounds_are_exactly_numpys_searchsorted(x: np.ndarray) -> None:
    index = RangeExtremes(x, np.zeros(len(x)))
    edges = np.concatenate((x[::97], x[::89] + 1e-9, np.linspace(x[0] - 5, x[-1] + 5, 3001)))
    assert (index._count_below(edges) == np.searchsorted(x, edges, side="left")).all()
