"""The bowling chart: KPIs down, the last periods across, target and actual per cell."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from opsdesk.core.kpi.aggregate import PeriodValues, period_values
from opsdesk.core.kpi.definitions import Kpi, load_kpis
from opsdesk.core.kpi.periods import label, shift, start_from_key, start_of
from opsdesk.core.kpi.status import Status, judge


@dataclass(frozen=True)
class BowlingCell:
    value: float | None
    target: float | None          # higher/lower KPIs
    band: tuple[float, float] | None  # band KPIs
    status: Status | None         # None when the period has no value


@dataclass(frozen=True)
class BowlingRow:
    kpi: Kpi
    cells: tuple[BowlingCell, ...]


@dataclass(frozen=True)
class Bowling:
    frequency: str
    periods: tuple[str, ...]
    rows: tuple[BowlingRow, ...]


def bowling(
    conn: sqlite3.Connection,
    as_of: date | None = None,
    frequency: str = "monthly",
    count: int = 12,
    kpi_ids: Iterable[int] | None = None,
    *,
    kpis: Sequence[Kpi] | None = None,
    values_by_id: Mapping[int, PeriodValues] | None = None,
) -> Bowling:
    """The last ``count`` completed periods of ``frequency`` for every KPI.

    A cell's value is built from the KPI's own period values (so a daily target stays
    comparable): the mean of the KPI's periods that start in the cell's period, or the
    latest of them for a "last" KPI. Each cell is judged against the target in force at
    its start.

    Work that already has them can pass ``kpis`` (instead of ``kpi_ids``; unarchived) and
    ``values_by_id`` (``period_values`` up to the same ``as_of``).
    """
    if as_of is None:
        from opsdesk.core.kpi.review_date import review_date

        as_of = review_date(conn)
    current = start_of(as_of, frequency)
    starts = [shift(current, frequency, -i) for i in range(count, 0, -1)]
    first = starts[0]
    if kpis is None:
        kpis = load_kpis(conn, kpi_ids, include_archived=False)
    values = values_by_id
    if values is None:
        values = period_values(conn, None if kpi_ids is None else kpis, as_of)
    rows = []
    for kpi in kpis:
        pv = values.get(kpi.id)
        grouped: dict[date, list[float]] = {}
        if pv is not None:
            for key, value in zip(pv.keys, pv.values.tolist(), strict=True):
                own = start_from_key(key)
                if own >= first:
                    grouped.setdefault(start_of(own, frequency), []).append(value)
        cells = []
        for start in starts:
            target = kpi.target_on(start)
            found = grouped.get(start)
            value = None
            if found:
                value = found[-1] if kpi.aggregation == "last" else sum(found) / len(found)
            band = None
            if target and target.band_low is not None and target.band_high is not None:
                band = (target.band_low, target.band_high)
            cells.append(BowlingCell(
                value, target.target if target else None, band,
                None if value is None else judge(kpi, value, target)))
        rows.append(BowlingRow(kpi, tuple(cells)))
    return Bowling(frequency, tuple(label(s, frequency) for s in starts), tuple(rows))
