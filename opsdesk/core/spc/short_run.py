"""The short-run Z-MR chart: several parts (products) on one individuals chart, each value
standardized by its own part's mean and sigma (Minitab's Z-MR chart; Montgomery ISQC,
section 10.1, standardized control charts for short production runs).

Z_i = (x_i - mean of the part) / sigma of the part. Sigma: "constant" (Minitab's default,
one sigma for every part): MR-bar / d2(2) of the deviations from the part means, taken
in time order; "by-part": each part's MR-bar / d2(2) over its own values in order. The Z
panel has centre 0 and limits +-3; the MR panel of the Z values centre d2(2) and upper
limit d2(2) + 3 d3(2) (3.686), as the MR panel of an I-MR chart with sigma 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import constants as K
from opsdesk.core.spc.model import ChartOptions, ChartResult, SigmaEstimate
from opsdesk.core.spc.panels import broadcast, limit_panel
from opsdesk.core.spc.phases import resolve
from opsdesk.core.spc.rules import PATTERN_TESTS, SPREAD_TESTS
from opsdesk.core.spc.spread import require_spread
from opsdesk.core.spc.subgroups import group_codes
from opsdesk.core.spc.variables import moving_ranges, mr_sigma

SIGMA_METHODS = ("default", "by-part")  # default: one constant sigma for every part


def z_mr_chart(x: np.ndarray, parts: Sequence[str] | None, labels: Sequence[str] | None,
               options: ChartOptions) -> ChartResult:
    if parts is None:
        raise OpsdeskError("A Z-MR chart needs the part (product) of each value (--part).")
    if len(parts) != len(x):
        raise OpsdeskError("The part column and the value column differ in length.")
    if options.sigma_method not in SIGMA_METHODS:
        raise OpsdeskError("A Z-MR chart estimates sigma for all parts together or by part "
                           "(by-part).")
    if options.mu is not None or options.sigma is not None or options.stages is not None:
        raise OpsdeskError("A Z-MR chart takes each part's own mean and sigma: no historical "
                           "values, no stages.")
    ph = resolve(len(x), labels, options)
    sel = ph.estimate[0]
    used = np.zeros(len(x), dtype=bool)
    used[sel] = True
    names, code = group_codes(parts)
    means = np.full(len(names), np.nan)
    for j, name in enumerate(names):
        own = used & (code == j)
        if not own.any():
            raise OpsdeskError(f"Part {name!r} has no value left to estimate its mean.")
        means[j] = float(np.mean(x[own]))
    dev = x - means[code]
    notes: list[str] = []
    estimate: SigmaEstimate | None = None
    if options.sigma_method == "by-part":
        sigmas = np.empty(len(names))
        for j, name in enumerate(names):
            own = x[used & (code == j)]
            if len(own) < 2:
                raise OpsdeskError(f"Part {name!r} has 1 value; a sigma by part needs at "
                                   "least 2 of each part.")
            sigmas[j] = float(np.mean(np.abs(np.diff(own)))) / K.d2(2)
            require_spread(float(sigmas[j]), ph.stages, 0, f"every value of part {name!r} "
                           "is the same")
        notes.append("σ by part, MR̄ / d2(2) over each part's own values: " + ", ".join(
            f"{n} {s:.6g}" for n, s in zip(names, sigmas, strict=True)))
        sigma_pp = sigmas[code]
    else:
        value = require_spread(mr_sigma(moving_ranges(dev, ph), sel), ph.stages, 0,
                               "every moving range is 0")
        estimate = SigmaEstimate("MRbar", value, {"d2": K.d2(2)},
                                 f"σ = MR̄ / d2(2) of the deviations from the part means = "
                                 f"{value:.6g} (one sigma for every part)")
        notes.append(estimate.statement)
        sigma_pp = np.full(len(x), value)
    z = dev / sigma_pp
    n = len(x)
    zp = limit_panel("z", "Standardized value (Z)", z, broadcast(0.0, n), broadcast(1.0, n),
                     options.rules, PATTERN_TESTS, y_label="Z", finite=True)
    mr = moving_ranges(z, ph)
    mrp = limit_panel("mr", "Moving range of Z (MR)", mr, broadcast(K.d2(2), n),
                      broadcast(K.d3(2), n), options.rules, SPREAD_TESTS, floor=0.0,
                      zones=False, y_label="MR")
    notes.append("Part means: " + ", ".join(f"{nm} {m:.6g}"
                                            for nm, m in zip(names, means, strict=True)))
    return ChartResult("z-mr", [zp, mrp], n, labels, estimate, ph.excluded, ph.reasons,
                       ph.estimated, ph.stages, options.rules.rule_set, notes=notes)
