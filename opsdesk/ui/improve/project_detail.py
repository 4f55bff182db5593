"""One project opened from the portfolio: its name and where it stands, the charter form
on the left, its phase with the gate checklist and the KPI's before/after on the right,
its benefits per month below (``BenefitsPanel``), its root causes (edited as a tree, drawn
as a fishbone from the same rows), then its actions. It shows what core's ``project_data``
read and passes the user's edits up as signals; the page makes each one an undoable command."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.root_cause_store import fishbone_of
from opsdesk.ui.improve.actions_tab import COLUMNS as ACTION_COLUMNS
from opsdesk.ui.improve.actions_tab import action_row, action_style
from opsdesk.ui.improve.before_after_panel import BeforeAfterPanel
from opsdesk.ui.improve.benefits_panel import BenefitsPanel
from opsdesk.ui.improve.cause_tree import CauseTree
from opsdesk.ui.improve.charter_form import CharterForm
from opsdesk.ui.improve.fishbone_view import FishboneView
from opsdesk.ui.improve.gate_panel import GatePanel
from opsdesk.ui.improve.project_data import ProjectData
from opsdesk.ui.improve.tables import hint, table
from opsdesk.ui.kpis.rows_model import RowsModel

NO_ACTIONS = ("No actions for this project yet. Add action names who does what by when; "
              "it also appears on the Actions tab.")
EFFECT_CHARS = 90  # the fishbone's head holds a phrase: a long problem statement is cut
READ_ONLY = "This workspace is open read-only: the project is shown, not edited."


class ProjectDetail(QWidget):
    back = Signal()
    add_action_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.data: ProjectData | None = None
        self.back_button = QPushButton("← Portfolio")
        self.title = QLabel()
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.where = QLabel()
        self.where.setObjectName("secondary")
        self.where.setWordWrap(True)
        self.read_only_note = QLabel(READ_ONLY)
        self.read_only_note.setObjectName("warning")
        self.read_only_note.hide()
        self.add_action_button = QPushButton("Add action…")
        self.charter = CharterForm()
        self.gate = GatePanel()
        self.kpi = BeforeAfterPanel()
        self.action_rows = RowsModel(ACTION_COLUMNS, style=action_style)
        self.actions_view = table(self.action_rows, 0, {0: 16, 1: 9, 5: 14})
        self.actions_view.setMinimumHeight(120)
        self.no_actions = hint(NO_ACTIONS)
        self.benefits = BenefitsPanel()
        self.causes = CauseTree()
        self.fishbone = FishboneView()
        self.fishbone.hide()
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.where)
        head.addLayout(names, 1)
        head.addWidget(self.add_action_button, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.gate)
        right.addWidget(self.kpi, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.charter, 5)
        columns.addLayout(right, 6)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(columns)
        benefits_title = self.benefits_title = QLabel("Benefits")
        benefits_title.setObjectName("heading")
        inner.addWidget(benefits_title)
        inner.addWidget(self.benefits)
        causes_title = QLabel("Root causes")
        causes_title.setObjectName("heading")
        inner.addWidget(causes_title)
        inner.addWidget(self.causes)
        inner.addWidget(self.fishbone)
        actions_title = QLabel("Actions")
        actions_title.setObjectName("heading")
        inner.addWidget(actions_title)
        inner.addWidget(self.no_actions)
        inner.addWidget(self.actions_view)
        self.causes_title = causes_title
        scroll = self.body_scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.read_only_note)
        layout.addWidget(scroll, 1)
        self.back_button.clicked.connect(self.back.emit)
        self.add_action_button.clicked.connect(self.add_action_requested.emit)

    def scroll_to_causes(self) -> None:
        """Bring the root causes into view, their heading at the top."""
        self.body_scroll.verticalScrollBar().setValue(self.causes_title.y())

    def scroll_to_benefits(self) -> None:
        """Bring the benefits into view, their heading at the top."""
        self.body_scroll.verticalScrollBar().setValue(self.benefits_title.y())

    @property
    def project_id(self) -> int | None:
        return None if self.data is None else self.data.stored.project.id

    def show_data(self, data: ProjectData, read_only: bool) -> None:
        self.data = data
        s = data.stored
        p = s.project
        self.title.setText(p.name)
        late = f", {s.actions_overdue} overdue" if s.actions_overdue else ""
        self.where.setText(
            f"{p.methodology}, phase {p.phase}, {p.status}; {p.progress():.0%} through its "
            f"phases; {s.actions_open} open actions{late} as of {data.as_of.isoformat()}")
        self.read_only_note.setVisible(read_only)
        self.add_action_button.setEnabled(not read_only)
        self.charter.show_project(s, read_only)
        self.gate.show_project(p, read_only)
        self.kpi.show_data(data, read_only)
        link = p.kpis[0] if p.kpis else None
        self.benefits.show_benefits(data.benefits, link is not None,
                                    None if link is None else link.value_per_unit, read_only)
        self.action_rows.set_rows([action_row(a, data.as_of) for a in data.actions])
        self.no_actions.setVisible(not data.actions)
        effect = effect_of(p.charter.problem or p.name)
        self.causes.show_causes(data.causes, effect, read_only)
        self.fishbone.show_tree(fishbone_of(effect, data.causes))
        self.actions_view.setVisible(bool(data.actions))


def effect_of(problem: str) -> str:
    text = " ".join(problem.split())
    return text if len(text) <= EFFECT_CHARS else text[:EFFECT_CHARS - 1].rstrip() + "…"
