"""Variables charts: X-bar/R, X-bar/S (equal or unequal subgroup sizes) and I-MR.

Sigma within (the issue's convention, Minitab's defaults for equal sizes):
X-bar/R: the average of R_i / d2(n_i); X-bar/S: the average of S_i / c4(n_i);
pooled: S_p / c4(d + 1) with d = sum(n_i - 1); I-MR: MR-bar / d2(2).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import constants as K
from opsdesk.core.spc.model import ChartOptions, ChartResult, SigmaEstimate
from opsdesk.core.spc.panels import limit_panel
from opsdesk.core.spc.phases import Phases, resolve
from opsdesk.core.spc.rules import PATTERN_TESTS, SPREAD_TESTS
from opsdesk.core.spc.spread import require_spread
from opsdesk.core.spc.subgroups import Subgroups


def _per_n(func: object, n: np.ndarray) -> np.ndarray:
    """A constant function of n (d2, c4, ...) evaluated for each subgroup size."""
    sizes, inverse = np.unique(n, return_inverse=True)
    table = np.array([func(int(s)) for s in sizes])  # type: ignore[operator]
    return table[inverse]


def subgroup_sigma(sg: Subgroups, sel: slice | np.ndarray, kind: str, method: str
                   ) -> SigmaEstimate:
    n = sg.n[sel]
    if method == "pooled":
        dof = int(np.sum(n - 1))
        sp = math.sqrt(float(np.sum((n - 1) * sg.sd[sel] ** 2)) / dof)
        c = K.c4(dof + 1)
        return SigmaEstimate("pooled", sp / c, {"c4": c},
                             f"σ = pooled S / c4({dof + 1}) = {sp:.6g} / {c:.4f}")
    if kind == "r":
        d2 = _per_n(K.d2, n)
        value = float(np.mean(sg.range[sel] / d2))
        consts = {"d2": float(d2[0])} if np.all(n == n[0]) else {}
        text = (f"σ = R̄ / d2 = average of Rᵢ / d2(nᵢ), d2({int(n[0])}) = {d2[0]:.3f}"
                if consts else "σ = average of Rᵢ / d2(nᵢ) (unequal subgroup sizes)")
        return SigmaEstimate("Rbar", value, consts, text)
    c4 = _per_n(K.c4, n)
    value = float(np.mean(sg.sd[sel] / c4))
    consts = {"c4": float(c4[0])} if np.all(n == n[0]) else {}
    text = (f"σ = S̄ / c4 = average of Sᵢ / c4(nᵢ), c4({int(n[0])}) = {c4[0]:.4f}"
            if consts else "σ = average of Sᵢ / c4(nᵢ) (unequal subgroup sizes)")
    return SigmaEstimate("Sbar", value, consts, text)


def xbar_chart(kind: str, sg: Subgroups, options: ChartOptions) -> ChartResult:
    """X-bar with R (``kind == "r"``) or S (``kind == "s"``)."""
    small = np.flatnonzero(sg.n < 2)
    if len(small):
        chart = "X̄-R" if kind == "r" else "X̄-S"
        raise OpsdeskError(
            f"Subgroup {sg.labels[small[0]]!r} has only 1 value; an {chart} chart needs "
            "at least 2 values per subgroup."
        )
    ph = resolve(sg.count, sg.labels, options)
    centers: list[float] = []
    sigmas: list[float] = []
    estimates: list[SigmaEstimate] = []
    for index, sel in enumerate(ph.estimate):
        if options.sigma is not None:
            est = SigmaEstimate.historical(options.sigma)
        else:
            est = subgroup_sigma(sg, sel, kind, options.sigma_method)
            require_spread(est.value, ph.stages, index, "every subgroup's values are equal")
        estimates.append(est)
        sigmas.append(est.value)
        centers.append(options.mu if options.mu is not None
                       else float(np.sum(sg.sums[sel]) / np.sum(sg.n[sel])))
    sigma_pp = ph.fill(sigmas)
    sqrt_n = np.sqrt(sg.n.astype(float))
    xbar = limit_panel("xbar", "Subgroup mean (X̄)", sg.mean, ph.fill(centers),
                       sigma_pp / sqrt_n, options.rules, PATTERN_TESTS, y_label="X̄",
                       stages=ph.stages)
    if kind == "r":
        c_stat, s_stat = _per_n(K.d2, sg.n), _per_n(K.d3, sg.n)
        name, title, stat = "r", "Range (R)", sg.range
    else:
        c_stat = _per_n(K.c4, sg.n)
        s_stat = np.sqrt(1.0 - c_stat ** 2)
        name, title, stat = "s", "Standard deviation (S)", sg.sd
    spread = limit_panel(name, title, stat, c_stat * sigma_pp, s_stat * sigma_pp,
                         options.rules, SPREAD_TESTS, floor=0.0, zones=False,
                         y_label=name.upper(), stages=ph.stages)
    notes = _stage_notes(ph, estimates)
    return ChartResult(f"xbar-{kind}", [xbar, spread], sg.count, sg.labels, estimates[0],
                       ph.excluded, ph.reasons, ph.estimated, ph.stages,
                       options.rules.rule_set, notes=notes, sizes=sg.n)


def moving_ranges(x: np.ndarray, ph: Phases) -> np.ndarray:
    """|x_i - x_(i-1)| at point i; NaN at the first point of each stage."""
    mr = np.empty(len(x))
    mr[0] = np.nan
    np.abs(np.subtract(x[1:], x[:-1], out=mr[1:]), out=mr[1:])
    for stage in ph.stages[1:]:
        mr[stage.start] = np.nan
    return mr


def mr_sigma(mr: np.ndarray, sel: slice | np.ndarray) -> float:
    """MR-bar / d2(2) over the moving ranges whose two points are both in ``sel``."""
    if isinstance(sel, slice):
        usable = mr[sel.start + 1:sel.stop]
    else:
        both = sel.copy()
        both[1:] &= sel[:-1]
        both[0] = False
        usable = mr[both]
        usable = usable[np.isfinite(usable)]
    if len(usable) == 0:
        raise OpsdeskError("At least two consecutive points are needed to estimate sigma "
                           "from moving ranges.")
    return float(np.mean(usable)) / K.d2(2)


def imr_chart(x: np.ndarray, labels: Sequence[str] | None, options: ChartOptions
              ) -> ChartResult:
    ph = resolve(len(x), labels, options)
    mr = moving_ranges(x, ph)
    centers: list[float] = []
    estimates: list[SigmaEstimate] = []
    for index, sel in enumerate(ph.estimate):
        if options.sigma is not None:
            est = SigmaEstimate.historical(options.sigma)
        else:
            value = require_spread(mr_sigma(mr, sel), ph.stages, index,
                                   "every moving range is 0")
            est = SigmaEstimate("MRbar", value, {"d2": K.d2(2)},
                                f"σ = MR̄ / d2 = {value * K.d2(2):.6g} / {K.d2(2):.3f} "
                                "(moving range of 2)")
        estimates.append(est)
        centers.append(options.mu if options.mu is not None else float(np.mean(x[sel])))
    sigma_pp = ph.fill([e.value for e in estimates])
    # control_chart has checked x is finite; the moving ranges after the first are too
    # when their mean, taken over all of them, is (it would not be with an overflow)
    whole = ph.estimate[0] == slice(0, len(x)) if isinstance(ph.estimate[0], slice) else False
    mr_finite = (len(ph.stages) == 1 and whole and options.sigma is None
                 and math.isfinite(estimates[0].value))
    ind = limit_panel("i", "Individual value", x, ph.fill(centers), sigma_pp,
                      options.rules, PATTERN_TESTS, y_label="Value", finite=True,
                      stages=ph.stages)
    mr_center = ph.fill([K.d2(2) * e.value for e in estimates])
    mrp = limit_panel("mr", "Moving range (MR)", mr, mr_center,
                      ph.fill([K.d3(2) * e.value for e in estimates]), options.rules,
                      SPREAD_TESTS, floor=0.0, zones=False, y_label="MR", finite=mr_finite,
                      stages=ph.stages)
    return ChartResult("i-mr", [ind, mrp], len(x), labels, estimates[0], ph.excluded,
                       ph.reasons, ph.estimated, ph.stages, options.rules.rule_set,
                       notes=_stage_notes(ph, estimates))


def _stage_notes(ph: Phases, estimates: list[SigmaEstimate]) -> list[str]:
    if len(ph.stages) == 1:
        return [estimates[0].statement]
    return [f"Stage {s.name}: {e.statement}" for s, e in zip(ph.stages, estimates, strict=True)]
