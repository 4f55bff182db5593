"""t tests of means: one sample, two samples, paired (scipy.stats).

Two samples are compared by Welch's t test unless equal variances are assumed (then the
pooled Student t test), as Minitab's 2-Sample t does by default. Confidence intervals are
scipy's: of the mean, of the difference of the means, of the mean difference; one-sided
alternatives give one-sided bounds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.stats.result import (
    Alternative,
    TestResult,
    check_alpha,
    check_finite,
    computing,
    no_spread,
    num,
    p_text,
    sample,
    summary,
)

RELATION = {"two-sided": "differs from", "less": "is below", "greater": "is above"}


def say(significant: bool, claim: str, evidence: str) -> str:
    """One sentence: the claim when the test finds it, else that the data do not show it."""
    if significant:
        return f"{claim[0].upper()}{claim[1:]}: {evidence}."
    return f"The data do not show that {claim}: {evidence}."


def _ci(low: float, high: float, confidence: float) -> str:
    if math.isinf(low):
        return f"{confidence:.0%} upper bound {num(high)}"
    if math.isinf(high):
        return f"{confidence:.0%} lower bound {num(low)}"
    return f"{confidence:.0%} CI {num(low)} to {num(high)}"


def one_sample_t(values: Sequence[float] | np.ndarray, mu: float, *, name: str = "the data",
                 alpha: float = 0.05, alternative: Alternative = "two-sided") -> TestResult:
    from scipy.stats import ttest_1samp

    check_alpha(alpha, alternative)
    x = sample(values, name)
    if no_spread(x):
        raise OpsdeskError(f"The values of {name} are all equal, so the t statistic has no "
                           "spread to divide by.")
    with computing("t statistic"):
        res = ttest_1samp(x, mu, alternative=alternative)
    check_finite(float(res.statistic), "t statistic")
    ci = res.confidence_interval(1 - alpha)
    g = summary(x, name)
    stat, p, df = float(res.statistic), float(res.pvalue), float(res.df)
    claim = f"the mean of {name} ({num(g.mean)}, n = {g.n}) {RELATION[alternative]} {num(mu)}"
    evidence = (f"t = {stat:.3f}, df = {df:g}, {p_text(p)}; "
                f"{_ci(float(ci.low), float(ci.high), 1 - alpha)} (one-sample t test, "
                f"α = {alpha:g})")
    return TestResult("one-sample t test", "t", stat, p, say(p < alpha, claim, evidence),
                      alpha, alternative, (df,), g.mean, "mean",
                      (float(ci.low), float(ci.high)), 1 - alpha, (g,))


def two_sample_t(first: Sequence[float] | np.ndarray, second: Sequence[float] | np.ndarray,
                 *, names: tuple[str, str] = ("the first sample", "the second sample"),
                 equal_var: bool = False, alpha: float = 0.05,
                 alternative: Alternative = "two-sided") -> TestResult:
    """Is the mean of ``first`` different from (below, above) that of ``second``?
    The estimate is mean(first) - mean(second)."""
    from scipy.stats import ttest_ind

    check_alpha(alpha, alternative)
    a, b = sample(first, names[0]), sample(second, names[1])
    if no_spread(a) and no_spread(b):
        raise OpsdeskError("Each sample's values are all equal, so the t statistic has no "
                           "spread to divide by.")
    with computing("t statistic"):
        res = ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
    check_finite(float(res.statistic), "t statistic")
    ci = res.confidence_interval(1 - alpha)
    ga, gb = summary(a, names[0]), summary(b, names[1])
    stat, p, df = float(res.statistic), float(res.pvalue), float(res.df)
    test = "two-sample t test (equal variances)" if equal_var else "Welch's two-sample t test"
    diff = ga.mean - gb.mean
    claim = (f"the mean of {names[0]} ({num(ga.mean)}, n = {ga.n}) {RELATION[alternative]} "
             f"the mean of {names[1]} ({num(gb.mean)}, n = {gb.n})")
    evidence = (f"difference {num(diff)} ({_ci(float(ci.low), float(ci.high), 1 - alpha)}), "
                f"t = {stat:.3f}, df = {df:.4g}, {p_text(p)} ({test}, α = {alpha:g})")
    return TestResult(test, "t", stat, p, say(p < alpha, claim, evidence), alpha, alternative,
                      (df,), diff, "difference of means", (float(ci.low), float(ci.high)),
                      1 - alpha, (ga, gb))


def paired_t(first: Sequence[float] | np.ndarray, second: Sequence[float] | np.ndarray, *,
             names: tuple[str, str] = ("the first measurement", "the second measurement"),
             alpha: float = 0.05, alternative: Alternative = "two-sided") -> TestResult:
    """The mean of the differences first - second against 0."""
    from scipy.stats import ttest_rel

    check_alpha(alpha, alternative)
    a, b = sample(first, names[0]), sample(second, names[1])
    if len(a) != len(b):
        raise OpsdeskError(f"A paired test needs pairs: {names[0]} has {len(a)} values and "
                           f"{names[1]} {len(b)}.")
    if no_spread(a - b):
        raise OpsdeskError("Every pair differs by the same amount, so the t statistic has no "
                           "spread to divide by.")
    with computing("t statistic"):
        res = ttest_rel(a, b, alternative=alternative)
    check_finite(float(res.statistic), "t statistic")
    ci = res.confidence_interval(1 - alpha)
    d = summary(a - b, f"{names[0]} − {names[1]}")
    stat, p, df = float(res.statistic), float(res.pvalue), float(res.df)
    claim = (f"{names[0]} {RELATION[alternative]} {names[1]} on average (mean difference "
             f"{num(d.mean)}, {d.n} pairs)")
    evidence = (f"{_ci(float(ci.low), float(ci.high), 1 - alpha)}, t = {stat:.3f}, "
                f"df = {df:g}, {p_text(p)} (paired t test, α = {alpha:g})")
    return TestResult("paired t test", "t", stat, p, say(p < alpha, claim, evidence), alpha,
                      alternative, (df,), d.mean, "mean difference",
                      (float(ci.low), float(ci.high)), 1 - alpha,
                      (summary(a, names[0]), summary(b, names[1]), d))
