"""Demo strategy deployment: Northwind's goals by horizon under the pillars, the KPIs that
measure them and the projects that move them (an annual objective with no project yet,
so the X-matrix has a gap to show). Written through the goal commands."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

# (title, pillar, horizon, owner, target date, serves (an earlier title), KPIs, projects);
# a KPI or project name ending in "?" is a weak link.
GOALS: tuple[tuple[Any, ...], ...] = (
    ("World-class on-time delivery", "service", "3-5 years", "Jon Berg", date(2029, 12, 31),
     None, ("On-time delivery", "Lead time?"), ()),
    ("Zero-defect quality culture", "quality", "5+ years", "Aisha Rahman", date(2032, 12, 31),
     None, ("First-pass yield", "Scrap rate"), ()),
    ("Trusted AI in operations", "AI/ML operations", "3-5 years", "Sam Okafor",
     date(2029, 6, 30), None, ("Model accuracy", "Mean time to restore?"), ()),
    ("OEE of 85 % on line 2", "process", "1-2 years", "Maria Keller", date(2027, 6, 30),
     "World-class on-time delivery", ("OEE", "Changeover time?"),
     ("Raise OEE on line 2", "Quick changeover on press line 2?")),
    ("Scrap under 1.5 %", "quality", "1-2 years", "Aisha Rahman", date(2027, 3, 31),
     "Zero-defect quality culture", ("Scrap rate",), ("Raise OEE on line 2?",)),
    ("Models retrained on schedule", "AI/ML operations", "1-2 years", "Sam Okafor",
     date(2027, 6, 30), "Trusted AI in operations", ("Model accuracy", "Incidents?"),
     ("Retraining pipeline for the defect classifier",)),
    ("Service levels met every month", "service", "1-2 years", "Priya Nair",
     date(2027, 12, 31), "World-class on-time delivery", ("SLA attainment", "Ticket backlog?"),
     ("Cut the service-desk backlog",)),
    ("First-contact resolution above 80 %", "service", "1-2 years", "Priya Nair",
     date(2027, 9, 30), "World-class on-time delivery", ("First-contact resolution",), ()),
)


def _id(conn: sqlite3.Connection, sql: str, name: str) -> int:
    row = conn.execute(sql, (name,)).fetchone()
    if row is None:
        raise LookupError(f"the demo has no {name!r}")
    return int(row[0])


def seed(conn: sqlite3.Connection, rng: Any, ctx: dict[str, Any]) -> None:
    del rng, ctx  # nothing random here
    from opsdesk.core.improve.goal_commands import AddGoal, LinkGoal
    from opsdesk.core.improve.strategy import Goal
    from opsdesk.core.workspace.commands import Transaction

    tx = Transaction(conn, "Create demo goals")
    ids: dict[str, int] = {}
    for title, pillar, horizon, owner, target, serves, kpis, projects in GOALS:
        goal = Goal(0, title, pillar, horizon, owner, target,
                    serves=None if serves is None else ids[serves])
        ids[title] = goal_id = AddGoal(goal, tx.command_title).apply(tx).result
        for name in kpis:
            kpi = _id(conn, "SELECT id FROM kpis WHERE name = ?", name.rstrip("?"))
            LinkGoal(goal_id, kpi_id=kpi, strength="weak" if name.endswith("?") else "strong",
                     title=tx.command_title).apply(tx)
        for name in projects:
            project = _id(conn, "SELECT id FROM projects WHERE name LIKE ? || '%'",
                          name.rstrip("?"))
            LinkGoal(goal_id, project_id=project,
                     strength="weak" if name.endswith("?") else "strong",
                     title=tx.command_title).apply(tx)
