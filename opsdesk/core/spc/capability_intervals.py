"""Confidence intervals of the capability indices (normal data).

Cp and Pp: from the chi-square distribution of the variance, index x sqrt(chi2(a/2; v)/v)
to index x sqrt(chi2(1 - a/2; v)/v) (Montgomery ISQC 6th ed., eq. 8.19; Minitab "Methods
and formulas" for Normal Capability Analysis), v the degrees of freedom of the sigma (for
Pp, N - 1).

Cpk and Ppk: Bissell's normal approximation (Bissell 1990, *Applied Statistics* 39(3);
Montgomery eq. 8.21; Minitab): index +- z(1 - a/2) sqrt(1/(9N) + index^2 / (2v)).

Cpm: the chi-square approximation of Boyles (1991), *J. Quality Technology* 23(1), as
Minitab gives it: Cpm x sqrt(chi2(a/2; v)/v) to Cpm x sqrt(chi2(1 - a/2; v)/v) with
v = N (1 + d^2)^2 / (1 + 2 d^2), d = (mean - T) / s.
"""

from __future__ import annotations

import math


def chi_square_interval(index: float, dof: float, confidence: float) -> tuple[float, float]:
    from scipy.stats import chi2

    alpha = 1 - confidence
    return (index * math.sqrt(float(chi2.ppf(alpha / 2, dof)) / dof),
            index * math.sqrt(float(chi2.ppf(1 - alpha / 2, dof)) / dof))


def bissell_interval(index: float, n: int, dof: float, confidence: float
                     ) -> tuple[float, float]:
    from scipy.stats import norm

    half = float(norm.ppf(1 - (1 - confidence) / 2)) * math.sqrt(1 / (9 * n)
                                                                  + index ** 2 / (2 * dof))
    return index - half, index + half


def cpm_dof(n: int, mean: float, sd: float, target: float) -> float:
    d2 = ((mean - target) / sd) ** 2
    return n * (1 + d2) ** 2 / (1 + 2 * d2)


def cpm_interval(cpm: float, n: int, mean: float, sd: float, target: float,
                 confidence: float) -> tuple[float, float]:
    return chi_square_interval(cpm, cpm_dof(n, mean, sd, target), confidence)
