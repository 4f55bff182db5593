"""The imports a workspace remembers: what the Imports list shows."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportRecord:
    """One past import, as the imports table records it."""

    id: int
    file_name: str
    sheet: str | None
    layout: str | None
    rows_imported: int
    rows_skipped: int
    duplicates: int
    kpis_created: tuple[str, ...]
    imported_at: str
    undone_at: str | None


def import_rows(conn: sqlite3.Connection) -> list[ImportRecord]:
    """Every import, newest first."""
    return [ImportRecord(int(i), str(name), sheet, layout, int(imported), int(skipped),
                         int(duplicates), tuple(json.loads(created or "[]")), str(at), undone)
            for i, name, sheet, layout, imported, skipped, duplicates, created, at, undone
            in conn.execute(
                "SELECT id, file_name, sheet, layout, rows_imported, rows_skipped, duplicates,"
                " kpis_created, imported_at, undone_at FROM imports ORDER BY id DESC")]
