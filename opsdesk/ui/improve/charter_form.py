"""The project's charter as a form: name, status, dates, problem, goal, scope in and
out, business case, team with roles, milestones, and the benefits' totals (booked per
month in the Benefits tab, ``benefits_panel``). Each field hands its
value over once edited; the form turns it into the change of one field (``edit_requested``
with core's field name), which the page makes one undoable ``EditProject``. A value that
cannot be read is said in one sentence (``invalid``), and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.project import STATUSES, Project, TeamMember, charter_sentence
from opsdesk.core.improve.project_store import StoredProject
from opsdesk.ui.improve.charter_text import (
    day_of,
    lines_of,
    milestones_of,
    milestones_text,
    team_of,
    team_text,
)
from opsdesk.ui.improve.commit_fields import CommitLine, CommitText

LABELS = {"name": "Name", "problem": "Problem", "goal": "Goal", "scope_in": "In scope",
          "scope_out": "Out of scope", "business_case": "Business case", "team": "Team",
          "milestones": "Milestones", "started_on": "Starts", "due_on": "Due"}


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


class CharterForm(QGroupBox):
    # (changes of one field, the undo title): the page makes it EditProject
    edit_requested = Signal(dict, str)
    invalid = Signal(str)
    add_member_requested = Signal()  # "Add team member…": picked from the people directory

    def __init__(self) -> None:
        super().__init__("Charter")
        self.fields: dict[str, CommitLine | CommitText] = {}
        self.team: tuple[TeamMember, ...] = ()  # as stored, for the member added next
        self.add_member_button = QPushButton("Add team member…")
        self.add_member_button.setSizePolicy(QSizePolicy.Policy.Maximum,  # its text's width
                                             QSizePolicy.Policy.Fixed)
        self.add_member_button.clicked.connect(self.add_member_requested.emit)
        self.status_box = QComboBox()
        self.status_box.addItems(list(STATUSES))
        self.missing = QLabel()
        self.missing.setObjectName("warning")
        self.missing.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer = QVBoxLayout(self)
        outer.addWidget(self.missing)
        outer.addLayout(form)
        outer.addStretch(1)  # the column beside may be taller: the space goes below
        parse: dict[str, Callable[[str], Any]] = {
            "name": str, "problem": str, "goal": str, "business_case": str,
            "scope_in": lines_of, "scope_out": lines_of, "team": team_of,
            "milestones": milestones_of,
            "started_on": lambda t: day_of(t, "The start"),
            "due_on": lambda t: day_of(t, "The due date")}
        tall = {"problem": 2, "goal": 2, "business_case": 2, "scope_in": 2, "scope_out": 2,
                "team": 3, "milestones": 3}
        hints = {"team": "one a line: sponsor: Name, champion:, leader:, member:",
                 "milestones": "one a line: 2026-03-31 Baseline measured (done 2026-03-28)",
                 "scope_in": "one item a line", "scope_out": "one item a line",
                 "business_case": "why it matters: cost, customers, risk",
                 "problem": "what is wrong, with data: where, since when, how much",
                 "goal": "how much better, by when",
                 "started_on": "YYYY-MM-DD", "due_on": "YYYY-MM-DD"}
        for key, label in LABELS.items():
            field: CommitLine | CommitText = (CommitText(tall[key]) if key in tall
                                              else CommitLine())
            field.setPlaceholderText(hints.get(key, ""))
            field.setObjectName(key)
            field.committed.connect(lambda text, k=key, f=parse[key]: self._commit(k, f, text))
            self.fields[key] = field
            form.addRow(label, field)
            if key == "name":
                form.addRow("Status", self.status_box)
            if key == "team":
                form.addRow("", self.add_member_button)
        self.benefits = QLabel()
        self.benefits.setObjectName("benefits")
        self.benefits.setWordWrap(True)
        form.addRow("Benefits", self.benefits)
        self.status_box.activated.connect(
            lambda _i: self.edit_requested.emit({"status": self.status_box.currentText()},
                                                "Set project status"))

    def _commit(self, key: str, parse: Callable[[str], Any], text: str) -> None:
        try:
            value = parse(text)
        except OpsdeskError as error:
            self.invalid.emit(str(error))
            return
        self.edit_requested.emit({key: value}, f"Edit project {LABELS[key].lower()}")

    def show_project(self, stored: StoredProject, read_only: bool) -> None:
        p: Project = stored.project
        c = p.charter
        values = {"name": p.name, "problem": c.problem, "goal": c.goal,
                  "business_case": c.business_case, "scope_in": "\n".join(c.scope_in),
                  "scope_out": "\n".join(c.scope_out), "team": team_text(c.team),
                  "milestones": milestones_text(c.milestones),
                  "started_on": p.started_on.isoformat() if p.started_on else "",
                  "due_on": p.due_on.isoformat() if p.due_on else ""}
        for key, field in self.fields.items():
            field.show_value(values[key])
            field.setReadOnly(read_only)
        self.team = c.team
        self.add_member_button.setEnabled(not read_only)
        self.benefits.setText(
            f"expected {_money(stored.expected_benefit) or '–'}, realised "
            f"{_money(stored.realised_benefit) or '–'} (per month in the Benefits tab)")
        self.status_box.setCurrentText(p.status)
        self.status_box.setEnabled(not read_only)
        sentence = charter_sentence(c)
        self.missing.setText(sentence or "")
        self.missing.setVisible(sentence is not None)
