"""Tests on counts: two proportions (normal approximation), chi-square of a table.

Two proportions: z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)) with the pooled
p = (x1 + x2) / (n1 + n2) (Montgomery & Runger, *Applied Statistics and Probability for
Engineers*, section 10-6), the interval of p1 - p2 from the separate variances, and
Fisher's exact p-value beside it for small counts. Chi-square: Pearson's statistic of a
contingency table without Yates' correction (as Minitab prints it), expected counts
below 5 noted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.stats.means import RELATION, say
from opsdesk.core.stats.result import Alternative, TestResult, check_alpha, num, p_text


def _count(value: float, what: str) -> int:
    if not (math.isfinite(value) and value >= 0 and float(value).is_integer()):
        raise OpsdeskError(f"{what} must be a whole number of 0 or more, not {value:g}.")
    return int(value)


def two_proportions(events: tuple[float, float], trials: tuple[float, float], *,
                    names: tuple[str, str] = ("the first sample", "the second sample"),
                    alpha: float = 0.05, alternative: Alternative = "two-sided") -> TestResult:
    """Is the proportion x1/n1 different from (below, above) x2/n2?"""
    from scipy.stats import fisher_exact, norm

    check_alpha(alpha, alternative)
    x1, x2 = (_count(e, f"The count of events of {n}") for e, n in zip(events, names,
                                                                        strict=True))
    n1, n2 = (_count(t, f"The number of trials of {n}") for t, n in zip(trials, names,
                                                                         strict=True))
    for x, n, name in ((x1, n1, names[0]), (x2, n2, names[1])):
        if n == 0 or x > n:
            raise OpsdeskError(f"{name} has {x} events in {n} trials; give at least one "
                               "trial and no more events than trials.")
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        raise OpsdeskError("Both proportions are 0 (or both 1), so there is nothing to test.")
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if alternative == "two-sided":
        p = float(2 * norm.sf(abs(z)))
        q = float(norm.isf(alpha / 2))
    else:
        p = float(norm.cdf(z) if alternative == "less" else norm.sf(z))
        q = float(norm.isf(alpha))
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    low = p1 - p2 - q * se if alternative != "less" else -math.inf
    high = p1 - p2 + q * se if alternative != "greater" else math.inf
    fisher = float(fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative=alternative)[1])
    claim = (f"the proportion of {names[0]} ({x1}/{n1} = {num(p1)}) {RELATION[alternative]} "
             f"that of {names[1]} ({x2}/{n2} = {num(p2)})")
    evidence = f"z = {z:.3f}, {p_text(p)} (test of two proportions, pooled, α = {alpha:g})"
    return TestResult("two proportions", "z", z, p, say(p < alpha, claim, evidence), alpha,
                      alternative, (), p1 - p2, "difference of proportions", (low, high),
                      1 - alpha, notes=(f"Fisher's exact test: {p_text(fisher)}",))


def chi_square(table: Sequence[Sequence[float]] | np.ndarray, *,
               names: tuple[str, str] = ("the rows", "the columns"),
               alpha: float = 0.05) -> TestResult:
    """Are the rows and the columns of a table of counts associated?"""
    from scipy.stats import chi2_contingency

    check_alpha(alpha, "two-sided")
    t = np.asarray(table, dtype=float)
    if t.ndim != 2 or t.shape[0] < 2 or t.shape[1] < 2:
        raise OpsdeskError("A chi-square test needs a table of at least 2 rows and 2 columns.")
    for value in t.ravel():
        _count(float(value), "Every count")
    if np.any(t.sum(axis=0) == 0) or np.any(t.sum(axis=1) == 0):
        raise OpsdeskError("A row or a column of the table has no counts at all.")
    res = chi2_contingency(t, correction=False)
    stat, p, dof = float(res.statistic), float(res.pvalue), float(res.dof)
    low = int(np.sum(res.expected_freq < 5))
    notes: tuple[str, ...] = ()
    if low:
        notes = (f"{low} of {t.size} expected counts are below 5: the chi-square "
                 "approximation may be poor.",)
    shape = " × ".join(str(s) for s in t.shape)
    claim = f"{names[0]} and {names[1]} are associated ({shape} table of counts)"
    evidence = f"χ² = {stat:.3f}, df = {dof:g}, {p_text(p)} (Pearson's chi-square, α = {alpha:g})"
    return TestResult("chi-square test of association", "χ²", stat, p,
                      say(p < alpha, claim, evidence), alpha, "two-sided", (dof,),
                      notes=notes)
