"""Control-chart constants computed from their definitions (no rounded tables).

d2(n) is the mean and d3(n) the standard deviation of the range of n standard normal
values; c4(n) is the mean of the sample standard deviation of n standard normal values
divided by sigma. The textbook factors (A2, D3, D4, A3, B3, B4, ...) follow from them.
Minitab and qcc use unrounded constants too, so results match them beyond the
three decimals of the printed tables (Montgomery, ISQC, Appendix VI).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

_SQRT_PI = math.sqrt(math.pi)


def _phi(x: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    return np.asarray(ndtr(x), dtype=float)


@lru_cache(maxsize=256)
def d2(n: int) -> float:
    """Expected range of ``n`` standard normal values."""
    _check(n)
    if n == 2:
        return 2.0 / _SQRT_PI  # E|Z1 - Z2| = sqrt(2) * sqrt(2/pi)
    x = np.linspace(-12.0, 12.0, 4801)
    cdf = _phi(x)
    integrand = 1.0 - cdf**n - (1.0 - cdf) ** n
    return float(np.trapezoid(integrand, x))


@lru_cache(maxsize=256)
def d3(n: int) -> float:
    """Standard deviation of the range of ``n`` standard normal values."""
    _check(n)
    if n == 2:
        return math.sqrt(2.0 - 4.0 / math.pi)  # Var|Z1 - Z2| = 2 - (2/sqrt(pi))^2
    # E[R^2] = 2 * double integral over x < y of
    #   1 - F(y)^n - (1 - F(x))^n + (F(y) - F(x))^n   (Tippett 1925)
    x = np.linspace(-9.0, 9.0, 1441)
    step = x[1] - x[0]
    cdf = _phi(x)
    fy = cdf[:, None]
    fx = cdf[None, :]
    inner = 1.0 - fy**n - (1.0 - fx) ** n + np.clip(fy - fx, 0.0, None) ** n
    inner = np.tril(inner)  # keep x <= y
    np.fill_diagonal(inner, 0.5 * np.diag(inner))  # trapezoid weight on the diagonal edge
    second_moment = 2.0 * float(inner.sum()) * step * step
    return math.sqrt(max(second_moment - d2(n) ** 2, 0.0))


@lru_cache(maxsize=1024)
def c4(n: int) -> float:
    """E[s] / sigma for samples of ``n`` normal values."""
    _check(n)
    return math.sqrt(2.0 / (n - 1)) * math.exp(math.lgamma(n / 2.0) - math.lgamma((n - 1) / 2.0))


def _check(n: int) -> None:
    if n < 2:
        raise ValueError(f"control-chart constants need a subgroup size of at least 2, not {n}")


def a2(n: int) -> float:
    return 3.0 / (d2(n) * math.sqrt(n))


def d3_factor(n: int) -> float:
    """D3 = max(0, 1 - 3 d3/d2): the R chart's lower limit factor."""
    return max(0.0, 1.0 - 3.0 * d3(n) / d2(n))


def d4_factor(n: int) -> float:
    """D4 = 1 + 3 d3/d2: the R chart's upper limit factor."""
    return 1.0 + 3.0 * d3(n) / d2(n)


def a3(n: int) -> float:
    return 3.0 / (c4(n) * math.sqrt(n))


def b3(n: int) -> float:
    return max(0.0, 1.0 - 3.0 * math.sqrt(1.0 - c4(n) ** 2) / c4(n))


def b4(n: int) -> float:
    return 1.0 + 3.0 * math.sqrt(1.0 - c4(n) ** 2) / c4(n)
