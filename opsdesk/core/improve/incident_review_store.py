"""Post-incident reviews in the workspace (``incident_reviews`` table): one per incident.

The table holds when the review was held and who facilitated it, its timeline (a JSON
list of ``{at, what}``), what went well, what went wrong, where the team was lucky, the
contributing factors, the lessons, and the feedback into the model's retraining schedule.
The review's summary and impact are the incident's own columns; its root causes are ``root_causes``
rows and its action items ``actions`` rows of the incident (``root_cause_store``,
``action_store``).

``review_form`` reads what the review's editor shows; ``open_retraining_action`` the open
"Retrain" action that the retraining feedback already has, if any (``review_commands``
adds no second one).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from opsdesk.core.improve.actions import Action


@dataclass(frozen=True)
class ReviewEntry:
    at: str    # as the review wrote it ("06:25", "08-11 13:40")
    what: str


@dataclass(frozen=True)
class IncidentReview:
    incident_id: int
    held_on: str | None
    facilitator: str
    timeline: tuple[ReviewEntry, ...]
    went_well: str
    went_wrong: str
    lessons: str
    contributing_factors: str = ""
    where_lucky: str = ""
    retraining: str = ""   # what the model's retraining schedule takes from it


def _entries(text: str | None) -> tuple[ReviewEntry, ...]:
    try:
        items = json.loads(text or "[]")
    except ValueError:  # another program's text: the review stands without its timeline
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(ReviewEntry(str(i.get("at", "")), str(i.get("what", i.get("text", ""))))
                 for i in items if isinstance(i, dict))


def get_review(conn: sqlite3.Connection, incident_id: int) -> IncidentReview | None:
    row = conn.execute("SELECT held_on, facilitator, timeline, went_well, went_wrong, lessons,"
                       " contributing_factors, where_lucky, retraining"
                       " FROM incident_reviews WHERE incident_id = ?",
                       (incident_id,)).fetchone()
    if row is None:
        return None
    return IncidentReview(incident_id, row[0], row[1], _entries(row[2]), *row[3:])


def incident_narrative(conn: sqlite3.Connection, incident_id: int) -> tuple[str, str]:
    """The incident's summary and impact, as written on it ('' where not)."""
    row = conn.execute("SELECT summary, impact FROM incidents WHERE id = ?",
                       (incident_id,)).fetchone()
    return ("", "") if row is None else (row[0] or "", row[1] or "")


RETRAIN_PREFIX = "Retrain"  # how the review's due retraining action is known


def open_retraining_action(conn: sqlite3.Connection, incident_id: int) -> Action | None:
    """The incident's open action whose title starts with "Retrain", if any: the due
    action its review's retraining feedback already has."""
    from opsdesk.core.improve.action_store import list_actions

    return next((a for a in list_actions(conn)
                 if a.source.kind == "incident review" and a.source.ref == incident_id
                 and a.is_open and a.title.startswith(RETRAIN_PREFIX)), None)


@dataclass(frozen=True)
class ReviewForm:
    """What the review's editor shows: the incident, its narrative and its review."""

    incident_id: int
    key: str
    title: str
    model: str
    summary: str
    impact: str
    review: IncidentReview | None
    retraining_action: Action | None  # open already: no second one is added
    owner: str = ""                   # the incident's owner


def review_form(conn: sqlite3.Connection, incident_id: int) -> ReviewForm | None:
    """None when the incident is gone."""
    row = conn.execute("SELECT coalesce(key, 'incident_' || id), title, model, summary,"
                       " impact, owner FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        return None
    return ReviewForm(incident_id, row[0], row[1], row[2] or "", row[3] or "", row[4] or "",
                      get_review(conn, incident_id), open_retraining_action(conn, incident_id),
                      row[5] or "")
