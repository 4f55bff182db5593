"""The Portfolio tab: the improvement projects in rows grouped by methodology and phase
(in the order the phases run, the finished ones last), with leader, due date, progress,
benefits and open actions (from core's ``list_projects``); filtered by methodology and
status, with the benefit totals of what is shown. A row opens its project (double-click
or Enter, ``open_requested``); New project asks the page for one (``new_requested``).

Table | Board switches to the same projects as cards by phase (``portfolio_board``), one
swimlane per methodology; the choice is kept while the app runs. The board's moves
through a gate reach the page as ``board.forward_requested`` / ``back_requested``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.methodology import METHODOLOGIES
from opsdesk.core.improve.project import STATUSES
from opsdesk.core.improve.project_store import StoredProject
from opsdesk.ui.improve.improve_data import WorkData
from opsdesk.ui.improve.portfolio_board import PortfolioBoard
from opsdesk.ui.improve.portfolio_rows import finished, shown_projects
from opsdesk.ui.improve.tables import hint, table
from opsdesk.ui.kpis.rows_model import ID_ROLE, RowsModel

COLUMNS = (("phase", "Phase"), ("name", "Project"), ("methodology", "Method"),
           ("status", "Status"), ("leader", "Leader"), ("due", "Due"),
           ("progress", "Progress"), ("expected", "Expected\nbenefit"),
           ("realised", "Realised\nbenefit"), ("actions", "Open\nactions"))
ALL = "All"
NUMBERS = ("progress", "expected", "realised", "actions")
EMPTY_HINT = ("No improvement projects yet. Start one with New project: it begins in its "
              "methodology's first phase (PDCA, DMAIC, A3 or a kaizen event) and appears "
              "here by phase; double-click it to open its charter and gates.")
OPEN_HINT = "Double-click a project, or select it and press Enter, to open it."
BOARD_HINT = ("Drag a card to the next phase to pass its gate, or back with a reason "
              "(Ctrl+Right / Ctrl+Left); double-click or Enter opens it.")
VIEWS = ("Table", "Board")


def _style(row: dict[str, Any], key: str, role: int) -> Any:
    if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMBERS:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


class PortfolioTab(QWidget):
    open_requested = Signal(int)   # a project's id
    new_requested = Signal()
    remembered_view = "Table"      # Table or Board: the last chosen, while the app runs

    def __init__(self) -> None:
        super().__init__()
        self.data: WorkData | None = None
        self.model = RowsModel(COLUMNS, style=_style)
        self.view = table(self.model, 1, {1: 16, 4: 9})
        self.board = PortfolioBoard()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.board)
        self.view_buttons = QButtonGroup(self)
        self.view_buttons.setExclusive(True)
        toggle = QHBoxLayout()
        toggle.setSpacing(0)
        for index, name in enumerate(VIEWS):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setToolTip(f"Show the projects as a {name.lower()}")
            self.view_buttons.addButton(button, index)
            toggle.addWidget(button)
        self.methodology_box = QComboBox()
        self.methodology_box.addItems([ALL, *METHODOLOGIES])
        self.status_box = QComboBox()
        self.status_box.addItems([ALL, *STATUSES])
        self.totals = QLabel()
        self.totals.setObjectName("secondary")
        self.totals.setWordWrap(True)
        self.empty = hint(EMPTY_HINT)
        self.new_button = QPushButton("New project…")
        bar = QHBoxLayout()
        bar.addLayout(toggle)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Methodology"))
        bar.addWidget(self.methodology_box)
        bar.addWidget(QLabel("Status"))
        bar.addWidget(self.status_box)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.totals)
        layout.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.methodology_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.status_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.new_button.clicked.connect(self.new_requested.emit)
        self.view.doubleClicked.connect(lambda index: self._open(index.row()))
        self.view.installEventFilter(self)
        self.view.setToolTip(OPEN_HINT)
        self.board.open_requested.connect(self.open_requested.emit)
        self.view_buttons.idClicked.connect(lambda index: self.set_view(VIEWS[index]))
        self.set_view(PortfolioTab.remembered_view)

    def set_view(self, name: str) -> None:
        """Table or Board; the next Portfolio tab made while the app runs starts so."""
        index = VIEWS.index(name)
        PortfolioTab.remembered_view = name
        self.view_buttons.button(index).setChecked(True)
        self.stack.setCurrentIndex(index)
        self._fill()

    @property
    def view_name(self) -> str:
        return VIEWS[self.stack.currentIndex()]

    def lanes(self) -> list[str]:
        """The board's swimlanes: the methodology chosen, or with All each one that has
        a project shown (in core's order)."""
        method = self.methodology_box.currentText()
        if method != ALL:
            return [method]
        used = {s.project.methodology for s in self.shown()}
        return [m for m in METHODOLOGIES if m in used]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open(self.view.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_requested.emit(int(self.model.index(row, 0).data(ID_ROLE)))

    def selected_id(self) -> int | None:
        if self.view_name == "Board":
            return self.board.selected
        rows = self.view.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def show_data(self, data: WorkData) -> None:
        self.data = data
        self._fill()

    def shown(self) -> list[StoredProject]:
        return [s for s, _row in self._shown()]

    def _shown(self) -> list[tuple[StoredProject, dict[str, Any]]]:
        """The projects the filters keep, in order, with their rows (made in the pool)."""
        if self.data is None:
            return []
        method, status = self.methodology_box.currentText(), self.status_box.currentText()
        return shown_projects(self.data.portfolio, None if method == ALL else method,
                              None if status == ALL else status)

    def _fill(self) -> None:
        if self.data is None:
            return
        pairs = self._shown()
        shown = [s for s, _row in pairs]
        self.model.set_rows([row for _s, row in pairs])
        expected = sum(s.expected_benefit or 0.0 for s in shown)
        realised = sum(s.realised_benefit or 0.0 for s in shown)
        phases: dict[str, int] = {}
        for s in shown:
            if not finished(s):
                label = f"{s.project.methodology} {s.project.phase}"
                phases[label] = phases.get(label, 0) + 1
        by_phase = ", ".join(f"{k} {v}" for k, v in phases.items()) or "none under way"
        self.totals.setText(f"{len(shown)} of {len(self.data.projects)} projects; benefits "
                            f"expected {expected:,.0f}, realised {realised:,.0f}; "
                            f"by phase: {by_phase}. "
                            f"{BOARD_HINT if self.view_name == 'Board' else OPEN_HINT}")
        if self.view_name == "Board":
            self.board.show_projects(shown, self.lanes(), self.data.as_of, finished)
        some = bool(self.data.projects)
        self.empty.setVisible(not some)
        self.stack.setVisible(some)
        self.view.setVisible(some and self.view_name == "Table")
        self.totals.setVisible(some)
