"""Statistics from a table: the work behind ``opsdesk stats``.

Samples come either stacked (one value column, ``by`` naming each row's group) or side
by side (``value`` lists two or more columns; blank cells at a column's end shorten it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.table_input import Table
from opsdesk.core.stats.counts import chi_square, two_proportions
from opsdesk.core.stats.descriptive import Descriptive, describe
from opsdesk.core.stats.groups import levene, mann_whitney, one_way_anova
from opsdesk.core.stats.means import one_sample_t, paired_t, two_sample_t
from opsdesk.core.stats.result import Alternative, TestResult

TESTS = ("describe", "normality", "t1", "t2", "paired", "anova", "mann-whitney", "levene",
         "prop2", "chi2")


@dataclass(frozen=True)
class StatsRequest:
    test: str
    value: str
    by: str | None = None
    mu: float | None = None
    event: str | None = None
    count: str | None = None
    alpha: float = 0.05
    alternative: Alternative = "two-sided"
    equal_var: bool = False


def _columns(req: StatsRequest) -> list[str]:
    return [c.strip() for c in req.value.split(",") if c.strip()]


def groups(table: Table, req: StatsRequest) -> dict[str, np.ndarray]:
    """The samples, by group name (the ``by`` labels, or the column names)."""
    cols = _columns(req)
    if req.by:
        if len(cols) != 1:
            raise OpsdeskError("With --by, give one --value column.")
        values = np.asarray(table.numbers(cols[0]), dtype=float)
        labels = table.labels(req.by)
        out: dict[str, list[float]] = {}
        for label, v in zip(labels, values, strict=True):  # "shift Night", "line 2"
            out.setdefault(f"{req.by} {label}", []).append(float(v))
        return {k: np.asarray(v) for k, v in out.items()}
    if len(set(cols)) != len(cols):
        raise OpsdeskError("A column is named twice in --value.")
    return {c: np.asarray(table.numbers(c, ragged=True), dtype=float) for c in cols}


def _two(found: dict[str, np.ndarray], test: str) -> tuple[tuple[str, str], list[np.ndarray]]:
    if len(found) != 2:
        raise OpsdeskError(f"The {test} compares exactly 2 samples; the data give "
                           f"{len(found)} ({', '.join(found)}).")
    names = list(found)
    return (names[0], names[1]), [found[n] for n in names]


def run_stats(table: Table, req: StatsRequest) -> TestResult | list[Descriptive]:
    if req.test not in TESTS:
        raise OpsdeskError(f"Unknown test {req.test!r}; use one of {', '.join(TESTS)}.")
    if req.test in ("describe", "normality"):
        return [describe(x, name) for name, x in groups(table, req).items()]
    if req.test == "t1":
        if req.mu is None:
            raise OpsdeskError("The one-sample t test needs the mean to test against (--mu).")
        (name,) = _columns(req) or [""]
        return one_sample_t(table.numbers(name, ragged=True), req.mu, name=name,
                            alpha=req.alpha, alternative=req.alternative)
    if req.test == "paired":
        cols = _columns(req)
        if req.by or len(cols) != 2:
            raise OpsdeskError("The paired t test takes two columns, one pair per row "
                               "(--value BEFORE,AFTER).")
        return paired_t(table.numbers(cols[0]), table.numbers(cols[1]),
                        names=(cols[0], cols[1]), alpha=req.alpha,
                        alternative=req.alternative)
    if req.test in ("prop2", "chi2"):
        return _counts(table, req)
    found = groups(table, req)
    if req.test == "t2":
        names, (a, b) = _two(found, "two-sample t test")
        return two_sample_t(a, b, names=names, equal_var=req.equal_var, alpha=req.alpha,
                            alternative=req.alternative)
    if req.test == "mann-whitney":
        names, (a, b) = _two(found, "Mann-Whitney test")
        return mann_whitney(a, b, names=names, alpha=req.alpha, alternative=req.alternative)
    if req.test == "anova":
        return one_way_anova(found, alpha=req.alpha)
    return levene(found, alpha=req.alpha)


def _counts(table: Table, req: StatsRequest) -> TestResult:
    cols = _columns(req)
    if len(cols) != 1 or not req.by:
        raise OpsdeskError(f"The {req.test} test takes one --value column and a --by column "
                           "of categories.")
    values = table.labels(cols[0])
    labels = table.labels(req.by)
    weights = table.numbers(req.count) if req.count else [1.0] * len(values)
    if req.test == "prop2":
        if req.event is None:
            raise OpsdeskError(f"Name the value of {cols[0]!r} that counts as an event "
                               "(--event).")
        tally: dict[str, list[float]] = {}
        for v, g, w in zip(values, labels, weights, strict=True):
            counts = tally.setdefault(g, [0.0, 0.0])
            counts[0] += w if v == req.event else 0.0
            counts[1] += w
        if len(tally) != 2:
            raise OpsdeskError(f"The test of two proportions needs 2 groups in {req.by!r}, "
                               f"not {len(tally)}.")
        (n1, c1), (n2, c2) = tally.items()
        if c1[0] + c2[0] == 0 and req.event not in values:
            raise OpsdeskError(f"No row of {cols[0]!r} holds {req.event!r}.")
        return two_proportions((c1[0], c2[0]), (c1[1], c2[1]), names=(n1, n2),
                               alpha=req.alpha, alternative=req.alternative)
    rows = {g: i for i, g in enumerate(dict.fromkeys(labels))}
    cats = {v: j for j, v in enumerate(dict.fromkeys(values))}
    table_counts = np.zeros((len(rows), len(cats)))
    for v, g, w in zip(values, labels, weights, strict=True):
        table_counts[rows[g], cats[v]] += w
    return chi_square(table_counts, names=(req.by, cols[0]), alpha=req.alpha)


def payload(result: TestResult | list[Descriptive]) -> dict[str, Any]:
    if isinstance(result, list):
        return {"columns": [d.as_dict() for d in result]}
    return result.as_dict()
