"""Attributes charts: p, np, c, u and Laney's p′ and u′.

p: p-bar = sum D / sum n, sigma_i = sqrt(p-bar (1 - p-bar) / n_i) (binomial).
c: c-bar = mean count, sigma = sqrt(c-bar) (Poisson). u: u-bar = sum c / sum n,
sigma_i = sqrt(u-bar / n_i). Laney (2002, Quality Engineering 14(4)): z_i = (p_i - p-bar)
/ sigma_i, sigma_z = MR-bar(z) / d2(2), limits p-bar +/- 3 sigma_i sigma_z. Lower limits
are floored at 0, p limits capped at 1 (np limits at n_i).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import constants as K
from opsdesk.core.spc.model import ChartOptions, ChartResult, SigmaEstimate
from opsdesk.core.spc.panels import limit_panel
from opsdesk.core.spc.phases import resolve
from opsdesk.core.spc.rules import PATTERN_TESTS, SPREAD_TESTS
from opsdesk.core.spc.spread import require_spread
from opsdesk.core.spc.variables import moving_ranges, mr_sigma


def _check(counts: np.ndarray, sizes: np.ndarray | None, labels: Sequence[str] | None,
           binomial: bool) -> None:
    def name(i: int) -> str:
        return repr(labels[i]) if labels is not None else str(i + 1)

    bad = np.flatnonzero(~np.isfinite(counts) | (counts < 0))
    if len(bad):
        raise OpsdeskError(f"Point {name(bad[0])} has a count of {counts[bad[0]]:g}; "
                           "counts must be 0 or more.")
    if sizes is None:
        return
    bad = np.flatnonzero(~np.isfinite(sizes) | (sizes <= 0))
    if len(bad):
        raise OpsdeskError(f"Point {name(bad[0])} has a sample size of {sizes[bad[0]]:g}; "
                           "sample sizes must be more than 0.")
    if binomial:
        bad = np.flatnonzero(counts > sizes)
        if len(bad):
            raise OpsdeskError(f"Point {name(bad[0])} has {counts[bad[0]]:g} defectives in a "
                               f"sample of {sizes[bad[0]]:g}.")


def attribute_chart(chart: str, counts: np.ndarray, sizes: np.ndarray | None,
                    labels: Sequence[str] | None, options: ChartOptions) -> ChartResult:
    binomial = chart in ("p", "np", "laney-p")
    if chart != "c" and sizes is None:
        raise OpsdeskError(f"A {chart} chart needs a sample size for each point (--size).")
    _check(counts, sizes, labels, binomial)
    _check_mu(options.mu, binomial, chart)
    n_pts = len(counts)
    if sizes is None:
        sizes = np.ones(n_pts)
    ph = resolve(n_pts, labels, options)
    stat = counts / sizes if chart in ("p", "u", "laney-p", "laney-u") else counts.astype(float)
    centers: list[float] = []
    for sel in ph.estimate:
        if options.mu is not None:
            centers.append(options.mu)
        elif chart == "c":
            centers.append(float(np.mean(counts[sel])))
        else:
            centers.append(float(np.sum(counts[sel]) / np.sum(sizes[sel])))
    for index, center_value in enumerate(centers):
        # p-bar 0 or 1, c-bar or u-bar 0: every point the same, nothing to set limits from
        spread = center_value * (1.0 - center_value) if binomial else center_value
        what = (f"the average proportion is {center_value:g}" if binomial
                else "there is no defect")
        require_spread(spread, ph.stages, index, what)
    bar = ph.fill(centers)  # p-bar or u-bar (c-bar for c)
    if binomial:
        unit_sigma = np.sqrt(bar * (1.0 - bar))
        statement = "σ(pᵢ) = √(p̄(1 − p̄) / nᵢ) (binomial)"
    else:
        unit_sigma = np.sqrt(bar)
        statement = "σ = √c̄ (Poisson)" if chart == "c" else "σ(uᵢ) = √(ū / nᵢ) (Poisson)"
    if chart == "np":
        center, sigma = bar * sizes, unit_sigma * np.sqrt(sizes)
    elif chart == "c":
        center, sigma = bar, unit_sigma
    else:
        center, sigma = bar, unit_sigma / np.sqrt(sizes)
    consts: dict[str, float] = {}
    notes: list[str] = []
    if chart.startswith("laney"):
        z = (stat - center) / sigma
        mr = moving_ranges(z, ph)
        sz = [require_spread(mr_sigma(mr, sel), ph.stages, index,
                             "every standardized value is the same")
              for index, sel in enumerate(ph.estimate)]
        sigma = sigma * ph.fill(sz)
        consts = {"sigma_z": sz[0], "d2": K.d2(2)}
        statement += f" × σz, σz = MR̄(z) / d2 = {sz[0]:.4f} (Laney)"
        notes.append("Laney: limits widened by σz, the spread of the standardized "
                     "values between points (over-dispersion).")
    cap = sizes if chart == "np" else (1.0 if binomial else None)
    panel = limit_panel(chart.replace("-", "_"), _TITLES[chart], stat, center, sigma,
                        options.rules, PATTERN_TESTS, default=SPREAD_TESTS, floor=0.0,
                        cap=cap, zones=True, y_label=_TITLES[chart],
                        stages=ph.stages)
    first = float(np.mean(unit_sigma)) if np.ndim(unit_sigma) else float(unit_sigma)
    est = SigmaEstimate("binomial" if binomial else "poisson", first, consts, statement)
    if len(ph.stages) > 1:
        notes.extend(f"Stage {s.name}: centre {c:.6g}" for s, c in
                     zip(ph.stages, centers, strict=True))
    return ChartResult(chart, [panel], n_pts, labels, est, ph.excluded, ph.reasons,
                       ph.estimated, ph.stages, options.rules.rule_set,
                       notes=[statement, *notes], sizes=sizes)


def _check_mu(mu: float | None, binomial: bool, chart: str) -> None:
    """A typed-in centre a chart of this kind can have."""
    if mu is None:
        return
    if binomial and not 0 < mu < 1:
        raise OpsdeskError(f"The historical average proportion (mu) is {mu:g}; it must lie "
                           "between 0 and 1.")
    if not binomial and not mu > 0:
        what = "count c̄" if chart == "c" else "defects per unit ū"
        raise OpsdeskError(f"The historical average {what} (mu) is {mu:g}; it must be more "
                           "than 0.")


_TITLES = {
    "p": "Proportion defective (p)", "np": "Number defective (np)",
    "c": "Defects (c)", "u": "Defects per unit (u)",
    "laney-p": "Proportion (Laney p′)", "laney-u": "Rate per unit (Laney u′)",
}
