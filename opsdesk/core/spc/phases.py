"""Baseline, stages and exclusions: which points estimate which limits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.model import ChartOptions, Stage

Selector = slice | np.ndarray  # a stage's points used for estimation


@dataclass(frozen=True)
class Phases:
    n: int
    stages: list[Stage]
    estimate: list[Selector]   # per stage: indices (slice or bool mask over all points)
    excluded: np.ndarray
    reasons: dict[int, str]
    estimated: np.ndarray      # bool per point

    def fill(self, per_stage: Sequence[float | np.ndarray]) -> np.ndarray:
        """A per-point array from one value (or one stage-long array) per stage."""
        if len(self.stages) == 1 and np.ndim(per_stage[0]) == 0:
            return np.broadcast_to(np.float64(per_stage[0]), (self.n,))
        out = np.full(self.n, np.nan)
        for stage, value in zip(self.stages, per_stage, strict=True):
            out[stage.start:stage.stop] = value
        return out


def _finder(labels: Sequence[str] | None, n: int) -> Callable[[str, str], int]:
    """label -> point index; labels 1..n when the points have no labels of their own."""
    lookup: dict[str, int] = {}

    def find(label: str, what: str) -> int:
        if labels is None:
            text = str(label).strip()
            if text.isdigit() and 1 <= int(text) <= n:
                return int(text) - 1
        else:
            if not lookup:
                lookup.update({str(lab): i for i, lab in enumerate(labels)})
            if str(label) in lookup:
                return lookup[str(label)]
        raise OpsdeskError(f"{what} label {label!r} is not a point of this chart.")

    return find


def resolve(n: int, labels: Sequence[str] | None, options: ChartOptions) -> Phases:
    if n == 0:
        raise OpsdeskError("There are no points to chart.")
    find = _finder(labels, n)
    excluded = np.zeros(n, dtype=bool)
    reasons: dict[int, str] = {}
    for label, reason in options.exclusions.items():
        i = find(label, "Excluded point")
        excluded[i] = True
        reasons[i] = reason or "excluded"
    baseline = np.zeros(n, dtype=bool)
    for label in options.baseline:
        baseline[find(label, "Baseline")] = True

    stages: list[Stage] = []
    if options.stages is None:
        stages.append(Stage("", 0, n))
    else:
        if len(options.stages) != n:
            raise OpsdeskError("The stage column must give one stage per point.")
        start = 0
        for i in range(1, n + 1):
            if i == n or str(options.stages[i]) != str(options.stages[start]):
                stages.append(Stage(str(options.stages[start]), start, i))
                start = i

    plain = not excluded.any() and not baseline.any()
    estimate: list[Selector] = []
    estimated = np.zeros(n, dtype=bool)
    for stage in stages:
        if plain:
            sel: Selector = slice(stage.start, stage.stop)
            estimated[sel] = True
        else:
            mask = np.zeros(n, dtype=bool)
            mask[stage.start:stage.stop] = True
            if baseline[stage.start:stage.stop].any():
                mask &= baseline
            mask &= ~excluded
            if not mask.any():
                raise OpsdeskError(
                    f"Stage {stage.name or 1} has no points left to estimate its limits."
                )
            estimated |= mask
            sel = mask
        estimate.append(sel)
    return Phases(n, stages, estimate, excluded, reasons, estimated)
