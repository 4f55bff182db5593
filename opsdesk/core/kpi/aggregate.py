"""Observations aggregated into period values, for many KPIs in one SQL query.

SQLite does the grouping (it is the bulk of the work on a large workspace); Python only
slices the result per KPI. A period's "last" value is the observation with the latest
timestamp: SQLite takes bare columns from the row that holds ``max(ts)``; the mean is
sum / count, so one query serves every aggregation.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.periods import (
    FREQUENCIES,
    JDN_OFFSET,
    label,
    sql_key,
    start_from_key,
    start_of,
)
from opsdesk.core.ranges import sql_in_range

if TYPE_CHECKING:  # numpy loads only when many periods are aggregated (not by ``newest``)
    import numpy as np


@dataclass(frozen=True)
class PeriodValues:
    """One KPI's periods that hold observations, oldest first."""

    frequency: str
    keys: list[Any]          # period keys (see periods.sql_key): str, or int for weeks
    values: np.ndarray       # aggregated value per period
    last_ts: str             # the latest observation's timestamp ...
    last_value: float        # ... and its value

    def start(self, index: int) -> date:
        return start_from_key(self.keys[index], self.frequency)

    def label(self, index: int) -> str:
        return label(self.start(index), self.frequency)


def key_of(day: date, frequency: str) -> str | int:
    """The key (as ``sql_key`` makes it) of the period that starts on ``day``."""
    if frequency == "weekly":
        return day.toordinal() + JDN_OFFSET
    if frequency == "daily":
        return day.isoformat()
    return label(day, frequency)


def period_values(
    conn: sqlite3.Connection, kpis: Sequence[Kpi] | None, until: date
) -> dict[int, PeriodValues]:
    """Period values per KPI id (each at its own frequency) from observations dated up
    to ``until`` (inclusive); ``kpis`` None means every KPI.

    One query per review frequency: each has a constant period expression and reads
    its KPIs' rows through the (kpi_id, ts) index, with no join.
    """
    if kpis is None:
        pairs = conn.execute("SELECT id, frequency FROM kpis").fetchall()
    else:
        pairs = [(k.id, k.frequency) for k in kpis]
    by_frequency: dict[str, list[int]] = {}
    for kpi_id, frequency in pairs:
        by_frequency.setdefault(frequency, []).append(int(kpi_id))
    aggregation = {} if kpis is None else {k.id: k.aggregation for k in kpis}
    if kpis is None:
        aggregation = dict(conn.execute("SELECT id, aggregation FROM kpis").fetchall())
    upper = (until + timedelta(days=1)).isoformat()
    out: dict[int, PeriodValues] = {}
    for frequency in FREQUENCIES:
        ids = by_frequency.get(frequency)
        if ids:
            _query(conn, frequency, ids, upper, aggregation, out)
    return out


def _sql(frequency: str, count: int, since: bool = False) -> str:
    return (f"SELECT o.kpi_id, {sql_key(frequency, 'o.ts')} AS p, sum(o.value),"
            f" count(*), max(o.ts), o.value FROM observations o"
            f" WHERE o.kpi_id IN ({','.join('?' * count)}) AND {sql_in_range('o.value')}"
            f"{' AND o.ts >= ?' if since else ''} AND o.ts < ?"
            " GROUP BY o.kpi_id, p ORDER BY o.kpi_id, p")


@dataclass(frozen=True)
class Newest:
    """A KPI's newest observation up to a date, and the period it falls in."""

    start: date              # of the period
    ts: str
    value: float


def newest(conn: sqlite3.Connection, kpi: Kpi, until: date) -> Newest | None:
    """``kpi``'s newest observation dated up to ``until`` (None: there is none).

    Two index look-ups, with no history read: the value is picked as ``period_values``
    picks a period's last one (the bare column beside ``max(ts)``, same query over the
    newest period alone), so ties in time resolve alike.
    """
    upper = (until + timedelta(days=1)).isoformat()
    (latest,) = conn.execute(
        f"SELECT max(ts) FROM observations WHERE kpi_id = ? AND ts < ?"
        f" AND {sql_in_range('value')}", (kpi.id, upper)
    ).fetchone()
    if latest is None:
        return None
    start = start_of(date.fromisoformat(str(latest)[:10]), kpi.frequency)
    row = conn.execute(_sql(kpi.frequency, 1, since=True),
                       (kpi.id, start.isoformat(), upper)).fetchone()
    return Newest(start, str(row[4]), float(row[5]))


def _query(conn: sqlite3.Connection, frequency: str, ids: list[int], upper: str,
           aggregation: dict[int, str], out: dict[int, PeriodValues]) -> None:
    import numpy as np

    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start:start + 500]
        rows.extend(conn.execute(_sql(frequency, len(chunk)), (*chunk, upper)).fetchall())
    if not rows:
        return
    kpi_ids, keys, sums, counts, last_ts, lasts = zip(*rows, strict=True)
    id_array = np.asarray(kpi_ids)
    sum_array = np.asarray(sums, dtype=float)
    mean_array = sum_array / np.asarray(counts, dtype=float)
    last_array = np.asarray(lasts, dtype=float)
    bounds = [0, *(np.flatnonzero(np.diff(id_array)) + 1).tolist(), len(rows)]
    by_aggregation = {"sum": sum_array, "mean": mean_array, "last": last_array}
    for lo, hi in pairwise(bounds):
        kpi_id = int(kpi_ids[lo])
        values = by_aggregation[aggregation.get(kpi_id, "mean")][lo:hi]
        # The last row's max(ts) is the KPI's latest observation (keys sort as time does).
        out[kpi_id] = PeriodValues(frequency, list(keys[lo:hi]), values,
                                   str(last_ts[hi - 1]), float(lasts[hi - 1]))
