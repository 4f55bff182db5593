"""What the Improvement page reads, as plain functions of a connection (run by its
BackgroundRead in the pool): the projects and actions as of the review date (with the
Actions tab's rows, the Portfolio's and the People tab's workloads made from them), and the
incidents of a chosen quarter with that quarter's metrics. Core holds every query; this
only gathers them and works out the quarters the incidents fall in."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime

from opsdesk.core.improve.actions import Action
from opsdesk.core.improve.incident_kpis import Source
from opsdesk.core.improve.incident_metrics import IncidentMetrics
from opsdesk.core.improve.incident_store import StoredIncident
from opsdesk.core.improve.project_store import StoredProject
from opsdesk.ui.improve.action_rows import ActionRows
from opsdesk.ui.improve.people_data import PeopleData
from opsdesk.ui.improve.portfolio_rows import PortfolioRows


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"

    @property
    def start(self) -> datetime:
        """Midnight UTC (naive, as the workspace stores times) of its first day."""
        return datetime(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime:
        """The first moment after the quarter (the period's end is exclusive)."""
        if self.number == 4:
            return datetime(self.year + 1, 1, 1)
        return datetime(self.year, 3 * self.number + 1, 1)


def quarter_of(moment: datetime | date) -> Quarter:
    return Quarter(moment.year, (moment.month - 1) // 3 + 1)


@dataclass(frozen=True)
class WorkData:
    as_of: date                  # the review date: what is overdue is judged on it
    projects: list[StoredProject]
    actions: list[Action]
    portfolio: PortfolioRows     # the Portfolio tab's rows, in its order
    action_rows: ActionRows      # the Actions tab's rows, most urgent first
    people: PeopleData           # the directory and each person's workload
    kpi_names: list[str] = field(default_factory=list)  # the KPIs a new project may link


def work_data(conn: sqlite3.Connection) -> WorkData:
    """The projects and every action, as of the workspace's review date, the Actions tab's
    rows made from them and each person's workload counted from them (read once, here in
    the pool, not again nor on the GUI thread), and the names of the KPIs in use."""
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.project_store import list_projects
    from opsdesk.core.kpi.definitions import load_kpis
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.ui.improve.action_rows import action_rows
    from opsdesk.ui.improve.people_data import people_data
    from opsdesk.ui.improve.portfolio_rows import portfolio_rows

    as_of = review_date(conn)
    projects, actions = list_projects(conn, as_of), list_actions(conn)
    people = people_data(conn, as_of, actions, [s.project for s in projects])
    return WorkData(as_of, projects, actions, portfolio_rows(projects),
                    action_rows(actions, as_of), people,
                    [k.name for k in load_kpis(conn, include_archived=False)])


@dataclass(frozen=True)
class IncidentData:
    quarters: list[Quarter]      # the quarters incidents started in, latest first
    quarter: Quarter | None      # the one shown (None: no incidents)
    incidents: list[StoredIncident]   # those that started in it
    metrics: IncidentMetrics | None
    tracked: dict[Source, str] = field(default_factory=dict)  # KPIs computed from them


def incident_data(conn: sqlite3.Connection, wanted: Quarter | None,
                  downtime: str = "outage") -> IncidentData:
    """The incidents of ``wanted`` (else of the latest quarter with incidents) and that
    quarter's metrics, computed by core's ``incident_metrics``."""
    from opsdesk.core.improve.incident_kpis import tracked
    from opsdesk.core.improve.incident_metrics import incident_metrics
    from opsdesk.core.improve.incident_store import list_incidents, metric_columns

    every = list_incidents(conn)
    quarters = sorted({quarter_of(s.incident.started) for s in every},
                      key=lambda q: (q.year, q.number), reverse=True)
    if not quarters:
        return IncidentData([], None, [], None, tracked(conn))
    quarter = wanted if wanted in quarters else quarters[0]
    shown = [s for s in every if quarter.start <= s.incident.started < quarter.end]
    incidents, deployments = metric_columns(conn, quarter.start, quarter.end)
    metrics = incident_metrics(incidents, deployments, quarter.start, quarter.end,
                               "degraded" if downtime == "degraded" else "outage")
    return IncidentData(quarters, quarter, shown, metrics, tracked(conn))
