"""Improvement projects in the workspace: their rows and the typed queries that read them.

A project's row holds what every list shows (name, methodology, phase, status, the
leader as ``owner``, the sponsor, problem and goal, one linked KPI, dates, benefits); its
``data`` JSON holds the rest of the charter (scope in and out, business case, the team
beyond leader and sponsor, milestones), the implementation date and the gate items ticked
per phase:

    {"scope_in": [...], "scope_out": [...], "business_case": "",
     "team": [{"name": ..., "role": ...}], "milestones": [{"name", "due", "done_on"}],
     "implemented_on": "YYYY-MM-DD", "ticked": {"Define": ["charter", ...]},
     "baseline": 9.3, "target": 6.0}
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.project import Charter, LinkedKpi, Milestone, Project, TeamMember


@dataclass(frozen=True)
class StoredProject:
    project: Project
    kpi: str                      # the linked KPI's name ('' for none)
    expected_benefit: float | None
    realised_benefit: float | None
    actions_open: int
    actions_overdue: int          # as of the date the query was given


def _day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text[:10])


def project_from_row(row: dict[str, Any]) -> Project:
    data = json.loads(row.get("data") or "{}")
    # leader and sponsor from their columns (what lists show), the others from data
    team = [TeamMember(m["name"], m["role"]) for m in data.get("team", [])
            if m.get("role") not in ("leader", "sponsor")]
    if row["owner"]:
        team.insert(0, TeamMember(row["owner"], "leader"))
    if row["sponsor"]:
        team.insert(0, TeamMember(row["sponsor"], "sponsor"))
    charter = Charter(row["problem"], row["goal"], tuple(data.get("scope_in", [])),
                      tuple(data.get("scope_out", [])), data.get("business_case", ""),
                      tuple(team), tuple(Milestone(m["name"], date.fromisoformat(m["due"]),
                                                   _day(m.get("done_on")))
                                         for m in data.get("milestones", [])))
    kpis = () if row["kpi_id"] is None else (
        LinkedKpi(row["kpi_id"], data.get("baseline"), data.get("target")),)
    ticked = {phase: frozenset(ids) for phase, ids in data.get("ticked", {}).items()}
    return Project(row["id"], row["name"], row["methodology"], row["phase"], row["status"],
                   charter, kpis, _day(data.get("implemented_on")), _day(row["started_on"]),
                   _day(row["due_on"]), _day(row["closed_on"]), ticked)


_SELECT = """
SELECT p.*, coalesce(k.name, '') AS kpi,
       (SELECT count(*) FROM actions a WHERE a.project_id = p.id
         AND a.status IN ('open', 'in progress')) AS actions_open,
       (SELECT count(*) FROM actions a WHERE a.project_id = p.id
         AND a.status IN ('open', 'in progress') AND a.due_on < ?) AS actions_overdue
FROM projects p LEFT JOIN kpis k ON k.id = p.kpi_id
"""


def _stored(cursor: sqlite3.Cursor) -> list[StoredProject]:
    names = [d[0] for d in cursor.description]
    out = []
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        out.append(StoredProject(project_from_row(row), row["kpi"], row["expected_benefit"],
                                 row["realised_benefit"], row["actions_open"],
                                 row["actions_overdue"]))
    return out


def list_projects(conn: sqlite3.Connection, as_of: date) -> list[StoredProject]:
    """Every project: the ones under way first, then by due date and id."""
    return _stored(conn.execute(
        _SELECT + " ORDER BY p.status IN ('done', 'cancelled'), p.due_on IS NULL, p.due_on,"
        " p.id", (as_of.isoformat(),)))


def find_project(conn: sqlite3.Connection, text: str, as_of: date) -> StoredProject:
    """The project whose id or name (case forgiven) is ``text``, or one sentence."""
    found = []
    if text.strip().isdigit():
        found = _stored(conn.execute(_SELECT + " WHERE p.id = ?",
                                     (as_of.isoformat(), int(text))))
    if not found:
        found = _stored(conn.execute(_SELECT + " WHERE p.name = ? COLLATE NOCASE ORDER BY p.id",
                                     (as_of.isoformat(), text.strip())))
    if not found:
        raise OpsdeskError(f"There is no project {text!r}; opsdesk project list shows them.")
    if len(found) > 1:
        raise OpsdeskError(f"{len(found)} projects are called {text!r}; give its id "
                           f"({', '.join(str(p.project.id) for p in found)}).")
    return found[0]


def name_taken(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM projects WHERE name = ? COLLATE NOCASE",
                        (name.strip(),)).fetchone() is not None


def kpi_id_named(conn: sqlite3.Connection, name: str) -> int | None:
    row = conn.execute("SELECT id FROM kpis WHERE name = ? COLLATE NOCASE",
                       (name.strip(),)).fetchone()
    return None if row is None else int(row[0])


def project_names(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, name) of every project, by name: what a link to a project chooses among."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT id, name FROM projects ORDER BY name COLLATE NOCASE, id")]
