"""Period aggregates kept in the workspace: each KPI's observations summed up per period.

Every page, the CLI and the PDF judge KPIs on period values (a month's mean, a week's
sum, a day's last value). Summing five years of daily data for 200 KPIs afresh took
longer than every other part of the scorecard together, so the sums are kept in the
workspace (``kpi_periods``, format 7) and brought up to date with the observations they
summarise, in the same transaction (``period_refresh.refresh``, which
``Workspace.transaction`` calls before each commit: imports, edits, undo and redo alike).

What is kept, per KPI at its review frequency and for each period holding data, oldest
first: the period's first day, how many observations it holds, their sum, and the value
and time of its latest observation (latest by time, then by id: the one stored last).
That is enough for every aggregation (sum; mean = sum / count; last). An observation is
summarised when its value is a number within the accepted range and its time starts with
a real ISO date; others (another program's) are left out, as ``ranges.sql_in_range`` says.

- **Exact.** The sum is ``math.fsum``, the correctly rounded sum of the values, which does
  not depend on the order they are added in; so a period summed afresh has the same bits
  as one kept up to date, whichever path (an edit, an import, a rebuild, SQLite version)
  made it, and ``opsdesk check`` compares them for equality.
- **Packed.** One row per KPI, each column an array (little-endian int64 and float64
  blobs; the times a JSON list): reading 108,500 period rows through Python's sqlite3
  costs 50 to 140 ms, reading 200 packed rows a few.
- **Followed, not remembered.** The refresh learns what the transaction changed from
  SQLite's own record of it (``seal_log``: every observation inserted, updated or deleted,
  cascades included), and sums afresh the periods between the earliest and the latest
  time touched, per KPI. A KPI whose frequency changed is summed whole.
- **Rebuildable.** ``rebuild`` sums every KPI from its observations (the format-5 upgrade,
  ``opsdesk check --repair``); ``differences`` compares what is kept with that (``opsdesk
  check``). A change made by another program, past opsdesk, is not followed (nor sealed):
  the check names the KPIs whose aggregates it left behind.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from opsdesk.core.kpi.periods import sql_key
from opsdesk.core.ranges import sql_in_range
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Transaction

if TYPE_CHECKING:
    import numpy as np

TABLE = "kpi_periods"
# The observations a period value is made of: a number in range, at a real ISO date (SQLite
# reads 2025-02-30 as 2 March: the day it names must be the day it is).
SUMMARISED = (f"typeof(value) IN ('integer', 'real') AND {sql_in_range('value')}"
              " AND date(julianday(substr(ts, 1, 10))) IS substr(ts, 1, 10)")
_COLUMNS = "kpi_id, frequency, starts, counts, totals, lasts, last_times"
# The newest time, parsed in SQLite's C rather than the whole list in Python.
_NEWEST = "json_extract(last_times, '$[#-1]')"


@dataclass(frozen=True)
class Periods:
    """One KPI's periods that hold summarised observations, oldest first."""

    frequency: str
    starts: np.ndarray       # int64: each period's first day, as date.toordinal()
    counts: np.ndarray       # int64: its observations
    totals: np.ndarray       # float64: their sum (math.fsum)
    lasts: np.ndarray        # float64: the value of its latest observation ...
    last_times: str | None   # ... and its time: a JSON list, one a period (None: not read)
    newest: str = ""         # the last of those times: the KPI's latest observation's

    def __len__(self) -> int:
        return len(self.starts)

    def times(self) -> list[str]:
        if self.last_times is None:
            raise ValueError("the periods were read without their times")
        return [str(t) for t in json.loads(self.last_times)]

    def values(self, aggregation: str) -> np.ndarray:
        """The period values by the KPI's aggregation (sum, mean or last)."""
        if aggregation == "sum":
            return self.totals
        if aggregation == "last":
            return self.lasts
        mean: np.ndarray = self.totals / self.counts
        return mean

    def without(self, first: int, stop: int) -> tuple[Periods, Periods]:
        """(the periods starting before ``first``, those starting at ``stop`` or after)."""
        import numpy as np

        lo, hi = (int(i) for i in np.searchsorted(self.starts, (first, stop)))
        times = self.times()
        return (self._slice(0, lo, times), self._slice(hi, len(self), times))

    def _slice(self, lo: int, hi: int, times: list[str]) -> Periods:
        return Periods(self.frequency, self.starts[lo:hi], self.counts[lo:hi],
                       self.totals[lo:hi], self.lasts[lo:hi], json.dumps(times[lo:hi]),
                       times[hi - 1] if hi > lo else "")

    def same_as(self, other: Periods) -> bool:
        """Equal in every period, bit for bit (a -0.0 sum is not 0.0)."""
        return (self.frequency == other.frequency and self.last_times == other.last_times
                and all(a.tobytes() == b.tobytes() for a, b in zip(
                    (self.starts, self.counts, self.totals, self.lasts),
                    (other.starts, other.counts, other.totals, other.lasts), strict=True)))


def joined(parts: Iterable[Periods], frequency: str) -> Periods:
    """Periods one after the other (each part after the one before)."""
    import numpy as np

    parts = [p for p in parts if len(p)]
    if not parts:
        return empty(frequency)
    times: list[str] = []
    for p in parts:
        times += p.times()
    return Periods(frequency, np.concatenate([p.starts for p in parts]),
                   np.concatenate([p.counts for p in parts]),
                   np.concatenate([p.totals for p in parts]),
                   np.concatenate([p.lasts for p in parts]), json.dumps(times), times[-1])


def empty(frequency: str) -> Periods:
    import numpy as np

    no = np.zeros(0, dtype=np.int64)
    return Periods(frequency, no, no, no.astype(float), no.astype(float), "[]")


def summarise(conn: sqlite3.Connection, kpi_id: int, frequency: str,
              since: str | None = None, before: str | None = None) -> Periods:
    """``kpi_id``'s observations summed up by period (``frequency``), from the
    observations themselves: those with a time from ``since`` and before ``before``
    (ISO text; None: no bound). The one way period values are made, kept or not.

    SQLite reads them in time order, latest last (by time, then id, from the index) with
    each one's period key; numpy finds where the periods change, and each period's sum is
    ``math.fsum`` of its slice: no Python call per row."""
    import numpy as np

    where = f"kpi_id = ? AND {SUMMARISED}"
    params: list[object] = [kpi_id]
    if since is not None:
        where += " AND ts >= ?"
        params.append(since)
    if before is not None:
        where += " AND ts < ?"
        params.append(before)
    rows = conn.execute(f"SELECT {sql_key(frequency)}, ts, value FROM observations"
                        f" WHERE {where} ORDER BY ts, id", params).fetchall()
    if not rows:
        return empty(frequency)
    keys, times, values = zip(*rows, strict=True)
    key_array = np.asarray(keys, dtype=np.int64)
    firsts = np.flatnonzero(np.diff(key_array, prepend=key_array[0] - 1))
    stops = [*firsts[1:].tolist(), len(values)]
    fsum = math.fsum
    totals = [fsum(values[a:b]) for a, b in zip(firsts.tolist(), stops, strict=True)]
    ends = [b - 1 for b in stops]
    return Periods(frequency, key_array[firsts], np.diff(firsts, append=len(values)),
                   np.asarray(totals, dtype=float),
                   np.asarray([values[i] for i in ends], dtype=float),
                   json.dumps([str(times[i]) for i in ends]), str(times[ends[-1]]))


def read(conn: sqlite3.Connection, kpi_ids: Iterable[int] | None = None,
         times: bool = True) -> dict[int, Periods]:
    """The periods kept for these KPIs (None: every KPI), by KPI id; without each
    period's latest time unless ``times`` (the KPI's newest is always there)."""
    sql = (f"SELECT {_COLUMNS if times else _COLUMNS.replace('last_times', 'NULL')},"
           f" {_NEWEST} FROM {TABLE}")
    if kpi_ids is None:
        return {row[0]: _unpack(row) for row in conn.execute(sql)}
    ids = list(dict.fromkeys(kpi_ids))  # as stored: another program's may be any value
    out: dict[int, Periods] = {}
    for lo in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[lo:lo + 500]
        for row in conn.execute(f"{sql} WHERE kpi_id IN ({','.join('?' * len(chunk))})",
                                chunk):
            out[row[0]] = _unpack(row)
    return out


def _unpack(row: tuple[Any, ...]) -> Periods:
    import numpy as np

    _, frequency, starts, counts, totals, lasts, times, newest = row
    return Periods(str(frequency), np.frombuffer(starts, "<i8"), np.frombuffer(counts, "<i8"),
                   np.frombuffer(totals, "<f8"), np.frombuffer(lasts, "<f8"),
                   None if times is None else str(times), "" if newest is None else str(newest))


def write(conn: sqlite3.Connection, kpi_id: int, periods: Periods) -> None:
    if periods.last_times is None:
        raise ValueError("periods read without their times are not written back")
    if not len(periods):
        conn.execute(f"DELETE FROM {TABLE} WHERE kpi_id = ?", (kpi_id,))
        return
    conn.execute(
        f"INSERT OR REPLACE INTO {TABLE} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (kpi_id, periods.frequency, periods.starts.astype("<i8").tobytes(),
         periods.counts.astype("<i8").tobytes(), periods.totals.astype("<f8").tobytes(),
         periods.lasts.astype("<f8").tobytes(), periods.last_times))


def _frequencies(conn: sqlite3.Connection) -> dict[int, str]:
    return {int(i): str(f) for i, f in conn.execute("SELECT id, frequency FROM kpis")}


def rebuild(conn: sqlite3.Connection, kpi_ids: Iterable[int] | None = None) -> int:
    """Sum these KPIs' periods (None: every KPI's) afresh from their observations, and
    keep them; returns how many KPIs were summed. Call inside a write transaction."""
    frequencies = _frequencies(conn)
    ids = sorted(frequencies) if kpi_ids is None else list(dict.fromkeys(kpi_ids))
    if kpi_ids is None:  # rows of KPIs that are gone, should any be left
        conn.execute(f"DELETE FROM {TABLE} WHERE kpi_id NOT IN (SELECT id FROM kpis)")
    for kpi_id in ids:
        if kpi_id in frequencies:
            write(conn, kpi_id, summarise(conn, kpi_id, frequencies[kpi_id]))
        else:
            conn.execute(f"DELETE FROM {TABLE} WHERE kpi_id = ?", (kpi_id,))
    return len(ids)


def differences(conn: sqlite3.Connection) -> list[str]:
    """Where the kept periods are not the observations' (one sentence each, by KPI name);
    empty when every KPI's are as a rebuild would make them."""
    names = {int(i): str(n) for i, n in conn.execute("SELECT id, name FROM kpis")}
    frequencies = _frequencies(conn)
    kept = read(conn)
    problems = []
    for kpi_id in sorted(set(kept) | set(frequencies)):
        name = names.get(kpi_id)
        if name is None:
            problems.append(f"KPI id {kpi_id} has period aggregates but no longer exists")
            continue
        fresh = summarise(conn, kpi_id, frequencies[kpi_id])
        have = kept.get(kpi_id, empty(frequencies[kpi_id]))
        if not have.same_as(fresh):
            problems.append(f"{name}: {_what_differs(have, fresh)}")
    return problems


def _what_differs(have: Periods, fresh: Periods) -> str:
    if have.frequency != fresh.frequency:
        return f"kept by {have.frequency} periods, reviewed {fresh.frequency}"
    if len(have) != len(fresh):
        return (f"{len(have)} periods kept, {len(fresh)} in the observations")
    for i in range(len(have)):
        for what, a, b in (("count", have.counts, fresh.counts),
                           ("sum", have.totals, fresh.totals),
                           ("last value", have.lasts, fresh.lasts)):
            if a[i].tobytes() != b[i].tobytes():
                day = date.fromordinal(int(fresh.starts[i])).isoformat()
                return (f"the period from {day} has {what} {a[i].item()!r} kept, "
                        f"{b[i].item()!r} observed")
    return "the periods' starts or latest times differ from the observations"


@dataclass(frozen=True)
class RebuildPeriods:
    """Sum every KPI's periods afresh from its observations (``opsdesk check --repair``).

    Its inverse is itself: the aggregates depend on the observations alone, so summing
    them again leaves them as they are. The result is how many KPIs were summed."""

    title: str = "Rebuild the period aggregates"

    def apply(self, tx: Transaction) -> Applied[int]:
        count = rebuild(tx.conn)
        tx.audit(TABLE, None, "summary", after={"kpis": count})
        return Applied(self, Changes.OBSERVATIONS, count)
