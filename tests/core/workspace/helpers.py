"""Small helpers shared by the workspace tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

STAMP = "2026-01-01T00:00:00+00:00"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kpi_row(kpi_id: int, name: str) -> dict[str, Any]:
    """A complete kpis row (created_at/updated_at are NOT NULL without defaults)."""
    return {"id": kpi_id, "name": name, "created_at": STAMP, "updated_at": STAMP}


def table_contents(conn: sqlite3.Connection, *tables: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of each table, in id order: for comparing states exactly."""
    return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def raw_pragma(path: Path, name: str) -> int:
    """A PRAGMA read through a plain sqlite3 connection, not through opsdesk."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()
