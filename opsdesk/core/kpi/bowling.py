"""The bowling chart: KPIs down, the last periods across, target and actual per cell."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from opsdesk.core.kpi.aggregate import key_of, period_values
from opsdesk.core.kpi.definitions import Kpi, load_kpis
from opsdesk.core.kpi.periods import label, shift, start_of
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
) -> Bowling:
    """The last ``count`` completed periods of ``frequency`` for every KPI.

    Each KPI's observations are aggregated into these periods with its own aggregation
    and judged against the target in force at each period's start.
    """
    as_of = as_of or date.today()
    current = start_of(as_of, frequency)
    starts = [shift(current, frequency, -i) for i in range(count, 0, -1)]
    kpis = load_kpis(conn, kpi_ids, include_archived=False)
    values = period_values(conn, None if kpi_ids is None else kpis, as_of, frequency)
    rows = []
    for kpi in kpis:
        pv = values.get(kpi.id)
        by_key = {} if pv is None else dict(zip(pv.keys, pv.values.tolist(), strict=True))
        cells = []
        for start in starts:
            target = kpi.target_on(start)
            value = by_key.get(key_of(start, frequency))
            band = None
            if target and target.band_low is not None and target.band_high is not None:
                band = (target.band_low, target.band_high)
            cells.append(BowlingCell(
                value, target.target if target else None, band,
                None if value is None else judge(kpi, value, target)))
        rows.append(BowlingRow(kpi, tuple(cells)))
    return Bowling(frequency, tuple(label(s, frequency) for s in starts), tuple(rows))
