"""Worksheets in the workspace: typed reads, and the commands that change them.

A worksheet is stored whole (its grid as JSON): an edit replaces the cells, so each edit
is one undo step whose inverse puts back the cells as they were.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.worksheet.grid import Grid
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

MAX_NAME = 120


@dataclass(frozen=True)
class StoredWorksheet:
    id: int
    name: str
    grid: Grid


def list_worksheets(conn: sqlite3.Connection) -> list[StoredWorksheet]:
    rows = conn.execute("SELECT id, name, cells FROM worksheets ORDER BY name COLLATE NOCASE")
    return [StoredWorksheet(r[0], r[1], Grid.from_json(r[2])) for r in rows]


def load_worksheet(conn: sqlite3.Connection, sheet_id: int) -> StoredWorksheet | None:
    row = conn.execute("SELECT id, name, cells FROM worksheets WHERE id = ?",
                       (sheet_id,)).fetchone()
    return StoredWorksheet(row[0], row[1], Grid.from_json(row[2])) if row else None


def _clean_name(tx: Transaction, name: str, own_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise OpsdeskError("A worksheet needs a name.")
    if len(name) > MAX_NAME:
        raise OpsdeskError(f"A worksheet name has at most {MAX_NAME} characters.")
    taken = tx.conn.execute("SELECT id FROM worksheets WHERE name = ? COLLATE NOCASE",
                            (name,)).fetchone()
    if taken and taken[0] != own_id:
        raise OpsdeskError(f"There is already a worksheet named {name!r}.")
    return name


@dataclass(frozen=True)
class NewWorksheet:
    """A worksheet holding ``grid``; the result is its id."""

    name: str
    grid: Grid
    title: str = "New worksheet"

    def apply(self, tx: Transaction) -> Applied[int]:
        row = {"name": _clean_name(tx, self.name), "cells": self.grid.to_json(),
               "created_at": tx.at, "updated_at": tx.at}
        inserted = InsertRows("worksheets", (row,), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, inserted.result[0])


@dataclass(frozen=True)
class SetCells:
    """The worksheet's cells replaced by ``grid`` (a typed cell, a paste, a renamed column)."""

    sheet_id: int
    grid: Grid
    title: str = "Edit worksheet"

    def apply(self, tx: Transaction) -> Applied[None]:
        return UpdateRow("worksheets", self.sheet_id,
                         {"cells": self.grid.to_json(), "updated_at": tx.at}, self.title).apply(tx)


@dataclass(frozen=True)
class RenameWorksheet:
    sheet_id: int
    name: str
    title: str = "Rename worksheet"

    def apply(self, tx: Transaction) -> Applied[None]:
        name = _clean_name(tx, self.name, self.sheet_id)
        return UpdateRow("worksheets", self.sheet_id, {"name": name, "updated_at": tx.at},
                         self.title).apply(tx)


@dataclass(frozen=True)
class DeleteWorksheet:
    sheet_id: int
    title: str = "Delete worksheet"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("worksheets", (self.sheet_id,), self.title).apply(tx)
