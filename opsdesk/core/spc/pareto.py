"""Pareto analysis: counts, percent and cumulative percent, largest first.

Ties keep the order in which the categories first appear in the input (a stable sort),
so the same input always gives the same chart. With ``other_below``, every category
under that percent of the total joins one "Other" bucket, which is kept last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from opsdesk.core.errors import OpsdeskError

OTHER = "Other"


@dataclass(frozen=True)
class ParetoResult:
    categories: list[str]
    counts: list[float]
    percent: list[float]
    cumulative_percent: list[float]
    total: float
    other_members: list[str]

    def as_dict(self) -> dict[str, list[str] | list[float]]:
        return {"categories": self.categories, "counts": self.counts,
                "percent": self.percent, "cumulative_percent": self.cumulative_percent}


def pareto(categories: Sequence[str], counts: Sequence[float] | None = None,
           other_below: float | None = None) -> ParetoResult:
    """From raw records (``counts`` None: one record per entry) or from counts."""
    if counts is not None and len(counts) != len(categories):
        raise OpsdeskError("The category and count columns differ in length.")
    totals: dict[str, float] = {}
    for i, cat in enumerate(categories):
        value = 1.0 if counts is None else float(counts[i])
        if not np.isfinite(value) or value < 0:
            raise OpsdeskError(f"Row {i + 1}: count {counts[i] if counts else value!r} "
                               "must be a number of 0 or more.")
        key = str(cat).strip() or "(blank)"
        totals[key] = totals.get(key, 0.0) + value
    total = sum(totals.values())
    if not totals or total <= 0:
        raise OpsdeskError("There is nothing to count: the total is 0.")
    order = sorted(totals.items(), key=lambda kv: -kv[1])  # stable: ties keep first appearance
    members: list[str] = []
    if other_below is not None and other_below > 0:
        kept = [(c, v) for c, v in order if v / total * 100 >= other_below and c != OTHER]
        rest = [(c, v) for c, v in order if (c, v) not in kept]
        if rest:
            members = [c for c, _ in rest]
            kept.append((OTHER, sum(v for _, v in rest)))
        order = kept
    names = [c for c, _ in order]
    values = [v for _, v in order]
    percent = [v / total * 100 for v in values]
    cumulative = list(np.cumsum(values) / total * 100)
    cumulative[-1] = 100.0
    return ParetoResult(names, values, percent, [float(c) for c in cumulative], total, members)
