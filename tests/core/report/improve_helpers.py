"""A small workspace with one improvement project and one reviewed incident, by hand.

Lead time (days, lower is better), monthly: twelve months of 2025 around 9.3, then ten
months of 2026 around 6.1 after the change made on 2026-01-05. The values are typed here;
the means, by hand: before 111.6 / 12 = 9.3, after 61.0 / 10 = 6.1.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.core.report.helpers import STAMP, add_kpi, add_values

BEFORE = [9.1, 9.5, 9.3, 9.0, 9.6, 9.4, 9.2, 9.5, 9.1, 9.3, 9.4, 9.2]   # sum 111.6
AFTER = [6.2, 6.0, 6.3, 5.9, 6.1, 6.2, 6.0, 6.1, 6.3, 5.9]               # sum 61.0


def _insert(conn: sqlite3.Connection, table: str, **fields: object) -> int:
    cursor = conn.execute(f"INSERT INTO {table} ({', '.join(fields)}) VALUES "
                          f"({', '.join('?' * len(fields))})", list(fields.values()))
    return int(cursor.lastrowid or 0)


def improvement_workspace(path: Path, problem: str = "Quotes take 9.3 days on average; "
                          "customers go elsewhere.") -> Path:
    from opsdesk.core.workspace import Workspace

    stamps = {"created_at": STAMP, "updated_at": STAMP}
    with Workspace.open(path, create=True) as ws, ws.transaction() as conn:
        kpi = add_kpi(conn, "Lead time", target=7.0, unit="days", decimals=1)
        months = [f"2025-{m:02d}-15" for m in range(1, 13)] + \
            [f"2026-{m:02d}-15" for m in range(1, 11)]
        add_values(conn, kpi, list(zip(months, BEFORE + AFTER, strict=True)))
        project = _insert(
            conn, "projects", name="Faster quotes", methodology="A3", phase="Check",
            status="active", owner="Ada Lovelace", sponsor="Sales director",
            problem=problem, goal="Quotes out within 7 days.", kpi_id=kpi,
            started_on="2025-10-01", due_on="2026-12-31", data=json.dumps({
                "implemented_on": "2026-01-05", "baseline": 9.3, "target": 7.0,
                "business_case": "Each lost quote is worth 4,000 a month.",
                "milestones": [{"name": "Pilot", "due": "2026-01-05",
                                "done_on": "2026-01-05"}]}), **stamps)
        _insert(conn, "project_benefits", project_id=project, month="2026-01-01", kind="hard",
                expected=50000, realised=12000)
        for category, cause, whys in (
                ("Method", "Pricing waits for a weekly meeting",
                 ["Quotes are slow", "Prices need approval", "Approval is weekly"]),
                ("Manpower", "One estimator for all quotes", [])):
            _insert(conn, "root_causes", project_id=project, category=category, cause=cause,
                    whys=json.dumps(whys), status="confirmed" if category == "Method" else "open",
                    created_at=STAMP)
        for title, owner, status, due in (
                ("Daily pricing slot", "Ada Lovelace", "done", "2026-01-05"),
                ("Train a second estimator", "Grace Hopper", "open", "2026-03-31")):
            _insert(conn, "actions", project_id=project, title=title, owner=owner,
                    status=status, due_on=due, **stamps)
        incident = _insert(
            conn, "incidents", key="INC-7", title="Scoring model served stale features",
            severity="SEV2", category="data quality", availability_impact="degraded",
            detection_source="alert", model="scorer", model_version="3.1",
            service="Scoring", status="reviewed", started_at="2026-10-05T10:00:00",
            detected_at="2026-10-05T10:20:00", acknowledged_at="2026-10-05T10:25:00",
            restored_at="2026-10-05T11:30:00", resolved_at="2026-10-05T14:00:00",
            closed_at="2026-10-08T09:00:00", summary="A feature job failed silently.",
            impact="Scores 6 hours old for 90 minutes.", **stamps)
        _insert(conn, "incident_reviews", incident_id=incident, held_on="2026-10-08",
                facilitator="Grace Hopper", timeline=json.dumps([
                    {"at": "10:00", "what": "Feature job fails"},
                    {"at": "10:20", "what": "Freshness alert fires"}]),
                went_well="The freshness alert fired in 20 minutes.",
                went_wrong="Nobody owned the feature job.",
                lessons="Lucky: it was a quiet Sunday. Retrain after each schema change.",
                **stamps)
        _insert(conn, "root_causes", incident_id=incident, category="Machine",
                cause="The job's failure was not alerted", whys=json.dumps(
                    ["Stale scores", "Job failed", "No alert on failure"]), status="confirmed",
                created_at=STAMP)
        _insert(conn, "actions", incident_id=incident, source_kind="incident review",
                title="Alert on feature job failures", owner="Grace Hopper",
                status="in progress", due_on="2026-10-20", **stamps)
    return path
