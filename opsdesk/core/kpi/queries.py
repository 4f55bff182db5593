"""The reads the pages make of KPIs, their observations, targets and annotations.

Each is one typed function over a connection, so no SQL lives in the UI and a page can
run it in the pool (``connect_again``) as well as on the GUI thread's connection.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredObservation:
    """One observation of a KPI as stored."""

    id: int
    ts: str
    value: float
    subgroup: str | None
    segment: str | None
    note: str | None


@dataclass(frozen=True)
class KpiAnnotation:
    """A note on a KPI's chart at a time; it may start a stage (new limits from there)."""

    id: int
    ts: str
    text: str
    starts_stage: bool


@dataclass(frozen=True)
class StoredValue:
    """One stored observation, named by its KPI."""

    kpi_name: str
    ts: str
    value: float


def kpi_names(conn: sqlite3.Connection) -> set[str]:
    """Every KPI's name, archived ones included (a new KPI may take none of them)."""
    return {str(name) for (name,) in conn.execute("SELECT name FROM kpis")}


def kpi_choices(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, name) of the KPIs not archived, in display order: what a KPI picker offers."""
    return [(int(i), str(name)) for i, name in conn.execute(
        "SELECT id, name FROM kpis WHERE archived = 0 ORDER BY sort_order, name")]


def observation_rows(conn: sqlite3.Connection, kpi_id: int) -> list[StoredObservation]:
    """A KPI's observations, newest first."""
    return [StoredObservation(int(i), str(ts), float(value), subgroup, segment, note)
            for i, ts, value, subgroup, segment, note in conn.execute(
                "SELECT id, ts, value, subgroup, segment, note FROM observations"
                " WHERE kpi_id = ? ORDER BY ts DESC, id DESC", (kpi_id,))]


def annotation_rows(conn: sqlite3.Connection, kpi_id: int) -> list[KpiAnnotation]:
    """A KPI's annotations by time."""
    return [KpiAnnotation(int(i), str(ts), str(text), bool(stage))
            for i, ts, text, stage in conn.execute(
                "SELECT id, ts, text, starts_stage FROM annotations WHERE kpi_id = ?"
                " ORDER BY ts", (kpi_id,))]


def target_id(conn: sqlite3.Connection, kpi_id: int, effective_from: str) -> int | None:
    """The id of the KPI's target effective from that day, if it has one."""
    row = conn.execute("SELECT id FROM kpi_targets WHERE kpi_id = ? AND effective_from = ?",
                       (kpi_id, effective_from)).fetchone()
    return int(row[0]) if row else None


def newest_day(conn: sqlite3.Connection) -> str | None:
    """The day (YYYY-MM-DD) of the newest observation; None when there are none."""
    row = conn.execute("SELECT max(substr(ts, 1, 10)) FROM observations").fetchone()
    return str(row[0]) if row and row[0] is not None else None


def newest_plain_value(conn: sqlite3.Connection) -> StoredValue | None:
    """The newest observation with no subgroup, segment or source key (one a file restates)."""
    row = conn.execute(
        "SELECT k.name, o.ts, o.value FROM observations o JOIN kpis k ON k.id = o.kpi_id"
        " WHERE o.subgroup IS NULL AND o.segment IS NULL AND o.source_key IS NULL"
        " ORDER BY o.ts DESC, o.id LIMIT 1").fetchone()
    return StoredValue(str(row[0]), str(row[1]), float(row[2])) if row else None
