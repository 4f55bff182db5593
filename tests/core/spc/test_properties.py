"""Invariants that must hold for any data (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from opsdesk.core.spc import ChartOptions, control_chart
from opsdesk.core.spc.pareto import pareto
from opsdesk.core.spc.rules import DEFAULT_K, evaluate

values = st.lists(st.floats(-1e3, 1e3, allow_nan=False, width=32), min_size=3, max_size=60)


@settings(max_examples=60, deadline=None)
@given(values)
def test_individuals_limits_symmetric(xs: list[float]) -> None:
    assume(len(set(xs)) > 1)
    ind = control_chart("i-mr", xs).panels[0]
    assert np.allclose(ind.ucl - ind.center, ind.center - ind.lcl)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=12, max_size=60),
       st.sampled_from([2, 3, 4, 5]))
def test_xbar_limits_symmetric(xs: list[float], n: int) -> None:
    k = len(xs) // n
    assume(k >= 2)
    xs = xs[: k * n]
    groups = [str(i // n) for i in range(len(xs))]
    assume(all(len(set(xs[j * n:(j + 1) * n])) > 1 for j in range(k)))
    xbar = control_chart("xbar-r", xs, labels=groups).panels[0]
    assert np.allclose(xbar.ucl - xbar.center, xbar.center - xbar.lcl)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-20, 20), min_size=5, max_size=80),
       st.integers(-1000, 1000), st.sampled_from([0.25, 0.5, 2.0, 8.0, -1.0, -4.0]))
def test_rules_invariant_under_shift_and_scale(xs: list[int], shift: int, scale: float) -> None:
    # Data on a grid of integers, centre and sigma on a dyadic grid: every value, scaled
    # by a power of two and shifted by an integer, stays exact, so zone membership is
    # exactly preserved. A negative scale mirrors the data: tests are symmetric.
    x = np.array(xs, dtype=float)
    center, sigma = 0.5, 2.0
    base = evaluate(x, center, sigma, DEFAULT_K)
    moved = evaluate(x * scale + shift, center * scale + shift, sigma * abs(scale), DEFAULT_K)
    for t in DEFAULT_K:
        assert (base[t] == moved[t]).all(), t


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=5, max_size=50), st.integers(-100, 100),
       st.sampled_from([0.5, 2.0, 4.0]))
def test_imr_signals_invariant_under_shift_and_scale(xs: list[int], shift: int,
                                                     scale: float) -> None:
    x = np.array(xs, dtype=float)
    assume(len(set(xs)) > 1)
    a = control_chart("i-mr", x)
    b = control_chart("i-mr", x * scale + shift)
    # skip data with a point within rounding of a zone line
    z = (x - a.panels[0].center[0]) / a.sigma.value
    assume(np.min(np.abs(np.abs(z)[:, None] - np.array([0.0, 1.0, 2.0, 3.0]))) > 1e-9)
    assert a.panels[0].signals() == b.panels[0].signals()
    assert np.allclose(b.panels[0].ucl, a.panels[0].ucl * scale + shift)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 1000)), min_size=1,
                max_size=30), st.one_of(st.none(), st.floats(0, 50)))
def test_pareto_percent_sums_to_100(rows: list[tuple[str, int]], other: float | None) -> None:
    assume(sum(c for _, c in rows) > 0)
    result = pareto([r[0] for r in rows], [r[1] for r in rows], other_below=other)
    assert abs(sum(result.percent) - 100) < 1e-9
    assert result.cumulative_percent[-1] == 100.0
    assert all(a <= b + 1e-12 for a, b in zip(result.cumulative_percent,
                                              result.cumulative_percent[1:], strict=False))
    if "Other" in result.categories:
        assert result.categories[-1] == "Other"
    assert sum(result.counts) == sum(c for _, c in rows)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=4, max_size=40))
def test_attribute_lcl_never_negative(xs: list[int]) -> None:
    assume(sum(xs) > 0)
    c = control_chart("c", xs, options=ChartOptions()).panels[0]
    assert (c.lcl >= 0).all()
    p = control_chart("p", xs, sizes=[31] * len(xs)).panels[0]
    assert (p.lcl >= 0).all() and (p.ucl <= 1).all()
