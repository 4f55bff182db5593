"""Actions in the workspace: their rows and the typed query that lists them.

An action's source is stored as its kind and a reference in the column of that kind:
a project (``project_id``), an incident review (``incident_id``), a kaizen burst on a
value stream (``map_node_id``) or an alert (``alert_id``). Its label is read from what it
refers to (the project's name, the incident's id and title, the burst's label, the
alert's message), so a renamed project shows under its new name.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from opsdesk.core.improve.actions import Action, Source

# source kind -> the column holding its reference
SOURCE_COLUMNS = {"project": "project_id", "incident review": "incident_id",
                  "kaizen burst": "map_node_id", "alert": "alert_id"}

_SELECT = """
SELECT a.id, a.title, a.owner, a.source_kind, a.due_on, a.status, a.priority, a.done_on,
       a.notes,
       CASE a.source_kind WHEN 'project' THEN a.project_id WHEN 'incident review'
            THEN a.incident_id WHEN 'kaizen burst' THEN a.map_node_id ELSE a.alert_id END,
       CASE a.source_kind
            WHEN 'project' THEN p.name
            WHEN 'incident review' THEN coalesce(i.key || ' ', '') || i.title
            WHEN 'kaizen burst' THEN n.label
            ELSE al.message END
FROM actions a
LEFT JOIN projects p ON p.id = a.project_id
LEFT JOIN incidents i ON i.id = a.incident_id
LEFT JOIN map_nodes n ON n.id = a.map_node_id
LEFT JOIN alerts al ON al.id = a.alert_id
"""


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def _action(r: tuple[Any, ...]) -> Action:
    return Action(r[0], r[1], r[2], Source(r[3], r[9], r[10] or ""), _day(r[4]), r[5], r[6],
                  _day(r[7]), r[8])


def list_actions(conn: sqlite3.Connection) -> list[Action]:
    """Every action of the workspace, in the order they were added (``actions.filter_actions``
    sorts and filters them as of the review date)."""
    # thousands of actions share a few hundred days and one source per project: each
    # parsed or built once (the values are immutable), as ``_action`` would build them
    days: dict[str | None, date | None] = {None: None}
    sources: dict[tuple[Any, Any, Any], Source] = {}
    out = []
    for r in conn.execute(_SELECT + " ORDER BY a.id"):
        due, done = r[4], r[7]
        if due not in days:
            days[due] = _day(due)
        if done not in days:
            days[done] = _day(done)
        key = (r[3], r[9], r[10])
        source = sources.get(key)
        if source is None:
            source = sources[key] = Source(r[3], r[9], r[10] or "")
        out.append(Action(r[0], r[1], r[2], source, days[due], r[5], r[6], days[done],
                          r[8]))
    return out


def get_action(conn: sqlite3.Connection, action_id: int) -> Action | None:
    row = conn.execute(_SELECT + " WHERE a.id = ?", (action_id,)).fetchone()
    return None if row is None else _action(row)


def action_values(action: Action) -> dict[str, Any]:
    """The columns of ``action`` (without id and stamps); the other source columns NULL."""
    out: dict[str, Any] = {
        "title": action.title.strip(), "owner": " ".join(action.owner.split()),
        "source_kind": action.source.kind, "status": action.status,
        "priority": action.priority,
        "due_on": None if action.due is None else action.due.isoformat(),
        "done_on": None if action.done_on is None else action.done_on.isoformat(),
        "notes": action.notes}
    for kind, column in SOURCE_COLUMNS.items():
        out[column] = action.source.ref if kind == action.source.kind else None
    return out
