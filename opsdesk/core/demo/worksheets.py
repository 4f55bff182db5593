"""A demo worksheet, as a quality engineer pastes it from a spreadsheet: a fill-weight
trial on two lines, with the defect found on each rejected pack (for a Pareto)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

import numpy as np

from opsdesk.core.worksheet.grid import Grid

DEFECTS = ("Underfill", "Underfill", "Seal", "Label", "Underfill", "Cap", "Seal", "")


def seed(conn: sqlite3.Connection, rng: np.random.Generator, ctx: dict[str, Any]) -> None:
    days = [ctx["today"] - timedelta(days=d) for d in range(40, 0, -1)]
    weights = rng.normal(500.4, 1.1, len(days))
    lines = ("Line A", "Line B")
    grid = Grid(("Date", "Fill weight (g)", "Line", "Defect"), (
        tuple(d.isoformat() for d in days),
        tuple(f"{w:.1f}" for w in weights),
        tuple(lines[i % 2] for i in range(len(days))),
        tuple(DEFECTS[int(k)] for k in rng.integers(0, len(DEFECTS), len(days))),
    ))
    conn.execute("INSERT INTO worksheets (name, cells, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?)", ("Fill-weight trial", grid.to_json(), ctx["now"],
                                          ctx["now"]))
