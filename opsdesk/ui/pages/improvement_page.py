"""The Improvement page: the project portfolio, the one actions list of the workspace and
the incidents with their metrics per quarter, read from core in the background; an
action's status changed through core's undoable ``EditAction``."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout

from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.improve.actions_tab import ActionsTab
from opsdesk.ui.improve.improve_data import IncidentData, WorkData
from opsdesk.ui.improve.incidents_tab import IncidentsTab
from opsdesk.ui.improve.portfolio_tab import PortfolioTab
from opsdesk.ui.pages.base import Page

# projects and actions name what they come from (projects, incidents, bursts, alerts);
# the review date (settings) says what is overdue
WORK_WATCHED = (Changes.PROJECTS | Changes.ACTIONS | Changes.INCIDENTS | Changes.ALERTS
                | Changes.MAPS | Changes.KPIS | Changes.SETTINGS)
INCIDENTS_WATCHED = Changes.INCIDENTS


class ImprovementPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.work_read = BackgroundRead(ctx, self)
        self.incident_read = BackgroundRead(ctx, self)
        self.work: WorkData | None = None
        title = QLabel("Improvement")
        title.setObjectName("pageTitle")
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("secondary")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.as_of_label)
        self.portfolio = PortfolioTab()
        self.action_list = ActionsTab()
        self.incidents = IncidentsTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.portfolio, "Portfolio")
        self.tabs.addTab(self.action_list, "Actions")
        self.tabs.addTab(self.incidents, "Incidents")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self.action_list.status_requested.connect(self.set_status)
        self.incidents.period_changed.connect(self._read_incidents)

    def refresh(self, changes: Changes | None) -> None:
        if self.ctx.workspace is None:
            return
        if changes is None or changes.touches(WORK_WATCHED):
            self._read_work()
        if changes is None or changes.touches(INCIDENTS_WATCHED):
            self._read_incidents()

    def _read_work(self) -> None:
        def compute(conn: sqlite3.Connection) -> WorkData:
            from opsdesk.ui.improve.improve_data import work_data

            return work_data(conn)

        self.work_read.run(compute, self.show_work, "reading the projects and actions")

    def _read_incidents(self) -> None:
        if self.ctx.workspace is None:
            return
        quarter, downtime = self.incidents.quarter, self.incidents.downtime

        def compute(conn: sqlite3.Connection) -> IncidentData:
            from opsdesk.ui.improve.improve_data import incident_data

            return incident_data(conn, quarter, downtime)

        self.incident_read.run(compute, self.incidents.show_data,
                               "reading the incidents and their metrics")

    def show_work(self, data: WorkData) -> None:
        self.work = data
        self.as_of_label.setText(f"Overdue as of {data.as_of.isoformat()}")
        self.portfolio.show_data(data)
        self.action_list.show_data(data)
        overdue = sum(a.overdue(data.as_of) for a in data.actions)
        self.tabs.setTabText(1, f"Actions ({overdue} overdue)" if overdue else "Actions")

    def set_status(self, action_id: int, status: str) -> None:
        """Set an action's status, one undoable step; done gives it today as its day."""
        from opsdesk.core.improve.action_commands import EditAction

        done_on = date.today() if status == "done" else None
        title = "Mark action done" if status == "done" else f"Set action {status}"
        self.ctx.execute(EditAction(action_id, {"status": status, "done_on": done_on}, title))
