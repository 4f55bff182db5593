"""The imports a workspace remembers: what the Imports list shows."""

from __future__ import annotations

import sqlite3
from typing import Any


def import_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every import, newest first, with all its recorded columns."""
    cursor = conn.execute("SELECT * FROM imports ORDER BY id DESC")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
