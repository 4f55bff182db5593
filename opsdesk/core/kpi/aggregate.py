"""Observations aggregated into period values, for many KPIs in one SQL query.

SQLite does the grouping (it is the bulk of the work on a large workspace); Python only
slices the result per KPI. A period's "last" value is the observation with the latest
timestamp: SQLite takes bare columns from the row that holds ``max(ts)``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import numpy as np

from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.periods import FREQUENCIES, label, sql_key, start_from_key

_VALUE = ("CASE k.aggregation WHEN 'sum' THEN sum(o.value) WHEN 'mean' THEN avg(o.value)"
          " ELSE o.value END")


@dataclass(frozen=True)
class PeriodValues:
    """One KPI's periods that hold observations, oldest first."""

    frequency: str
    keys: list[str]          # period keys (see periods.sql_key), sortable
    values: np.ndarray       # aggregated value per period
    counts: np.ndarray       # observations per period
    last_ts: str             # the latest observation's timestamp ...
    last_value: float        # ... and its value

    def start(self, index: int) -> date:
        return start_from_key(self.keys[index], self.frequency)

    def label(self, index: int) -> str:
        return label(self.start(index), self.frequency)


def key_of(day: date, frequency: str) -> str:
    """The key (as ``sql_key`` makes it) of the period that starts on ``day``."""
    if frequency in ("daily", "weekly"):
        return day.isoformat()
    return label(day, frequency)


def _key_sql(frequency: str | None) -> str:
    if frequency is not None:
        return sql_key(frequency, "o.ts")
    cases = " ".join(f"WHEN '{f}' THEN {sql_key(f, 'o.ts')}" for f in FREQUENCIES)
    return f"CASE k.frequency {cases} END"


def period_values(
    conn: sqlite3.Connection,
    kpis: Sequence[Kpi] | None,
    until: date,
    frequency: str | None = None,
) -> dict[int, PeriodValues]:
    """Period values per KPI id from observations dated up to ``until`` (inclusive).

    ``kpis`` None means every KPI; ``frequency`` overrides each KPI's own (bowling chart).
    """
    params: list[object] = [(until + timedelta(days=1)).isoformat()]
    where = "o.ts < ?"
    if kpis is not None:
        if not kpis:
            return {}
        where += f" AND o.kpi_id IN ({','.join('?' * len(kpis))})"
        params.extend(k.id for k in kpis)
    sql = (f"SELECT o.kpi_id, {_key_sql(frequency)} AS p, {_VALUE}, count(*), max(o.ts), o.value"
           f" FROM observations o JOIN kpis k ON k.id = o.kpi_id WHERE {where}"
           " GROUP BY o.kpi_id, p ORDER BY o.kpi_id, p")
    rows = conn.execute(sql, params).fetchall()
    if not rows:
        return {}
    ids, keys, values, counts, last_ts, last_values = zip(*rows, strict=True)
    id_array = np.asarray(ids)
    value_array = np.asarray(values, dtype=float)
    count_array = np.asarray(counts)
    bounds = [0, *(np.flatnonzero(np.diff(id_array)) + 1).tolist(), len(rows)]
    frequency_of = {} if kpis is None else {k.id: k.frequency for k in kpis}
    if kpis is None and frequency is None:
        frequency_of = dict(conn.execute("SELECT id, frequency FROM kpis").fetchall())
    out: dict[int, PeriodValues] = {}
    for lo, hi in pairwise(bounds):
        kpi_id = int(ids[lo])
        # The last row's max(ts) is the KPI's latest observation (keys sort as time does).
        out[kpi_id] = PeriodValues(
            frequency or frequency_of[kpi_id], list(keys[lo:hi]), value_array[lo:hi],
            count_array[lo:hi], str(last_ts[hi - 1]), float(last_values[hi - 1]),
        )
    return out
