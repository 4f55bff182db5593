"""Control-chart constants computed from their definitions, exact to double precision.

d2(n) is the mean and d3(n) the standard deviation of the range of n standard normal
values; c4(n) is the mean of the sample standard deviation of n standard normal values
divided by sigma. The textbook factors (A2, D3, D4, A3, B3, B4, ...) follow from them.
Minitab and qcc use unrounded constants too, so results match them beyond the
three decimals of the printed tables (Montgomery, ISQC, Appendix VI).

How each is computed (the tests hold them to 30-digit references):

- d2(n) = integral of 1 - F^n - (1 - F)^n over the line (Tippett 1925), F the normal
  CDF; the integrand is even, so twice its integral over [0, 14] (past 14 it is below
  1e-44 for any n up to 10^20), by Gauss-Legendre on panels, 1 - F^n taken as
  -expm1(n log F) so that no digit is lost in the tail.
- d3(n)^2 = the integral of (r - d2)^2 times the range's density
  f(r) = n (n - 1) * integral of phi(x) phi(x + r) (F(x + r) - F(x))^(n - 2) dx: the
  variance straight from its definition (E[R^2] - d2^2 would cancel digits away), on a
  product Gauss-Legendre grid. The inner integrand is symmetric about x = -r/2, so it is
  taken over t = x + r/2 >= 0 only, where F(t + r/2) - F(t - r/2) is the difference of two
  upper tails (no cancellation against 1). Integrating the range's density on [0, 14]
  rather than the triangle x < y of the double integral keeps every integrand smooth,
  which Gauss-Legendre needs to converge at its exponential rate.
- c4(n) = sqrt(2 / (n - 1)) Gamma(n / 2) / Gamma((n - 1) / 2): the gamma functions
  themselves while they stay finite (n <= 343), else Stirling's series of the difference of
  their logarithms (lgamma's own difference loses digits as n grows).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

# Past these the integrands are below 1e-40 of their peak, for every n up to 10^6.
_X_END = 14.0        # d2: x from 0 to here
_T_END = 9.0         # d3: t from 0 to here (the phi(x) phi(x + r) factor is e^(-t^2))
_R_END = 14.0        # d3: r from 0 to here
_GAMMA_FINITE = 343  # math.gamma(n / 2) overflows past n = 343
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30)  # B2, B4, B6, B8 (Stirling's series)


@lru_cache(maxsize=8)
def _gauss_legendre(lo: float, hi: float, panels: int, order: int
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of ``order``-point Gauss-Legendre on each of ``panels`` equal
    panels of [lo, hi]."""
    t, w = np.polynomial.legendre.leggauss(order)
    edges = np.linspace(lo, hi, panels + 1)
    half = (edges[1:] - edges[:-1]) / 2
    mid = (edges[1:] + edges[:-1]) / 2
    return (mid[:, None] + half[:, None] * t).ravel(), (half[:, None] * w).ravel()


@lru_cache(maxsize=256)
def d2(n: int) -> float:
    """Expected range of ``n`` standard normal values."""
    _check(n)
    if n == 2:  # the moving range: no scipy to import (a third of a second) for it
        return 2.0 / math.sqrt(math.pi)  # E|Z1 - Z2| = sqrt(2) * sqrt(2/pi)
    from scipy.special import log_ndtr, ndtr

    x, w = _gauss_legendre(0.0, _X_END, 28, 20)
    integrand = -np.expm1(n * log_ndtr(x)) - ndtr(-x) ** n
    return 2.0 * math.fsum((w * integrand).tolist())


@lru_cache(maxsize=256)
def d3(n: int) -> float:
    """Standard deviation of the range of ``n`` standard normal values."""
    _check(n)
    if n == 2:
        return math.sqrt(2.0 - 4.0 / math.pi)  # Var|Z1 - Z2| = 2 - (2/sqrt(pi))^2
    from scipy.special import ndtr

    panels = 12 if n <= 1000 else 24  # the larger n, the sharper the inner integrand
    t, wt = _gauss_legendre(0.0, _T_END, panels, 16)
    r, wr = _gauss_legendre(0.0, _R_END, panels, 16)
    tt, half = t[:, None], r[None, :] / 2
    inside = ndtr(half - tt) - ndtr(-half - tt)  # F(t + r/2) - F(t - r/2), upper tails
    inner = np.exp(-(tt * tt + half * half)) * inside ** (n - 2)
    density = (n * (n - 1) / math.pi) * (wt @ inner)  # 2 * n (n - 1) / (2 pi)
    return math.sqrt(math.fsum((wr * (r - d2(n)) ** 2 * density).tolist()))


@lru_cache(maxsize=1024)
def c4(n: int) -> float:
    """E[s] / sigma for samples of ``n`` normal values."""
    _check(n)
    if n <= _GAMMA_FINITE:
        return math.sqrt(2.0 / (n - 1)) * math.gamma(n / 2.0) / math.gamma((n - 1) / 2.0)
    # ln c4 = ln Gamma(x + 1/2) - ln Gamma(x) - ln(x) / 2 with x = (n - 1) / 2, by
    # Stirling's series for each: x ln(1 + 1/(2x)) - 1/2 plus the Bernoulli terms.
    x = (n - 1) / 2.0
    log_c4 = x * math.log1p(0.5 / x) - 0.5
    for k, b in enumerate(_BERNOULLI, start=1):
        power = 2 * k - 1
        log_c4 += b / (2 * k * power) * ((x + 0.5) ** -power - x ** -power)
    return math.exp(log_c4)


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
