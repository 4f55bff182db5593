"""The cause form: a new cause (its category, text and evidence) or one to edit (also its
status and its five whys, each step with its evidence). It gives what to write, or one
sentence; core's command checks the rest and the form stays open on a refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.fishbone import STATUSES
from opsdesk.core.improve.five_whys import MAX_STEPS, Why
from opsdesk.core.improve.root_cause_store import StoredCause
from opsdesk.ui.improve.project_dialogs import FormDialog


@dataclass(frozen=True)
class NewCause:
    category: str
    cause: str
    evidence: str
    parent_id: int | None


class CauseDialog(FormDialog):
    """``cause`` None: a new one (under ``parent`` when given); else that one's form."""

    def __init__(self, categories: list[str], submit: Callable[[Any], bool],
                 parent_widget: QWidget | None = None, *, cause: StoredCause | None = None,
                 category: str = "", parent: StoredCause | None = None) -> None:
        title = ("Edit cause" if cause is not None
                 else "New sub-cause" if parent is not None else "New cause")
        super().__init__(title, submit, parent_widget)
        self.cause = cause
        self.parent_cause = parent
        under = parent is not None or (cause is not None and cause.parent_id is not None)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(categories)
        known = parent or cause
        self.category.setCurrentText(known.category if known is not None
                                     else category or categories[0])
        self.category.setEnabled(not under)
        if under:
            self.category.setToolTip("a sub-cause is under its parent's category")
        self.text = QLineEdit(cause.cause if cause else "")
        self.text.setPlaceholderText("a short phrase, e.g. Sensor misreads reflective parts")
        self.evidence = QLineEdit(cause.evidence if cause else "")
        self.evidence.setPlaceholderText("what shows it: data, a log, an observation")
        if parent is not None:
            self.form.addRow("Why this happens:", QLabel(parent.cause))
        self.form.addRow("Category", self.category)
        self.form.addRow("Cause", self.text)
        self.form.addRow("Evidence", self.evidence)
        self.status = QComboBox()
        self.steps: list[tuple[QLineEdit, QLineEdit]] = []
        if cause is not None:
            self.status.addItems(list(STATUSES))
            self.status.setCurrentText(cause.status)
            self.form.addRow("Status", self.status)
            self.whys = QGridLayout()
            self.whys.addWidget(QLabel("Answer"), 0, 1)
            self.whys.addWidget(QLabel("Evidence"), 0, 2)
            self.more = QPushButton("Add why")
            self.more.clicked.connect(lambda: self.add_step())
            for why in cause.chain:
                self.add_step(why)
            self.add_step()
            self.form.addRow("Five whys", self.more)
            self.form.addRow(self.whys)
        self.setMinimumWidth(560)

    def add_step(self, why: Why | None = None) -> None:
        """One more row of the chain: the first is the problem, the next each why."""
        if len(self.steps) > MAX_STEPS:
            return
        n = len(self.steps)
        answer, evidence = QLineEdit(why.answer if why else ""), QLineEdit(
            why.evidence if why else "")
        answer.setPlaceholderText("the problem as seen" if n == 0 else f"why {n}?")
        self.whys.addWidget(QLabel("Problem" if n == 0 else f"Why {n}"), n + 1, 0)
        self.whys.addWidget(answer, n + 1, 1)
        self.whys.addWidget(evidence, n + 1, 2)
        self.steps.append((answer, evidence))
        self.more.setEnabled(len(self.steps) <= MAX_STEPS)

    def value(self) -> NewCause | dict[str, Any]:
        """A new cause, or an edit's changes; an empty text is one sentence."""
        if not self.text.text().strip():
            raise OpsdeskError("A cause needs some text.")
        if self.cause is None:
            return NewCause(self.category.currentText(), self.text.text(),
                            self.evidence.text(),
                            None if self.parent_cause is None else self.parent_cause.id)
        changes: dict[str, Any] = {
            "cause": self.text.text(), "evidence": self.evidence.text(),
            "status": self.status.currentText(),
            "whys": tuple(Why(a.text(), e.text()) for a, e in self.steps
                          if a.text().strip() or e.text().strip())}
        if self.cause.parent_id is None:
            changes["category"] = self.category.currentText()
        return changes
