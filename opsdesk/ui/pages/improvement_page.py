"""The Improvement page: the project portfolio, the one actions list of the workspace and
the incidents with their metrics per quarter, read from core in the background; an
action's status changed through core's undoable ``EditAction``. A project opens in a tab
of its own (``ProjectDetail``); its edits, ticks and gate moves, a new project and a new
action are each one undoable command (``improve.project_actions``)."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
)

from opsdesk.core.improve.goal_store import Strategy
from opsdesk.core.improve.people import Person
from opsdesk.core.improve.root_cause_store import CauseOwner, StoredCause
from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.improve.actions_tab import ActionsTab
from opsdesk.ui.improve.cause_actions import CauseActions
from opsdesk.ui.improve.improve_data import IncidentData, WorkData
from opsdesk.ui.improve.incidents_tab import IncidentsTab
from opsdesk.ui.improve.people_tab import PeopleTab
from opsdesk.ui.improve.portfolio_tab import PortfolioTab
from opsdesk.ui.improve.project_actions import ProjectActions
from opsdesk.ui.improve.project_data import ProjectData
from opsdesk.ui.improve.project_detail import ProjectDetail
from opsdesk.ui.improve.strategy_tab import StrategyTab
from opsdesk.ui.pages.base import Page

# projects and actions name what they come from (projects, incidents, bursts, alerts);
# the review date (settings) says what is overdue; the people's workloads are counted
# from the same read (the directory, and the actions and project teams)
WORK_WATCHED = (Changes.PROJECTS | Changes.ACTIONS | Changes.INCIDENTS | Changes.ALERTS
                | Changes.MAPS | Changes.KPIS | Changes.SETTINGS | Changes.PEOPLE)
INCIDENTS_WATCHED = Changes.INCIDENTS | Changes.KPIS  # the KPIs tracked from them
# the open project also shows its KPI's data and chart, and its root causes
PROJECT_WATCHED = WORK_WATCHED | Changes.KPI_DATA | Changes.CAUSES
# a goal's status is its KPIs'; the roadmap and X-matrix draw projects and their teams
STRATEGY_WATCHED = Changes.GOALS | Changes.KPI_DATA | Changes.PROJECTS | Changes.SETTINGS
# the chosen incident's root causes
CAUSES_WATCHED = Changes.CAUSES | Changes.INCIDENTS
PROJECT_TAB = 5


class ImprovementPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.work_read = BackgroundRead(ctx, self)
        self.incident_read = BackgroundRead(ctx, self)
        self.project_read = BackgroundRead(ctx, self)
        self.strategy_read = BackgroundRead(ctx, self)
        self.review_read = BackgroundRead(ctx, self)  # the review a dialog opens on
        self.owner_read = BackgroundRead(ctx, self)  # the people a new form's owner picks
        self.incident_causes_read = BackgroundRead(ctx, self)
        self.work: WorkData | None = None
        self.project_id: int | None = None  # the project open in its tab
        self._bring_forward = False          # show its tab once it is read
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
        self.strategy = StrategyTab()
        self.tabs.addTab(self.strategy, "Strategy")
        self.people = PeopleTab()
        self.tabs.addTab(self.people, "People")
        self.detail = ProjectDetail()
        self.tabs.addTab(self.detail, "Project")
        self.tabs.setTabVisible(PROJECT_TAB, False)
        self.edits = ProjectActions(self)
        self.goal_dialog: QDialog | None = None  # the goal form open, if any
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self.action_list.status_requested.connect(self.set_status)
        self.incidents.period_changed.connect(self._read_incidents)
        self.incidents.track_requested.connect(self.track)
        self.incidents.review_requested.connect(self.edit_review)
        self.incidents.incident_chosen.connect(lambda _id: self._read_incident_causes())
        self.incident_causes = CauseActions(ctx, self.incidents.causes,
                                            self._incident_owner, self)
        self.strategy.new_requested.connect(self.new_goal)
        self.strategy.link_requested.connect(self.link_goal)
        self.strategy.unlink_requested.connect(self.unlink_goal)
        self.people.add_requested.connect(self.add_person)
        self.portfolio.open_requested.connect(self.open_project)
        self.detail.back.connect(lambda: self.tabs.setCurrentWidget(self.portfolio))

    def refresh(self, changes: Changes | None) -> None:
        if self.ctx.workspace is None:
            return
        if changes is None or changes.touches(WORK_WATCHED):
            self._read_work()
        if changes is None or changes.touches(INCIDENTS_WATCHED):
            self._read_incidents()
        if changes is not None and changes.touches(CAUSES_WATCHED):
            self._read_incident_causes()  # a first read waits for the incident chosen
        if changes is None or changes.touches(STRATEGY_WATCHED):
            self._read_strategy()
        if self.project_id is not None and (changes is None
                                            or changes.touches(PROJECT_WATCHED)):
            self.read_project()

    @property
    def read_only(self) -> bool:
        ws = self.ctx.workspace
        return ws is None or ws.read_only

    def open_project(self, project_id: int) -> None:
        """Show the project in its tab (read in the background)."""
        self.project_id = project_id
        self._bring_forward = True
        self.read_project()

    def read_project(self) -> None:
        project_id = self.project_id
        if self.ctx.workspace is None or project_id is None:
            return

        def compute(conn: sqlite3.Connection) -> ProjectData | None:
            from opsdesk.ui.improve.project_data import project_data

            return project_data(conn, project_id)

        self.project_read.run(compute, self.show_project, "reading the project")

    def show_project(self, data: ProjectData | None) -> None:
        if data is None:  # deleted meanwhile (or undone): back to the portfolio
            if self.tabs.currentIndex() == PROJECT_TAB:
                self.tabs.setCurrentWidget(self.portfolio)
            self.tabs.setTabVisible(PROJECT_TAB, False)
            self.project_id = None
            return
        self.detail.show_data(data, self.read_only)
        name = data.stored.project.name
        self.tabs.setTabText(PROJECT_TAB, name if len(name) <= 28 else name[:27] + "…")
        self.tabs.setTabToolTip(PROJECT_TAB, name)
        self.tabs.setTabVisible(PROJECT_TAB, True)
        if self._bring_forward:
            self._bring_forward = False
            self.tabs.setCurrentIndex(PROJECT_TAB)

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

    def _incident_owner(self) -> CauseOwner | None:
        chosen = self.incidents.selected_id()
        return None if chosen is None else CauseOwner("incident", chosen)

    def _read_incident_causes(self) -> None:
        chosen = self.incidents.selected_id()
        if self.ctx.workspace is None or chosen is None:
            return

        def compute(conn: sqlite3.Connection) -> list[StoredCause]:
            from opsdesk.core.improve.root_cause_store import incident_causes

            return incident_causes(conn, chosen)

        self.incident_causes_read.run(
            compute, lambda causes: self.incidents.show_causes(chosen, causes, self.read_only),
            "reading the incident's root causes")

    def show_work(self, data: WorkData) -> None:
        self.work = data
        self.as_of_label.setText(f"Overdue as of {data.as_of.isoformat()}")
        self.portfolio.show_data(data)
        self.action_list.show_data(data, data.people.directory.people)  # "my actions"
        self.people.show_data(data.people, self.read_only)
        self.portfolio.new_button.setEnabled(not self.read_only)
        self.action_list.add_button.setEnabled(not self.read_only and bool(data.projects))
        overdue = data.action_rows.counts.overdue
        self.tabs.setTabText(1, f"Actions ({overdue} overdue)" if overdue else "Actions")

    def _read_strategy(self) -> None:
        def compute(conn: sqlite3.Connection) -> Strategy:
            from opsdesk.core.improve.goal_store import strategy

            return strategy(conn)

        self.strategy_read.run(compute, lambda s: self.strategy.show_data(s, self.read_only),
                               "reading the goals")

    def add_person(self, person: Person) -> None:
        from opsdesk.core.improve.people_commands import AddPerson

        self.ctx.execute(AddPerson(person))

    def new_goal(self) -> None:
        from opsdesk.core.improve.goal_commands import AddGoal
        from opsdesk.ui.improve.goal_dialogs import NewGoalDialog
        from opsdesk.ui.improve.owner_box import with_people

        data = self.strategy.data
        longer = [(g.id, g.title) for g in data.goals if g.long_term] if data else []

        def show(people: tuple[Person, ...]) -> None:
            self.goal_dialog = NewGoalDialog(
                longer, people, lambda goal: self.ctx.execute(AddGoal(goal)) is not None,
                self)
            self.goal_dialog.open()

        with_people(self.owner_read, show)  # the owner is picked from them

    def link_goal(self, goal_id: int) -> None:
        from opsdesk.core.improve.goal_commands import LinkGoal
        from opsdesk.ui.improve.goal_dialogs import LinkDialog, NewLink

        data = self.strategy.data
        goal = next((g for g in data.goals if g.id == goal_id), None) if data else None
        if data is None or goal is None:
            return

        def submit(link: NewLink) -> bool:
            command = LinkGoal(goal_id, link.kpi_id, link.project_id, link.strength)
            return self.ctx.execute(command) is not None

        self.goal_dialog = LinkDialog(goal.title, data.kpi_names, data.project_names, submit,
                                      self)
        self.goal_dialog.open()

    def unlink_goal(self, goal_id: int, kpi_id: int | None, project_id: int | None) -> None:
        from opsdesk.core.improve.goal_commands import UnlinkGoal

        self.ctx.execute(UnlinkGoal(goal_id, kpi_id, project_id))

    def track(self, metric: str) -> None:
        """Add a KPI computed from the incidents (one undoable step), named as core names
        it; the KPIs page, scorecard and charts then show it."""
        from opsdesk.core.improve.incident_kpis import Source
        from opsdesk.core.kpi.commands import AddKpi

        values = Source(metric).kpi_values()
        added = self.ctx.execute(AddKpi(values, title=f"Track {values['name']} as a KPI"))
        window = self.window()
        if added is not None and isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Added the KPI {values['name']!r}, computed from "
                                           "the incidents; it is on the KPIs page.", 8000)

    def edit_review(self, incident_id: int) -> None:
        """Open the incident's post-incident review, read first; OK saves it as one
        undoable step (core's ``SaveReview``)."""
        from opsdesk.core.improve.incident_review_store import ReviewForm, review_form

        def compute(conn: sqlite3.Connection) -> ReviewForm | None:
            return review_form(conn, incident_id)

        self.review_read.run(compute, self._open_review, "reading the review")

    def _open_review(self, form: object) -> None:
        from opsdesk.core.improve.incident_review_store import ReviewForm
        from opsdesk.core.improve.review_commands import SaveReview
        from opsdesk.ui.improve.owner_box import with_people
        from opsdesk.ui.improve.review_dialog import ReviewDialog

        if not isinstance(form, ReviewForm):
            return  # the incident was deleted meanwhile

        def submit(fields: dict[str, object], due: date | None) -> bool:
            return self.ctx.execute(SaveReview(form.incident_id, fields, due)) is not None

        def show(people: tuple[Person, ...]) -> None:
            self.review_dialog = ReviewDialog(form, people, submit, self)
            self.review_dialog.setEnabled(not self.read_only)
            self.review_dialog.open()

        with_people(self.owner_read, show)  # the owner and facilitator are picked from them

    def set_status(self, action_id: int, status: str) -> None:
        """Set an action's status, one undoable step; done gives it today as its day."""
        from opsdesk.core.improve.action_commands import EditAction

        done_on = date.today() if status == "done" else None
        title = "Mark action done" if status == "done" else f"Set action {status}"
        self.ctx.execute(EditAction(action_id, {"status": status, "done_on": done_on}, title))
