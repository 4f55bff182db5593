"""Bringing the kept period aggregates (``period_store``) up to date in a write transaction.

``refresh`` runs before each write transaction commits (``Workspace.transaction``). It
learns what the transaction changed from SQLite's own record of it (``seal_log``: every
observation inserted, updated or deleted, cascades included, as it was and as it is) and,
per KPI, sums afresh the periods between the earliest and the latest time touched; a KPI
kept by another frequency than its own (the frequency was edited) is summed whole.

A command that judges the data it has just written (raising alerts) needs the sums before
the commit: ``refresh_within`` brings them up to date there and then watches for further
changes to the observations or to a KPI's frequency (temporary triggers, this connection's
only, for the rest of the transaction), so the refresh at the commit sums nothing again
when nothing changed since: an import's 200,000 rows are summed once, not twice.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from opsdesk.core.kpi import period_store
from opsdesk.core.kpi.periods import shift, start_of
from opsdesk.core.workspace import seal_log

_WATCH = "kpi_periods_watch"
_WATCHED = (("observations", "INSERT"), ("observations", "UPDATE"), ("observations", "DELETE"),
            ("kpis", "UPDATE OF frequency"), ("kpis", "DELETE"))


def refresh(conn: sqlite3.Connection) -> None:
    """Bring the kept periods up to date with what this write transaction changed; call
    inside it, after its writes, before it commits. On a connection that did not record
    its writes, every KPI is summed afresh."""
    if _unchanged_since_within(conn):
        _stop_watching(conn)
        return
    _sum_touched(conn, or_rebuild=True)
    _stop_watching(conn)


def refresh_within(conn: sqlite3.Connection) -> None:
    """``refresh`` in the middle of a write transaction, for work that reads the sums of
    what it wrote (see the module's notes). On a connection that did not record its
    writes (another program's), the kept sums are left as they are."""
    if _unchanged_since_within(conn):
        return
    if _sum_touched(conn, or_rebuild=False):
        _watch(conn)


def _unchanged_since_within(conn: sqlite3.Connection) -> bool:
    if not seal_log.names(conn, _WATCH, "temp"):
        return False
    row = conn.execute(f"SELECT changed FROM temp.{_WATCH}").fetchone()
    return row is not None and row[0] == 0


def _watch(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_WATCH} (changed INTEGER NOT NULL)")
    conn.execute(f"DELETE FROM temp.{_WATCH}")
    conn.execute(f"INSERT INTO temp.{_WATCH} VALUES (0)")
    for n, (table, event) in enumerate(_WATCHED):
        conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS {_WATCH}_{n} AFTER {event}"
                     f" ON main.{table} BEGIN UPDATE {_WATCH} SET changed = 1; END")


def _stop_watching(conn: sqlite3.Connection) -> None:
    if seal_log.names(conn, _WATCH, "temp"):
        for n in range(len(_WATCHED)):
            conn.execute(f"DROP TRIGGER IF EXISTS temp.{_WATCH}_{n}")
        conn.execute(f"DELETE FROM temp.{_WATCH}")


def _touched(conn: sqlite3.Connection) -> dict[Any, tuple[object, object]] | None:
    """Per KPI, the earliest and latest time of the observations this transaction
    inserted, updated or deleted (as they were, and as they are); None when the
    connection did not record its writes."""
    if not seal_log.logged(conn, ("observations",)):
        return None
    ranges: dict[Any, tuple[object, object]] = {}  # by kpi_id as stored
    for kpi_id, low, high in conn.execute(
            "SELECT kpi_id, min(ts), max(ts) FROM ("
            " SELECT kpi_id, ts FROM temp.seal_before_observations UNION ALL"
            f" {seal_log.after('observations', ['kpi_id', 'ts'])}) GROUP BY kpi_id"):
        ranges[kpi_id] = (low, high)
    return ranges


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _sum_touched(conn: sqlite3.Connection, or_rebuild: bool) -> bool:
    """Sum afresh what the transaction touched; False when it did not record its writes
    (then every KPI is summed afresh if ``or_rebuild``)."""
    touched = _touched(conn)
    if touched is None:
        if or_rebuild:
            period_store.rebuild(conn)
        return False
    moved = [i for (i,) in conn.execute(  # kept by another frequency than the KPI's
        f"SELECT p.kpi_id FROM {period_store.TABLE} p LEFT JOIN kpis k ON k.id = p.kpi_id"
        " WHERE k.frequency IS NOT p.frequency")]
    if moved:
        period_store.rebuild(conn, moved)
    touched = {k: r for k, r in touched.items() if k not in moved}
    if not touched:
        return True
    frequencies = dict(conn.execute("SELECT id, frequency FROM kpis").fetchall())
    kept = period_store.read(conn, touched)
    for kpi_id, (low_ts, high_ts) in touched.items():
        frequency = frequencies.get(kpi_id)
        if frequency is None:  # the KPI is gone, and its row with it
            continue
        low, high, have = _day(low_ts), _day(high_ts), kept.get(kpi_id)
        if have is None or low is None or high is None:
            period_store.rebuild(conn, (kpi_id,))
            continue
        first = start_of(low, frequency)
        stop = shift(start_of(high, frequency), frequency)
        fresh = period_store.summarise(conn, kpi_id, frequency, first.isoformat(),
                                       stop.isoformat())
        before, after = have.without(first.toordinal(), stop.toordinal())
        period_store.write(conn, kpi_id, period_store.joined((before, fresh, after),
                                                             frequency))
    return True
