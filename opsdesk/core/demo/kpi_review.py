"""Demo KPI review state: a pinned review date, annotated events and the alerts the
data raise, so the KPI pages open on a realistic month-end review."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import numpy as np

from opsdesk.core.demo.kpi_catalogue import KPIS
from opsdesk.core.kpi.alerts import raise_alerts
from opsdesk.core.kpi.review_date import SETTING

# (KPI, date, text): the events behind the demo series' step changes.
EVENTS = (
    ("OEE", "2026-03-02", "New line started"),
    ("OEE", "2026-01-01", "Target raised to 78 %"),
    ("Changeover time", "2025-09-01", "SMED workshop"),
    ("Scrap rate", "2026-06-01", "New resin supplier"),
    ("Ticket backlog", "2026-08-03", "Support team moved to new tool"),
    ("Model accuracy", "2026-09-07", "Camera replaced on line 2"),
    ("Supplier defect rate", "2026-08-01", "Supplier portal feed stopped"),
)
# The events that start a stage of their KPI's chart: the new line is another process,
# judged against limits of its own.
STAGES = {("OEE", "New line started")}


def seed(conn: sqlite3.Connection, rng: np.random.Generator, ctx: dict[str, Any]) -> None:
    today, stamp, ids = ctx["today"], ctx["now"], ctx["kpi_ids"]
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                 (SETTING, json.dumps(today.isoformat())))
    # The measurement KPIs (for control charts) list after the scorecard's KPIs.
    scorecard = {k.name for k in KPIS}
    conn.executemany("UPDATE kpis SET sort_order = 1000 + id WHERE id = ?",
                     [(kpi_id,) for name, kpi_id in ids.items() if name not in scorecard])
    conn.executemany(
        "INSERT INTO annotations (kpi_id, ts, text, created_at, starts_stage)"
        " VALUES (?, ?, ?, ?, ?)",
        [(ids[name], when, text, stamp, int((name, text) in STAGES))
         for name, when, text in EVENTS if name in ids])
    raise_alerts(conn, sorted(ids.values()), today)
