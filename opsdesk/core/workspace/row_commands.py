"""Generic commands on table rows: insert, update and delete, each with its exact inverse.

Deleting restores everything ``ON DELETE CASCADE`` took with it, so undoing the deletion
of a KPI brings back its targets and observations too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.schema import DERIVED_TABLES

Row = Mapping[str, Any]
# Above this many rows one summary audit entry stands for the batch.
AUDIT_EACH_ROW_UP_TO = 200


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fetch(conn: sqlite3.Connection, table: str, column: str, ids: Sequence[Any]) -> list[Row]:
    rows: list[Row] = []
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        cursor = conn.execute(
            f"SELECT * FROM {_quote(table)} WHERE {_quote(column)} IN ({marks}) ORDER BY id", chunk
        )
        names = [d[0] for d in cursor.description]
        rows.extend(dict(zip(names, r, strict=True)) for r in cursor)
    return rows


def _referencing(conn: sqlite3.Connection, table: str, on_delete: str) -> list[tuple[str, str]]:
    """(child table, child column) pairs whose foreign key to ``table`` has this action."""
    children = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for child in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list({_quote(child)})"):
            # id, seq, table, from, to, on_update, on_delete, match
            if fk[2] == table and fk[6] == on_delete:
                children.append((child, fk[3]))
    return children


# (table, column, value, ids): links that ON DELETE SET NULL will clear, to put back.
Relink = tuple[str, str, Any, tuple[int, ...]]


def _snapshot(
    conn: sqlite3.Connection,
    table: str,
    ids: Sequence[Any],
    seen: set[tuple[str, int]] | None = None,
) -> tuple[list[tuple[str, Row]], list[Relink]]:
    """The rows with these ids, every row a cascade would delete, and links it would clear."""
    seen = set() if seen is None else seen
    rows = [r for r in _fetch(conn, table, "id", ids) if (table, r["id"]) not in seen]
    seen.update((table, r["id"]) for r in rows)
    out: list[tuple[str, Row]] = [(table, row) for row in rows]
    relinks: list[Relink] = []
    found = [row["id"] for row in rows]
    if not found:
        return out, relinks
    for child, column in _referencing(conn, table, "SET NULL"):
        for parent_id in found:
            linked = conn.execute(
                f"SELECT id FROM {_quote(child)} WHERE {_quote(column)} = ?", (parent_id,)
            ).fetchall()
            if linked and (child, column) != (table, "id"):
                relinks.append((child, column, parent_id, tuple(r[0] for r in linked)))
    for child, column in _referencing(conn, table, "CASCADE"):
        if child in DERIVED_TABLES:  # summed afresh from the rows an undo puts back
            continue
        child_ids = [row["id"] for row in _fetch(conn, child, column, found)]
        if child_ids:
            rows_below, relinks_below = _snapshot(conn, child, child_ids, seen)
            out.extend(rows_below)
            relinks.extend(relinks_below)
    return out, relinks


def _insert(conn: sqlite3.Connection, table: str, rows: Sequence[Row]) -> list[int]:
    ids: list[int] = []
    if not rows:
        return ids
    columns = list(rows[0].keys())
    uniform = all(list(r.keys()) == columns for r in rows)
    if uniform and "id" in columns:
        sql = (
            f"INSERT INTO {_quote(table)} ({','.join(map(_quote, columns))})"
            f" VALUES ({','.join('?' * len(columns))})"
        )
        conn.executemany(sql, ([r[c] for c in columns] for r in rows))
        return [int(r["id"]) for r in rows]
    for row in rows:
        cols = list(row.keys())
        cursor = conn.execute(
            f"INSERT INTO {_quote(table)} ({','.join(map(_quote, cols))})"
            f" VALUES ({','.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        ids.append(int(cursor.lastrowid or 0))
    return ids


@dataclass(frozen=True)
class InsertRows:
    table: str
    rows: tuple[Row, ...]
    title: str = ""

    def apply(self, tx: Transaction) -> Applied[list[int]]:
        """The result is the new rows' ids, in order."""
        ids = _insert(tx.conn, self.table, self.rows)
        stored = tuple(_fetch(tx.conn, self.table, "id", ids))
        if len(stored) <= AUDIT_EACH_ROW_UP_TO:
            for row in stored:
                tx.audit(self.table, row["id"], "insert", after=row)
        else:
            tx.audit(
                self.table, None, "insert", after={"rows": len(stored), "ids": [ids[0], ids[-1]]}
            )
        inverse = DeleteRows(self.table, tuple(ids), title=self.title)
        return Applied(inverse, Changes.of_tables([self.table]), ids)


@dataclass(frozen=True)
class DeleteRows:
    table: str
    ids: tuple[int, ...]
    title: str = ""

    def apply(self, tx: Transaction) -> Applied[None]:
        snapshot, relinks = _snapshot(tx.conn, self.table, self.ids)
        for start in range(0, len(self.ids), 500):
            chunk = list(self.ids[start : start + 500])
            tx.conn.execute(
                f"DELETE FROM {_quote(self.table)} WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        own = [row for table, row in snapshot if table == self.table]
        if len(snapshot) <= AUDIT_EACH_ROW_UP_TO:
            for table, row in snapshot:
                tx.audit(table, row["id"], "delete", before=row)
        else:
            tx.audit(
                self.table,
                None,
                "delete",
                before={"rows": len(own), "with_dependents": len(snapshot) - len(own)},
            )
        kinds = Changes.of_tables({self.table, *(table for table, _ in snapshot),
                                   *(table for table, *_ in relinks)})
        inverse = RestoreRows(tuple(snapshot), tuple(relinks), title=self.title)
        return Applied(inverse, kinds, None)


@dataclass(frozen=True)
class RestoreRows:
    """Put back rows exactly as they were (ids included), parents before children."""

    rows: tuple[tuple[str, Row], ...]
    relinks: tuple[Relink, ...] = ()
    title: str = ""

    def apply(self, tx: Transaction) -> Applied[None]:
        # Rows come back in any order within the transaction; keys are checked at commit.
        tx.conn.execute("PRAGMA defer_foreign_keys = ON")
        by_table: dict[str, list[Row]] = {}
        for table, row in self.rows:
            by_table.setdefault(table, []).append(row)
        for table, rows in by_table.items():
            _insert(tx.conn, table, rows)
        for table, column, value, ids in self.relinks:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                tx.conn.execute(
                    f"UPDATE {_quote(table)} SET {_quote(column)} = ?"
                    f" WHERE id IN ({','.join('?' * len(chunk))})",
                    [value, *chunk],
                )
        if len(self.rows) <= AUDIT_EACH_ROW_UP_TO:
            for table, row in self.rows:
                tx.audit(table, row["id"], "insert", after=row)
        else:
            tx.audit(next(iter(by_table)), None, "insert", after={"restored_rows": len(self.rows)})
        first_table = self.rows[0][0] if self.rows else ""
        own_ids = tuple(int(row["id"]) for table, row in self.rows if table == first_table)
        inverse = DeleteRows(first_table, own_ids, title=self.title)
        kinds = Changes.of_tables({*by_table, *(table for table, *_ in self.relinks)})
        return Applied(inverse, kinds, None)


@dataclass(frozen=True)
class UpdateRow:
    table: str
    id: int
    values: Mapping[str, Any]
    title: str = ""

    def apply(self, tx: Transaction) -> Applied[None]:
        before_rows = _fetch(tx.conn, self.table, "id", [self.id])
        if not before_rows:
            raise OpsdeskError(f"That {self.table} row ({self.id}) no longer exists.")
        before = {k: before_rows[0][k] for k in self.values}
        assignments = ", ".join(f"{_quote(k)} = ?" for k in self.values)
        tx.conn.execute(
            f"UPDATE {_quote(self.table)} SET {assignments} WHERE id = ?",
            [*self.values.values(), self.id],
        )
        tx.audit(self.table, self.id, "update", before=before, after=dict(self.values))
        inverse = UpdateRow(self.table, self.id, before, title=self.title)
        return Applied(inverse, Changes.of_tables([self.table]), None)
