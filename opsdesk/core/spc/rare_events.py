"""Rare-event charts: the g chart (counts between events) and the t chart (times between
events), as Minitab's G and T charts compute them.

g chart (Benneyan 2001, *Health Care Manag. Sci.* 4; Minitab "Methods and formulas" for G
Chart): the points are the numbers of opportunities (days, units, patients) between
events; p = 1 / (g-bar + 1) from their mean g-bar; the geometric distribution of the
"number until" an event, F(k) = 1 - (1 - p)^k, gives G = the q-th percentile by linear
interpolation between the two whole numbers whose probabilities bracket q, and the
plotted limits are G - 1 at q = Phi(-K), 0.5, Phi(K) (the lower one floored at 0).

t chart (Minitab "Methods and formulas" for T Chart): the points are the times between
events, fitted by a Weibull distribution (maximum likelihood; or an exponential, whose
maximum-likelihood scale is the mean); the centre line and the limits are the fitted
distribution's 50th, Phi(-K)-th and Phi(K)-th percentiles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.fitted import weibull_fit
from opsdesk.core.spc.model import ChartOptions, ChartResult
from opsdesk.core.spc.phases import Phases, resolve
from opsdesk.core.spc.probability_limits import probability_panel, tail_probabilities

T_DISTRIBUTIONS = ("weibull", "exponential")


def geometric_percentile(p: float, q: float) -> float:
    """Minitab's interpolated q-th percentile of the geometric "number until" (k >= 1)."""
    # the smallest whole k with F(k) = 1 - (1 - p)^k >= q
    k = max(1, math.ceil(math.log1p(-q) / math.log1p(-p) - 1e-9))
    while k > 1 and -math.expm1((k - 1) * math.log1p(-p)) >= q:
        k -= 1
    f_a = -math.expm1((k - 1) * math.log1p(-p))
    f_b = -math.expm1(k * math.log1p(-p))
    return (k - 1) + (q - f_a) / (f_b - f_a)


def _names(labels: Sequence[str] | None, n: int) -> list[str]:
    return list(labels) if labels is not None else [str(i + 1) for i in range(n)]


def _check(x: np.ndarray, labels: Sequence[str] | None, what: str, zero_ok: bool) -> None:
    bad = np.flatnonzero((x < 0) | (~zero_ok & (x == 0)))
    if len(bad):
        i = int(bad[0])
        need = "0 or more" if zero_ok else "above 0 (two events at the same moment have no " \
               "time between them: count them on a g chart)"
        raise OpsdeskError(f"Point {_names(labels, len(x))[i]!r} holds {x[i]:g}; {what} must "
                           f"be {need}.")


def _result(chart: str, titles: tuple[str, str], x: np.ndarray,
            labels: Sequence[str] | None, options: ChartOptions, ph: Phases,
            levels: list[list[float]], notes: list[str]) -> ChartResult:
    """The chart from each stage's (centre, UCL, LCL)."""
    center, ucl, lcl = (ph.fill([lv[k] for lv in levels]) for k in range(3))
    panel = probability_panel(chart, titles[0], x, center, ucl, lcl, options.rules,
                              ph.stages, titles[1])
    return ChartResult(chart, [panel], len(x), labels, None, ph.excluded, ph.reasons,
                       ph.estimated, ph.stages, options.rules.rule_set, notes=notes)


def g_chart(x: np.ndarray, labels: Sequence[str] | None, options: ChartOptions
            ) -> ChartResult:
    _check(x, labels, "counts between events", zero_ok=True)
    if options.sigma is not None:
        raise OpsdeskError("A g chart takes a historical mean (--mu) only: its spread "
                           "follows from the mean.")
    ph = resolve(len(x), labels, options)
    q_low, q_high = tail_probabilities(options.rules)
    levels: list[list[float]] = []
    notes: list[str] = []
    for stage, sel in zip(ph.stages, ph.estimate, strict=True):
        g_bar = options.mu if options.mu is not None else float(np.mean(x[sel]))
        if not g_bar > 0:
            raise OpsdeskError("Every count between events is 0, so the g chart has no "
                               "distribution to draw" + (f" in stage {stage.name}."
                                                         if len(ph.stages) > 1 else "."))
        p = 1 / (g_bar + 1)
        levels.append([max(geometric_percentile(p, q) - 1, 0.0) for q in (0.5, q_high, q_low)])
        where = f"Stage {stage.name}: " if len(ph.stages) > 1 else ""
        notes.append(f"{where}ḡ = {g_bar:.6g}, p = 1/(ḡ + 1) = {p:.6g}; limits are the "
                     f"geometric distribution's {q_low:.3%} and {q_high:.3%} points, the "
                     "centre its median (Minitab's G chart)")
    return _result("g", ("Opportunities between events (g)", "Count between events"), x,
                   labels, options, ph, levels, notes)


def t_chart(x: np.ndarray, labels: Sequence[str] | None, options: ChartOptions
            ) -> ChartResult:
    if options.distribution not in T_DISTRIBUTIONS:
        raise OpsdeskError(f"A t chart fits a Weibull or an exponential distribution, not "
                           f"{options.distribution!r}.")
    _check(x, labels, "times between events", zero_ok=False)
    if options.mu is not None or options.sigma is not None:
        raise OpsdeskError("A t chart fits its distribution to the times; historical --mu "
                           "and --sigma do not apply.")
    ph = resolve(len(x), labels, options)
    q_low, q_high = tail_probabilities(options.rules)
    levels: list[list[float]] = []
    notes: list[str] = []
    for stage, sel in zip(ph.stages, ph.estimate, strict=True):
        part = x[sel]
        where = f"Stage {stage.name}: " if len(ph.stages) > 1 else ""
        if options.distribution == "exponential":
            scale = float(np.mean(part))
            levels.append([-scale * math.log1p(-q) for q in (0.5, q_high, q_low)])
            notes.append(f"{where}exponential fit, scale (mean) = {scale:.6g}")
            continue
        if len(part) < 2 or np.all(part == part[0]):
            raise OpsdeskError("A Weibull fit needs at least 2 different times"
                               + (f" in stage {stage.name}." if len(ph.stages) > 1 else "."))
        shape, scale = weibull_fit(part)
        levels.append([scale * (-math.log1p(-q)) ** (1 / shape) for q in (0.5, q_high, q_low)])
        notes.append(f"{where}Weibull fit by maximum likelihood: shape {shape:.6g}, scale "
                     f"{scale:.6g}")
    notes.append(f"Limits are the fitted distribution's {q_low:.3%} and {q_high:.3%} points, "
                 "the centre its median (Minitab's T chart)")
    return _result("t", ("Time between events (t)", "Time between events"), x, labels,
                   options, ph, levels, notes)
