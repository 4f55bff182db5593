"""Goals as the workspace stores them (``goals``, ``goal_links``), read as ``strategy.Goal``,
and the strategy view every screen, the CLI and the PDF share: each goal with its status
from its KPIs' as of the review date, the roadmap and the X-matrix."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from opsdesk.core.improve.roadmap import Roadmap, roadmap
from opsdesk.core.improve.strategy import Goal, GoalStatus, Link, goal_status
from opsdesk.core.improve.x_matrix import XMatrix, x_matrix

GOAL_COLUMNS = ("title", "pillar", "horizon", "owner", "target_date", "description", "serves")


def goal_values(goal: Goal) -> dict[str, Any]:
    """The ``goals`` row of a goal (its links are rows of ``goal_links``)."""
    return {"title": goal.title.strip(), "pillar": goal.pillar, "horizon": goal.horizon,
            "owner": goal.owner.strip(), "target_date": goal.target_date.isoformat(),
            "description": goal.description, "serves": goal.serves}


def list_goals(conn: sqlite3.Connection) -> list[Goal]:
    """Every goal with its links, longest horizon first, then by target date."""
    links: dict[int, tuple[list[Link], list[Link]]] = {}
    for goal_id, kpi_id, project_id, strength in conn.execute(
            "SELECT goal_id, kpi_id, project_id, strength FROM goal_links ORDER BY id"):
        kpis, projects = links.setdefault(goal_id, ([], []))
        if kpi_id is not None:
            kpis.append(Link(int(kpi_id), strength))
        else:
            projects.append(Link(int(project_id), strength))
    goals = []
    for row in conn.execute(
            "SELECT id, title, pillar, horizon, owner, target_date, description, serves"
            " FROM goals ORDER BY CASE horizon WHEN '5+ years' THEN 0 WHEN '3-5 years' THEN 1"
            " ELSE 2 END, target_date, id"):
        kpis, projects = links.get(row[0], ([], []))
        goals.append(Goal(row[0], row[1], row[2], row[3], row[4], date.fromisoformat(row[5]),
                          row[6], tuple(kpis), tuple(projects), row[7]))
    return goals


def goal_link_id(conn: sqlite3.Connection, goal_id: int, kpi_id: int | None,
                 project_id: int | None) -> int | None:
    row = conn.execute("SELECT id FROM goal_links WHERE goal_id = ? AND kpi_id IS ?"
                       " AND project_id IS ?", (goal_id, kpi_id, project_id)).fetchone()
    return None if row is None else int(row[0])


@dataclass(frozen=True)
class Strategy:
    """The goals as of the review date, and what is drawn from them."""

    as_of: date
    goals: list[Goal]
    status: dict[int, GoalStatus]   # by goal id
    kpi_names: dict[int, str]
    project_names: dict[int, str]
    roadmap: Roadmap
    matrix: XMatrix


def strategy(conn: sqlite3.Connection, as_of: date | None = None) -> Strategy:
    """Goals with their status (from their KPIs' statuses), the roadmap and the X-matrix."""
    from opsdesk.core.improve.project_store import list_projects
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.kpi.scorecard import compute_statuses

    as_of = as_of or review_date(conn)
    goals = list_goals(conn)
    measured = sorted({link.ref for g in goals for link in g.kpis})
    kpi_status = ({s.kpi.id: str(s.status) for s in compute_statuses(conn, as_of, measured)}
                  if measured else {})
    status = {g.id: goal_status(g, kpi_status, as_of) for g in goals}
    projects = [s.project for s in list_projects(conn, as_of)]
    kpi_names = {int(i): str(n) for i, n in conn.execute("SELECT id, name FROM kpis")}
    return Strategy(as_of, goals, status, kpi_names, {p.id: p.name for p in projects},
                    roadmap(goals, projects, dict(status), min_gap_days=30),
                    x_matrix(goals, projects, kpi_names))


def find_goal(conn: sqlite3.Connection, text: str) -> Goal:
    """The goal whose id or title (case and spacing forgiven) is ``text``."""
    from opsdesk.core.errors import OpsdeskError

    goals = list_goals(conn)
    wanted = " ".join(text.split()).casefold()
    found = next((g for g in goals if str(g.id) == wanted
                  or " ".join(g.title.split()).casefold() == wanted), None)
    if found is None:
        raise OpsdeskError(f"There is no goal {text!r}; opsdesk goal list names them.")
    return found
