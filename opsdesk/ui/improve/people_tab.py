"""The People tab: the people directory as one table (name, team, role, email, and each
person's workload as of the review date: open and overdue actions, the active projects
they lead or are on, the unresolved incidents they own), filtered to one team; New
person… opens a small form whose person the page adds as core's undoable ``AddPerson``
(the tab only asks, through ``add_requested``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.people import Directory, Person, Workload
from opsdesk.core.improve.people_commands import check_after
from opsdesk.core.improve.people_store import person_values
from opsdesk.ui.improve.people_data import PeopleData
from opsdesk.ui.improve.project_dialogs import FormDialog
from opsdesk.ui.improve.tables import hint, table
from opsdesk.ui.kpis.rows_model import RowsModel
from opsdesk.ui.kpis.status_look import background, foreground

COLUMNS = (("name", "Name"), ("team", "Team"), ("role", "Role"), ("email", "Email"),
           ("open", "Open actions"), ("overdue", "Overdue"), ("led", "Projects led"),
           ("in", "Projects in"), ("incidents", "Open incidents"))
ALL_TEAMS = "All teams"
NO_TEAM = "(no team)"
EMPTY_HINT = ("No one in the people directory yet. New person… adds someone with their "
              "team and role; every owner field (KPIs, projects, actions, goals, incidents) "
              "then picks a name from here, so each person's workload counts one person per "
              "name.")


def person_style(row: dict[str, Any], key: str, role: int) -> Any:
    if key == "overdue" and row.get("overdue"):
        if role == Qt.ItemDataRole.BackgroundRole:
            return background("red")
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground("red")
    return None


def person_row(p: Person, w: Workload | None) -> dict[str, Any]:
    return {"id": p.name, "name": p.name, "team": p.team, "role": p.role, "email": p.email,
            "open": w.open_actions if w else 0, "overdue": w.overdue_actions if w else 0,
            "led": w.projects_led if w else 0, "in": w.projects_in if w else 0,
            "incidents": w.open_incidents if w else 0}


class NewPersonDialog(FormDialog):
    """Name, team (one of the directory's), role and email; a name already in the
    directory, or an email that is not one, is said in the form, which stays open."""

    def __init__(self, known: Directory, submit: Callable[[Person], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__("New person", submit, parent)
        self.known = known
        self.name = QLineEdit()
        self.name.setPlaceholderText("as they sign, e.g. Maria Keller")
        self.team = QComboBox()
        self.team.addItems([NO_TEAM, *(t.name for t in known.teams)])
        self.role = QLineEdit()
        self.role.setPlaceholderText('e.g. "Line manager"')
        self.email = QLineEdit()
        for label, w in (("Name", self.name), ("Team", self.team), ("Role", self.role),
                         ("Email", self.email)):
            self.form.addRow(label, w)
        self.setMinimumWidth(420)

    def value(self) -> Person:
        team = "" if self.team.currentText() == NO_TEAM else self.team.currentText()
        person = Person(**person_values(Person(self.name.text(), team, self.role.text(),
                                               self.email.text())))
        # the directory as it would be, checked as the command will check it
        check_after(dict(enumerate((*self.known.people, person))),
                    dict(enumerate(self.known.teams)))
        return person


class PeopleTab(QWidget):
    add_requested = Signal(object)  # the Person to add: the page makes it a command

    def __init__(self) -> None:
        super().__init__()
        self.data: PeopleData | None = None
        self.read_only = False
        self.person_dialog: NewPersonDialog | None = None
        self.model = RowsModel(COLUMNS, style=person_style)
        self.view = table(self.model, 3, {0: 17, 2: 12, 3: 16})
        self.team_box = QComboBox()
        self.team_box.setToolTip("Only this team's members")
        self.team_box.addItem(ALL_TEAMS)
        self.new_button = QPushButton("New person…")
        self.summary = QLabel()
        self.summary.setObjectName("secondary")
        self.summary.setWordWrap(True)
        self.empty = hint(EMPTY_HINT)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Team"))
        bar.addWidget(self.team_box)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.team_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.new_button.clicked.connect(self.new_person)

    @property
    def team(self) -> str | None:
        text = self.team_box.currentText()
        return None if text in (ALL_TEAMS, "") else text

    def set_team(self, name: str | None) -> None:
        """Show only ``name``'s members (None: everyone)."""
        index = self.team_box.findText(ALL_TEAMS if name is None else name)
        if index >= 0:
            self.team_box.setCurrentIndex(index)

    def show_data(self, data: PeopleData, read_only: bool) -> None:
        self.data, self.read_only = data, read_only
        team = self.team
        self.team_box.blockSignals(True)
        self.team_box.clear()
        self.team_box.addItems([ALL_TEAMS, *(t.name for t in data.directory.teams)])
        self.team_box.blockSignals(False)
        self.set_team(team)
        self._fill()
        some = bool(data.directory.people)
        self.empty.setVisible(not some)
        self.view.setVisible(some)
        self.summary.setVisible(some)
        self.new_button.setEnabled(not read_only)

    def _fill(self) -> None:
        data = self.data
        if data is None:
            return
        loads = {w.name: w for w in data.workloads}
        team = self.team
        shown = data.directory.people if team is None else data.directory.members(team)
        self.model.set_rows([person_row(p, loads.get(p.name)) for p in shown])
        everyone, teams = len(data.directory.people), len(data.directory.teams)
        of = f" of {team}" if team else ""
        self.summary.setText(
            f"{len(shown)} shown{of}; {everyone} {'person' if everyone == 1 else 'people'} "
            f"in {teams} {'team' if teams == 1 else 'teams'}, overdue as of the review date "
            f"{data.as_of.isoformat()}")

    def new_person(self) -> None:
        """Open the New person form (window-modal, not blocking); OK asks for the person."""
        if self.read_only:
            return
        known = self.data.directory if self.data is not None else Directory()

        def submit(person: Person) -> bool:
            self.add_requested.emit(person)
            return True

        self.person_dialog = NewPersonDialog(known, submit, self)
        self.person_dialog.open()
