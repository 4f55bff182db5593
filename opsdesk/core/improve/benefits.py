"""A project's benefits: expected and realised, hard and soft, per month, and the estimate
its linked KPI gives beside the typed figures.

Hard benefits show in the accounts (cost out, revenue in); soft ones do not (time freed,
risk avoided). The KPI-derived estimate for a month is

    estimate = improvement × value_per_unit
    improvement = baseline − value   (lower is better)
                = value − baseline   (higher is better)

with ``value`` the KPI's value that month and ``value_per_unit`` the money one unit of
improvement is worth per month (typed on the project's KPI link: "each day of lead time
cut is worth 4,000 a month"). A month where the KPI is worse than its baseline gives a
negative estimate: the estimate shows harm as plainly as gain. A band KPI has no
direction of improvement, so it gives no estimate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from opsdesk.core.errors import OpsdeskError

BenefitKind = Literal["hard", "soft"]


@dataclass(frozen=True)
class Benefit:
    month: date                 # the first day of the month it falls in
    kind: BenefitKind
    expected: float | None = None
    realised: float | None = None
    note: str = ""


@dataclass(frozen=True)
class BenefitTotals:
    expected_hard: float = 0.0
    expected_soft: float = 0.0
    realised_hard: float = 0.0
    realised_soft: float = 0.0

    @property
    def expected(self) -> float:
        return self.expected_hard + self.expected_soft

    @property
    def realised(self) -> float:
        return self.realised_hard + self.realised_soft

    def __add__(self, other: BenefitTotals) -> BenefitTotals:
        return BenefitTotals(self.expected_hard + other.expected_hard,
                             self.expected_soft + other.expected_soft,
                             self.realised_hard + other.realised_hard,
                             self.realised_soft + other.realised_soft)


def month_of(day: date) -> date:
    return day.replace(day=1)


def totals(benefits: Iterable[Benefit], through: date | None = None) -> BenefitTotals:
    """Sums by kind; with ``through``, only the months up to the one that holds it."""
    last = month_of(through) if through is not None else None
    sums = {"expected_hard": 0.0, "expected_soft": 0.0, "realised_hard": 0.0,
            "realised_soft": 0.0}
    for b in benefits:
        if last is not None and b.month > last:
            continue
        if b.expected is not None:
            sums[f"expected_{b.kind}"] += b.expected
        if b.realised is not None:
            sums[f"realised_{b.kind}"] += b.realised
    return BenefitTotals(**sums)


def by_month(benefits: Iterable[Benefit]) -> list[tuple[date, BenefitTotals]]:
    """(month, totals of that month), in month order."""
    months: dict[date, list[Benefit]] = {}
    for b in benefits:
        months.setdefault(month_of(b.month), []).append(b)
    return [(m, totals(months[m])) for m in sorted(months)]


def check_benefit(b: Benefit) -> None:
    """One sentence for a benefit that makes no sense."""
    if b.month.day != 1:
        raise OpsdeskError(f"A benefit is booked per month: {b.month.isoformat()} is not the "
                           "first day of a month.")
    if b.kind not in ("hard", "soft"):
        raise OpsdeskError(f"A benefit is hard or soft, not {b.kind!r}.")


@dataclass(frozen=True)
class Estimate:
    month: date
    kpi_value: float
    improvement: float   # KPI units; positive is better
    estimate: float      # improvement × value per unit


def kpi_estimate(direction: str, baseline: float, value_per_unit: float,
                 monthly: Sequence[tuple[date, float]],
                 from_month: date | None = None) -> list[Estimate]:
    """The KPI-derived estimate for each month of ``monthly`` (the KPI's value per
    calendar month) from ``from_month`` on (the month of the implementation)."""
    if direction == "lower":
        sign = 1.0
    elif direction == "higher":
        sign = -1.0
    else:
        raise OpsdeskError("A KPI judged against a band has no direction of improvement, so "
                           "it gives no benefit estimate; type the benefit instead.")
    start = month_of(from_month) if from_month is not None else None
    out = []
    for month, value in sorted(monthly):
        if start is not None and month_of(month) < start:
            continue
        improvement = sign * (baseline - value)
        out.append(Estimate(month_of(month), value, improvement, improvement * value_per_unit))
    return out
