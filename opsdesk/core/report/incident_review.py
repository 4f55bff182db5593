"""The post-incident review as a PDF on its own, blameless: what happened to the system.

The incident's facts (category, severity, service, owner, model and version, impact,
detection) and its six times with the durations derived from them (each with the
definition the incident metrics use), the summary and impact, the timeline (the
incident's own entries and the review's), the root causes with their five whys, what went
well and what went wrong, the lessons, and the action items with their status and notes.
A review the workspace does not hold yet leaves its parts out and says so; the incident's
own facts print all the same.

Laid out by the review's document frame (running header, "Page N of M", bookmarks),
written through ``output_file`` (atomic).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from opsdesk.core import output_file
from opsdesk.core.improve.actions import Action
from opsdesk.core.improve.incident_review_store import IncidentReview
from opsdesk.core.improve.incident_store import StoredIncident
from opsdesk.core.improve.root_cause_store import StoredCause
from opsdesk.core.task_state import TaskState

BLAMELESS = ("Blameless review: it asks how the system and the process let this happen, "
             "never who is to blame.")


@dataclass(frozen=True)
class ReviewData:
    stored: StoredIncident
    summary: str
    impact: str
    review: IncidentReview | None
    causes: tuple[StoredCause, ...]
    actions: tuple[Action, ...]
    as_of: date


def review_data(conn: sqlite3.Connection, incident: str) -> ReviewData:
    """The incident whose id (its key) or row number is ``incident``, or one sentence."""
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.actions import sort_actions
    from opsdesk.core.improve.incident_review_store import get_review, incident_narrative
    from opsdesk.core.improve.incident_store import find_incident
    from opsdesk.core.improve.root_cause_store import incident_causes
    from opsdesk.core.kpi.review_date import review_date

    stored = find_incident(conn, incident)
    summary, impact = incident_narrative(conn, stored.id)
    as_of = review_date(conn)
    actions = sort_actions([a for a in list_actions(conn) if a.source.kind ==
                            "incident review" and a.source.ref == stored.id], as_of)
    return ReviewData(stored, summary, impact, get_review(conn, stored.id),
                      tuple(incident_causes(conn, stored.id)), tuple(actions), as_of)


def export_incident_review(conn: sqlite3.Connection, incident: str, out: str | Path, *,
                           reproducible: bool = True, task: TaskState | None = None
                           ) -> tuple[Path, int]:
    """Write the review of ``incident`` to ``out``: the path written and its pages."""
    target = output_file.check_target(Path(out), "review")
    task = task or TaskState()
    task.progress(0.1, "Reading the incident")
    data = review_data(conn, incident)
    task.check()
    pdf, pages = review_bytes(data, reproducible, task)
    task.progress(1.0, "Writing the file")
    return output_file.write_bytes(target, pdf, "review"), pages


def review_bytes(data: ReviewData, reproducible: bool = True,
                 task: TaskState | None = None) -> tuple[bytes, int]:
    from opsdesk.core.report import fonts
    from opsdesk.core.report.doc import DocInfo, ReviewDoc
    from opsdesk.core.report.incident_review_story import story

    fonts.register()
    i = data.stored.incident
    target = BytesIO()
    info = DocInfo(title=f"Post-incident review · {i.key}", client=i.service,
                   author=data.review.facilitator if data.review else "",
                   subject=f"Blameless post-incident review of {i.key}: {i.title}",
                   confidentiality=BLAMELESS)
    doc = ReviewDoc(target, info, invariant=reproducible, task=task)
    doc._firstPageTemplateIndex = 1  # portrait: the review has no cover
    width = doc.pagesize[0] - doc.leftMargin - doc.rightMargin
    doc.build_once(story(data, width), [])
    return target.getvalue(), doc.page


def minutes_text(value: float) -> str:
    """A duration as people say it: 45 min, 2 h 12 min, 3 d 4 h."""
    total = round(value)
    if total < 60:
        return f"{total} min"
    hours, mins = divmod(total, 60)
    if hours < 24:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def durations(data: ReviewData) -> list[tuple[str, str, str]]:
    """(name, value, definition) for each duration the incident metrics define."""
    from opsdesk.core.improve.incident_metrics import DURATIONS

    names = {"mttd": "Time to detect (MTTD)", "mtta": "Time to acknowledge (MTTA)",
             "restore": "Time to restore", "respond": "Time to respond",
             "resolve": "Time to resolve"}
    i = data.stored.incident
    out = []
    for key, (a, b, definition) in DURATIONS.items():
        start, stop = i.time(a), i.time(b)
        if start is None or stop is None:
            shown = f"– (no {a if start is None else b} time)"
        elif stop < start:
            shown = f"– ({b} before {a})"
        else:
            shown = minutes_text((stop - start).total_seconds() / 60)
        out.append((names[key], shown, definition.split(": ", 1)[-1].split(" (")[0]))
    return out


def moment_text(moment: datetime | None) -> str:
    return "–" if moment is None else f"{moment:%Y-%m-%d %H:%M} UTC"


