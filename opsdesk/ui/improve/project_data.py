"""What the project detail reads, as a plain function of a connection (run by the page's
BackgroundRead in the pool): the project as lists show it, its actions, its linked KPI
and the before/after verdict core's ``before_after`` gives on that KPI's period values,
split at the implementation date, its root causes in tree order, and its benefits per
month with the KPI estimate beside them. Core holds every
query; this only gathers them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from opsdesk.core.charts import ChartSpec
from opsdesk.core.improve.actions import Action
from opsdesk.core.improve.before_after import BeforeAfter
from opsdesk.core.improve.benefit_store import ProjectBenefits
from opsdesk.core.improve.project_store import StoredProject
from opsdesk.core.improve.root_cause_store import StoredCause
from opsdesk.core.kpi.definitions import Kpi


@dataclass(frozen=True)
class ProjectData:
    as_of: date                   # the review date: what is overdue or late
    stored: StoredProject
    actions: list[Action]         # the project's, most urgent first
    kpi: Kpi | None               # the linked KPI
    verdict: BeforeAfter | None   # None: no KPI, or no implementation date yet
    chart: ChartSpec | None       # the staged chart, else the KPI's trend
    kpi_names: list[str]          # every KPI a project may link, in display order
    causes: list[StoredCause]     # its root causes, in tree order (``causes_of``)
    benefits: ProjectBenefits     # per month, with the KPI estimate


def project_data(conn: sqlite3.Connection, project_id: int) -> ProjectData | None:
    """The project ``project_id`` as of the review date, or None if it is gone."""
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.actions import sort_actions
    from opsdesk.core.improve.before_after import before_after
    from opsdesk.core.improve.benefit_store import project_benefits
    from opsdesk.core.improve.project_store import get_project
    from opsdesk.core.improve.root_cause_store import project_causes
    from opsdesk.core.kpi.aggregate import period_values
    from opsdesk.core.kpi.definitions import load_kpis
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.kpi.trend_spec import trend_spec

    as_of = review_date(conn)
    stored = get_project(conn, project_id, as_of)
    if stored is None:
        return None
    p = stored.project
    actions = sort_actions([a for a in list_actions(conn) if a.source.kind == "project"
                            and a.source.ref == p.id], as_of)
    every = load_kpis(conn, include_archived=False)
    kpi = next((k for k in load_kpis(conn, [p.kpis[0].kpi_id])), None) if p.kpis else None
    verdict, chart = None, None
    if kpi is not None:
        if p.implemented_on is not None:
            found = period_values(conn, [kpi], as_of).get(kpi.id)
            starts = [found.start(i) for i in range(len(found.keys))] if found else []
            values = [float(v) for v in found.values] if found else []
            verdict = before_after(kpi, starts, values, p.implemented_on)
            chart = verdict.chart
        if chart is None:
            chart = trend_spec(conn, kpi.id, as_of, kpi=kpi)
    return ProjectData(as_of, stored, actions, kpi, verdict, chart, [k.name for k in every],
                       project_causes(conn, p.id), project_benefits(conn, p, as_of))
