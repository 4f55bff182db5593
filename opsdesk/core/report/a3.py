"""The A3 report: one landscape page per project, the classic boxes filled from it.

A header (the project, its leader and sponsor, methodology and phase, the date it is
judged as of), then two columns: on the left the story up to the causes (background,
current condition, goal, analysis: the fishbone of the project's root causes and their
five whys), on the right what is done about them (countermeasures, the plan with owners
and due dates, the follow-up: the before/after verdict in words with the KPI's staged
chart, and the benefits). Each box has the size the page gives it: text that does not
fit is cut with an ellipsis (``box_fit``), a diagram is scaled to the room left.

Drawn in the review's fonts and styles with its chart drawer, and written through
``output_file`` (a temporary file renamed into place: a failed write leaves no half file).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from opsdesk.core import output_file
from opsdesk.core.improve.actions import Action
from opsdesk.core.improve.project_store import StoredProject
from opsdesk.core.improve.project_verdict import ProjectVerdict
from opsdesk.core.improve.root_cause_store import StoredCause
from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.scorecard import KpiStatus
from opsdesk.core.task_state import TaskState

PAPERS = ("a3", "a4")


@dataclass(frozen=True)
class A3Data:
    """Everything the page shows, read in one go."""

    stored: StoredProject
    as_of: date
    kpi: Kpi | None
    status: KpiStatus | None
    verdict: ProjectVerdict
    causes: tuple[StoredCause, ...]
    actions: tuple[Action, ...]
    currency: str = ""


def a3_data(conn: sqlite3.Connection, project: str, currency: str = "") -> A3Data:
    """The project whose id or name is ``project`` (one sentence if there is none)."""
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.actions import sort_actions
    from opsdesk.core.improve.project_store import find_project
    from opsdesk.core.improve.project_verdict import project_verdict
    from opsdesk.core.improve.root_cause_store import project_causes
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.kpi.scorecard import compute_statuses

    as_of = review_date(conn)
    stored = find_project(conn, project, as_of)
    p = stored.project
    kpi = status = None
    if p.kpis:
        found = compute_statuses(conn, as_of, [p.kpis[0].kpi_id], include_archived=True)
        if found:
            status = found[0]
            kpi = status.kpi
    actions = sort_actions([a for a in list_actions(conn) if a.source.kind == "project"
                            and a.source.ref == p.id], as_of)
    return A3Data(stored, as_of, kpi, status,
                  project_verdict(conn, p, as_of - timedelta(days=1)),
                  tuple(project_causes(conn, p.id)), tuple(actions), currency)


def export_a3(conn: sqlite3.Connection, project: str, out: str | Path, paper: str = "a3",
              *, currency: str = "", task: TaskState | None = None) -> Path:
    """Write the A3 of ``project`` to ``out``; nothing is written if it fails."""
    from opsdesk.core.errors import OpsdeskError

    if paper not in PAPERS:
        raise OpsdeskError(f"The A3 is printed on A3 or A4 paper, not {paper!r}.")
    target = output_file.check_target(Path(out), "A3")
    task = task or TaskState()
    task.progress(0.1, "Reading the project")
    data = a3_data(conn, project, currency)
    task.check()
    task.progress(0.5, "Drawing the A3")
    pdf = a3_bytes(data, paper)
    task.progress(1.0, "Writing the file")
    return output_file.write_bytes(target, pdf, "A3")


def a3_bytes(data: A3Data, paper: str = "a3") -> bytes:
    from reportlab.lib.pagesizes import A3, A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from opsdesk.core.report import fonts
    from opsdesk.core.report.a3_page import draw_page

    fonts.register()
    size = landscape(A3 if paper == "a3" else A4)
    target = BytesIO()
    p = data.stored.project
    canvas = Canvas(target, pagesize=size, invariant=1, pageCompression=1)
    canvas.setTitle(f"A3: {p.name}")
    canvas.setAuthor(p.charter.leader)
    canvas.setSubject(f"A3 report of project {p.id}, as of {data.as_of.isoformat()}")
    canvas.setCreator("opsdesk")
    draw_page(canvas, data, size, scale=1.0 if paper == "a3" else 0.72)
    canvas.showPage()
    canvas.save()
    return target.getvalue()

