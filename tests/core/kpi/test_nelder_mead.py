"""The bounded Nelder-Mead tries the same points as scipy.optimize's, so the Holt fits'
alpha, beta and phi are scipy's to the last bit (scipy is the reference here)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize as scipy_minimize

from opsdesk.core.kpi.nelder_mead import minimize


def _holt_sse(series: list[float]) -> Callable[[float, float], float]:
    def sse(alpha: float, beta: float) -> float:
        level, slope, total = series[0], series[1] - series[0], 0.0
        for value in series[1:]:
            guess = level + slope
            total += (value - guess) ** 2
            new_level = alpha * value + (1.0 - alpha) * guess
            slope = beta * (new_level - level) + (1.0 - beta) * slope
            level = new_level
        return total
    return sse


def test_same_path_and_minimum_as_scipy_on_holt_fits() -> None:
    rng = np.random.default_rng(20261120)
    grid = np.linspace(0.0, 1.0, 21)
    starts = [(a, b) for a in grid[::4] for b in grid[::5]] + [(0.0, 0.0), (1.0, 1.0)]
    compared = 0
    for n in (6, 7, 12, 24, 60):
        for _ in range(8):
            trend = rng.normal(0, 0.5)
            y = (50 + trend * np.arange(n) + rng.normal(0, rng.uniform(0.1, 5), n)).tolist()
            sse = _holt_sse(y)
            for start in starts[compared % 7::7]:
                tol = 1e-7 * sse(*start) + 1e-12
                ours = minimize(sse, start, (0.0, 0.0), (1.0, 1.0), xatol=1e-3, fatol=tol)
                theirs = scipy_minimize(lambda p, f=sse: f(float(p[0]), float(p[1])),
                                        np.array(start), method="Nelder-Mead",
                                        bounds=[(0.0, 1.0), (0.0, 1.0)],
                                        options={"xatol": 1e-3, "fatol": tol})
                assert ours == ((float(theirs.x[0]), float(theirs.x[1])), float(theirs.fun))
                compared += 1
    assert compared > 100


def test_call_budget_stops_like_scipy() -> None:
    # A budget of 5 calls: the 3 starting vertices and one reflection + expansion.
    def bowl(a: float, b: float) -> float:
        return (a - 0.3) ** 2 + (b - 0.7) ** 2

    ours = minimize(bowl, (0.9, 0.1), (0.0, 0.0), (1.0, 1.0), xatol=1e-9, fatol=1e-12,
                    max_calls=5)
    theirs = scipy_minimize(lambda p: bowl(float(p[0]), float(p[1])), np.array([0.9, 0.1]),
                      method="Nelder-Mead", bounds=[(0.0, 1.0), (0.0, 1.0)],
                      options={"xatol": 1e-9, "fatol": 1e-12, "maxfev": 5})
    assert ours == ((float(theirs.x[0]), float(theirs.x[1])), float(theirs.fun))


def _damped_sse(series: list[float]) -> Callable[[float, float, float], float]:
    def sse(alpha: float, beta: float, phi: float) -> float:
        level, slope, total = series[0], series[1] - series[0], 0.0
        for value in series[1:]:
            guess = level + phi * slope
            total += (value - guess) ** 2
            new_level = alpha * value + (1.0 - alpha) * guess
            slope = beta * (new_level - level) + (1.0 - beta) * phi * slope
            level = new_level
        return total
    return sse


def test_same_path_and_minimum_as_scipy_in_three_variables_with_their_own_bounds() -> None:
    # The damped-trend fit: alpha, beta in [0, 1] and phi in [0.8, 0.98].
    rng = np.random.default_rng(20261121)
    bounds = [(0.0, 1.0), (0.0, 1.0), (0.8, 0.98)]
    compared = 0
    for n in (6, 12, 30, 60):
        for _ in range(6):
            y = (80 - 20 * 0.85 ** np.arange(n) + rng.normal(0, rng.uniform(0.2, 3), n)).tolist()
            sse = _damped_sse(y)
            for start in ((0.5, 0.1, 0.89), (1.0, 0.0, 0.98), (0.0, 1.0, 0.8), (0.3, 0.3, 0.9)):
                tol = 1e-7 * sse(*start) + 1e-12
                ours = minimize(sse, start, (0.0, 0.0, 0.8), (1.0, 1.0, 0.98), xatol=1e-3,
                                fatol=tol)
                theirs = scipy_minimize(lambda p, f=sse: f(*(float(v) for v in p)), np.array(start),
                                  method="Nelder-Mead", bounds=bounds,
                                  options={"xatol": 1e-3, "fatol": tol})
                assert ours == (tuple(float(v) for v in theirs.x), float(theirs.fun))
                compared += 1
    assert compared == 96
