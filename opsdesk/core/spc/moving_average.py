"""The moving-average chart (Montgomery ISQC, section 9.3; Minitab's Moving Average Chart).

M_i is the mean of the last w subgroup means (the first w - 1 points average what there
is; each stage starts afresh). Its sigma is sigma / k sqrt(sum of 1/n_j over the k means
averaged), sigma / sqrt(n w) for equal subgroups of n once the span is full; limits
mu +- L sigma_M with L test 1's K. Sigma and mu as on the EWMA chart (MR-bar / d2 for
individuals, R-bar / d2 for subgroups, or historical). Neighbouring points share values,
so only test 1 applies.
"""

from __future__ import annotations

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.model import ChartOptions, ChartResult, PanelResult
from opsdesk.core.spc.subgroups import Subgroups
from opsdesk.core.spc.timeweighted import beyond_limits_only, sigma_estimates


def _window_sum(a: np.ndarray, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Sums of the last w values (fewer at the start) and how many each holds."""
    c = np.concatenate([[0.0], np.cumsum(a)])
    i = np.arange(1, len(a) + 1)
    start = np.maximum(i - w, 0)
    return c[i] - c[start], (i - start).astype(float)


def moving_average_chart(sg: Subgroups, options: ChartOptions) -> ChartResult:
    w = options.span
    if w < 2:
        raise OpsdeskError(f"The moving average's span must be 2 or more, not {w}.")
    ph, centers, estimates = sigma_estimates(sg, options)
    k_rule = options.rules.requested().get(1, 3.0)
    ma = np.empty(sg.count)
    half = np.empty(sg.count)
    for stage, est in zip(ph.stages, estimates, strict=True):
        part = slice(stage.start, stage.stop)
        sums, k = _window_sum(sg.mean[part], w)
        inv, _ = _window_sum(1.0 / sg.n[part].astype(float), w)
        ma[part] = sums / k
        half[part] = k_rule * est.value * np.sqrt(inv) / k
    center = ph.fill(centers)
    panel = PanelResult("ma", f"Moving average (span {w})", ma, center, center + half,
                        center - half, half / k_rule, zones=False, y_label="MA")
    beyond_limits_only(panel, options)
    notes = [estimates[0].statement,
             f"Moving average of span {w}; limits ±{k_rule:g}σ/√(n·k), k the means averaged"]
    return ChartResult("ma", [panel], sg.count, sg.labels, estimates[0], ph.excluded,
                       ph.reasons, ph.estimated, ph.stages, options.rules.rule_set,
                       notes=notes, sizes=sg.n)
