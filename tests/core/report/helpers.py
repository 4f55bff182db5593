"""Small workspaces with hand-chosen data for the report tests."""

from __future__ import annotations

import sqlite3
from io import BytesIO
from typing import Any

STAMP = "2026-01-01T00:00:00+00:00"


def add_kpi(conn: sqlite3.Connection, name: str, target: float | None = None,
            **values: Any) -> int:
    row = {"name": name, "pillar": "quality", "unit": "%", "direction": "lower",
           "frequency": "monthly", "aggregation": "mean", "decimals": 2,
           "created_at": STAMP, "updated_at": STAMP, **values}
    cursor = conn.execute(
        f"INSERT INTO kpis ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        tuple(row.values()))
    kpi_id = int(cursor.lastrowid or 0)
    if target is not None:
        conn.execute("INSERT INTO kpi_targets (kpi_id, effective_from, target) VALUES (?, ?, ?)",
                     (kpi_id, "2025-01-01", target))
    return kpi_id


def add_values(conn: sqlite3.Connection, kpi_id: int, pairs: list[tuple[str, float]]) -> None:
    conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (?, ?, ?)",
                     [(kpi_id, ts, v) for ts, v in pairs])


def pdf_text(data: bytes) -> str:
    import unicodedata

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    # NFKC folds Arabic presentation forms (how shaped letters are drawn) to letters.
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))
