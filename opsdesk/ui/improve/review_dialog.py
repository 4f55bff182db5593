"""The post-incident review's editor: the incident's summary, impact and owner, who held
the review and when (owner and facilitator picked from the people directory,
``OwnerBox``), its timeline (one "time | what happened" per line, as a facilitator types
it on the wall), what went well and badly, where the team was lucky, the contributing
factors, the lessons and the feedback into the model's retraining schedule, with the day
its retraining action is due. OK hands the fields to ``submit`` (the page
runs core's ``SaveReview``); the dialog stays open when that is refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_review_store import ReviewEntry, ReviewForm
from opsdesk.core.improve.people import Person
from opsdesk.ui.improve.owner_box import OwnerBox

Submit = Callable[[dict[str, Any], date | None], bool]


def timeline_text(entries: tuple[ReviewEntry, ...]) -> str:
    return "\n".join(f"{e.at} | {e.what}" if e.at else e.what for e in entries)


def timeline_entries(text: str) -> list[tuple[str, str]]:
    """Each non-blank line as (time, what happened); a line without "|" has no time."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        at, bar, what = line.partition("|")
        out.append((at.strip(), what.strip()) if bar else ("", at.strip()))
    return out


def _text(height: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * height + 12)
    return box


class ReviewDialog(QDialog):
    def __init__(self, form: ReviewForm, people: Sequence[Person], submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setWindowTitle(f"Post-incident review: {form.key}")
        review = form.review
        self.summary, self.impact = _text(), _text()
        self.summary.setPlainText(form.summary)
        self.impact.setPlainText(form.impact)
        self.owner = OwnerBox(people, form.owner)
        self.facilitator = OwnerBox(people, review.facilitator if review else "")
        self.held_on = QLineEdit((review.held_on or "") if review else "")
        self.held_on.setPlaceholderText("YYYY-MM-DD (empty: not held yet)")
        self.timeline = _text(6)
        self.timeline.setPlaceholderText("06:25 | Drift detector fires on the feature store\n"
                                         "06:40 | On-call acknowledges")
        self.timeline.setPlainText(timeline_text(review.timeline) if review else "")
        self.boxes: dict[str, QPlainTextEdit] = {}
        learning = QFormLayout()
        for name, label in (("went_well", "Went well"), ("went_wrong", "Went badly"),
                            ("where_lucky", "Where we were lucky"),
                            ("contributing_factors", "Contributing factors"),
                            ("lessons", "Lessons")):
            self.boxes[name] = _text()
            self.boxes[name].setPlainText(getattr(review, name) if review else "")
            learning.addRow(label, self.boxes[name])
        self.retraining = _text(4)
        self.retraining.setPlainText(review.retraining if review else "")
        self.retrain_due = QLineEdit()
        self.retrain_due.setPlaceholderText("YYYY-MM-DD (optional)")
        action = form.retraining_action
        self.retrain_note = QLabel(
            f"Open already: “{action.title}”, so no second action is added." if action else
            "With a date, the feedback becomes a due action of this incident.")
        self.retrain_note.setObjectName("secondary")
        self.retrain_note.setWordWrap(True)
        self.retrain_due.setEnabled(action is None)

        story = QFormLayout()
        story.addRow("Summary", self.summary)
        story.addRow("Impact", self.impact)
        self.owner.add_to(story, "Incident owner")
        self.facilitator.add_to(story, "Facilitator")
        story.addRow("Held on", self.held_on)
        story.addRow("Timeline", self.timeline)
        retrain = QFormLayout()
        retrain.addRow("Feedback into retraining", self.retraining)
        retrain.addRow("Action due on", self.retrain_due)
        retrain.addRow("", self.retrain_note)
        self.tabs = QTabWidget()
        for form_layout, name in ((story, "What happened"), (learning, "What we learned"),
                                  (retrain, "Retraining")):
            page = QWidget()
            page.setLayout(form_layout)
            self.tabs.addTab(page, name)
        title = QLabel(f"{form.key}: {form.title}")
        title.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def fields(self) -> tuple[dict[str, Any], date | None]:
        """The review as typed, and the retraining action's day; or one sentence."""
        due_text = self.retrain_due.text().strip()
        try:
            due = date.fromisoformat(due_text) if due_text else None
        except ValueError:
            raise OpsdeskError(f"The retraining action's day must be a date like 2026-12-15, "
                               f"not {due_text!r}.") from None
        fields: dict[str, Any] = {
            "summary": self.summary.toPlainText(), "impact": self.impact.toPlainText(),
            "owner": self.owner.owner(), "facilitator": self.facilitator.owner(),
            "held_on": self.held_on.text(),
            "timeline": timeline_entries(self.timeline.toPlainText()),
            "retraining": self.retraining.toPlainText(),
            **{name: box.toPlainText() for name, box in self.boxes.items()}}
        return fields, due

    def save(self) -> None:
        try:
            fields, due = self.fields()
        except OpsdeskError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        if self.submit(fields, due):
            self.accept()
