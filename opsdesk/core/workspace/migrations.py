"""Ordered migrations: each brings the file up one version; an upgrade runs every step it
needs in one transaction, so a file is never left between two formats.

Before it runs, a backup copy of the file is taken beside it
(``<name>.v<old>-backup.opsdesk``), so an unwanted upgrade loses nothing; a failed one
changes nothing, and its copy is removed again. A step copies only what the new format can
hold, by a rule its docstring states, and notes what it left out.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import cipher, storage_errors
from opsdesk.core.workspace.commands import now_iso
from opsdesk.core.workspace.schema import SCHEMA_V1, SCHEMA_VERSION
from opsdesk.core.workspace.schema_changes import (
    DIRECTIONS_V1,
    DIRECTIONS_V3,
    METHODOLOGIES_V1,
    METHODOLOGIES_V5,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_V5,
    SCHEMA_V6,
    SCHEMA_V7,
    SCHEMA_V8,
    SCHEMA_V9,
    SCHEMA_V10,
)

# A step returns a note for the user when it left something out (its rule says what).
Migration = Callable[[sqlite3.Connection], str | None]


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


# A value the REAL columns of the new format can hold: a finite number (not text such as
# 'n/a', not an empty cell, not infinity).
_NUMBER = "(typeof({0}) IN ('integer', 'real') AND abs({0}) <= 1.7976931348623157e308)"


def _v0_to_v1(conn: sqlite3.Connection) -> str | None:
    """The preview format (``metrics`` and ``readings``) to v1 (``kpis``, ``observations``).

    Its rule for what it copies: a reading whose value is not a finite number (text such as
    'n/a', an empty cell) or that has no day or no metric is left out, and so is a target
    that is not a number; the note says how many, and the backup copy keeps them as they were.
    """
    create_v1(conn)
    stamp = now_iso()
    conn.execute(
        "INSERT INTO kpis (id, name, unit, created_at, updated_at)"
        " SELECT id, name, COALESCE(unit, ''), ?, ? FROM metrics",
        (stamp, stamp),
    )
    target_ok = _NUMBER.format("m.target")
    conn.execute(
        "INSERT INTO kpi_targets (kpi_id, effective_from, target)"
        " SELECT m.id, COALESCE((SELECT MIN(day) FROM readings r WHERE r.metric_id = m.id),"
        f" '1970-01-01'), m.target FROM metrics m WHERE {target_ok}"
    )
    reading_ok = (
        f"day IS NOT NULL AND metric_id IN (SELECT id FROM metrics) AND {_NUMBER.format('value')}"
    )
    conn.execute(
        "INSERT INTO observations (kpi_id, ts, value, created_at)"
        f" SELECT metric_id, day, value, ? FROM readings WHERE {reading_ok}",
        (stamp,),
    )
    readings = conn.execute(f"SELECT count(*) FROM readings WHERE NOT ({reading_ok})").fetchone()[0]
    targets = conn.execute(
        f"SELECT count(*) FROM metrics m WHERE m.target IS NOT NULL AND NOT {target_ok}"
    ).fetchone()[0]
    conn.execute("DROP TABLE readings")
    conn.execute("DROP TABLE metrics")
    if not readings and not targets:
        return None
    return (
        f"{readings} readings whose value was not a number (such as 'n/a') or that had no "
        f"day or no metric, and {targets} targets that were not numbers, were left out; the "
        "backup copy keeps them"
    )


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """A KPI's natural range (min_value, max_value) and annotations that start a stage."""
    for statement in statements(SCHEMA_V2):
        conn.execute(statement)
    return None


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Direction "none" for KPIs; the values an import replaced, kept for its undo.

    SQLite cannot change a CHECK constraint in place: the kpis table is rebuilt (new
    table, copy, drop, rename: SQLite's documented procedure), with foreign keys off so
    that dropping the old table deletes nothing that refers to it (``migrate``).
    """
    for statement in statements(SCHEMA_V3):
        conn.execute(statement)
    _rebuild(conn, "kpis", DIRECTIONS_V1, DIRECTIONS_V3, "format-2 directions")


def _rebuild(conn: sqlite3.Connection, table: str, old: str, new: str, what: str) -> None:
    """``table`` made anew with the constraint ``old`` replaced by ``new``, every row kept
    (new table, copy, drop, rename: SQLite's documented procedure, foreign keys off)."""
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=?",
                          (table,)).fetchone()
    if old not in sql:
        raise OpsdeskError(f"The {table} table does not have the {what}.")
    conn.execute(sql.replace(old, new).replace(table, f"{table}_new", 1))
    columns = ", ".join(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
    conn.execute(f"INSERT INTO {table}_new ({columns}) SELECT {columns} FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_new RENAME TO {table}")


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Process maps with keys, pools, nested lanes and message flows to pools.

    Rows from before keep their content; their key is made from their row id, which is
    unique in its table. map_edges is rebuilt (its ends may now be pools), as v3 did kpis.
    """
    for statement in statements(SCHEMA_V4):
        conn.execute(statement)
    for table, prefix in (("maps", "map"), ("map_lanes", "lane"), ("map_nodes", "node"),
                          ("map_edges", "flow")):
        conn.execute(f"UPDATE {table} SET key = '{prefix}_' || id WHERE key IS NULL")


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    """Incidents with their source id, impact and six timestamps; deployments; an
    action's priority and source; A3 and Kaizen projects (projects rebuilt as v3 did kpis).

    Rows from before keep their content: an incident's key is made from its row id
    (``incident_<id>``), its category is "other" and its impact "none" (no downtime), and
    its acknowledged, restored and closed times are unknown (left out of the metrics that
    need them). An action tied to an incident comes from its review; the others from a
    project.
    """
    for statement in statements(SCHEMA_V5):
        conn.execute(statement)
    _rebuild(conn, "projects", METHODOLOGIES_V1, METHODOLOGIES_V5, "format-4 methodologies")
    conn.execute("UPDATE incidents SET key = 'incident_' || id WHERE key IS NULL")
    conn.execute("UPDATE actions SET source_kind = 'incident review'"
                 " WHERE incident_id IS NOT NULL AND project_id IS NULL")


def _v5_to_v6(conn: sqlite3.Connection) -> None:
    """Worksheets: a new table, nothing to carry over."""
    for statement in statements(SCHEMA_V6):
        conn.execute(statement)


def _v6_to_v7(conn: sqlite3.Connection) -> None:
    """Period aggregates (``kpi_periods``), summed from the observations the file holds."""
    from opsdesk.core.kpi import period_store

    for statement in statements(SCHEMA_V7):
        conn.execute(statement)
    period_store.rebuild(conn)


def _v7_to_v8(conn: sqlite3.Connection) -> None:
    """Goals, people and teams: new tables; root causes keep their verified mark as the
    status "confirmed"; reviews and KPIs gain empty fields."""
    for statement in statements(SCHEMA_V8):
        conn.execute(statement)


def _v8_to_v9(conn: sqlite3.Connection) -> None:
    """Benefits per month: each project's single expected/realised figures become one
    'hard' row in its start month, and their columns go (the script says why)."""
    for statement in statements(SCHEMA_V9):
        conn.execute(statement)


def _v9_to_v10(conn: sqlite3.Connection) -> None:
    """Incidents gain an owner, empty for those from before."""
    for statement in statements(SCHEMA_V10):
        conn.execute(statement)


# MIGRATIONS[v] turns a file at version v - 1 into version v.
MIGRATIONS: dict[int, Migration] = {1: _v0_to_v1, 2: _v1_to_v2, 3: _v2_to_v3,
                                    4: _v3_to_v4, 5: _v4_to_v5, 6: _v5_to_v6, 7: _v6_to_v7,
                                    8: _v7_to_v8, 9: _v8_to_v9, 10: _v9_to_v10}
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


def _write_backup(conn: sqlite3.Connection, path: Path, version: int,
                  key: cipher.Key | None) -> Path:
    """The copy of the file from before the upgrade, whole or not at all."""
    backup = backup_path(path, version)
    try:
        target = cipher.connect(str(backup), key)
        try:
            conn.backup(target)
        finally:
            target.close()
    except (OSError, *cipher.errors("Error")) as error:  # type: ignore[misc]
        backup.unlink(missing_ok=True)
        why = "the disk is full" if storage_errors.is_full(error) else str(error)
        raise OpsdeskError(
            f"{path.name} needs an upgrade to format {SCHEMA_VERSION}, and the backup copy "
            f"taken first could not be written ({why}); nothing was changed."
        ) from None
    return backup


def migrate(
    conn: sqlite3.Connection, path: Path, from_version: int, key: cipher.Key | None = None
) -> tuple[Path, list[str]]:
    """Run every migration after ``from_version`` in one transaction.

    Returns the backup copy's path and one sentence saying what was done (with the rows a
    step left out, if any). The
    backup of an encrypted workspace is encrypted with the same key. If any step fails,
    the transaction is rolled back, so the file is as it was and is its own backup: the
    copy is removed, and a retry does not pile up another.
    """
    backup = _write_backup(conn, path, from_version, key)
    notes: list[str] = []
    # Off while tables are rebuilt (it cannot change inside a transaction); the references
    # are checked before the commit.
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(from_version + 1, SCHEMA_VERSION + 1):
            note = MIGRATIONS[version](conn)
            if note:
                notes.append(note)
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise OpsdeskError("a reference between tables would break")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except Exception as error:
        from opsdesk.core.logging_setup import configure

        with contextlib.suppress(Exception):  # the log is for us; the sentence is for them
            configure().error("upgrading %s failed", path.name, exc_info=error)
        try:
            if conn.in_transaction:  # SQLite rolled it back already on some errors (disk full)
                conn.execute("ROLLBACK")
        except Exception:
            raise OpsdeskError(
                f"Upgrading {path.name} to format {SCHEMA_VERSION} failed ({_why(error)}) and "
                f"could not be undone here; SQLite undoes it when the file is next opened, and "
                f"a copy from before the upgrade is at {backup}."
            ) from None
        finally:
            with contextlib.suppress(Exception):
                conn.execute("PRAGMA foreign_keys = ON")
        backup.unlink(missing_ok=True)
        raise OpsdeskError(
            f"Upgrading {path.name} from format {from_version} to format {SCHEMA_VERSION} failed "
            f"({_why(error)}), so nothing was changed: the file is as it was, and the backup "
            "copy taken first was removed."
        ) from None
    conn.execute("PRAGMA foreign_keys = ON")
    said = (
        f"Upgraded {path.name} from format {from_version} to format {SCHEMA_VERSION}; the "
        f"copy from before the upgrade is {backup.name} beside it"
    )
    return backup, ["; ".join([said, *notes]) + "."]


def _why(error: BaseException) -> str:
    if storage_errors.is_full(error):
        return "the disk is full"
    return str(error) if isinstance(error, OpsdeskError) else type(error).__name__
