"""The portfolio as a board: one swimlane per methodology (PDCA, DMAIC, A3 and kaizen run
through different phases), its phases as columns and Done last, each project a card in
its phase's column (``portfolio_card``). The board is a view of what core read: it is
rebuilt from the projects the tab shows after every change, never moved by hand.

A gesture is only a request. A card dropped on the next column of its lane (or
Ctrl+Right) asks to pass the gate, ``forward_requested``; the column before (or
Ctrl+Left) asks to move back, ``back_requested``, for which the page asks a reason as the
gate panel's Back does. Both become core's ``MoveProject`` through the page's one path,
which refuses an incomplete gate in core's sentence. A drop further ahead is passed to
core too (whose sentence says one gate at a time); a drop more than one phase back or in
another methodology's lane is refused here in one sentence, ``refused``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.methodology import DONE, methodology
from opsdesk.core.improve.project import Project
from opsdesk.core.improve.project_store import StoredProject
from opsdesk.ui.improve.portfolio_card import (
    ProjectCard,
    card_text,
    card_width,
    dragged_id,
)
from opsdesk.ui.improve.tables import hint
from opsdesk.ui.style import ACCENT
from opsdesk.ui.widgets.elided_label import ElidedLabel

GAP = 6  # pixels between columns
NOTHING_SHOWN = "No project matches the filters: choose All to see every project."


@dataclass(frozen=True)
class BoardMove:
    """What a gesture asks: ``forward`` or ``back`` to ``phase``, ``refuse`` with a
    sentence, or ``stay`` (dropped where it is)."""
    kind: str
    phase: str = ""
    sentence: str = ""


def phases_of(method: str) -> tuple[str, ...]:
    return (*methodology(method).phase_names, DONE)


def board_move(p: Project, lane: str, target: str) -> BoardMove:
    """The request a card of ``p`` dropped on column ``target`` of ``lane`` makes."""
    if lane != p.methodology:
        return BoardMove("refuse", sentence=(
            f"{p.name} is a {p.methodology} project: it moves through the {p.methodology} "
            f"phases only, in its own lane; nothing was changed."))
    names = phases_of(p.methodology)
    here, there = names.index(p.phase), names.index(target)
    if there == here:
        return BoardMove("stay")
    if there > here:  # one gate at a time: core says so for a longer step
        return BoardMove("forward", target)
    if there < here - 1:
        return BoardMove("refuse", sentence=(
            f"{p.name} moves back one phase at a time, from {p.phase} to {names[here - 1]}; "
            "nothing was changed."))
    return BoardMove("back", target)


def step_target(p: Project, delta: int) -> BoardMove:
    """Ctrl+Right (+1) or Ctrl+Left (-1) on a card of ``p``."""
    names = phases_of(p.methodology)
    there = names.index(p.phase) + delta
    if there >= len(names):
        return BoardMove("refuse", sentence=f"{p.name} is done: every gate is passed.")
    if there < 0:
        return BoardMove("refuse", sentence=(
            f"{p.name} is in its first phase, {p.phase}: there is no phase before it."))
    return board_move(p, p.methodology, names[there])


_COLUMN = ("QFrame#boardColumn {{ background: {fill}; border: 1px {line} {colour}; "
           "border-radius: 4px; }}")


class PhaseColumn(QFrame):
    """A phase of a lane: its name and count on top, its cards below; a card dropped
    here asks the board to move it to this phase."""

    def __init__(self, lane: str, phase: str, cards: Sequence[ProjectCard],
                 dropped: Callable[[int, str, str], None]) -> None:
        super().__init__()
        self.lane, self.phase, self._dropped = lane, phase, dropped
        self.setObjectName("boardColumn")
        self.setAcceptDrops(True)
        self.setFixedWidth(card_width(self))  # until the board fits it to its width
        self.cards = list(cards)
        head = ElidedLabel(f"{phase} · {len(self.cards)}", mode=Qt.TextElideMode.ElideRight)
        head.setObjectName("heading")
        if phase != DONE:
            step = methodology(lane).phase(phase)
            head.setToolTip(f"{phase}: {step.purpose} Its gate has {len(step.gate)} items.")
        else:
            head.setToolTip("Every gate passed: the project is done.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(6)
        layout.addWidget(head)
        for card in self.cards:
            layout.addWidget(card)
        layout.addStretch(1)
        self._look(False)

    def _look(self, target: bool) -> None:
        self.setStyleSheet(_COLUMN.format(fill="#e3edf7" if target else "#eef1f5",
                                          line="dashed" if target else "solid",
                                          colour=ACCENT if target else "#dde3e9"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dragged_id(event.mimeData()) is not None:
            event.acceptProposedAction()
            self._look(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dragged_id(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._look(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._look(False)
        project_id = dragged_id(event.mimeData())
        if project_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self._dropped(project_id, self.lane, self.phase)


class PortfolioBoard(QScrollArea):
    open_requested = Signal(int)              # a project's id
    forward_requested = Signal(int, str)      # a project's id, the phase to pass to
    back_requested = Signal(int, str, str)    # a project's id, its phase, the one before
    refused = Signal(str)                     # one sentence: nothing was asked of core
    # a column's drop, handled once the drag is over: the reason is asked and the cards
    # rebuilt outside the platform's drag loop and the column's own drop handler
    _dropped = Signal(int, str, str)

    def __init__(self) -> None:
        super().__init__()
        self._dropped.connect(self.drop, Qt.ConnectionType.QueuedConnection)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.projects: dict[int, StoredProject] = {}
        self.cards: dict[int, ProjectCard] = {}
        self.columns: dict[tuple[str, str], PhaseColumn] = {}
        self.selected: int | None = None  # the card last focused, kept across reads
        self._refocus = False  # a move was asked: the card moved gets the focus again
        self.setWidget(QWidget())

    def show_projects(self, shown: Sequence[StoredProject], lanes: Sequence[str],
                      as_of: date, finished: Callable[[StoredProject], bool]) -> None:
        """Rebuild the lanes ``lanes`` (methodology names) with the cards of ``shown``."""
        focus = QApplication.focusWidget()
        # a card moved keeps the focus, also when the write's wait took it from the window
        # (but not from a widget the user went to meanwhile, as a filter)
        refocus = (self._refocus and focus is None) or (
            focus is not None and self.isAncestorOf(focus))
        self._refocus = False
        scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        self.projects = {s.project.id: s for s in shown}
        self.cards, self.columns = {}, {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for lane in lanes:
            layout.addWidget(self._lane(lane, [s for s in shown
                                               if s.project.methodology == lane],
                                        as_of, finished))
        if not lanes:
            layout.addWidget(hint(NOTHING_SHOWN))
        layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:  # later: a key press or a drop on one of its cards led here
            old.deleteLater()
        self.setWidget(body)
        self._fit()
        self.horizontalScrollBar().setValue(scroll[0])
        self.verticalScrollBar().setValue(scroll[1])
        if self.selected is not None and self.selected in self.cards and refocus:
            self.select(self.selected)

    def _lane(self, lane: str, shown: list[StoredProject], as_of: date,
              finished: Callable[[StoredProject], bool]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        count = f"{len(shown)} project{'s' if len(shown) != 1 else ''}"
        title = QLabel(f"{lane}  —  {count}")
        title.setObjectName("heading")
        title.setToolTip(methodology(lane).description)
        head = QHBoxLayout()  # as wide as its text: the lane may scroll sideways
        head.addWidget(title)
        head.addStretch(1)
        layout.addLayout(head)
        row = QHBoxLayout()
        row.setSpacing(GAP)
        for phase in phases_of(lane):
            cards = []
            for s in shown:
                if s.project.phase == phase:
                    card = ProjectCard(s, card_text(s, as_of, finished(s)))
                    card.open_requested.connect(self.open_requested.emit)
                    card.step_requested.connect(self.step)
                    card.focused.connect(self._focused)
                    self.cards[s.project.id] = card
                    cards.append(card)
            column = PhaseColumn(lane, phase, cards, self._dropped.emit)
            self.columns[(lane, phase)] = column
            row.addWidget(column)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Every column the same width: the longest lane fills the window, or scrolls
        sideways once its columns would be narrower than a card reads well."""
        columns = list(self.columns.values())
        if not columns:
            return
        most = max(len(phases_of(lane)) for lane in {c.lane for c in columns})
        free = self.viewport().width() - GAP * (most - 1)
        width = max(card_width(self), free // most)
        for column in columns:
            column.setFixedWidth(width)

    def _focused(self, project_id: int) -> None:
        self.selected = project_id

    def select(self, project_id: int) -> None:
        card = self.cards.get(project_id)
        if card is not None:
            card.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureWidgetVisible(card)
            self.selected = project_id

    def card_column(self, project_id: int) -> PhaseColumn | None:
        """The column the card of the project is in (what a test checks)."""
        return next((c for c in self.columns.values()
                     if any(card.project_id == project_id for card in c.cards)), None)

    def drop(self, project_id: int, lane: str, phase: str) -> None:
        """A card dropped on column ``phase`` of ``lane``: ask for that move."""
        s = self.projects.get(project_id)
        if s is not None:
            self.selected = project_id
            self._ask(s.project, board_move(s.project, lane, phase))

    def step(self, project_id: int, delta: int) -> None:
        s = self.projects.get(project_id)
        if s is not None:
            self._ask(s.project, step_target(s.project, delta))

    def _ask(self, p: Project, move: BoardMove) -> None:
        self.selected = p.id
        self._refocus = move.kind in ("forward", "back")
        if move.kind == "forward":
            self.forward_requested.emit(p.id, move.phase)
        elif move.kind == "back":
            self.back_requested.emit(p.id, p.phase, move.phase)
        elif move.kind == "refuse":
            self.refused.emit(move.sentence)
