"""``opsdesk recover``: every row that can still be read from a damaged workspace, into a
new one, and an account of what could not be.

Each table of the current format is read in row-id order. Where a damaged page stops the
scan, the read starts again past it: the next readable row id is found by probing ever
further ahead and then narrowing back (binary search), so the rows lost are those on
damaged pages (and, rarely, a short readable run between two of them), and the ids that
could not be read are reported as ranges. The rows are written
into a new workspace in one transaction with foreign keys off; rows that then point to a
lost row (an observation whose KPI was on a damaged page) or break a rule of the format
are left out and counted. The audit trail's rows are kept as they were, so ``check`` on
the new file shows any gap the damage left in it, and one more entry records the
recovery and what it lost. The period aggregates are not read: they are summed afresh from
the observations recovered, as every write transaction sums what it changed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import cipher, second_name, storage_errors
from opsdesk.core.workspace.commands import Transaction
from opsdesk.core.workspace.schema import DERIVED_TABLES

PROBE_LIMIT = (1 << 63) - 1  # row ids are 64-bit
FIRST = -(1 << 63)


@dataclass
class TableOutcome:
    table: str
    kept: int = 0
    unreadable: list[tuple[int, int]] = field(default_factory=list)  # (after id, next read id)
    left_out: int = 0  # read, but pointing to a lost row or breaking a rule
    missing: bool = False  # the table itself could not be read at all

    def describe(self) -> str | None:
        parts = []
        if self.missing:
            return f"{self.table}: could not be read at all"
        for after, upto in self.unreadable:
            if upto >= PROBE_LIMIT:
                parts.append(f"rows after id {after:,} could not be read")
            elif after == FIRST:
                parts.append(f"rows with ids below {upto:,} could not be read")
            else:
                parts.append(f"rows with ids {after + 1:,} to {upto - 1:,} could not be read")
        if self.left_out:
            parts.append(f"{self.left_out:,} rows left out (they point to lost rows or break "
                         "the format's rules)")
        return f"{self.table}: {'; '.join(parts)}" if parts else None


@dataclass
class Recovery:
    target: Path
    tables: list[TableOutcome]

    @property
    def lost(self) -> list[str]:
        return [d for t in self.tables if (d := t.describe())]

    @property
    def kept(self) -> int:
        return sum(t.kept for t in self.tables)


def _first_id_after(conn: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first readable row id past ``after`` (whose next row is on a damaged page),
    None when no row past it can be read."""

    def probe(start: int) -> int | bool | None:  # False: the page holding it is damaged
        try:
            row = conn.execute(
                f'SELECT rowid FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1', (start,)
            ).fetchone()
        except cipher.errors("DatabaseError"):
            return False
        return None if row is None else int(row[0])

    bad, step = after, 1
    while True:  # ever further ahead until a start reads
        good = after + step
        if good >= PROBE_LIMIT:
            return None
        if probe(good) is not False:
            break
        bad, step = good, step * 2
    while good - bad > 1:  # then back to the first start that reads
        middle = (bad + good) // 2
        if probe(middle) is False:
            bad = middle
        else:
            good = middle
    found = probe(good)
    return None if found is False else found


def _read_table(
    conn: sqlite3.Connection, table: str, columns: list[str], outcome: TableOutcome
) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    # rowid >= next: a seek for "> last" would start on the last row's page (damaged)
    batch = f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT ?'
    rows: list[tuple[Any, ...]] = []
    after = FIRST
    size = 1000
    while True:
        try:
            found = conn.execute(batch, (after + 1, size)).fetchall()
        except cipher.errors("DatabaseError"):
            if size > 1:  # row by row up to the damaged page: each readable row kept
                size = 1
                continue
            if not rows and after == FIRST and not _readable_at_all(conn, table):
                outcome.missing = True
                return rows
            following = _first_id_after(conn, table, after)
            outcome.unreadable.append((after, PROBE_LIMIT if following is None else following))
            if following is None:
                return rows
            after, size = following - 1, 1000
            continue
        rows.extend(r[1:] for r in found)
        if len(found) < size and size > 1:
            return rows
        if not found:
            return rows
        after = int(found[-1][0])
        if size == 1 and len(rows) % 1000 == 0:
            size = 1000


def _readable_at_all(conn: sqlite3.Connection, table: str) -> bool:
    try:
        conn.execute(f'SELECT rowid FROM "{table}" LIMIT 1').fetchone()
    except cipher.errors("DatabaseError"):
        return False
    return True


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def recover(
    source: sqlite3.Connection, source_path: Path, target: Path, key: cipher.Key | None = None
) -> Recovery:
    """Salvage ``source`` (a read-only connection to the damaged file) into ``target``."""
    from opsdesk.core.workspace.workspace import Workspace

    if target.exists():
        raise OpsdeskError(f"{target} already exists; recover writes a new file.")
    try:
        found = {
            str(r[0])
            for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except cipher.errors("DatabaseError") as error:
        raise OpsdeskError(
            f"The list of tables of {source_path.name} cannot be read ({error}), so there "
            "is nothing opsdesk can recover from it."
        ) from None
    outcomes: list[TableOutcome] = []
    with Workspace.open(target, create=True) as ws:
        if key is not None:
            ws.change_key(key)  # the new file is as encrypted as the old
        tables = [
            str(r[0]) for r in ws.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
        ]
        ws.conn.execute("PRAGMA foreign_keys = OFF")  # parents may be lost: checked below
        try:
            with ws.transaction() as conn:
                for table in tables:
                    if table in DERIVED_TABLES:  # summed afresh from what is recovered
                        continue
                    outcome = TableOutcome(table)
                    outcomes.append(outcome)
                    if table not in found:
                        outcome.missing = True
                        continue
                    have = set(_columns(source, table))
                    columns = [c for c in _columns(conn, table) if c in have]
                    rows = _read_table(source, table, columns, outcome)
                    if table == "meta":  # the new file's own name, not the old one's
                        rows = [r for r in rows if r[columns.index("key")] != second_name.KEY]
                    outcome.kept = _insert(conn, table, columns, rows, outcome)
                _drop_orphans(conn, outcomes)
                recovery = Recovery(ws.path, outcomes)
                Transaction(conn, f"Recover from {source_path.name}").audit(
                    "workspace", None, "recover",
                    after={"source": str(source_path), "rows_kept": recovery.kept,
                           "lost": recovery.lost},
                )
        finally:
            ws.conn.execute("PRAGMA foreign_keys = ON")
    return recovery


def _insert(
    conn: sqlite3.Connection, table: str, columns: list[str], rows: list[tuple[Any, ...]],
    outcome: TableOutcome,
) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    # INSERT OR REPLACE: the new file's own meta rows give way to the old file's.
    verb = "INSERT OR REPLACE" if table == "meta" else "INSERT"
    sql = f'{verb} INTO "{table}" ({names}) VALUES ({marks})'
    kept = 0
    for row in rows:
        try:
            conn.execute(sql, row)
            kept += 1
        except cipher.errors("IntegrityError"):
            outcome.left_out += 1
    return kept


def _drop_orphans(conn: sqlite3.Connection, outcomes: list[TableOutcome]) -> None:
    """Remove rows that point to a lost row, until none is left (a removal can orphan more)."""
    by_table = {o.table: o for o in outcomes}
    while dangling := conn.execute("PRAGMA foreign_key_check").fetchall():
        for table, rowid, _parent, _fk in dangling:
            conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            by_table[table].left_out += 1
            by_table[table].kept -= 1


def open_damaged(path: Path, key: cipher.Key | None) -> sqlite3.Connection:
    """A read-only connection that asks nothing of the file but to be read."""
    from opsdesk.core.workspace.workspace import _connect

    try:
        return _connect(path, read_only=True, key=key)
    except cipher.errors("DatabaseError") as error:
        raise storage_errors.damaged(path, str(error)) from None
