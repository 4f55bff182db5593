"""The Strategy tab's two forms: a new goal (title, pillar, horizon, owner picked from the
people directory, target date, the longer goal it serves) and a link from a goal to a KPI
that measures it or a project that moves it, strong or weak. Each gives core's value or
one sentence saying what is wrong."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.people import Person
from opsdesk.core.improve.strategy import HORIZONS, PILLARS, Goal, Strength
from opsdesk.ui.improve.charter_text import day_of
from opsdesk.ui.improve.owner_box import OwnerBox
from opsdesk.ui.improve.project_dialogs import FormDialog

NO_GOAL = "(none)"


class NewGoalDialog(FormDialog):
    def __init__(self, longer: list[tuple[int, str]], people: Sequence[Person],
                 submit: Callable[[Goal], bool], parent: QWidget | None = None) -> None:
        super().__init__("New goal", submit, parent)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Lead time under 6 days")
        self.pillar = QComboBox()
        self.pillar.addItems(list(PILLARS))
        self.horizon = QComboBox()
        self.horizon.addItems(list(HORIZONS))
        self.owner = OwnerBox(people)
        self.target = QLineEdit()
        self.target.setPlaceholderText("YYYY-MM-DD")
        self.serves = QComboBox()
        self.serves.addItem(NO_GOAL, None)
        for goal_id, title in longer:
            self.serves.addItem(title, goal_id)
        for label, w in (("Goal", self.title_edit), ("Pillar", self.pillar),
                         ("Horizon", self.horizon)):
            self.form.addRow(label, w)
        self.owner.add_to(self.form, "Owner")
        self.form.addRow("Target date", self.target)
        self.form.addRow("Serves", self.serves)
        self.setMinimumWidth(460)

    def value(self) -> Goal:
        if not self.title_edit.text().strip():
            raise OpsdeskError("A goal needs a title.")
        target = day_of(self.target.text(), "The target date")
        if target is None:
            raise OpsdeskError("A goal needs a target date, like 2027-12-31.")
        return Goal(0, self.title_edit.text(), self.pillar.currentText(),
                    self.horizon.currentText(), self.owner.owner(), target,  # type: ignore[arg-type]
                    serves=self.serves.currentData())


@dataclass(frozen=True)
class NewLink:
    kpi_id: int | None
    project_id: int | None
    strength: Strength


class LinkDialog(FormDialog):
    """What to link to a goal: a KPI or a project (the list says which), strong or weak."""

    def __init__(self, goal_title: str, kpis: dict[int, str], projects: dict[int, str],
                 submit: Callable[[NewLink], bool], parent: QWidget | None = None) -> None:
        super().__init__(f"Link to {goal_title}", submit, parent)
        self.target = QComboBox()
        for kpi_id, name in sorted(kpis.items(), key=lambda i: i[1].casefold()):
            self.target.addItem(f"KPI: {name}", ("kpi", kpi_id))
        for project_id, name in sorted(projects.items(), key=lambda i: i[1].casefold()):
            self.target.addItem(f"Project: {name}", ("project", project_id))
        self.strength = QComboBox()
        self.strength.addItems(["strong", "weak"])
        self.form.addRow("Measured by or moved by", self.target)
        self.form.addRow("Correlation", self.strength)
        self.setMinimumWidth(460)

    def value(self) -> NewLink:
        chosen = self.target.currentData()
        if chosen is None:
            raise OpsdeskError("There is no KPI or project to link yet.")
        kind, ref = chosen
        strength: Strength = "weak" if self.strength.currentText() == "weak" else "strong"
        return NewLink(ref if kind == "kpi" else None, ref if kind == "project" else None,
                       strength)
