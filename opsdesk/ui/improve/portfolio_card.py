"""One project as a card on the portfolio board: its name, leader and due date (an
overdue one in the overdue colour, and said in words), how far through its phases it
is, its open actions and its expected and realised benefit. Every line is elided to the
card's width (``widgets.elided_label``), the full text in the card's tooltip. The card
is focusable: Ctrl+Right and Ctrl+Left ask to move it a phase, Enter (or a double-click)
asks to open it, and a mouse drag carries its id under ``MIME_TYPE`` to a column of the
board."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.project_store import StoredProject
from opsdesk.ui.kpis.status_look import LOOK
from opsdesk.ui.style import ACCENT
from opsdesk.ui.widgets.elided_label import ElidedLabel

MIME_TYPE = "application/x-opsdesk-project-id"
OVERDUE_COLOUR = LOOK["red"][2]  # as the Actions tab marks an overdue action


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


@dataclass(frozen=True)
class CardText:
    """What a card says, line by line (plain text, testable without a widget)."""
    name: str
    leader: str
    due: str
    overdue: bool   # the due date has passed and the project is not finished
    actions: str    # open actions, the overdue ones said
    progress: str   # how far through the phases: "60%"
    status: str     # a status other than active ("Status: on hold"), else ""
    expected: str
    realised: str
    fraction: float  # 0 to 1 through the phases

    def lines(self) -> tuple[str, ...]:
        return tuple(line for line in (self.name, self.leader, self.due, self.status,
                                       self.actions, self.expected, self.realised,
                                       f"{self.progress} through its phases") if line)


def card_text(s: StoredProject, as_of: date, finished: bool) -> CardText:
    p = s.project
    overdue = False
    due = "No due date"
    if p.due_on is not None:
        due = f"Due {p.due_on.isoformat()}"
        overdue = p.due_on < as_of and not finished
        if overdue:  # the word first: a narrow card elides the end, not the warning
            due = f"Overdue {(as_of - p.due_on).days} d · due {p.due_on.isoformat()}"
    status = "" if p.status == "active" or p.done else f"Status: {p.status}"
    actions = f"{s.actions_open} open action{'s' if s.actions_open != 1 else ''}"
    if s.actions_overdue:  # short enough for a narrow column
        actions = f"{s.actions_open} open, {s.actions_overdue} overdue"
    return CardText(
        name=p.name, leader=p.charter.leader or "No leader", due=due, overdue=overdue,
        actions=actions, progress=f"{p.progress():.0%}", status=status,
        expected=f"Expected {_money(s.expected_benefit)}",
        realised=f"Realised {_money(s.realised_benefit)}", fraction=p.progress())


def _line(text: str) -> ElidedLabel:
    label = ElidedLabel(text, mode=Qt.TextElideMode.ElideRight)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return label


class NameLabel(ElidedLabel):
    """The card's name on two lines, wrapped at spaces, the rest elided (the app's one
    elided label, given a second line)."""

    def __init__(self, text: str) -> None:
        super().__init__(text, mode=Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 2 * self.fontMetrics().lineSpacing())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def lines(self) -> list[str]:
        """The two lines drawn at the label's width, the second elided if need be."""
        metrics, width = self.fontMetrics(), max(1, self.contentsRect().width())
        words = self.text().split()
        first = words.pop(0) if words else ""
        while words and metrics.horizontalAdvance(f"{first} {words[0]}") <= width:
            first = f"{first} {words.pop(0)}"
        elide = Qt.TextElideMode.ElideRight
        return [metrics.elidedText(line, elide, width) for line in (first, " ".join(words))
                if line]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect, step = self.contentsRect(), self.fontMetrics().lineSpacing()
        for i, line in enumerate(self.lines()):
            painter.drawText(rect.adjusted(0, i * step, 0, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), line)


_SHEET = ("QFrame#projectCard {{ background: #ffffff; border: {width}px solid {colour}; "
          "border-radius: 4px; }}")


class ProjectCard(QFrame):
    open_requested = Signal(int)        # the project's id
    step_requested = Signal(int, int)   # the project's id, +1 (next phase) or -1 (back)
    focused = Signal(int)               # the project's id: the board's selected card

    def __init__(self, stored: StoredProject, text: CardText) -> None:
        super().__init__()
        self.project_id = stored.project.id
        self.stored = stored
        self.setObjectName("projectCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(text.name)
        self.setToolTip("\n".join(text.lines()) + "\n\n"
                        "Drag to the next phase to pass the gate (or back, with a reason); "
                        "Ctrl+Right / Ctrl+Left do the same; double-click or Enter opens.")
        self.name = NameLabel(text.name)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.leader = _line(text.leader)
        self.due = _line(text.due)
        if text.overdue:
            self.due.setStyleSheet(f"color: {OVERDUE_COLOUR}; font-weight: 600;")
        self.open_actions = _line(text.actions)
        self.open_actions.setObjectName("secondary")
        if stored.actions_overdue:
            self.open_actions.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.status = _line(text.status)
        self.status.setVisible(bool(text.status))
        self.progress = QLabel(text.progress)  # short: "60%"
        self.progress.setObjectName("secondary")
        self.expected = _line(text.expected)
        self.expected.setObjectName("secondary")
        self.realised = _line(text.realised)
        self.realised.setObjectName("secondary")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(round(text.fraction * 100))
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(5)
        progress = QHBoxLayout()
        progress.setSpacing(6)
        progress.addWidget(self.bar, 1)
        progress.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 5, 6, 5)
        layout.setSpacing(2)
        for label in (self.name, self.leader, self.due, self.status, self.open_actions,
                      self.expected, self.realised, self.bar, self.progress):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            if label not in (self.bar, self.progress):
                layout.addWidget(label)
        layout.addLayout(progress)
        self._press: QPoint | None = None
        self._look(False)

    def _look(self, selected: bool) -> None:
        self.setStyleSheet(_SHEET.format(width=2 if selected else 1,
                                         colour=ACCENT if selected else "#cbd2d9"))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._look(True)
        self.focused.emit(self.project_id)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._look(False)
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self.step_requested.emit(self.project_id, 1 if key == Qt.Key.Key_Right else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(self.project_id)
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.open_requested.emit(self.project_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        press = self._press
        if press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - press).manhattanLength() \
                < QApplication.startDragDistance():
            return
        self._press = None
        self.drag(press)

    def mime(self) -> QMimeData:
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(str(self.project_id).encode()))
        mime.setText(self.stored.project.name)
        return mime

    def drag(self, hot_spot: QPoint) -> None:
        """Carry the card to a column; the drop asks core to move it (the card itself
        stays where it is until the board is read again)."""
        drag = QDrag(self.window())  # not the card's: a move rebuilds the cards
        drag.setMimeData(self.mime())
        picture = QPixmap(self.size())
        picture.fill(Qt.GlobalColor.transparent)
        self.render(picture)
        drag.setPixmap(picture)
        drag.setHotSpot(hot_spot)
        drag.exec(Qt.DropAction.MoveAction)
        drag.deleteLater()


def dragged_id(mime: QMimeData | None) -> int | None:
    """The project a drag carries, if it is a card's."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        return int(bytes(mime.data(MIME_TYPE).data()).decode())
    except ValueError:
        return None


def card_width(widget: QWidget) -> int:
    """The narrowest a column gets at the widget's font (about 18 average characters:
    DMAIC's six columns fit a 1024-pixel window); the board widens its columns to fill
    the window, and scrolls sideways only past that (A3's eight, a large zoom)."""
    return widget.fontMetrics().averageCharWidth() * 18
