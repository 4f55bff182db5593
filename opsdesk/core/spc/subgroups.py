"""Rows grouped into subgroups: sizes, means, ranges and standard deviations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from opsdesk.core.errors import OpsdeskError


@dataclass(frozen=True)
class Subgroups:
    labels: list[str]
    n: np.ndarray        # int sizes
    mean: np.ndarray
    range: np.ndarray    # NaN where n < 2
    sd: np.ndarray       # sample standard deviation (ddof 1); NaN where n < 2
    first_row: np.ndarray  # row index of each subgroup's first row
    sums: np.ndarray

    @property
    def count(self) -> int:
        return len(self.labels)


def group_codes(row_labels: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Subgroup labels in order of first appearance, and each row's subgroup index."""
    order: dict[str, int] = {}
    codes = np.fromiter((order.setdefault(str(lab), len(order)) for lab in row_labels),
                        dtype=np.int64, count=len(row_labels))
    return list(order), codes


def make_subgroups(values: np.ndarray, row_labels: Sequence[str] | None) -> Subgroups:
    """Group ``values`` by ``row_labels`` (rows with the same label form one subgroup)."""
    values = np.asarray(values, dtype=float)
    if row_labels is None:
        labels = [str(i + 1) for i in range(len(values))]
        codes = np.arange(len(values))
    else:
        if len(row_labels) != len(values):
            raise OpsdeskError("The subgroup column and the value column differ in length.")
        labels, codes = group_codes(row_labels)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    x = values[order]
    m = len(labels)
    starts = np.searchsorted(sorted_codes, np.arange(m))
    n = np.diff(np.append(starts, len(x)))
    sums = np.add.reduceat(x, starts) if len(x) else np.zeros(0)
    mean = sums / n
    dev2 = (x - np.repeat(mean, n)) ** 2
    ss = np.add.reduceat(dev2, starts) if len(x) else np.zeros(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.where(n > 1, np.sqrt(ss / np.maximum(n - 1, 1)), np.nan)
    rng = np.maximum.reduceat(x, starts) - np.minimum.reduceat(x, starts) if len(x) else sums
    rng = np.where(n > 1, rng, np.nan)
    first_row = order[starts] if len(x) else starts
    return Subgroups(labels, n, mean, rng, sd, first_row, sums)
