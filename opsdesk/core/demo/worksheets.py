"""Demo worksheets, as a quality engineer pastes them from a spreadsheet: a fill-weight
trial on two lines, with the defect found on each rejected pack (for a Pareto), and a
gage R&R study (for the Data page's Gage R&R)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

import numpy as np

from opsdesk.core.worksheet.grid import Grid

# The gage study of the AIAG Measurement Systems Analysis reference manual, 4th ed. 2010,
# ch. III section B (Minitab's example worksheet gageaiag; tests/data/spc/gage_aiag.csv):
# 10 parts measured 3 times by each of appraisers A, B and C; a row per trial, parts 1-10.
GAGE_AIAG = {
    "A": ("0.29 -0.56 1.34 0.47 -0.80 0.02 0.59 -0.31 2.26 -1.36",
          "0.41 -0.68 1.17 0.50 -0.92 -0.11 0.75 -0.20 1.99 -1.25",
          "0.64 -0.58 1.27 0.64 -0.84 -0.21 0.66 -0.17 2.01 -1.31"),
    "B": ("0.08 -0.47 1.19 0.01 -0.56 -0.20 0.47 -0.63 1.80 -1.68",
          "0.25 -1.22 0.94 1.03 -1.20 0.22 0.55 0.08 2.12 -1.62",
          "0.07 -0.68 1.34 0.20 -1.28 0.06 0.83 -0.34 2.19 -1.50"),
    "C": ("0.04 -1.38 0.88 0.14 -1.46 -0.29 0.02 -0.46 1.77 -1.49",
          "-0.11 -1.13 1.09 0.20 -1.07 -0.67 0.01 -0.56 1.45 -1.77",
          "-0.15 -0.96 0.67 0.11 -1.45 -0.49 0.21 -0.49 1.87 -2.16"),
}

DEFECTS = ("Underfill", "Underfill", "Seal", "Label", "Underfill", "Cap", "Seal", "")


def seed(conn: sqlite3.Connection, rng: np.random.Generator, ctx: dict[str, Any]) -> None:
    days = [ctx["today"] - timedelta(days=d) for d in range(40, 0, -1)]
    weights = rng.normal(500.4, 1.1, len(days))
    lines = ("A", "B")  # a test by "Line" names its groups "Line A" and "Line B"
    grid = Grid(("Date", "Fill weight (g)", "Line", "Defect"), (
        tuple(d.isoformat() for d in days),
        tuple(f"{w:.1f}" for w in weights),
        tuple(lines[i % 2] for i in range(len(days))),
        tuple(DEFECTS[int(k)] for k in rng.integers(0, len(DEFECTS), len(days))),
    ))
    conn.executemany("INSERT INTO worksheets (name, cells, created_at, updated_at)"
                     " VALUES (?, ?, ?, ?)",
                     [(name, sheet.to_json(), ctx["now"], ctx["now"])
                      for name, sheet in (("Fill-weight trial", grid),
                                          ("Gage R&R (AIAG)", gage_grid()))])


def gage_grid() -> Grid:
    """The AIAG study stacked, one row per measurement, as a gage study is recorded."""
    rows = [(str(part), operator, str(trial), value)
            for operator, trials in GAGE_AIAG.items()
            for trial, line in enumerate(trials, start=1)
            for part, value in enumerate(line.split(), start=1)]
    return Grid(("Part", "Operator", "Trial", "Measurement"),
                tuple(tuple(r[c] for r in rows) for c in range(4)))
