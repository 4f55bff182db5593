"""What the Dashboard shows: counts by status and pillar, the KPIs that most need
attention, open alerts and recent imports — all from one scorecard computation."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from opsdesk.core.kpi.alerts import open_alerts
from opsdesk.core.kpi.formatting import fmt
from opsdesk.core.kpi.scorecard import KpiStatus, compute_statuses, status_counts

ATTENTION_LIMIT = 10


@dataclass(frozen=True)
class Attention:
    kpi_id: int
    name: str
    pillar: str
    owner: str
    status: str
    period: str
    reason: str


@dataclass(frozen=True)
class DashboardData:
    as_of: date
    counts: dict[str, int]
    by_pillar: dict[str, dict[str, int]]   # pillar -> status -> count
    attention: list[Attention]
    alerts: list[dict[str, Any]]
    imports: list[dict[str, Any]]


def _priority(s: KpiStatus) -> int | None:
    """Lower is more urgent; None: nothing to look at."""
    if s.status == "red":
        return 0 if s.signals else 1
    if s.signals:
        return 2
    if s.status == "stale":
        return 3
    if s.status == "amber":
        return 4 if s.trend == "worsening" else 5
    return None


def _reason(s: KpiStatus) -> str:
    parts = []
    if s.status in ("red", "amber") and s.period:
        goal = "its band" if s.kpi.direction == "band" else fmt(s.kpi, s.target_value, True)
        parts.append(f"{fmt(s.kpi, s.value, True)} against {goal}")
    if s.status == "stale":
        parts.append(f"no data since {s.last_date}")
    if s.signals:
        parts.append("special cause (SPC test " + ", ".join(map(str, s.signals)) + ")")
    if s.trend == "worsening":
        parts.append("worsening")
    return "; ".join(parts)


def attention(statuses: list[KpiStatus], limit: int = ATTENTION_LIMIT) -> list[Attention]:
    ranked = sorted(((p, i, s) for i, s in enumerate(statuses)
                     if (p := _priority(s)) is not None), key=lambda t: (t[0], t[1]))
    return [Attention(s.kpi.id, s.kpi.name, s.kpi.pillar, s.kpi.owner, s.status,
                      s.period or "", _reason(s)) for _, _, s in ranked[:limit]]


def dashboard_data(conn: sqlite3.Connection, as_of: date) -> DashboardData:
    statuses = compute_statuses(conn, as_of)
    by_pillar: dict[str, dict[str, int]] = {}
    for s in statuses:
        row = by_pillar.setdefault(s.kpi.pillar, {})
        row[s.status] = row.get(s.status, 0) + 1
    cursor = conn.execute(
        "SELECT id, file_name, imported_at, rows_imported, rows_skipped, undone_at"
        " FROM imports ORDER BY imported_at DESC, id DESC LIMIT 8")
    names = [d[0] for d in cursor.description]
    imports = [dict(zip(names, r, strict=True)) for r in cursor]
    return DashboardData(as_of, status_counts(statuses), by_pillar, attention(statuses),
                         open_alerts(conn), imports)
