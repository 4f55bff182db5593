"""Ordered migrations: each brings the file up one version, in its own transaction.

Before the first one runs, a backup copy of the file is taken beside it
(``<name>.v<old>-backup.opsdesk``), so a failed or unwanted upgrade loses nothing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import cipher
from opsdesk.core.workspace.commands import now_iso
from opsdesk.core.workspace.schema import (
    DIRECTIONS_V1,
    DIRECTIONS_V3,
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_VERSION,
)

Migration = Callable[[sqlite3.Connection], None]


def statements(script: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit the transaction)."""
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    return [s for s in out if s]


def create_v1(conn: sqlite3.Connection) -> None:
    for statement in statements(SCHEMA_V1):
        conn.execute(statement)
    stamp = now_iso()
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("created_at", stamp), ("created_with", "opsdesk")],
    )


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    """The preview format (``metrics`` and ``readings``) to v1 (``kpis``, ``observations``)."""
    create_v1(conn)
    stamp = now_iso()
    conn.execute(
        "INSERT INTO kpis (id, name, unit, created_at, updated_at)"
        " SELECT id, name, COALESCE(unit, ''), ?, ? FROM metrics",
        (stamp, stamp),
    )
    conn.execute(
        "INSERT INTO kpi_targets (kpi_id, effective_from, target)"
        " SELECT m.id, COALESCE((SELECT MIN(day) FROM readings r WHERE r.metric_id = m.id),"
        " '1970-01-01'), m.target FROM metrics m WHERE m.target IS NOT NULL"
    )
    conn.execute(
        "INSERT INTO observations (kpi_id, ts, value, created_at)"
        " SELECT metric_id, day, value, ? FROM readings",
        (stamp,),
    )
    conn.execute("DROP TABLE readings")
    conn.execute("DROP TABLE metrics")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """A KPI's natural range (min_value, max_value) and annotations that start a stage."""
    for statement in statements(SCHEMA_V2):
        conn.execute(statement)


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Direction "none" for KPIs; the values an import replaced, kept for its undo.

    SQLite cannot change a CHECK constraint in place: the kpis table is rebuilt (new
    table, copy, drop, rename: SQLite's documented procedure), with foreign keys off so
    that dropping the old table deletes nothing that refers to it (``migrate``).
    """
    for statement in statements(SCHEMA_V3):
        conn.execute(statement)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name='kpis'"
                          ).fetchone()
    if DIRECTIONS_V1 not in sql:
        raise OpsdeskError("The kpis table does not have the format-2 directions.")
    conn.execute(sql.replace(DIRECTIONS_V1, DIRECTIONS_V3).replace("kpis", "kpis_v3", 1))
    columns = ", ".join(row[1] for row in conn.execute("PRAGMA table_info(kpis)"))
    conn.execute(f"INSERT INTO kpis_v3 ({columns}) SELECT {columns} FROM kpis")
    conn.execute("DROP TABLE kpis")
    conn.execute("ALTER TABLE kpis_v3 RENAME TO kpis")


# MIGRATIONS[v] turns a file at version v - 1 into version v.
MIGRATIONS: dict[int, Migration] = {1: _v0_to_v1, 2: _v1_to_v2, 3: _v2_to_v3}
assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))


def create_latest(conn: sqlite3.Connection) -> None:
    """A new file's tables at the current version: v1, then every later step in order."""
    create_v1(conn)
    for version in range(2, SCHEMA_VERSION + 1):
        MIGRATIONS[version](conn)


def backup_path(path: Path, version: int) -> Path:
    candidate = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.v{version}-backup-{n}{path.suffix}")
        n += 1
    return candidate


def backups_of(path: Path) -> list[Path]:
    """The backup copies of ``path`` beside it, as ``backup_path`` names them."""
    name = re.compile(rf"{re.escape(path.stem)}\.v\d+-backup(-\d+)?{re.escape(path.suffix)}")
    return sorted(p for p in path.parent.iterdir() if name.fullmatch(p.name))


def migrate(
    conn: sqlite3.Connection, path: Path, from_version: int, key: cipher.Key | None = None
) -> Path:
    """Run every migration after ``from_version``; returns the backup copy's path.

    The backup of an encrypted workspace is encrypted with the same key.
    """
    backup = backup_path(path, from_version)
    target = cipher.connect(str(backup), key)
    try:
        conn.backup(target)
    finally:
        target.close()
    # Off while tables are rebuilt (it cannot change inside a transaction); every step
    # checks the references before it commits.
    conn.execute("PRAGMA foreign_keys = OFF")
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise OpsdeskError("a reference between tables would break")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except Exception as error:
            conn.execute("ROLLBACK")
            conn.execute("PRAGMA foreign_keys = ON")
            from opsdesk.core.logging_setup import configure

            configure().error("migration to format %s failed", version, exc_info=error)
            raise OpsdeskError(
                f"Upgrading {path.name} to format {version} failed ({type(error).__name__}), "
                f"so it was left as it was; a copy from before the upgrade is at {backup}."
            ) from None
    conn.execute("PRAGMA foreign_keys = ON")
    return backup
