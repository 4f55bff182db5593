"""Normality: Anderson-Darling test, probability-plot points, Box-Cox transformation.

A^2 with mean and standard deviation estimated from the data; the p-value from the
adjusted A*^2 = A^2 (1 + 0.75/n + 2.25/n^2) by D'Agostino & Stephens (1986),
*Goodness-of-Fit Techniques*, Table 4.9 (the formulas Minitab uses). Plot positions are
Benard's median ranks (i - 0.3) / (n + 0.4), Minitab's default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from opsdesk.core.errors import OpsdeskError


@dataclass(frozen=True)
class Normality:
    n: int
    mean: float
    sd: float
    ad: float            # A^2
    ad_adjusted: float   # A*^2
    p_value: float
    sorted_values: np.ndarray
    percent: np.ndarray  # plotting positions, in percent
    z: np.ndarray        # normal scores of the plotting positions

    @property
    def normal(self) -> bool:
        return self.p_value >= 0.05

    def verdict(self) -> str:
        p = "< 0.005" if self.p_value < 0.005 else f"= {self.p_value:.3f}"
        word = "consistent with a normal distribution" if self.normal else "not normal"
        return f"Anderson-Darling A² = {self.ad:.3f}, p {p}: {word} (at 5%)"


def ad_p_value(a_star: float) -> float:
    if a_star >= 0.6:
        p = math.exp(1.2937 - 5.709 * a_star + 0.0186 * a_star ** 2)
    elif a_star >= 0.34:
        p = math.exp(0.9177 - 4.279 * a_star - 1.38 * a_star ** 2)
    elif a_star >= 0.2:
        p = 1 - math.exp(-8.318 + 42.796 * a_star - 59.938 * a_star ** 2)
    else:
        p = 1 - math.exp(-13.436 + 101.14 * a_star - 223.73 * a_star ** 2)
    return min(max(p, 0.0), 1.0)


def anderson_darling(values: np.ndarray) -> Normality:
    from scipy.special import log_ndtr, ndtri

    x = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    n = len(x)
    if n < 3:
        raise OpsdeskError("The normality test needs at least 3 values.")
    mean, sd = float(np.mean(x)), float(np.std(x, ddof=1))
    if sd == 0:
        raise OpsdeskError("All values are equal, so normality cannot be tested.")
    z = (x - mean) / sd
    i = np.arange(1, n + 1)
    # ln(1 - F(z)) = ln F(-z): log_ndtr keeps precision in the tails
    a2 = float(-n - np.sum((2 * i - 1) * (log_ndtr(z) + log_ndtr(-z[::-1]))) / n)
    a_star = a2 * (1 + 0.75 / n + 2.25 / n ** 2)
    pos = (i - 0.3) / (n + 0.4)
    return Normality(n, mean, sd, a2, a_star, ad_p_value(a_star), x, pos * 100,
                     np.asarray(ndtri(pos), dtype=float))


@dataclass(frozen=True)
class BoxCox:
    lam: float
    transformed: np.ndarray

    def apply(self, value: float) -> float:
        if value <= 0:
            raise OpsdeskError(f"Box-Cox needs positive values; {value:g} is not.")
        return math.log(value) if self.lam == 0 else (value ** self.lam - 1) / self.lam

    def statement(self) -> str:
        edge = (" at the edge of the searched range −5…5"
                if abs(abs(self.lam) - LAMBDA_RANGE[1]) < 1e-3 else "")
        return (f"Box-Cox transformation, λ = {self.lam:.3f} (maximum likelihood{edge}): "
                "(x^λ − 1)/λ; indices computed on the transformed data and spec limits")


LAMBDA_RANGE = (-5.0, 5.0)  # Minitab's search range; beyond it the transform is ill-conditioned


def box_cox(values: np.ndarray) -> BoxCox:
    """lambda by maximum likelihood (Box & Cox 1964), searched within LAMBDA_RANGE."""
    from scipy.optimize import minimize_scalar
    from scipy.stats import boxcox, boxcox_llf

    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if len(x) < 3 or np.any(x <= 0):
        raise OpsdeskError("Box-Cox needs at least 3 values, all above 0.")
    if np.all(x == x[0]):
        raise OpsdeskError("All values are equal, so there is nothing to transform.")
    best = minimize_scalar(lambda lam: -boxcox_llf(lam, x), bounds=LAMBDA_RANGE,
                           method="bounded", options={"xatol": 1e-6})
    lam = float(best.x)
    return BoxCox(lam, np.asarray(boxcox(x, lmbda=lam), dtype=float))
