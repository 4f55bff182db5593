"""Holt's exponential smoothing, linear or damped trend, fitted by least squares.

Recursions (Holt 1957; the damped trend of Gardner & McKenzie 1985; Hyndman &
Athanasopoulos, *Forecasting: Principles and Practice*, 2nd ed., section 7.2), with the
level started at the first value and the trend at the first difference:

    forecast  y^(t+h|t) = l(t) + (phi + phi^2 + ... + phi^h) * b(t)
    level     l(t)   = alpha * y(t) + (1 - alpha) * (l(t-1) + phi * b(t-1))
    trend     b(t)   = beta * (l(t) - l(t-1)) + (1 - beta) * phi * b(t-1)

phi = 1 is Holt's linear trend; the damped trend fits phi in [0.8, 0.98] (fpp2 7.2: below
0.8 the damping is very strong, above 0.98 it cannot be told from the linear trend).
alpha, beta (and phi) minimise the sum of squared one-step-ahead errors (bounded
Nelder-Mead). Both are fitted and the one with the lower AICc is drawn:
AICc = n ln(SSE / n) + 2k + 2k(k + 1) / (n - k - 1), n the one-step errors and k the
smoothing parameters (2 or 3), the criterion fpp2 uses to choose among these methods.

The h-step prediction interval uses the error variance of the equivalent state-space
model (fpp2 Table 7.8; Hyndman et al. 2008, class 1): sigma_h^2 = sigma^2 * (1 +
sum_{j=1}^{h-1} c_j^2), c_j = alpha + alpha * beta * (phi + ... + phi^j), sigma^2 the
one-step error variance with the parameters' degrees of freedom taken off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

import numpy as np

from opsdesk.core.kpi.periods import label, shift

MIN_PERIODS = 6
# Fit on the most recent periods only: old history says little about the next ones, and
# the fit stays quick for daily KPIs.
FIT_PERIODS = 60
PHI_RANGE = (0.8, 0.98)
METHOD = "Holt's linear exponential smoothing (least-squares fit)"
DAMPED_METHOD = "Holt's damped trend (least-squares fit)"
NOT_ENOUGH = f"No forecast: it needs at least {MIN_PERIODS} periods of history."

Bounds = tuple[float | None, float | None]


@dataclass(frozen=True)
class HoltFit:
    alpha: float
    beta: float
    level: float      # the final level and trend, from which forecasts are made
    trend: float
    sse: float
    sigma: float      # standard deviation of the one-step-ahead errors
    fitted: tuple[float, ...]  # one-step-ahead forecasts for y[1:]
    phi: float = 1.0  # trend damping: 1 is Holt's linear trend

    @property
    def damped(self) -> bool:
        return self.phi < 1.0

    @property
    def parameters(self) -> int:
        return 3 if self.damped else 2

    @property
    def aicc(self) -> float:
        """AICc of the least-squares fit (Gaussian errors): lower fits better."""
        n, k = len(self.fitted), self.parameters
        if n - k - 1 <= 0:
            return math.inf
        fit = n * math.log(self.sse / n) if self.sse > 0 else -math.inf
        return fit + 2 * k + 2 * k * (k + 1) / (n - k - 1)

    def statement(self) -> str:
        """The method and its parameters, as the chart states them."""
        if self.damped:
            return (f"{DAMPED_METHOD}, α = {self.alpha:.2f}, β = {self.beta:.2f}, "
                    f"φ = {self.phi:.2f}")
        return f"{METHOD}, α = {self.alpha:.2f}, β = {self.beta:.2f}"


@dataclass(frozen=True)
class Forecast:
    period: str
    value: float
    low: float
    high: float
    confidence: float = 0.95


def holt_filter(y: np.ndarray, alpha: float, beta: float, phi: float = 1.0
                ) -> tuple[float, float, np.ndarray]:
    """Run the recursions; returns the final level, trend and the one-step forecasts."""
    level, slope = float(y[0]), float(y[1] - y[0])
    fitted = np.empty(len(y) - 1)
    for t in range(1, len(y)):
        guess = level + phi * slope
        fitted[t - 1] = guess
        new_level = alpha * float(y[t]) + (1.0 - alpha) * guess
        slope = beta * (new_level - level) + (1.0 - beta) * phi * slope
        level = new_level
    return level, slope, fitted


def _sse_grid(y: np.ndarray, alpha: np.ndarray, beta: np.ndarray,
              phi: np.ndarray | float = 1.0) -> np.ndarray:
    """SSE of the one-step forecasts for many (alpha, beta, phi) at once."""
    level = np.full(alpha.shape, y[0])
    slope = np.full(alpha.shape, y[1] - y[0])
    sse = np.zeros(alpha.shape)
    for value in y[1:]:
        damped = phi * slope
        guess = level + damped
        sse += (value - guess) ** 2
        new_level = alpha * value + (1.0 - alpha) * guess
        slope = beta * (new_level - level) + (1.0 - beta) * damped
        level = new_level
    return sse


def _grid(damped: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The starting grid's (alpha, beta, phi): 21 x 21 for the linear trend, 11 x 11 x 3
    for the damped."""
    if damped:
        grid = np.linspace(0.0, 1.0, 11)
        alphas, betas, phis = (g.ravel() for g in np.meshgrid(grid, grid, (0.8, 0.89, 0.98)))
        return alphas, betas, phis
    grid = np.linspace(0.0, 1.0, 21)
    alphas, betas = (g.ravel() for g in np.meshgrid(grid, grid))
    return alphas, betas, np.ones_like(alphas)


def _both_grids(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The SSE on the linear and on the damped grid, in one pass over ``y`` (each point is
    computed as on its own: phi = 1 multiplies exactly)."""
    linear, damped = _grid(False), _grid(True)
    sse = _sse_grid(y, *(np.concatenate([a, b]) for a, b in zip(linear, damped, strict=True)))
    return sse[:len(linear[0])], sse[len(linear[0]):]


def _fit(y: np.ndarray, damped: bool, on_grid: np.ndarray | None = None) -> HoltFit:
    """Least squares on a vectorised grid (the SSE surface can have several basins),
    refined from the best grid point by the bounded Nelder-Mead (``nelder_mead``:
    scipy.optimize's, step for step, on plain floats). ``on_grid``: the grid's SSE, when
    computed already."""
    from opsdesk.core.kpi.nelder_mead import minimize

    series: list[float] = y.tolist()
    first, rest = series[0], series[1:]

    def sse(alpha: float, beta: float, phi: float = 1.0, bound: float = math.inf) -> float:
        """Plain floats: quicker. Stops once the sum reaches ``bound`` (it only grows)."""
        level, slope, total = first, series[1] - first, 0.0
        keep_level, keep_slope = 1.0 - alpha, 1.0 - beta
        for value in rest:
            damped_slope = phi * slope
            guess = level + damped_slope
            error = value - guess
            total += error * error
            if total >= bound:
                return total
            new_level = alpha * value + keep_level * guess
            slope = beta * (new_level - level) + keep_slope * damped_slope
            level = new_level
        return total

    lower: tuple[float, ...]
    upper: tuple[float, ...]
    alphas, betas, phis = _grid(damped)
    if on_grid is None:
        on_grid = _sse_grid(y, alphas, betas, phis if damped else 1.0)
    best = int(np.argmin(on_grid))
    if damped:
        start: tuple[float, ...] = (float(alphas[best]), float(betas[best]), float(phis[best]))
        lower, upper = (0.0, 0.0, PHI_RANGE[0]), (1.0, 1.0, PHI_RANGE[1])
    else:
        start = (float(alphas[best]), float(betas[best]))
        lower, upper = (0.0, 0.0), (1.0, 1.0)
    # Bounded Nelder-Mead: the SSE is cheap and smooth enough, and here it takes about a
    # tenth of L-BFGS-B's time for the same minimum.
    found, fun = minimize(sse, start, lower, upper, xatol=1e-3,
                          fatol=1e-7 * float(on_grid[best]) + 1e-12, bounded=True)
    params = tuple(min(max(p, lo), hi) for p, lo, hi in zip(found, lower, upper, strict=True))
    if fun > sse(*start):  # never worse than the grid
        params = start
    alpha, beta = params[0], params[1]
    phi = params[2] if damped else 1.0
    level, slope, fitted = holt_filter(y, alpha, beta, phi)
    errors = y[1:] - fitted
    dof = max(len(errors) - len(params), 1)
    return HoltFit(alpha, beta, level, slope, float(np.sum(errors**2)),
                   float(np.sqrt(np.sum(errors**2) / dof)), tuple(float(f) for f in fitted),
                   phi)


def fit_holt(values: np.ndarray) -> HoltFit:
    """Holt's linear trend: least-squares alpha and beta in [0, 1] (at least 3 values)."""
    return _fit(np.asarray(values, dtype=float), damped=False)


def fit_damped(values: np.ndarray) -> HoltFit:
    """Holt's damped trend: alpha, beta in [0, 1] and phi in PHI_RANGE (at least 3 values)."""
    return _fit(np.asarray(values, dtype=float), damped=True)


def fit_best(values: np.ndarray) -> HoltFit:
    """The linear or the damped trend, whichever has the lower AICc (the linear on a tie:
    the simpler model)."""
    y = np.asarray(values, dtype=float)
    linear_grid, damped_grid = _both_grids(y)
    linear = _fit(y, damped=False, on_grid=linear_grid)
    if linear.sse == 0.0:  # a straight line: nothing left for damping to explain
        return linear
    damped = _fit(y, damped=True, on_grid=damped_grid)
    return damped if damped.aicc < linear.aicc else linear


def predict(fit: HoltFit, h: int, confidence: float = 0.95,
            bounds: Bounds = (None, None)) -> tuple[float, float, float]:
    """The h-step-ahead forecast and its prediction interval (low, high), each kept
    within ``bounds`` (the KPI's natural range) where one is given."""
    phi, state_beta = fit.phi, fit.alpha * fit.beta  # the state-space form's beta
    damping = [phi]  # phi + phi^2 + ... + phi^j, for j = 1 .. h
    for _ in range(1, h):
        damping.append(damping[-1] * phi + phi)
    point = fit.level + damping[h - 1] * fit.trend
    variance = 1.0 + sum((fit.alpha + state_beta * damping[j - 1]) ** 2 for j in range(1, h))
    half = NormalDist().inv_cdf(0.5 + confidence / 2.0) * fit.sigma * math.sqrt(variance)
    low, high = point - half, point + half
    floor, ceiling = bounds
    if floor is not None:
        point, low, high = max(point, floor), max(low, floor), max(high, floor)
    if ceiling is not None:
        point, low, high = min(point, ceiling), min(low, ceiling), min(high, ceiling)
    return point, low, high


def next_period_forecast(
    values: np.ndarray, last_start: date, frequency: str, h: int = 1,
    bounds: Bounds = (None, None),
) -> Forecast | None:
    """The forecast ``h`` periods after the one starting ``last_start``; None if too short."""
    if len(values) < MIN_PERIODS:
        return None
    point, low, high = predict(fit_best(values[-FIT_PERIODS:]), h, bounds=bounds)
    return Forecast(label(shift(last_start, frequency, h), frequency), point, low, high)
