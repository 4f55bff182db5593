"""The small forms of the Improvement page: a new project (name, methodology, leader,
due date, linked KPI), a new action (title, owner, due, priority, and the project it
serves) and a member for a charter's team (role and person). Each gives core's value to
add (``NewProject``, ``Action``, ``TeamMember``) or one sentence saying what is wrong;
the page adds it as one undoable command. Leader, owner and member pick from the people
directory (``OwnerBox``), stored as the directory spells them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.actions import PRIORITIES, Action, Source
from opsdesk.core.improve.methodology import METHODOLOGIES
from opsdesk.core.improve.people import Person
from opsdesk.core.improve.project import ROLES, TeamMember
from opsdesk.core.improve.project_commands import NewProject
from opsdesk.ui.improve.charter_text import day_of
from opsdesk.ui.improve.owner_box import OwnerBox
from opsdesk.ui.widgets.dialog_parts import error_label, ok_cancel

NO_KPI = "(none yet)"


class FormDialog(QDialog):
    """OK hands the value to ``submit``, which adds it and says whether that worked; the
    dialog closes only then, so a refused value can be put right."""

    def __init__(self, title: str, submit: Callable[[Any], bool],
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.form = QFormLayout()
        self.error = error_label()
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))

    def say(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()

    def value(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            value = self.value()
        except OpsdeskError as error:
            self.say(str(error))
            return
        if self.submit(value):
            super().accept()


class NewProjectDialog(FormDialog):
    def __init__(self, kpi_names: list[str], people: Sequence[Person],
                 submit: Callable[[NewProject], bool], parent: QWidget | None = None) -> None:
        super().__init__("New improvement project", submit, parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("what it is to improve, e.g. Cut lead time in picking")
        self.method = QComboBox()
        for m in METHODOLOGIES.values():
            self.method.addItem(m.name)
            self.method.setItemData(self.method.count() - 1, m.description,
                                    Qt.ItemDataRole.ToolTipRole)
        self.method.setCurrentText("DMAIC")
        self.leader = OwnerBox(people)
        self.due = QLineEdit()
        self.due.setPlaceholderText("YYYY-MM-DD (optional)")
        self.kpi = QComboBox()
        self.kpi.addItems([NO_KPI, *kpi_names])
        self.form.addRow("Name", self.name)
        self.form.addRow("Methodology", self.method)
        self.leader.add_to(self.form, "Leader")
        self.form.addRow("Due", self.due)
        self.form.addRow("Linked KPI", self.kpi)
        self.setMinimumWidth(460)

    def value(self) -> NewProject:
        """The project to add, or one sentence (OpsdeskError)."""
        if not self.name.text().strip():
            raise OpsdeskError("A project needs a name.")
        kpi = self.kpi.currentText()
        return NewProject(self.name.text(), self.method.currentText(), self.leader.owner(),
                          kpi="" if kpi == NO_KPI else kpi, started_on=date.today(),
                          due_on=day_of(self.due.text(), "The due date"))


class ActionDialog(FormDialog):
    def __init__(self, projects: list[tuple[int, str]], chosen: int | None,
                 people: Sequence[Person], submit: Callable[[Action], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__("New action", submit, parent)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("what is to be done")
        self.owner = OwnerBox(people)
        self.due = QLineEdit()
        self.due.setPlaceholderText("YYYY-MM-DD (optional)")
        self.priority = QComboBox()
        self.priority.addItems(list(PRIORITIES))
        self.priority.setCurrentText("medium")
        self.project = QComboBox()
        for project_id, name in projects:
            self.project.addItem(name, project_id)
        if chosen is not None:
            self.project.setCurrentIndex(max(0, self.project.findData(chosen)))
        self.form.addRow("Action", self.title_edit)
        self.owner.add_to(self.form, "Owner")
        for label, w in (("Due", self.due), ("Priority", self.priority),
                         ("Project", self.project)):
            self.form.addRow(label, w)
        self.setMinimumWidth(460)

    def value(self) -> Action:
        """The action to add (its id ignored), or one sentence (OpsdeskError)."""
        if not self.title_edit.text().strip():
            raise OpsdeskError("An action needs a title: what is to be done.")
        ref = self.project.currentData()
        if ref is None:
            raise OpsdeskError("Choose the project this action serves.")
        return Action(0, self.title_edit.text(), self.owner.owner(),
                      Source("project", int(ref), self.project.currentText()),
                      day_of(self.due.text(), "The due date"),
                      priority=self.priority.currentText())  # type: ignore[arg-type]


class TeamMemberDialog(FormDialog):
    def __init__(self, team: tuple[TeamMember, ...], people: Sequence[Person],
                 submit: Callable[[TeamMember], bool], parent: QWidget | None = None) -> None:
        super().__init__("Add team member", submit, parent)
        self.team = team
        self.role = QComboBox()
        self.role.addItems(list(ROLES))
        self.role.setCurrentText("member")
        self.person = OwnerBox(people)
        self.form.addRow("Role", self.role)
        self.person.add_to(self.form, "Person")
        self.setMinimumWidth(460)

    def value(self) -> TeamMember:
        """The member to add, or one sentence (OpsdeskError)."""
        name = self.person.owner()
        if not name:
            raise OpsdeskError("Choose the person to add, or type their name.")
        member = TeamMember(name, ROLES[self.role.currentIndex()])
        if member in self.team:
            raise OpsdeskError(f"{name} is already on the team as {member.role}.")
        return member
