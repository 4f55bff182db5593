"""Demo KPIs across the pillars, with two years of observations at their own frequency.

Each KPI's series is level + trend + noise, with an optional step shift (a real change in
the process) on a given date, so charts show both noise and signal.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from opsdesk.core.demo.calendar import period_starts


@dataclass(frozen=True)
class DemoKpi:
    name: str
    pillar: str
    unit: str
    direction: str  # higher, lower, band
    frequency: str  # daily, weekly, monthly, quarterly
    aggregation: str  # sum, mean, last
    target: float | None
    level: float  # value at the start of the two years
    noise: float  # standard deviation of the noise
    trend: float = 0.0  # change per year
    shift: tuple[str, float] | None = None  # (date, step added from that date on)
    new_target: tuple[str, float] | None = None  # target changed once, from that date
    band: tuple[float, float] | None = None
    margin: float | None = None  # amber margin outside the band
    owner: str = ""
    source: str = ""
    decimals: int = 1
    low: float | None = None  # clip range
    high: float | None = None
    integer: bool = False
    description: str = ""
    until: str | None = None  # the feed stopped after this date (a stale KPI)


KPIS: tuple[DemoKpi, ...] = (
    # process
    DemoKpi(
        "OEE",
        "process",
        "%",
        "higher",
        "weekly",
        "mean",
        75,
        68,
        3.0,
        trend=3,
        shift=("2026-03-02", 4.5),
        new_target=("2026-01-01", 78),
        owner="Maria Keller",
        source="MES",
        high=100,
        description="Overall equipment effectiveness, line 2",
    ),
    DemoKpi(
        "Lead time",
        "process",
        "days",
        "lower",
        "weekly",
        "mean",
        8.0,
        11.5,
        0.8,
        trend=-1.2,
        owner="Jon Berg",
        source="ERP",
        low=1,
    ),
    DemoKpi(
        "Changeover time",
        "process",
        "min",
        "lower",
        "weekly",
        "mean",
        25,
        38,
        3.5,
        shift=("2025-09-01", -9),
        owner="Maria Keller",
        source="MES",
        low=5,
    ),
    DemoKpi(
        "WIP",
        "process",
        "units",
        "lower",
        "weekly",
        "last",
        1200,
        1500,
        90,
        trend=-100,
        owner="Jon Berg",
        source="ERP",
        decimals=0,
        integer=True,
        low=0,
    ),
    DemoKpi(
        "Throughput",
        "process",
        "units",
        "higher",
        "daily",
        "sum",
        410,
        395,
        28,
        trend=8,
        owner="Maria Keller",
        source="MES",
        decimals=0,
        integer=True,
        low=0,
    ),
    # quality
    DemoKpi(
        "First-pass yield",
        "quality",
        "%",
        "higher",
        "weekly",
        "mean",
        96,
        94.2,
        0.9,
        trend=0.5,
        owner="Aisha Rahman",
        source="QMS",
        high=100,
    ),
    DemoKpi(
        "Scrap rate",
        "quality",
        "%",
        "lower",
        "monthly",
        "mean",
        1.5,
        2.4,
        0.25,
        trend=-0.3,
        shift=("2026-06-01", 0.6),
        owner="Aisha Rahman",
        source="QMS",
        low=0,
        decimals=2,
    ),
    DemoKpi(
        "Customer complaints",
        "quality",
        "count",
        "lower",
        "monthly",
        "sum",
        6,
        9,
        2.5,
        owner="Aisha Rahman",
        source="CRM",
        decimals=0,
        integer=True,
        low=0,
    ),
    DemoKpi(
        "Supplier defect rate",
        "quality",
        "ppm",
        "lower",
        "monthly",
        "mean",
        500,
        640,
        70,
        trend=-40,
        owner="Lena Fischer",
        source="QMS",
        decimals=0,
        low=0,
        until="2026-07-31",
        description="Supplier portal feed stopped in August",
    ),
    # service
    DemoKpi(
        "On-time delivery",
        "service",
        "%",
        "higher",
        "weekly",
        "mean",
        95,
        91,
        1.8,
        trend=1.5,
        new_target=("2026-07-01", 97),
        owner="Jon Berg",
        source="ERP",
        high=100,
    ),
    DemoKpi(
        "SLA attainment",
        "service",
        "%",
        "higher",
        "monthly",
        "mean",
        98,
        97.6,
        0.6,
        owner="Priya Nair",
        source="Service desk",
        high=100,
    ),
    DemoKpi(
        "CSAT",
        "service",
        "score",
        "higher",
        "monthly",
        "mean",
        4.4,
        4.2,
        0.08,
        trend=0.05,
        owner="Priya Nair",
        source="Survey",
        decimals=2,
        high=5,
    ),
    DemoKpi(
        "First-contact resolution",
        "service",
        "%",
        "higher",
        "monthly",
        "mean",
        75,
        71,
        2.0,
        trend=1.0,
        owner="Priya Nair",
        source="Service desk",
        high=100,
    ),
    DemoKpi(
        "Ticket backlog",
        "service",
        "tickets",
        "lower",
        "weekly",
        "last",
        120,
        150,
        14,
        shift=("2026-08-03", 45),
        owner="Priya Nair",
        source="Service desk",
        decimals=0,
        integer=True,
        low=0,
    ),
    DemoKpi(
        "Average handle time",
        "service",
        "min",
        "lower",
        "monthly",
        "mean",
        7.5,
        8.6,
        0.3,
        trend=-0.3,
        owner="Priya Nair",
        source="Telephony",
    ),
    # cost
    DemoKpi(
        "Cost per unit",
        "cost",
        "EUR",
        "lower",
        "monthly",
        "mean",
        41.0,
        44.0,
        0.9,
        trend=-0.8,
        owner="Tom Weber",
        source="Finance",
        decimals=2,
    ),
    DemoKpi(
        "Inventory turns",
        "cost",
        "turns",
        "higher",
        "quarterly",
        "last",
        8.0,
        6.6,
        0.3,
        trend=0.6,
        owner="Tom Weber",
        source="Finance",
        decimals=1,
    ),
    DemoKpi(
        "Energy per unit",
        "cost",
        "kWh",
        "band",
        "monthly",
        "mean",
        None,
        3.15,
        0.08,
        band=(2.9, 3.3),
        margin=0.1,
        owner="Tom Weber",
        source="Energy meters",
        decimals=2,
    ),
    # people
    DemoKpi(
        "Absenteeism",
        "people",
        "%",
        "lower",
        "monthly",
        "mean",
        3.5,
        3.9,
        0.4,
        owner="Lena Fischer",
        source="HR",
        low=0,
        decimals=2,
    ),
    DemoKpi(
        "Training hours per employee",
        "people",
        "h",
        "higher",
        "quarterly",
        "mean",
        12,
        9.5,
        1.2,
        trend=1.0,
        owner="Lena Fischer",
        source="HR",
    ),
    DemoKpi(
        "Lost-time injuries",
        "people",
        "count",
        "lower",
        "monthly",
        "sum",
        0,
        0.6,
        0.7,
        owner="Lena Fischer",
        source="HSE",
        decimals=0,
        integer=True,
        low=0,
    ),
    # AI/ML operations
    DemoKpi(
        "Model accuracy",
        "AI/ML operations",
        "%",
        "higher",
        "weekly",
        "mean",
        92,
        93.1,
        0.5,
        shift=("2026-09-07", -2.4),
        owner="Sam Okafor",
        source="Model monitor",
        high=100,
        description="Defect-classifier accuracy on labelled audit samples",
    ),
    DemoKpi(
        "Inference latency p95",
        "AI/ML operations",
        "ms",
        "lower",
        "daily",
        "mean",
        120,
        104,
        9,
        trend=6,
        owner="Sam Okafor",
        source="APM",
        decimals=0,
        low=20,
    ),
    DemoKpi(
        "Data drift score",
        "AI/ML operations",
        "PSI",
        "lower",
        "weekly",
        "mean",
        0.10,
        0.05,
        0.012,
        trend=0.02,
        owner="Sam Okafor",
        source="Model monitor",
        decimals=3,
        low=0,
    ),
    DemoKpi(
        "Incident MTTR",
        "AI/ML operations",
        "h",
        "lower",
        "monthly",
        "mean",
        4.0,
        6.2,
        0.9,
        trend=-1.0,
        owner="Sam Okafor",
        source="Incident log",
        low=0.2,
    ),
    DemoKpi(
        "Model availability",
        "AI/ML operations",
        "%",
        "higher",
        "monthly",
        "mean",
        99.5,
        99.6,
        0.15,
        owner="Sam Okafor",
        source="APM",
        decimals=2,
        high=100,
    ),
    # the rest of the AI/ML operations pack
    DemoKpi("Retraining lead time", "AI/ML operations", "days", "lower", "monthly", "mean",
            14, 24, 3.0, trend=-5, owner="Sam Okafor", source="ML pipeline", low=2),
    DemoKpi("Cost per 1,000 inferences", "AI/ML operations", "USD", "lower", "monthly",
            "mean", 0.5, 0.62, 0.03, trend=-0.05, new_target=("2026-01-01", 0.45),
            owner="Sam Okafor", source="Cloud billing", decimals=3, low=0.05),
    DemoKpi("Share of models monitored", "AI/ML operations", "%", "higher", "monthly",
            "last", 90, 70, 2.5, trend=9, owner="Sam Okafor", source="Model registry",
            decimals=0, integer=True, high=100),
    DemoKpi("Failed deployments", "AI/ML operations", "%", "lower", "monthly", "mean", 15,
            14, 4.0, owner="Sam Okafor", source="CI/CD", low=0),
)


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
