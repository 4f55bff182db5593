"""EWMA and standardized tabular CUSUM charts (Montgomery, ISQC, chapter 9).

EWMA: z_i = lambda x_i + (1 - lambda) z_(i-1), z_0 = mu; exact time-varying limits
mu +/- L sigma_x sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2i))).
CUSUM on y_i = (x_i - mu) / sigma_x: C+_i = max(0, y_i - k + C+_(i-1)),
C-_i = max(0, -y_i - k + C-_(i-1)); a signal when a sum exceeds h. The lower sum is
plotted below zero, as Minitab draws it. Only "beyond the limits" applies to these charts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.model import ChartOptions, ChartResult, PanelResult, SigmaEstimate
from opsdesk.core.spc.panels import not_applied
from opsdesk.core.spc.phases import Phases, resolve
from opsdesk.core.spc.rules import LIMIT_ONLY
from opsdesk.core.spc.spread import require_spread
from opsdesk.core.spc.subgroups import Subgroups
from opsdesk.core.spc.variables import moving_ranges, mr_sigma, subgroup_sigma


def sigma_estimates(sg: Subgroups, options: ChartOptions
                    ) -> tuple[Phases, list[float], list[SigmaEstimate]]:
    individual = bool(np.all(sg.n == 1))
    ph = resolve(sg.count, sg.labels, options)
    mr = moving_ranges(sg.mean, ph) if individual else None
    centers: list[float] = []
    estimates: list[SigmaEstimate] = []
    for index, sel in enumerate(ph.estimate):
        centers.append(options.mu if options.mu is not None
                       else float(np.sum(sg.sums[sel]) / np.sum(sg.n[sel])))
        if options.sigma is not None:
            estimates.append(SigmaEstimate.historical(options.sigma))
        elif mr is not None:
            value = require_spread(mr_sigma(mr, sel), ph.stages, index,
                                   "every moving range is 0")
            estimates.append(SigmaEstimate("MRbar", value, {"d2": 2 / np.sqrt(np.pi)},
                                           "σ = MR̄ / d2, d2(2) = 1.128"))
        else:
            if np.any(sg.n[sel] < 2):
                raise OpsdeskError("Subgroups of one value mixed with larger subgroups; "
                                   "give every subgroup at least 2 values.")
            est = subgroup_sigma(sg, sel, "r", options.sigma_method)
            require_spread(est.value, ph.stages, index, "every subgroup's values are equal")
            estimates.append(est)
    return ph, centers, estimates


def beyond_limits_only(panel: PanelResult, options: ChartOptions) -> None:
    tests = options.rules.active(LIMIT_ONLY)
    panel.skipped = not_applied(options.rules, tests)
    if 1 in tests:
        panel.tests = {1: tests[1]}
        panel.failed = {1: (panel.values > panel.ucl) | (panel.values < panel.lcl)}
        panel.limit_text = "Test 1: 1 point beyond the control limits"


def ewma_chart(sg: Subgroups, options: ChartOptions) -> ChartResult:
    from scipy.signal import lfilter

    lam, width = options.lam, options.limit_width
    if not 0 < lam <= 1:
        raise OpsdeskError(f"EWMA lambda must be in (0, 1], not {lam:g}.")
    if not width > 0:  # 0 puts both limits on the centre, a negative width reverses them
        raise OpsdeskError(f"The EWMA limit width (L) is {width:g}; it must be more than 0.")
    ph, centers, estimates = sigma_estimates(sg, options)
    z = np.empty(sg.count)
    factor = np.empty(sg.count)
    for stage, mu in zip(ph.stages, centers, strict=True):
        part = slice(stage.start, stage.stop)
        z[part] = lfilter([lam], [1.0, lam - 1.0], sg.mean[part], zi=[(1.0 - lam) * mu])[0]
        i = np.arange(1, stage.stop - stage.start + 1)
        factor[part] = np.sqrt(lam / (2.0 - lam) * (1.0 - (1.0 - lam) ** (2 * i)))
    sigma_x = ph.fill([e.value for e in estimates]) / np.sqrt(sg.n)
    center = ph.fill(centers)
    half = width * sigma_x * factor
    panel = PanelResult("ewma", f"EWMA (λ = {lam:g}, L = {width:g})", z, center,
                        center + half, center - half, half / width, zones=False,
                        y_label="EWMA")
    beyond_limits_only(panel, options)
    notes = [estimates[0].statement,
             f"EWMA λ = {lam:g}, limits ±{width:g}σ with exact time-varying width"]
    return ChartResult("ewma", [panel], sg.count, sg.labels, estimates[0], ph.excluded,
                       ph.reasons, ph.estimated, ph.stages, options.rules.rule_set,
                       notes=notes, sizes=sg.n)


def cusum_chart(sg: Subgroups, options: ChartOptions) -> ChartResult:
    k, h = options.k, options.h
    if k < 0 or h <= 0:
        raise OpsdeskError("CUSUM needs k of 0 or more and h above 0.")
    ph, centers, estimates = sigma_estimates(sg, options)
    y = (sg.mean - ph.fill(centers)) / (ph.fill([e.value for e in estimates]) / np.sqrt(sg.n))
    upper = np.empty(sg.count)
    lower = np.empty(sg.count)
    for stage in ph.stages:
        part = slice(stage.start, stage.stop)
        upper[part] = _lindley(y[part] - k)
        lower[part] = _lindley(-y[part] - k)
    zero = np.zeros(sg.count)
    nan = np.full(sg.count, np.nan)
    h_line = np.full(sg.count, h)
    up = PanelResult("cusum_upper", "Upper CUSUM (C+)", upper, zero, h_line, nan,
                     h_line / 3, zones=False, y_label="C+")
    down = PanelResult("cusum_lower", "Lower CUSUM (−C−)", -lower, zero, nan, -h_line,
                       h_line / 3, zones=False, y_label="−C−")
    beyond_limits_only(up, options)
    beyond_limits_only(down, options)
    notes = [estimates[0].statement,
             f"Standardized tabular CUSUM, k = {k:g}σ, h = {h:g}σ"]
    return ChartResult("cusum", [up, down], sg.count, sg.labels, estimates[0], ph.excluded,
                       ph.reasons, ph.estimated, ph.stages, options.rules.rule_set,
                       notes=notes, sizes=sg.n)


def _lindley(steps: np.ndarray) -> np.ndarray:
    """C_i = max(0, C_(i-1) + step_i), C_0 = 0, without a Python loop:
    C_i = S_i - min(0, min over j <= i of S_j), S the running sum of the steps."""
    s = np.cumsum(steps)
    return s - np.minimum(np.minimum.accumulate(s), 0.0)


def individual_subgroups(x: np.ndarray, labels: Sequence[str] | None) -> Subgroups:
    n = len(x)
    return Subgroups([str(i + 1) for i in range(n)] if labels is None else list(labels),
                     np.ones(n, dtype=np.int64), x, np.full(n, np.nan), np.full(n, np.nan),
                     np.arange(n), x)
