"""Which rows of the sealed tables a write transaction changed, recorded by SQLite itself.

Temporary triggers (this connection's only, never stored in the file) note the id of
every row inserted, updated or deleted in each sealed table, and a copy of each row as it
was before the transaction first touched it. Cascading deletes, ``ON DELETE SET NULL``
links and ``REPLACE`` (with recursive triggers on) fire them as any statement does, so
every write path is followed without having to remember it. The seal then takes the
copies out of its digest and puts the touched rows as they are now in: a write costs in
proportion to the rows it changed, not to the table.

A bulk insert of new rows (an import's hundreds of thousands) is noted as the range of
ids it took instead (``appending``): one row of the log rather than a trigger run and a
logged id for each row, and read back as a range of the table rather than id by id.

``track`` sets the triggers up (again when a migration changed a table's columns) at the
start of each write transaction; the seal reads the log (``before``, ``after``) and
``clear`` empties it at its end. A rolled-back transaction rolls its log back with it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

_KINDS = ("insert", "update", "updated", "delete")


def names(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    """The table's columns in their order."""
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _note_inserts(table: str) -> str:
    return (f"CREATE TEMP TRIGGER IF NOT EXISTS seal_insert_{table} AFTER INSERT ON"
            f" main.{table} BEGIN INSERT OR IGNORE INTO seal_touched_{table} (id)"
            " VALUES (NEW.id); END")


def _statements(table: str, columns: list[str]) -> list[str]:
    touched, before, added = f"seal_touched_{table}", f"seal_before_{table}", f"seal_added_{table}"
    old = ", ".join(f"OLD.{n}" for n in columns)
    first = (f"NOT EXISTS (SELECT 1 FROM {touched} WHERE id = OLD.id) AND NOT EXISTS"
             f" (SELECT 1 FROM {added} WHERE OLD.id BETWEEN low AND high)")
    keep = f"INSERT INTO {before} VALUES ({old}); INSERT INTO {touched} (id) VALUES (OLD.id);"
    note = f"INSERT OR IGNORE INTO {touched} (id) VALUES (NEW.id);"
    return [
        *(f"DROP TRIGGER IF EXISTS temp.seal_{kind}_{table}" for kind in _KINDS),
        f"DROP TABLE IF EXISTS temp.{touched}",
        f"DROP TABLE IF EXISTS temp.{before}",
        f"DROP TABLE IF EXISTS temp.{added}",
        f"CREATE TEMP TABLE {touched} (id INTEGER PRIMARY KEY)",
        # Columns without a type: the copies keep each value's storage class as it was.
        f"CREATE TEMP TABLE {before} ({', '.join(columns)})",
        # Ranges of ids inserted in bulk (``appending``), disjoint.
        f"CREATE TEMP TABLE {added} (low INTEGER NOT NULL, high INTEGER NOT NULL)",
        _note_inserts(table),
        f"CREATE TEMP TRIGGER seal_update_{table} BEFORE UPDATE ON main.{table}"
        f" WHEN {first} BEGIN {keep} END",
        f"CREATE TEMP TRIGGER seal_updated_{table} AFTER UPDATE OF id ON main.{table}"
        f" BEGIN {note} END",
        f"CREATE TEMP TRIGGER seal_delete_{table} BEFORE DELETE ON main.{table}"
        f" WHEN {first} BEGIN {keep} END",
    ]


def track(conn: sqlite3.Connection, tables: Iterable[str]) -> None:
    """Record this transaction's changes to ``tables``; call first in it."""
    conn.execute("PRAGMA recursive_triggers = ON")  # REPLACE's deletions fire triggers too
    for table in tables:
        columns = names(conn, table)
        if not columns:
            continue  # a workspace being made: sealed in full
        if not logged(conn, (table,)):
            for statement in _statements(table, columns):
                conn.execute(statement)
    clear(conn, tables)  # rows a write outside any transaction left: not this one's


def logged(conn: sqlite3.Connection, tables: Iterable[str]) -> bool:
    """Whether this connection records its changes to each of ``tables`` as they are."""
    for table in tables:
        if names(conn, f"seal_before_{table}", "temp") != names(conn, table) or not names(
                conn, f"seal_added_{table}", "temp"):
            return False
        (triggers,) = conn.execute(
            "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
            " AND name LIKE 'seal_%'", (table,)).fetchone()
        if triggers != len(_KINDS):
            return False
    return True


def before(table: str, columns: list[str]) -> str:
    """The query of the touched rows as they were before the transaction."""
    return f"SELECT {', '.join(columns)} FROM temp.seal_before_{table}"


def after(table: str, columns: list[str]) -> str:
    """The query of the touched rows as they are now (a deleted one is not), each once:
    those in the ranges inserted in bulk, then the others noted one by one."""
    picked = ", ".join(f"m.{c}" for c in columns)
    added = f"temp.seal_added_{table}"
    return (f"SELECT {picked} FROM {added} a JOIN main.{table} m"
            " ON m.id BETWEEN a.low AND a.high UNION ALL"
            f" SELECT {picked} FROM temp.seal_touched_{table} t JOIN main.{table} m"
            f" ON m.id = t.id WHERE NOT EXISTS (SELECT 1 FROM {added} a"
            " WHERE t.id BETWEEN a.low AND a.high)")


@contextmanager
def appending(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """Note the rows inserted into ``table`` within as one range of ids, not row by row.

    Only for inserts of new rows that let SQLite choose their ids (each one past the
    largest), and nothing else written to ``table`` within. Should the rows not be that
    range (an id given, the largest id taken, another write), the log is dropped for the
    rest of the transaction: the seal then recounts the table and the period sums are
    made afresh, which is slow but exact."""
    if not logged(conn, (table,)):
        yield
        return
    (top,) = conn.execute(f"SELECT max(id) FROM main.{table}").fetchone()
    top = -(1 << 63) if top is None else int(top)
    changes = conn.total_changes
    conn.execute(f"DROP TRIGGER temp.seal_insert_{table}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute(_note_inserts(table))
        raise
    count, low, high = conn.execute(
        f"SELECT count(*), min(id), max(id) FROM main.{table} WHERE id > ?", (top,)).fetchone()
    if count != conn.total_changes - changes:
        return  # its insert trigger left off: not ``logged``, so recounted
    conn.execute(_note_inserts(table))
    if not count:
        return
    # A range overlapping an earlier one (rows since deleted made room): one range of both.
    merged = conn.execute(f"SELECT min(low), max(high) FROM temp.seal_added_{table}"
                          " WHERE high >= ?", (low,)).fetchone()
    if merged[0] is not None:
        conn.execute(f"DELETE FROM temp.seal_added_{table} WHERE high >= ?", (low,))
        low, high = min(low, merged[0]), max(high, merged[1])
    conn.execute(f"INSERT INTO temp.seal_added_{table} VALUES (?, ?)", (low, high))


def clear(conn: sqlite3.Connection, tables: Iterable[str]) -> None:
    for table in tables:
        if names(conn, f"seal_touched_{table}", "temp"):
            conn.execute(f"DELETE FROM temp.seal_touched_{table}")
            conn.execute(f"DELETE FROM temp.seal_before_{table}")
        if names(conn, f"seal_added_{table}", "temp"):
            conn.execute(f"DELETE FROM temp.seal_added_{table}")
