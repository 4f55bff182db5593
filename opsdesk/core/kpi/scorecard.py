"""The scorecard: each KPI's status for the latest completed period, as of a date.

Rules (issue 5, "Status, precisely"):
- the judged period is the latest that has ended before the as-of date; the period the
  as-of date falls in is in progress and shown apart as "to date";
- if the latest completed period has no observations, the one before it is judged (data
  arrive late); if neither has any, the KPI is "stale" and its last known value is shown
  with its date; with no observation at all (or none before the period in progress) it is
  "no data";
- each period is judged against the target in force on its first day;
- change and trend compare the judged period with the one just before it;
- SPC signals: the run-rule tests the judged period fails on an individuals chart of the
  completed period values, with the KPI's rule set.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from opsdesk.core.kpi.aggregate import PeriodValues, period_values
from opsdesk.core.kpi.definitions import Kpi, Target, load_kpis
from opsdesk.core.kpi.forecast import Forecast, next_period_forecast
from opsdesk.core.kpi.natural_range import natural_range
from opsdesk.core.kpi.periods import key_of, label, shift, start_of
from opsdesk.core.kpi.signals import (
    ChartOf,
    Series,
    individuals,
    last_point_tests_many,
    latest_signals,
)
from opsdesk.core.kpi.stages import stage_labels
from opsdesk.core.kpi.status import Status, Trend, judge, red_threshold, trend


@dataclass(frozen=True)
class KpiStatus:
    kpi: Kpi
    as_of: date
    status: Status
    period: str | None = None          # label of the judged (or last known) period
    period_start: date | None = None
    value: float | None = None
    target: Target | None = None
    red_at: float | None = None
    previous: float | None = None
    previous_period: str | None = None
    change: float | None = None
    trend: Trend | None = None
    signals: tuple[int, ...] = ()
    last_date: str | None = None       # the latest observation's date
    last_value: float | None = None
    to_date_period: str = ""
    to_date_value: float | None = None
    to_date_status: Status | None = None
    spark: tuple[float, ...] = ()      # the last completed period values, for sparklines
    forecast: Forecast | None = None

    @property
    def target_value(self) -> float | None:
        return None if self.target is None else self.target.target


SPARK_PERIODS = 12


def signal_series(kpi: Kpi, pv: PeriodValues | None, as_of: date) -> Series | None:
    """What the KPI's SPC signals are judged on: its completed period values, its rule
    set and each period's stage (None: it has no completed period)."""
    if pv is None:
        return None
    done = bisect_left(pv.keys, key_of(start_of(as_of, kpi.frequency)))
    if done == 0:
        return None
    stages = (stage_labels(kpi, [pv.start(i) for i in range(done)]).labels if kpi.stages
              else None)
    return pv.values[:done], kpi.rule_set, stages


def kpi_status(
    kpi: Kpi, pv: PeriodValues | None, as_of: date, with_forecast: bool = False,
    chart_of: ChartOf = individuals, signals: tuple[int, ...] | None = None,
) -> KpiStatus:
    """The status of one KPI from its period values (see the module's rules).

    ``chart_of`` makes the individuals chart for the SPC signals (an ``IndividualsMemo``
    lets later work on the same values reuse it); ``signals``, when given, are those
    already found on ``signal_series`` (``compute_statuses`` judges every KPI's at once)."""
    freq = kpi.frequency
    current = start_of(as_of, freq)
    to_date_period = label(current, freq)
    if pv is None:
        return KpiStatus(kpi, as_of, "no data", to_date_period=to_date_period)
    done = bisect_left(pv.keys, key_of(current))  # periods before this are complete
    to_date_value = to_date_status = None
    if done < len(pv.keys):
        to_date_value = float(pv.values[done])
        to_date_status = judge(kpi, to_date_value, kpi.target_on(current))
    base = {"to_date_period": to_date_period, "to_date_value": to_date_value,
            "to_date_status": to_date_status, "last_date": pv.last_ts[:10],
            "last_value": pv.last_value}
    if done == 0:
        return KpiStatus(kpi, as_of, "no data", **base)  # type: ignore[arg-type]
    last = done - 1
    last_start = pv.start(last)
    spark = tuple(float(v) for v in pv.values[max(0, done - SPARK_PERIODS):done])
    if last_start < shift(current, freq, -2):
        return KpiStatus(kpi, as_of, "stale", period=label(last_start, freq),
                         period_start=last_start, value=float(pv.values[last]),
                         spark=spark, **base)  # type: ignore[arg-type]
    value = float(pv.values[last])
    target = kpi.target_on(last_start)
    previous = change = moved = None
    previous_start = shift(last_start, freq, -1)
    if last > 0 and pv.start(last - 1) == previous_start:
        previous = float(pv.values[last - 1])
        change = value - previous
        moved = trend(kpi, value, previous, target)
    values = pv.values[:done]
    if signals is None:
        stages = (stage_labels(kpi, [pv.start(i) for i in range(done)]).labels if kpi.stages
                  else None)
        signals = latest_signals(values, kpi.rule_set, chart_of, stages)
    forecast = (next_period_forecast(values, last_start, freq,
                                     bounds=natural_range(kpi, values.tolist()))
                if with_forecast else None)
    return KpiStatus(
        kpi, as_of, judge(kpi, value, target), period=label(last_start, freq),
        period_start=last_start, value=value, target=target, red_at=red_threshold(kpi, target),
        previous=previous, previous_period=label(previous_start, freq), change=change,
        trend=moved, signals=signals, spark=spark,
        forecast=forecast, **base,  # type: ignore[arg-type]
    )


def compute_statuses(
    conn: sqlite3.Connection,
    as_of: date | None = None,
    kpi_ids: Iterable[int] | None = None,
    with_forecast: bool = False,
    include_archived: bool = False,
) -> list[KpiStatus]:
    """Every KPI's status (or those in ``kpi_ids``), in display order."""
    if as_of is None:
        from opsdesk.core.kpi.review_date import review_date

        as_of = review_date(conn)
    kpis = load_kpis(conn, kpi_ids, include_archived=include_archived)
    values = period_values(conn, None if kpi_ids is None else kpis, as_of)
    series = [signal_series(k, values.get(k.id), as_of) for k in kpis]
    found = iter(last_point_tests_many([s for s in series if s is not None]))
    return [kpi_status(k, values.get(k.id), as_of, with_forecast,
                       signals=() if s is None else next(found))
            for k, s in zip(kpis, series, strict=True)]


def status_counts(statuses: Iterable[KpiStatus]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.status] = counts.get(s.status, 0) + 1
    return counts
