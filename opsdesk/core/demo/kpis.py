"""Demo KPIs across the pillars, with two years of observations at their own frequency.

Each KPI's series is level + trend + noise, with an optional step shift (a real change in
the process) on a given date, so charts show both noise and signal.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

import numpy as np

from opsdesk.core.demo.calendar import period_starts
from opsdesk.core.demo.kpi_catalogue import KPIS, DemoKpi


def _series(kpi: DemoKpi, starts: list[date], rng: np.random.Generator) -> np.ndarray:
    years = np.array([(d - starts[0]).days / 365.25 for d in starts])
    values = kpi.level + kpi.trend * years + rng.normal(0.0, kpi.noise, len(starts))
    if kpi.shift:
        when = date.fromisoformat(kpi.shift[0])
        values += np.array([kpi.shift[1] if d >= when else 0.0 for d in starts])
    if kpi.low is not None or kpi.high is not None:
        values = np.clip(values, kpi.low, kpi.high)
    return np.round(values) if kpi.integer else np.round(values, kpi.decimals + 1)


def _pack_entries() -> dict[str, tuple[str, str]]:
    """KPI name -> (pack, description) for the KPIs that come from the KPI packs."""
    from opsdesk.core.kpi.packs import PACKS, load_pack

    return {k["name"]: (pack, k["description"]) for pack in PACKS for k in load_pack(pack)["kpis"]}


def seed(conn: sqlite3.Connection, rng: np.random.Generator, ctx: dict[str, Any]) -> None:
    today: date = ctx["today"]
    first = date(today.year - 2, today.month, 1)
    stamp = ctx["now"]
    packs = _pack_entries()
    for order, kpi in enumerate(KPIS):
        cursor = conn.execute(
            "INSERT INTO kpis (name, description, pillar, unit, direction, frequency,"
            " aggregation, owner, data_source, decimals, sort_order, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kpi.name,
                kpi.description,
                kpi.pillar,
                kpi.unit,
                kpi.direction,
                kpi.frequency,
                kpi.aggregation,
                kpi.owner,
                kpi.source,
                kpi.decimals,
                order,
                stamp,
                stamp,
            ),
        )
        kpi_id = int(cursor.lastrowid or 0)
        ctx["kpi_ids"][kpi.name] = kpi_id
        if kpi.name in packs:
            pack, description = packs[kpi.name]
            conn.execute(
                "UPDATE kpis SET pack = ?, description = coalesce(nullif(description, ''), ?)"
                " WHERE id = ?",
                (pack, description, kpi_id),
            )
        band = kpi.band or (None, None)
        conn.execute(
            "INSERT INTO kpi_targets (kpi_id, effective_from, target, band_low, band_high,"
            " band_margin) VALUES (?, ?, ?, ?, ?, ?)",
            (kpi_id, first.isoformat(), kpi.target, band[0], band[1], kpi.margin),
        )
        if kpi.new_target:
            conn.execute(
                "INSERT INTO kpi_targets (kpi_id, effective_from, target, note)"
                " VALUES (?, ?, ?, 'Target raised in the annual plan')",
                (kpi_id, kpi.new_target[0], kpi.new_target[1]),
            )
        last = date.fromisoformat(kpi.until) if kpi.until else today - timedelta(days=1)
        starts = period_starts(kpi.frequency, first, last)
        values = _series(kpi, starts, rng)
        conn.executemany(
            "INSERT INTO observations (kpi_id, ts, value, created_at) VALUES (?, ?, ?, ?)",
            [(kpi_id, d.isoformat(), float(v), stamp) for d, v in zip(starts, values, strict=True)],
        )
