"""Demo AI/ML incidents: Q3 2026 on two services, their deployments, a second review, and
the actions that bring the demo to fifteen (some overdue as of the demo's review date), and
two KPIs computed from the incidents (their weekly count, the mean time to restore).

The Vision inspection service runs the defect classifier; Demand forecast the planning
model. Written through the same command an import uses (``ImportIncidents``), so the rows
are what an import would make. Nothing here is random: the demo is the same for every
seed. It runs after the value streams and the KPI review, so an action can come from a
kaizen burst on the future-state map and from a raised alert.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.incidents import Deployment, Incident

VISION, FORECAST = "Vision inspection", "Demand forecast"
MODELS = {VISION: "defect-classifier", FORECAST: "demand-forecast"}
# who owns each service's incidents, from the demo's people directory (demo/people.py)
OWNERS = {VISION: "Sam Okafor", FORECAST: "Priya Nair"}

# key, service, category, title, severity, impact, started, then minutes after it:
# detected, acknowledged, restored, resolved; detection source, model version, deployment
INCIDENTS: tuple[tuple[Any, ...], ...] = (
    ("INC-2101", FORECAST, "data quality", "Late sales feed left forecasts stale", "SEV3",
     "degraded", "2026-07-09T06:00", 95, 110, 300, 420, "alert", "2.3", ""),
    ("INC-2111", VISION, "inference latency spike", "Inspection latency spike at shift change",
     "SEV4", "degraded", "2026-07-15T06:00", 8, 20, 35, 60, "alert", "4.0", ""),
    ("INC-2112", FORECAST, "model degradation", "MAPE rose to 18 % for the northern region",
     "SEV3", "none", "2026-07-20T09:00", 1440, 1500, None, 4320,
     "drift or anomaly detector", "2.3", ""),
    ("INC-2102", FORECAST, "inference latency spike",
     "Forecast API p95 over 2 s after release 2.4", "SEV2", "degraded", "2026-07-28T14:10",
     12, 18, 75, 130, "alert", "2.4", "DF-2.4"),
    ("INC-2103", VISION, "model degradation", "Defect classifier recall fell after release 4.1",
     "SEV2", "degraded", "2026-08-11T10:40", 180, 195, 1560, 1700,
     "drift or anomaly detector", "4.1", "VI-4.1"),
    ("INC-2104", VISION, "outage", "Inference pods evicted; inspection stopped", "SEV1",
     "outage", "2026-08-19T02:15", 4, 9, 52, 240, "alert", "4.1.1", ""),
    ("INC-2105", FORECAST, "data drift", "Promotion calendar shifted the demand pattern",
     "SEV3", "none", "2026-08-24T08:00", 2880, 2940, None, 10080,
     "drift or anomaly detector", "2.4.1", ""),
    ("INC-2106", VISION, "security or access", "Expired service token blocked image upload",
     "SEV2", "outage", "2026-09-02T06:30", 25, 31, 70, 95, "user report", "4.1.1", ""),
    ("INC-2107", FORECAST, "cost anomaly", "GPU spend tripled after an autoscaler change",
     "SEV4", "none", "2026-09-05T00:00", 4320, 4400, None, 7200, "review", "2.5", ""),
    ("INC-2108", FORECAST, "outage", "Forecast service down after a config change", "SEV1",
     "outage", "2026-09-15T16:00", 3, 5, 38, 90, "alert", "2.5.1", "DF-2.5.1"),
    ("INC-2109", VISION, "data quality", "Camera 3 frames blank on the night shift", "SEV3",
     "degraded", "2026-09-22T22:00", 200, 215, 480, 600, "user report", "4.1.1", ""),
    ("INC-2113", VISION, "outage", "GPU node failure stopped inference", "SEV2", "outage",
     "2026-09-28T11:20", 6, None, 44, 120, "alert", "4.1.1", ""),
)

# key, service, deployed at, kind, failed (None: inferred), service restored
DEPLOYMENTS: tuple[tuple[Any, ...], ...] = (
    ("DF-2.3", FORECAST, "2026-07-02T09:00", "model release", False, None),
    ("VI-4.0", VISION, "2026-07-06T09:00", "model release", False, None),
    ("VI-4.0.1", VISION, "2026-07-21T13:00", "config change", False, None),
    ("DF-2.4", FORECAST, "2026-07-28T13:30", "model release", None, None),  # INC-2102
    ("VI-4.1", VISION, "2026-08-11T10:00", "model release", None, None),    # INC-2103
    ("VI-4.1.1", VISION, "2026-08-12T12:30", "rollback", False, None),
    ("DF-2.4.1", FORECAST, "2026-08-18T09:00", "feature pipeline change", False, None),
    ("DF-2.5", FORECAST, "2026-09-01T09:00", "model release", False, None),
    ("VI-cfg-0908", VISION, "2026-09-08T07:00", "config change", False, None),
    ("DF-2.5.1", FORECAST, "2026-09-15T15:50", "config change", True, "2026-09-15T16:38"),
    ("DF-2.6", FORECAST, "2026-09-29T09:00", "model release", False, None),
    ("VI-4.2", VISION, "2026-10-14T05:40", "model release", True, "2026-10-14T08:52"),
)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _incident(row: tuple[Any, ...]) -> Incident:
    key, service, category, title, sev, impact, started, *offsets, source, version, dep = row
    start = _at(started)
    detected, acknowledged, restored, resolved = (
        None if m is None else start + timedelta(minutes=m) for m in offsets)
    closed = resolved + timedelta(days=2) if resolved is not None else None
    return Incident(key, title, start, service, category, sev, impact, detected, acknowledged,
                    restored, resolved, closed, source, MODELS[service], version, dep,
                    owner=OWNERS[service])


def incidents() -> tuple[Incident, ...]:
    return tuple(_incident(r) for r in INCIDENTS)


def deployments() -> tuple[Deployment, ...]:
    return tuple(Deployment(k, _at(at), s, kind, failed, "", None if r is None else _at(r))
                 for k, s, at, kind, failed, r in DEPLOYMENTS)


def _one(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def _actions(conn: sqlite3.Connection) -> list[Action]:
    """Six more actions, one of each source; their ids come from the rows just made."""
    review = _one(conn, "SELECT id FROM incidents WHERE key = 'INC-2103'")
    config = _one(conn, "SELECT id FROM incidents WHERE key = 'INC-2108'")
    drift = _one(conn, "SELECT id FROM projects WHERE name LIKE 'Retraining pipeline%'")
    burst = _one(conn, "SELECT n.id FROM map_nodes n JOIN maps m ON m.id = n.map_id"
                 " WHERE m.kind = 'value_stream' AND m.state = 'future'"
                 " AND n.kind = 'process' ORDER BY n.id")
    alert = _one(conn, "SELECT a.id FROM alerts a JOIN kpis k ON k.id = a.kpi_id"
                 " ORDER BY k.name = 'Model accuracy' DESC, a.id")
    return [
        Action(0, "Add a recall gate to the model release checklist", "Sam Okafor",
               Source("incident review", review), date(2026, 9, 30), "open", "high"),
        Action(0, "Retrain the defect classifier monthly on new-camera images", "Sam Okafor",
               Source("incident review", review), date(2026, 12, 15), "in progress", "high",
               notes="Feedback into the retraining schedule from the INC-2103 review."),
        Action(0, "Validate forecast config changes in staging first", "Lena Fischer",
               Source("incident review", config), date(2026, 10, 15), "open", "high"),
        Action(0, "Pilot the drift dashboard with the quality team", "Sam Okafor",
               Source("project", drift), date(2026, 11, 30), "open", "low"),
        Action(0, "Single-minute die exchange trial on the press", "Jon Berg",
               Source("kaizen burst" if burst else "project", burst or drift),
               date(2026, 12, 11), "open", "medium"),
        Action(0, "Check the data feed behind the red KPI", "Priya Nair",
               Source("alert" if alert else "project", alert or drift), date(2026, 11, 10),
               "open", "medium"),
    ]


def seed(conn: sqlite3.Connection, rng: Any, ctx: dict[str, Any]) -> None:
    del rng  # nothing random here
    from opsdesk.core.improve.action_commands import AddAction
    from opsdesk.core.improve.incident_commands import ImportIncidents
    from opsdesk.core.improve.incident_kpis import COUNT, Source
    from opsdesk.core.kpi.commands import AddKpi
    from opsdesk.core.workspace.commands import Transaction
    from opsdesk.core.workspace.row_commands import InsertRows

    tx = Transaction(conn, "Create demo incidents")
    ImportIncidents(incidents(), deployments()).apply(tx)
    review = _one(conn, "SELECT id FROM incidents WHERE key = 'INC-2103'")
    conn.execute("UPDATE incidents SET status = 'reviewed', summary = ?, impact = ?"
                 " WHERE id = ?",
                 ("Release 4.1 was trained without images from the new camera; recall on "
                  "hairline cracks fell from 96 % to 88 % until the rollback.",
                  "About 26 hours of weaker inspection on line 2; 14 cracked parts reached "
                  "final test.", review))
    InsertRows("incident_reviews", ({
        "incident_id": review, "held_on": "2026-08-14", "facilitator": "Priya Nair",
        "timeline": json.dumps([
            {"at": "08-11 10:00", "what": "Release 4.1 deployed"},
            {"at": "08-11 13:40", "what": "Drift detector flags the recall estimate"},
            {"at": "08-12 12:30", "what": "Rolled back to 4.0.1"}]),
        "went_well": "The drift detector caught it before the customer did.",
        "went_wrong": "No recall gate in the release checklist; three hours to acknowledge.",
        "lessons": "Retrain monthly on new-camera images; gate releases on recall.",
        "created_at": ctx["now"], "updated_at": ctx["now"]},), tx.command_title).apply(tx)
    for action in _actions(conn):
        AddAction(action, tx.command_title).apply(tx)
    # Two KPIs computed from these incidents (their values are written at the commit).
    for metric, target in ((COUNT, 1.0), ("restore", 120.0)):
        AddKpi({**Source(metric).kpi_values(), "owner": "Sam Okafor"}, ({"target": target},),
               tx.command_title).apply(tx)
