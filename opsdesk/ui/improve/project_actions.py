"""What the Improvement page does with a project's gestures: each edit of the charter, a
tick of the gate checklist, a move through the gate (back with a reason asked; from the
gate panel or a card on the portfolio board, by the same two methods), a new
project and a new action become one of core's undoable commands through ``ctx.execute``
(which refuses a read-only workspace in one sentence, as for every page); the root-cause
tree's gestures go through ``CauseActions``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opsdesk.core.improve.actions import Action
from opsdesk.core.improve.people import Person
from opsdesk.core.improve.project import TeamMember
from opsdesk.core.improve.project_commands import NewProject
from opsdesk.core.improve.root_cause_store import CauseOwner
from opsdesk.ui import ask
from opsdesk.ui.improve.benefits_panel import BenefitActions
from opsdesk.ui.improve.cause_actions import CauseActions
from opsdesk.ui.improve.owner_box import with_people
from opsdesk.ui.improve.project_dialogs import ActionDialog, NewProjectDialog, TeamMemberDialog

if TYPE_CHECKING:
    from opsdesk.ui.pages.improvement_page import ImprovementPage


class ProjectActions:
    def __init__(self, page: ImprovementPage) -> None:
        self.page = page
        self.dialog: NewProjectDialog | ActionDialog | TeamMemberDialog | None = None  # open
        detail = page.detail
        detail.charter.edit_requested.connect(self.edit)
        detail.kpi.edit_requested.connect(self.edit)
        detail.charter.invalid.connect(page.ctx.show_error)
        detail.charter.add_member_requested.connect(self.new_member)
        detail.kpi.invalid.connect(page.ctx.show_error)
        detail.gate.tick_requested.connect(self.tick)
        detail.gate.next_requested.connect(self.forward)
        detail.gate.back_requested.connect(self.back)
        detail.add_action_requested.connect(lambda: self.new_action(detail.project_id))
        self.causes = CauseActions(page.ctx, detail.causes, self._owner, page)
        self.benefits = BenefitActions(page.ctx, detail.benefits, self._project, page)
        page.portfolio.new_requested.connect(self.new_project)
        board = page.portfolio.board  # its drags and Ctrl+arrows: the gate panel's path
        board.forward_requested.connect(self.move_forward)
        board.back_requested.connect(self.move_back)
        board.refused.connect(page.ctx.show_error)
        page.action_list.add_requested.connect(
            lambda: self.new_action(page.portfolio.selected_id() or page.project_id))

    def _project(self) -> int | None:
        return self.page.detail.project_id

    def _owner(self) -> CauseOwner | None:
        project_id = self._project()
        return None if project_id is None else CauseOwner("project", project_id)

    def edit(self, changes: dict[str, Any], title: str) -> None:
        from opsdesk.core.improve.project_edits import EditProject

        project_id = self._project()
        if project_id is not None:
            self.page.ctx.execute(EditProject(project_id, changes, title))

    def tick(self, phase: str, item: str, ticked: bool) -> None:
        from opsdesk.core.improve.gate_commands import TickGateItem

        project_id = self._project()
        if project_id is not None:
            title = "Tick gate item" if ticked else "Untick gate item"
            if self.page.ctx.execute(TickGateItem(project_id, phase, item, ticked, title)) \
                    is None:
                self.page.read_project()  # refused: show the box as stored again

    def forward(self, phase: str) -> None:
        project_id = self._project()
        if project_id is not None:
            self.move_forward(project_id, phase)

    def back(self, phase: str) -> None:
        project_id, data = self._project(), self.page.detail.data
        if project_id is not None and data is not None:
            self.move_back(project_id, data.stored.project.phase, phase)

    def move_forward(self, project_id: int, phase: str) -> None:
        """Through the gate to ``phase`` (the gate panel's Next, a card dropped on the
        next column): core refuses an incomplete gate in one sentence."""
        from opsdesk.core.improve.gate_commands import MoveProject

        self.page.ctx.execute(MoveProject(project_id, phase, "", f"Move project to {phase}"))

    def move_back(self, project_id: int, here: str, phase: str) -> None:
        """Back from ``here`` to ``phase``, with the reason asked (the gate panel's Back,
        a card dropped on the column before)."""
        from opsdesk.core.improve.gate_commands import MoveProject

        reason = ask.text(self.page, "Move the project back",
                          f"Why does the project go back from {here} to {phase}? "
                          "(kept in its history and the audit trail)")
        if reason is None:
            return
        if not reason.strip():
            self.page.ctx.show_error(f"Moving the project back from {here} to {phase} needs "
                                     "a reason, for the record; nothing was changed.")
            return
        self.page.ctx.execute(MoveProject(project_id, phase, reason,
                                          f"Move project back to {phase}"))

    def new_project(self) -> None:
        detail = self.page.detail.data
        work = self.page.work
        names = detail.kpi_names if detail is not None else (work.kpi_names if work else [])

        def show(people: tuple[Person, ...]) -> None:
            self.dialog = NewProjectDialog(names, people, self._add_project, self.page)
            self.dialog.open()

        with_people(self.page.owner_read, show)  # the leader is picked from them

    def _add_project(self, new: NewProject) -> bool:
        from opsdesk.core.improve.project_commands import AddProject

        applied = self.page.ctx.execute(AddProject(new, "Add project"))
        if applied is None:
            return False
        self.page.open_project(applied.result)
        return True

    def new_action(self, project_id: int | None) -> None:
        work = self.page.work
        projects = [(s.project.id, s.project.name) for s in work.projects] if work else []
        if not projects:
            self.page.ctx.show_error("An action here serves a project: start one on the "
                                     "Portfolio tab first.")
            return

        def show(people: tuple[Person, ...]) -> None:
            self.dialog = ActionDialog(projects, project_id, people, self._add_action,
                                       self.page)
            self.dialog.open()

        with_people(self.page.owner_read, show)  # the owner is picked from them

    def new_member(self) -> None:
        charter = self.page.detail.charter

        def show(people: tuple[Person, ...]) -> None:
            self.dialog = TeamMemberDialog(charter.team, people, self._add_member, self.page)
            self.dialog.open()

        with_people(self.page.owner_read, show)  # the member is picked from them

    def _add_member(self, member: TeamMember) -> bool:
        from opsdesk.core.improve.project_edits import EditProject

        project_id = self._project()
        if project_id is None:
            return False
        team = (*self.page.detail.charter.team, member)
        return self.page.ctx.execute(
            EditProject(project_id, {"team": team}, "Add team member")) is not None

    def _add_action(self, action: Action) -> bool:
        from opsdesk.core.improve.action_commands import AddAction

        return self.page.ctx.execute(AddAction(action, "Add action")) is not None
