"""Holt's linear exponential smoothing, with parameters fitted by least squares.

Recursions (Holt 1957; Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*,
2nd ed., section 7.2), with the level started at the first value and the trend at the
first difference:

    forecast  y^(t)  = l(t-1) + b(t-1)
    level     l(t)   = alpha * y(t) + (1 - alpha) * (l(t-1) + b(t-1))
    trend     b(t)   = beta * (l(t) - l(t-1)) + (1 - beta) * b(t-1)

alpha and beta minimise the sum of squared one-step-ahead errors (scipy.optimize).
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


def fit_holt(values: np.ndarray) -> HoltFit:
    """Least-squares alpha and beta in [0, 1] for ``values`` (at least 3 of them)."""
    from scipy.optimize import minimize

    y = np.asarray(values, dtype=float)

    def sse(params: np.ndarray) -> float:
        _, _, fitted = holt_filter(y, float(params[0]), float(params[1]))
        return float(np.sum((y[1:] - fitted) ** 2))

    best = None
    for start in ((0.5, 0.1), (0.2, 0.05), (0.9, 0.3)):  # a few starts: SSE can be bumpy
        result = minimize(sse, np.array(start), method="L-BFGS-B", bounds=[(0, 1), (0, 1)])
        if best is None or result.fun < best.fun:
            best = result
    assert best is not None
    alpha, beta = (float(np.clip(p, 0.0, 1.0)) for p in best.x)
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
