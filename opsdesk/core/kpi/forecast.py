"""Holt's linear exponential smoothing, with parameters fitted by least squares.

Recursions (Holt 1957; Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*,
2nd ed., section 7.2), with the level started at the first value and the trend at the
first difference:

    forecast  y^(t)  = l(t-1) + b(t-1)
    level     l(t)   = alpha * y(t) + (1 - alpha) * (l(t-1) + b(t-1))
    trend     b(t)   = beta * (l(t) - l(t-1)) + (1 - beta) * b(t-1)

alpha and beta minimise the sum of squared one-step-ahead errors (bounded Nelder-Mead).
The h-step prediction interval uses the error variance of the equivalent state-space
model (fpp2 Table 7.8): sigma_h^2 = sigma^2 * (1 + sum_{j=1}^{h-1} (alpha + j*alpha*beta)^2),
sigma^2 the one-step error variance with two degrees of freedom taken for the parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

import numpy as np

from opsdesk.core.kpi.periods import label, shift

MIN_PERIODS = 6
# Fit on the most recent periods only: old history says little about the next ones, and
# the fit stays quick for daily KPIs.
FIT_PERIODS = 60
METHOD = "Holt's linear exponential smoothing (least-squares fit)"
NOT_ENOUGH = f"No forecast: it needs at least {MIN_PERIODS} periods of history."


@dataclass(frozen=True)
class HoltFit:
    alpha: float
    beta: float
    level: float      # the final level and trend, from which forecasts are made
    trend: float
    sse: float
    sigma: float      # standard deviation of the one-step-ahead errors
    fitted: tuple[float, ...]  # one-step-ahead forecasts for y[1:]


@dataclass(frozen=True)
class Forecast:
    period: str
    value: float
    low: float
    high: float
    confidence: float = 0.95


def holt_filter(
    y: np.ndarray, alpha: float, beta: float
) -> tuple[float, float, np.ndarray]:
    """Run the recursions; returns the final level, trend and the one-step forecasts."""
    level, slope = float(y[0]), float(y[1] - y[0])
    fitted = np.empty(len(y) - 1)
    for t in range(1, len(y)):
        guess = level + slope
        fitted[t - 1] = guess
        new_level = alpha * float(y[t]) + (1.0 - alpha) * guess
        slope = beta * (new_level - level) + (1.0 - beta) * slope
        level = new_level
    return level, slope, fitted


def _sse_grid(y: np.ndarray, alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """SSE of the one-step forecasts for many (alpha, beta) pairs at once."""
    level = np.full(alpha.shape, y[0])
    slope = np.full(alpha.shape, y[1] - y[0])
    sse = np.zeros(alpha.shape)
    for value in y[1:]:
        guess = level + slope
        sse += (value - guess) ** 2
        new_level = alpha * value + (1.0 - alpha) * guess
        slope = beta * (new_level - level) + (1.0 - beta) * slope
        level = new_level
    return sse


def fit_holt(values: np.ndarray) -> HoltFit:
    """Least-squares alpha and beta in [0, 1] for ``values`` (at least 3 of them).

    A vectorised grid finds the basin (the SSE surface can have several), then a bounded
    Nelder-Mead (``nelder_mead.minimize_2d``: scipy.optimize's, step for step, on plain
    floats) refines the best grid point within the bounds.
    """
    from opsdesk.core.kpi.nelder_mead import minimize_2d

    y = np.asarray(values, dtype=float)
    grid = np.linspace(0.0, 1.0, 21)
    alphas, betas = (g.ravel() for g in np.meshgrid(grid, grid))
    on_grid = _sse_grid(y, alphas, betas)
    best = int(np.argmin(on_grid))

    series = y.tolist()

    def sse(alpha: float, beta: float) -> float:  # plain floats: quicker than numpy here
        level, slope, total = series[0], series[1] - series[0], 0.0
        for value in series[1:]:
            guess = level + slope
            total += (value - guess) ** 2
            new_level = alpha * value + (1.0 - alpha) * guess
            slope = beta * (new_level - level) + (1.0 - beta) * slope
            level = new_level
        return total

    # Bounded Nelder-Mead: the SSE is cheap and smooth enough, and here it takes about a
    # tenth of L-BFGS-B's time for the same minimum.
    start = (float(alphas[best]), float(betas[best]))
    found, fun = minimize_2d(sse, start, 0.0, 1.0, xatol=1e-3,
                             fatol=1e-7 * float(on_grid[best]) + 1e-12)
    alpha, beta = (min(max(p, 0.0), 1.0) for p in found)
    if fun > sse(*start):  # never worse than the grid
        alpha, beta = start
    level, slope, fitted = holt_filter(y, alpha, beta)
    errors = y[1:] - fitted
    dof = max(len(errors) - 2, 1)
    return HoltFit(alpha, beta, level, slope, float(np.sum(errors**2)),
                   float(np.sqrt(np.sum(errors**2) / dof)), tuple(float(f) for f in fitted))


def predict(fit: HoltFit, h: int, confidence: float = 0.95) -> tuple[float, float, float]:
    """The h-step-ahead forecast and its prediction interval (low, high)."""
    point = fit.level + h * fit.trend
    state_beta = fit.alpha * fit.beta  # the state-space form's beta
    variance = 1.0 + sum((fit.alpha + j * state_beta) ** 2 for j in range(1, h))
    half = NormalDist().inv_cdf(0.5 + confidence / 2.0) * fit.sigma * float(np.sqrt(variance))
    return point, point - half, point + half


def next_period_forecast(
    values: np.ndarray, last_start: date, frequency: str, h: int = 1
) -> Forecast | None:
    """The forecast ``h`` periods after the one starting ``last_start``; None if too short."""
    if len(values) < MIN_PERIODS:
        return None
    point, low, high = predict(fit_holt(values[-FIT_PERIODS:]), h)
    return Forecast(label(shift(last_start, frequency, h), frequency), point, low, high)
