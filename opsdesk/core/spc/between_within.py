"""I-MR-R/S (between/within) charts: subgrouped data whose subgroup means vary more than
the within-subgroup spread explains (Wheeler's three-way chart; Minitab's I-MR-R/S).

Three panels: an individuals chart of the subgroup means and their moving ranges (limits
from MR-bar / d2(2) of the means, so they include the variation between subgroups), and
the R or S chart of the spread within subgroups (limits from R-bar / d2 or S-bar / c4, as
on an X-bar chart). Between/within sigma, what Minitab's between/within capability uses:
sigma_within from the R or S panel, sigma_between^2 = sigma_means^2 - sigma_within^2 / n
(n the mean subgroup size; 0 when negative), sigma_B/W = sqrt(sigma_between^2 +
sigma_within^2).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.model import ChartOptions, ChartResult, SigmaEstimate
from opsdesk.core.spc.subgroups import Subgroups
from opsdesk.core.spc.variables import imr_chart, xbar_chart


def between_within_chart(kind: str, sg: Subgroups, options: ChartOptions) -> ChartResult:
    """I-MR-R (``kind == "r"``) or I-MR-S (``kind == "s"``)."""
    if options.mu is not None or options.sigma is not None:
        raise OpsdeskError("Historical limits (--mu, --sigma) do not apply to an I-MR-R/S "
                           "chart: its panels need a sigma each.")
    within = xbar_chart(kind, sg, options)
    means = imr_chart(np.asarray(sg.mean, dtype=float), sg.labels, options)
    i_panel, mr_panel = means.panels
    i_panel = replace(i_panel, title="Subgroup mean (I)", y_label="X̄")
    mr_panel = replace(mr_panel, title="Moving range of the means (MR)")
    assert within.sigma is not None and means.sigma is not None
    s_within, s_means = within.sigma.value, means.sigma.value
    n_bar = float(np.mean(sg.n))
    between2 = max(s_means ** 2 - s_within ** 2 / n_bar, 0.0)
    s_bw = math.sqrt(between2 + s_within ** 2)
    stage = " (first stage)" if len(means.stages) > 1 else ""
    estimate = SigmaEstimate(
        "B/W", s_bw, {"sigma_within": s_within, "sigma_between": math.sqrt(between2)},
        f"σ B/W = √(σ between² + σ within²) = {s_bw:.6g}{stage}: σ within = {s_within:.6g}, "
        f"σ between = {math.sqrt(between2):.6g} (σ of the means {s_means:.6g}, n̄ = "
        f"{n_bar:g})")
    notes = ([f"I and MR panels: {note}" for note in means.notes]
             + [f"{within.panels[1].title} panel: {note}" for note in within.notes]
             + [estimate.statement])
    return ChartResult(f"i-mr-{kind}", [i_panel, mr_panel, within.panels[1]], sg.count,
                       sg.labels, estimate, means.excluded, means.exclusion_reasons,
                       means.estimated, means.stages, options.rules.rule_set, notes=notes,
                       sizes=sg.n)
