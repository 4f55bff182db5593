"""Improvement projects in the workspace: their rows and the typed queries that read them.

A project's row holds what every list shows (name, methodology, phase, status, the
leader as ``owner``, the sponsor, problem and goal, one linked KPI, dates); its
``data`` JSON holds the rest of the charter (scope in and out, business case, the team
beyond leader and sponsor, milestones), the implementation date and the gate items ticked
per phase:

    {"scope_in": [...], "scope_out": [...], "business_case": "",
     "team": [{"name": ..., "role": ...}], "milestones": [{"name", "due", "done_on"}],
     "implemented_on": "YYYY-MM-DD", "ticked": {"Define": ["charter", ...]},
     "baseline": 9.3, "target": 6.0, "value_per_unit": 4000.0, "benefit_kind": "hard",
     "history": [Transition.audit(), ...]}

Its benefits are rows of their own, per month (``benefit_store``); the expected and
realised figures every list shows are their sums, read here in one grouped pass.

``project_columns`` is the exact inverse of ``project_from_row``: the columns and data
of a project, keeping the keys of ``data`` it does not know.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.phase_moves import Transition
from opsdesk.core.improve.project import Charter, LinkedKpi, Milestone, Project, TeamMember


@dataclass(frozen=True)
class StoredProject:
    project: Project
    kpi: str                      # the linked KPI's name ('' for none)
    expected_benefit: float | None   # its monthly benefits summed, hard and soft
    realised_benefit: float | None   # (None: no month has a figure)
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
        LinkedKpi(row["kpi_id"], data.get("baseline"), data.get("target"),
                  data.get("value_per_unit"), data.get("benefit_kind") or "hard"),)
    ticked = {phase: frozenset(ids) for phase, ids in data.get("ticked", {}).items()}
    history = tuple(Transition(h["methodology"], h["from"], h["to"], h["direction"],
                               datetime.fromisoformat(h["at"]), h["by"], h.get("reason", ""),
                               tuple(h.get("gate", ())))
                    for h in data.get("history", []))
    return Project(row["id"], row["name"], row["methodology"], row["phase"], row["status"],
                   charter, kpis, _day(data.get("implemented_on")), _day(row["started_on"]),
                   _day(row["due_on"]), _day(row["closed_on"]), ticked, history)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def project_columns(p: Project, data_text: str) -> dict[str, Any]:
    """The columns of ``p`` (name to kpi_id and data; not the stamps), its
    ``data`` JSON merged into ``data_text`` (the row's), so keys kept there by others
    survive."""
    data = json.loads(data_text or "{}")
    c = p.charter
    data.update({
        "scope_in": list(c.scope_in), "scope_out": list(c.scope_out),
        "business_case": c.business_case,
        "team": [{"name": m.name, "role": m.role} for m in c.team
                 if m.role not in ("leader", "sponsor")],
        "milestones": [{"name": m.name, "due": m.due.isoformat(), "done_on": _iso(m.done_on)}
                       for m in c.milestones],
        "implemented_on": _iso(p.implemented_on),
        "ticked": {phase: sorted(ids) for phase, ids in p.ticked.items() if ids},
        "history": [t.audit() for t in p.history]})
    link = p.kpis[0] if p.kpis else None
    data["baseline"] = None if link is None else link.baseline
    data["target"] = None if link is None else link.target
    data["value_per_unit"] = None if link is None else link.value_per_unit
    data["benefit_kind"] = "hard" if link is None else link.benefit_kind
    return {"name": p.name, "methodology": p.methodology, "phase": p.phase,
            "status": p.status, "owner": c.leader,
            "sponsor": (c.people("sponsor") or ("",))[0], "problem": c.problem,
            "goal": c.goal, "kpi_id": None if link is None else link.kpi_id,
            "started_on": _iso(p.started_on), "due_on": _iso(p.due_on),
            "closed_on": _iso(p.closed_on), "data": json.dumps(data, sort_keys=True)}


def project_row(conn: sqlite3.Connection, project_id: int) -> dict[str, Any] | None:
    """The project's row as stored (its columns by name), or None."""
    cursor = conn.execute("SELECT * FROM projects WHERE id = ?", (project_id,))
    names = [d[0] for d in cursor.description]
    values = cursor.fetchone()
    return None if values is None else dict(zip(names, values, strict=True))


_SELECT = """
SELECT p.*, coalesce(k.name, '') AS kpi, coalesce(c.open, 0) AS actions_open,
       coalesce(c.overdue, 0) AS actions_overdue, b.expected AS expected_benefit,
       b.realised AS realised_benefit
FROM projects p LEFT JOIN kpis k ON k.id = p.kpi_id
LEFT JOIN (SELECT project_id, count(*) AS open, sum(due_on < ?) AS overdue FROM actions
           WHERE status IN ('open', 'in progress') AND project_id IS NOT NULL
           GROUP BY project_id) c ON c.project_id = p.id
LEFT JOIN (SELECT project_id, sum(expected) AS expected, sum(realised) AS realised
           FROM project_benefits GROUP BY project_id) b ON b.project_id = p.id
"""  # one pass over actions and benefits: a subquery per project was quadratic (4 s on
#      1,000 x 20,000)


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


def get_project(conn: sqlite3.Connection, project_id: int, as_of: date) -> StoredProject | None:
    """The project with that id as lists show it (actions overdue as of ``as_of``), or None."""
    found = _stored(conn.execute(_SELECT + " WHERE p.id = ?", (as_of.isoformat(), project_id)))
    return found[0] if found else None


def name_taken(conn: sqlite3.Connection, name: str, besides: int | None = None) -> bool:
    """Whether another project (not ``besides``) is called ``name``, case forgiven."""
    return conn.execute("SELECT 1 FROM projects WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
                        (name.strip(), besides)).fetchone() is not None


def kpi_id_named(conn: sqlite3.Connection, name: str) -> int | None:
    row = conn.execute("SELECT id FROM kpis WHERE name = ? COLLATE NOCASE",
                       (name.strip(),)).fetchone()
    return None if row is None else int(row[0])


def project_names(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, name) of every project, by name: what a link to a project chooses among."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT id, name FROM projects ORDER BY name COLLATE NOCASE, id")]
