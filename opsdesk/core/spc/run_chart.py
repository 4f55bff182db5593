"""Run chart: the median as centre line, judged by Anhøj's runs rules.

Anhøj & Olesen (2014), PLoS ONE 9(11): e113825, as qicharts2 implements them. Points on
the median are not useful and are skipped. The longest run (points in a row on one side)
signals when longer than round(log2(n)) + 3; the number of crossings of the median signals
when fewer than the 5th percentile of Binomial(n - 1, 0.5), n the useful points. A staged
chart has a median per stage and each stage is judged on its own points, as qicharts2
does with its ``part`` argument.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from opsdesk.core.spc.model import ChartOptions, ChartResult, PanelResult, RunsResult
from opsdesk.core.spc.phases import resolve
from opsdesk.core.spc.rules import ANHOJ


def runs_analysis(values: np.ndarray, median: float) -> RunsResult:
    from scipy.stats import binom

    x = values[np.isfinite(values)]
    side = np.sign(x - median)
    side = side[side != 0]
    useful = len(side)
    if useful == 0:
        return RunsResult(0, 0, 3, 0, 0)
    changes = np.flatnonzero(side[1:] != side[:-1])
    crossings = len(changes)
    bounds = np.concatenate(([0], changes + 1, [useful]))
    longest = int(np.max(np.diff(bounds)))
    longest_max = round(math.log2(useful) + 3)
    crossings_min = int(binom.ppf(0.05, max(useful - 1, 0), 0.5))
    return RunsResult(useful, longest, longest_max, crossings, crossings_min)


def run_chart(x: np.ndarray, labels: Sequence[str] | None, options: ChartOptions
              ) -> ChartResult:
    ph = resolve(len(x), labels, options)
    medians = [float(np.median(x[sel])) for sel in ph.estimate]
    notes = []
    per_stage: list[RunsResult] = []
    for stage, med in zip(ph.stages, medians, strict=True):
        runs = runs_analysis(x[stage.start:stage.stop], med)
        per_stage.append(runs)
        verdict = "non-random variation" if runs.signal else "no signal"
        prefix = f"Stage {stage.name}: " if len(ph.stages) > 1 else ""
        notes.append(f"{prefix}median {med:.6g}; longest run {runs.longest_run} "
                     f"(max {runs.longest_run_max}), crossings {runs.crossings} "
                     f"(min {runs.crossings_min}): {verdict} (Anhøj rules)")
    nan = np.broadcast_to(np.float64(np.nan), x.shape)
    panel = PanelResult("run", "Run chart", x, ph.fill(medians), nan, nan, nan, zones=False,
                        y_label="Value")
    return ChartResult("run", [panel], len(x), labels, None, ph.excluded, ph.reasons,
                       ph.estimated, ph.stages, ANHOJ, runs=per_stage, notes=notes)
