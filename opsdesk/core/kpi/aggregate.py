"""Period values: each KPI's observations aggregated by its review frequency.

They come from the period aggregates the workspace keeps (``period_store``). When there
are observations after the day asked for (a review date pinned in the past), the periods
that started by then are kept ones, and the one holding that day is summed from its
observations up to it. A
period's "last" value is its latest observation's, by time and then by id; its mean is
the sum over the count; so one summary serves every aggregation.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from opsdesk.core.kpi import period_store
from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.periods import label, start_from_key, start_of

if TYPE_CHECKING:  # numpy loads only when many periods are aggregated (not by ``newest``)
    import numpy as np


@dataclass(frozen=True)
class PeriodValues:
    """One KPI's periods that hold observations, oldest first."""

    frequency: str
    keys: list[Any]          # period keys (see periods.sql_key): each first day's ordinal
    values: np.ndarray       # aggregated value per period
    last_ts: str             # the latest observation's timestamp ...
    last_value: float        # ... and its value

    def start(self, index: int) -> date:
        return start_from_key(self.keys[index])

    def label(self, index: int) -> str:
        return label(self.start(index), self.frequency)


def period_values(
    conn: sqlite3.Connection, kpis: Sequence[Kpi] | None, until: date
) -> dict[int, PeriodValues]:
    """Period values per KPI id (each at its own frequency) from observations dated up
    to ``until`` (inclusive); ``kpis`` None means every KPI."""
    if kpis is None:
        rows = [(int(i), str(f), str(a)) for i, f, a in
                conn.execute("SELECT id, frequency, aggregation FROM kpis")]
        kept = period_store.read(conn, times=False)
    else:
        rows = [(k.id, k.frequency, k.aggregation) for k in kpis]
        kept = period_store.read(conn, [k.id for k in kpis], times=False)
    upper = (until + timedelta(days=1)).isoformat()
    out: dict[int, PeriodValues] = {}
    for kpi_id, frequency, aggregation in rows:
        periods = kept.get(kpi_id)
        if periods is not None and periods.frequency != frequency:
            periods = None  # changed in a transaction not yet committed: sum it here
        if periods is None:
            periods = period_store.summarise(conn, kpi_id, frequency, before=upper)
        elif periods.newest >= upper:  # data after ``until``: the periods up to it only
            current = start_of(until, frequency)
            periods = period_store.read(conn, [kpi_id])[kpi_id]  # with each period's time
            done, _ = periods.without(current.toordinal(), current.toordinal())
            periods = period_store.joined(
                (done, period_store.summarise(conn, kpi_id, frequency, current.isoformat(),
                                              upper)), frequency)
        if not len(periods):
            continue
        out[kpi_id] = PeriodValues(frequency, periods.starts.tolist(),
                                   periods.values(aggregation), periods.newest,
                                   float(periods.lasts[-1]))
    return out


@dataclass(frozen=True)
class Newest:
    """A KPI's newest observation up to a date, and the period it falls in."""

    start: date              # of the period
    ts: str
    value: float


def newest(conn: sqlite3.Connection, kpi: Kpi, until: date) -> Newest | None:
    """``kpi``'s newest observation dated up to ``until`` (None: there is none).

    One walk back from the newest end of the (kpi_id, ts) index, with no history read;
    it is the observation a period's "last" value is (``period_store``): latest by time,
    then by id, among those summarised.
    """
    upper = (until + timedelta(days=1)).isoformat()
    row = conn.execute(
        f"SELECT ts, value FROM observations WHERE kpi_id = ? AND ts < ?"
        f" AND {period_store.SUMMARISED} ORDER BY ts DESC, id DESC LIMIT 1", (kpi.id, upper)
    ).fetchone()
    if row is None:
        return None
    start = start_of(date.fromisoformat(str(row[0])[:10]), kpi.frequency)
    return Newest(start, str(row[0]), float(row[1]))
