"""Comparing groups: one-way ANOVA with Tukey's comparisons, Levene's test of equal
variances, the Mann-Whitney test (scipy.stats).

Levene's test is centred on the group medians (Brown & Forsythe 1974), the version
Minitab reports as Levene's and R's car::leveneTest computes by default. Tukey's honestly
significant differences use the studentized range (scipy.stats.tukey_hsd; Tukey-Kramer
for unequal group sizes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.stats.means import RELATION, say
from opsdesk.core.stats.result import (
    Alternative,
    Comparison,
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

Groups = Mapping[str, Sequence[float] | np.ndarray]


def _groups(groups: Groups, minimum: int) -> dict[str, np.ndarray]:
    if len(groups) < 2:
        raise OpsdeskError(f"This test compares groups: it needs 2 or more, not {len(groups)}.")
    return {name: sample(values, f"group {name!r}", minimum) for name, values in groups.items()}


def one_way_anova(groups: Groups, *, alpha: float = 0.05) -> TestResult:
    """Do the group means differ? With Tukey's pairwise comparisons at ``alpha``."""
    from scipy.stats import f_oneway, tukey_hsd

    check_alpha(alpha, "two-sided")
    data = _groups(groups, 1)
    total = sum(len(x) for x in data.values())
    if total <= len(data):
        raise OpsdeskError("One-way ANOVA needs more values than groups (some group needs "
                           "2 or more).")
    if all(no_spread(x) for x in data.values()):
        raise OpsdeskError("Every group's values are all equal, so the groups have no "
                           "spread to compare their means with.")
    with computing("F statistic"):
        res = f_oneway(*data.values())
        hsd = tukey_hsd(*data.values())
    stat, p = float(res.statistic), float(res.pvalue)
    check_finite(stat, "F statistic")
    df = (float(len(data) - 1), float(total - len(data)))
    names = list(data)
    ci = hsd.confidence_interval(1 - alpha)
    pairs = tuple(
        Comparison(names[i], names[j], float(hsd.statistic[i, j]),
                   (float(ci.low[i, j]), float(ci.high[i, j])), float(hsd.pvalue[i, j]))
        for i in range(len(names)) for j in range(i + 1, len(names)))
    differ = [c for c in pairs if c.p_value < alpha]
    summaries = tuple(summary(x, n) for n, x in data.items())
    means = ", ".join(f"{g.name} {num(g.mean)}" for g in summaries)
    claim = f"the group means differ ({means})"
    evidence = f"F = {stat:.3f}, df = {df[0]:g} and {df[1]:g}, {p_text(p)} (one-way ANOVA, " \
               f"α = {alpha:g})"
    sentence = say(p < alpha, claim, evidence)
    if differ:
        listed = "; ".join(f"{c.first} − {c.second} = {num(c.difference)} ({p_text(c.p_value)})"
                           for c in differ)
        sentence += f" Tukey's comparisons find these pairs different: {listed}."
    elif p < alpha:
        sentence += " Tukey's comparisons find no single pair different at this level."
    return TestResult("one-way ANOVA", "F", stat, p, sentence, alpha, "two-sided", df,
                      groups=summaries, comparisons=pairs,
                      notes=(f"Tukey's {1 - alpha:.0%} simultaneous intervals "
                             "(Tukey-Kramer for unequal sizes)",))


def levene(groups: Groups, *, alpha: float = 0.05) -> TestResult:
    """Do the group variances differ? (Brown-Forsythe: deviations from the medians.)"""
    from scipy.stats import levene as scipy_levene

    check_alpha(alpha, "two-sided")
    data = _groups(groups, 2)
    deviations = [np.abs(x - np.median(x)) for x in data.values()]
    if all(no_spread(d) for d in deviations):
        raise OpsdeskError("Levene's test cannot be computed: every group's deviations from "
                           "its median are equal.")
    with computing("Levene statistic"):
        res = scipy_levene(*data.values(), center="median")
    stat, p = float(res.statistic), float(res.pvalue)
    check_finite(stat, "Levene statistic")
    total = sum(len(x) for x in data.values())
    df = (float(len(data) - 1), float(total - len(data)))
    summaries = tuple(summary(x, n) for n, x in data.items())
    sds = ", ".join(f"{g.name} {num(g.sd)}" for g in summaries)
    claim = f"the group variances differ (standard deviations {sds})"
    evidence = (f"W = {stat:.3f}, df = {df[0]:g} and {df[1]:g}, {p_text(p)} (Levene's test, "
                f"median-centred, α = {alpha:g})")
    return TestResult("Levene's test (median)", "W", stat, p, say(p < alpha, claim, evidence),
                      alpha, "two-sided", df, groups=summaries)


def mann_whitney(first: Sequence[float] | np.ndarray, second: Sequence[float] | np.ndarray,
                 *, names: tuple[str, str] = ("the first sample", "the second sample"),
                 alpha: float = 0.05, alternative: Alternative = "two-sided") -> TestResult:
    """Do the two samples' distributions differ in location? U is that of ``first``;
    the exact p-value for small samples without ties, else the normal approximation with
    the tie and continuity corrections (scipy's choice)."""
    from scipy.stats import mannwhitneyu

    check_alpha(alpha, alternative)
    a, b = sample(first, names[0], 1), sample(second, names[1], 1)
    if no_spread(np.concatenate([a, b])):
        raise OpsdeskError("Every value is the same, so there is nothing to rank.")
    with computing("Mann-Whitney statistic"):
        res = mannwhitneyu(a, b, alternative=alternative)
    stat, p = float(res.statistic), float(res.pvalue)
    ma, mb = float(np.median(a)), float(np.median(b))
    claim = (f"{names[0]} (median {num(ma)}, n = {len(a)}) {RELATION[alternative]} "
             f"{names[1]} (median {num(mb)}, n = {len(b)}) in location")
    evidence = f"U = {stat:g}, {p_text(p)} (Mann-Whitney test, α = {alpha:g})"
    return TestResult("Mann-Whitney test", "U", stat, p, say(p < alpha, claim, evidence),
                      alpha, alternative, (), ma - mb, "difference of medians",
                      groups=(summary(a, names[0]), summary(b, names[1])))
