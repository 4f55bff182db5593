"""Demo improvement projects, actions, root causes, incidents and a post-incident review."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import numpy as np


def _insert(conn: sqlite3.Connection, table: str, **fields: Any) -> int:
    cursor = conn.execute(
        f"INSERT INTO {table} ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
        list(fields.values()),
    )
    return int(cursor.lastrowid or 0)


def _benefits(conn: sqlite3.Connection, smed: int, oee: int, backlog: int) -> None:
    """A few months of benefits per project (per month: kind, expected, realised, note)."""
    rows: list[tuple[int, str, str, float | None, float | None, str]] = []
    # SMED, Sep-Dec 2025: 4 x (12,000 + 3,500) = 62,000 expected, 4 x (14,000 + 3,750)
    # = 71,000 realised
    for month in ("2025-09-01", "2025-10-01", "2025-11-01", "2025-12-01"):
        rows.append((smed, month, "hard", 12000.0, 14000.0, ""))
        rows.append((smed, month, "soft", 3500.0, 3750.0, ""))
    rows[0] = (smed, "2025-09-01", "hard", 12000.0, 14000.0, "smaller batches accepted")
    # OEE, from the fix on: 20,000 a month expected to December (180,000); realised so far,
    # beside the estimate its KPI gives
    for n, month in enumerate(("2026-04-01", "2026-05-01", "2026-06-01", "2026-07-01",
                               "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01",
                               "2026-12-01")):
        realised = (9000.0, 14000.0, 17500.0, 19000.0, 21000.0, 18500.0, 20500.0)
        rows.append((oee, month, "hard", 20000.0, realised[n] if n < len(realised) else None,
                     "overtime cut" if n == 0 else ""))
    # the backlog: agents' time freed, soft; 40,000 expected, nothing realised yet
    for month, expected in (("2026-10-01", 12000.0), ("2026-11-01", 14000.0),
                            ("2026-12-01", 14000.0)):
        rows.append((backlog, month, "soft", expected, None, ""))
    conn.executemany("INSERT INTO project_benefits (project_id, month, kind, expected,"
                     " realised, note) VALUES (?, ?, ?, ?, ?, ?)", rows)


def seed(conn: sqlite3.Connection, rng: np.random.Generator, ctx: dict[str, Any]) -> None:
    del rng  # nothing random here
    now = ctx["now"]
    kpi = ctx["kpi_ids"]
    stamps = {"created_at": now, "updated_at": now}

    smed = _insert(
        conn,
        "projects",
        name="Quick changeover on press line 2",
        methodology="PDCA",
        phase="Act",
        status="done",
        owner="Maria Keller",
        sponsor="Plant manager",
        problem="Changeovers take 38 minutes on average and limit small-batch orders.",
        goal="Changeover under 25 minutes by Q4 2025.",
        kpi_id=kpi.get("Changeover time"),
        started_on="2025-05-05",
        due_on="2025-10-31",
        closed_on="2025-10-20",
        # die preparation moved outside the changeover from September (the demo KPI's step)
        data=json.dumps({"implemented_on": "2025-09-01", "baseline": 38.0, "target": 25.0}),
        **stamps,
    )
    oee = _insert(
        conn,
        "projects",
        name="Raise OEE on line 2",
        methodology="DMAIC",
        phase="Improve",
        status="active",
        owner="Maria Keller",
        sponsor="Operations director",
        problem="OEE on line 2 averaged 68 % against a 75 % target.",
        goal="OEE at or above 78 % for three consecutive months.",
        kpi_id=kpi.get("OEE"),
        started_on="2025-11-03",
        due_on="2026-12-18",
        # the infeed sensor fix and the new PM routine went live on 30 March 2026
        # each OEE point above the baseline is worth about 2,000 a month (the KPI estimate)
        data=json.dumps({"implemented_on": "2026-03-30", "baseline": 68.0, "target": 78.0,
                         "value_per_unit": 2000.0, "benefit_kind": "hard",
                         "ticked": {"Improve": ["solutions", "risk", "pilot"]}}),
        **stamps,
    )
    backlog = _insert(
        conn,
        "projects",
        name="Cut the service-desk backlog",
        methodology="PDCA",
        phase="Do",
        status="active",
        owner="Priya Nair",
        sponsor="Head of service",
        problem="The ticket backlog jumped by a third in August after the ERP upgrade.",
        goal="Backlog back under 120 tickets.",
        kpi_id=kpi.get("Ticket backlog"),
        started_on="2026-08-24",
        due_on="2026-12-31",
        **stamps,
    )
    drift = _insert(
        conn,
        "projects",
        name="Retraining pipeline for the defect classifier",
        methodology="DMAIC",
        phase="Analyze",
        status="active",
        owner="Sam Okafor",
        sponsor="Quality director",
        problem="Accuracy fell 2.4 points after the new camera was installed in September.",
        goal="Accuracy at or above 92 % and drift PSI under 0.10.",
        kpi_id=kpi.get("Model accuracy"),
        started_on="2026-09-21",
        due_on="2027-01-29",
        **stamps,
    )

    _benefits(conn, smed, oee, backlog)

    for project, title, owner, status, due, done in (
        (
            smed,
            "Move die preparation outside the changeover",
            "Maria Keller",
            "done",
            "2025-07-15",
            "2025-07-10",
        ),
        (
            smed,
            "Standard work card for the changeover",
            "Jon Berg",
            "done",
            "2025-09-01",
            "2025-08-28",
        ),
        (
            oee,
            "Fix the infeed jam sensor on station 4",
            "Maria Keller",
            "done",
            "2026-02-27",
            "2026-02-20",
        ),
        (
            oee,
            "Autonomous maintenance checklist, all shifts",
            "Jon Berg",
            "in progress",
            "2026-11-30",
            None,
        ),
        (oee, "Micro-stop logging on the HMI", "Maria Keller", "open", "2026-10-31", None),
        (backlog, "Triage rota for ERP tickets", "Priya Nair", "in progress", "2026-11-15", None),
        (
            drift,
            "Label 2,000 images from the new camera",
            "Sam Okafor",
            "in progress",
            "2026-12-05",
            None,
        ),
        (drift, "Automate drift-triggered retraining", "Sam Okafor", "open", "2027-01-15", None),
    ):
        _insert(
            conn,
            "actions",
            project_id=project,
            title=title,
            owner=owner,
            status=status,
            due_on=due,
            done_on=done,
            **stamps,
        )

    for project, category, cause, whys in (
        (
            oee,
            "Machine",
            "Infeed sensor misreads reflective parts",
            ["Line stops", "Jam alarm", "Sensor sees glare", "Wrong sensor type for new parts"],
        ),
        (
            oee,
            "Method",
            "No shared micro-stop log between shifts",
            ["Small stops not fixed", "Nobody sees the pattern", "Stops are not recorded"],
        ),
        (
            drift,
            "Material",
            "New camera changes image contrast",
            ["Accuracy fell", "Inputs drifted", "Camera replaced", "No retraining step in change"],
        ),
    ):
        _insert(
            conn,
            "root_causes",
            project_id=project,
            category=category,
            cause=cause,
            whys=json.dumps(whys),
            status="confirmed",
            created_at=now,
        )

    outage = _insert(
        conn,
        "incidents",
        key="INC-2110",
        title="Defect classifier returned errors for 3 hours",
        severity="SEV2",
        category="outage",
        availability_impact="outage",
        detection_source="user report",
        model="defect-classifier",
        model_version="4.2",
        caused_by_deployment="VI-4.2",
        acknowledged_at="2026-10-14T06:40:00",
        restored_at="2026-10-14T08:52:00",
        closed_at="2026-10-17T12:00:00",
        status="reviewed",
        kpi_id=kpi.get("Model availability"),
        service="Vision inspection",
        owner="Sam Okafor",
        started_at="2026-10-14T05:40:00",
        detected_at="2026-10-14T06:25:00",
        resolved_at="2026-10-14T08:52:00",
        summary="A model release with a mismatched preprocessing step failed every request.",
        impact="Line 2 inspected manually for one shift; 1,900 parts re-inspected.",
        **stamps,
    )
    _insert(
        conn,
        "incident_reviews",
        incident_id=outage,
        held_on="2026-10-17",
        facilitator="Priya Nair",
        timeline=json.dumps(
            [
                {"at": "05:40", "what": "Release 4.2 deployed"},
                {"at": "06:25", "what": "Operators report the inspection screen is blank"},
                {"at": "07:10", "what": "On-call finds the preprocessing mismatch"},
                {"at": "08:52", "what": "Release 4.1 restored; inspection back"},
            ]
        ),
        went_well="Manual inspection fallback started within 20 minutes.",
        went_wrong="No canary step; the alert fired 45 minutes late.",
        lessons="Canary releases for models; alert on the error rate, not on latency.",
        **stamps,
    )
    _insert(
        conn,
        "actions",
        incident_id=outage,
        source_kind="incident review",
        priority="high",
        title="Add a canary stage to model releases",
        owner="Sam Okafor",
        status="in progress",
        due_on="2026-11-28",
        **stamps,
    )
    # the review's causes, one confirmed with its evidence, one still open
    for position, (category, cause, whys, status, evidence) in enumerate((
        ("Method", "No canary stage: model releases reach every line at once",
         ["Every request failed", "Release 4.2 reached all lines together",
          "The release pipeline has no canary step"], "confirmed",
         "release pipeline configuration, 2026-10-14"),
        ("Measurement", "The alert watches latency, not the error rate",
         ["Detected 45 minutes late", "Errors returned fast, so latency looked normal"],
         "open", ""),
    )):
        _insert(conn, "root_causes", incident_id=outage, category=category, cause=cause,
                whys=json.dumps(whys), status=status, evidence=evidence, position=position,
                created_at=now)
    _insert(
        conn,
        "incidents",
        key="INC-2090",
        title="ERP upgrade slowed order entry",
        severity="SEV3",
        availability_impact="degraded",
        restored_at="2026-08-07T16:00:00",
        status="resolved",
        kpi_id=kpi.get("Ticket backlog"),
        service="ERP",
        started_at="2026-08-03T09:00:00",
        detected_at="2026-08-03T10:30:00",
        resolved_at="2026-08-07T16:00:00",
        summary="Order entry took four times as long after the upgrade; tickets piled up.",
        impact="Backlog up by 45 tickets; two late shipments.",
        **stamps,
    )
    _insert(
        conn,
        "incidents",
        key="INC-2120",
        title="Compressor trip stopped line 2",
        severity="SEV3",
        availability_impact="outage",
        restored_at="2026-11-12T14:05:00",
        status="open",
        kpi_id=kpi.get("OEE"),
        service="Utilities",
        owner="Jon Berg",
        started_at="2026-11-12T13:15:00",
        detected_at="2026-11-12T13:16:00",
        resolved_at="2026-11-12T14:05:00",
        summary="The main compressor tripped on high temperature.",
        impact="50 minutes of lost production.",
        **stamps,
    )
