"""Demo measurement and inspection data for control charts.

Shaft diameter: 5 parts measured per shift (subgroups for X-bar/R and X-bar/S charts),
with a tool-wear shift late on. Inspected lots: defectives out of a varying lot size
(p and np charts). Board inspection: defects per batch of boards (c and u charts).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

import numpy as np


def _kpi(conn: sqlite3.Connection, ctx: dict[str, Any], name: str, **fields: Any) -> int:
    stamp = ctx["now"]
    columns = {
        "name": name,
        "pillar": "quality",
        "frequency": "daily",
        "created_at": stamp,
        "updated_at": stamp,
        **fields,
    }
    cursor = conn.execute(
        f"INSERT INTO kpis ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        list(columns.values()),
    )
    kpi_id = int(cursor.lastrowid or 0)
    ctx["kpi_ids"][name] = kpi_id
    return kpi_id


def seed(conn: sqlite3.Connection, rng: np.random.Generator, ctx: dict[str, Any]) -> None:
    today: date = ctx["today"]
    stamp = ctx["now"]
    days = [today - timedelta(days=d) for d in range(60, 0, -1)]

    shaft = _kpi(
        conn,
        ctx,
        "Shaft diameter",
        unit="mm",
        direction="band",
        aggregation="mean",
        lsl=24.95,
        usl=25.05,
        spec_target=25.0,
        decimals=3,
        owner="Aisha Rahman",
        data_source="CMM",
        description="Five shafts measured per day on line 2",
    )
    conn.execute(
        "INSERT INTO kpi_targets (kpi_id, effective_from, band_low, band_high) VALUES (?, ?, ?, ?)",
        (shaft, days[0].isoformat(), 24.97, 25.03),
    )
    rows = []
    for i, day in enumerate(days):
        mean = 25.002 + (0.009 if i >= 48 else 0.0)  # tool wear from day 49
        for part in range(5):
            value = round(float(rng.normal(mean, 0.008)), 4)
            rows.append(
                (
                    shaft,
                    f"{day.isoformat()}T{8 + 2 * part:02d}:00:00",
                    value,
                    day.isoformat(),
                    stamp,
                )
            )
    conn.executemany(
        "INSERT INTO observations (kpi_id, ts, value, subgroup, created_at) VALUES (?, ?, ?, ?, ?)",
        rows,
    )

    lots = _kpi(
        conn,
        ctx,
        "Defective units",
        unit="units",
        direction="lower",
        aggregation="sum",
        owner="Aisha Rahman",
        data_source="Final inspection",
        decimals=0,
        description="Defective units found per inspected lot",
    )
    sizes = rng.integers(180, 260, len(days))
    defectives = rng.binomial(sizes, 0.035)
    defectives[41] += 14  # a bad lot of raw material
    conn.executemany(
        "INSERT INTO observations (kpi_id, ts, value, sample_size, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (lots, d.isoformat(), float(x), float(n), stamp)
            for d, x, n in zip(days, defectives, sizes, strict=True)
        ],
    )

    boards = _kpi(
        conn,
        ctx,
        "Board defects",
        unit="defects",
        direction="lower",
        aggregation="sum",
        owner="Aisha Rahman",
        data_source="AOI",
        decimals=0,
        description="Solder defects found by optical inspection",
    )
    units = rng.integers(8, 14, len(days))  # inspection units of 100 boards
    defects = rng.poisson(2.1 * units)
    conn.executemany(
        "INSERT INTO observations (kpi_id, ts, value, sample_size, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (boards, d.isoformat(), float(c), float(u), stamp)
            for d, c, u in zip(days, defects, units, strict=True)
        ],
    )
