"""Which rows of the sealed tables a write transaction changed, recorded by SQLite itself.

Temporary triggers (this connection's only, never stored in the file) note the id of
every row inserted, updated or deleted in each sealed table, and a copy of each row as it
was before the transaction first touched it. Cascading deletes, ``ON DELETE SET NULL``
links and ``REPLACE`` (with recursive triggers on) fire them as any statement does, so
every write path is followed without having to remember it. The seal then takes the
copies out of its digest and puts the touched rows as they are now in: a write costs in
proportion to the rows it changed, not to the table.

``track`` sets the triggers up (again when a migration changed a table's columns) at the
start of each write transaction; the seal reads the log (``before``, ``after``) and
``clear`` empties it at its end. A rolled-back transaction rolls its log back with it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

_KINDS = ("insert", "update", "updated", "delete")


def names(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    """The table's columns in their order."""
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _statements(table: str, columns: list[str]) -> list[str]:
    touched, before = f"seal_touched_{table}", f"seal_before_{table}"
    old = ", ".join(f"OLD.{n}" for n in columns)
    first = f"NOT EXISTS (SELECT 1 FROM {touched} WHERE id = OLD.id)"
    keep = f"INSERT INTO {before} VALUES ({old}); INSERT INTO {touched} (id) VALUES (OLD.id);"
    note = f"INSERT OR IGNORE INTO {touched} (id) VALUES (NEW.id);"
    return [
        *(f"DROP TRIGGER IF EXISTS temp.seal_{kind}_{table}" for kind in _KINDS),
        f"DROP TABLE IF EXISTS temp.{touched}",
        f"DROP TABLE IF EXISTS temp.{before}",
        f"CREATE TEMP TABLE {touched} (id INTEGER PRIMARY KEY)",
        # Columns without a type: the copies keep each value's storage class as it was.
        f"CREATE TEMP TABLE {before} ({', '.join(columns)})",
        f"CREATE TEMP TRIGGER seal_insert_{table} AFTER INSERT ON main.{table}"
        f" BEGIN {note} END",
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
        if names(conn, f"seal_before_{table}", "temp") != columns:
            for statement in _statements(table, columns):
                conn.execute(statement)
    clear(conn, tables)  # rows a write outside any transaction left: not this one's


def logged(conn: sqlite3.Connection, tables: Iterable[str]) -> bool:
    """Whether this connection records its changes to each of ``tables`` as they are."""
    for table in tables:
        if names(conn, f"seal_before_{table}", "temp") != names(conn, table):
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
    """The query of the touched rows as they are now (a deleted one is not)."""
    return (f"SELECT {', '.join(f'm.{c}' for c in columns)} FROM temp.seal_touched_{table} t"
            f" JOIN main.{table} m ON m.id = t.id")


def clear(conn: sqlite3.Connection, tables: Iterable[str]) -> None:
    for table in tables:
        if names(conn, f"seal_touched_{table}", "temp"):
            conn.execute(f"DELETE FROM temp.seal_touched_{table}")
            conn.execute(f"DELETE FROM temp.seal_before_{table}")
