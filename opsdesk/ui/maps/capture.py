"""Keyboard capture for workshops: type a step's name, Enter, and it is on the map.

Typing on the canvas opens a name box at its foot. Enter adds the name as the next step
in the current lane, to the right of the current step and connected from it, and makes
it current; the box stays open for the next name. A name ending in "?" is a decision
(an exclusive gateway). Tab moves the next step to the next lane (Shift+Tab: back),
Escape closes the box. The palette's buttons add their kind the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from opsdesk.core.maps.layout import SIZES
from opsdesk.core.maps.model import Box, NodeKind, Point, ProcessMap

GAP = 50.0  # between a step and the next one added after it


def next_place(pmap: ProcessMap, current: str | None, lane: str | None, kind: NodeKind
               ) -> Point:
    """The centre of a step added after ``current`` in ``lane``: to its right, at the
    lane's middle, moved on right past any shape already there."""
    w, h = SIZES[kind]
    band = pmap.lane_by_id[lane].box if lane is not None and lane in pmap.lane_by_id else None
    node = pmap.node_by_id.get(current) if current else None
    if node is not None and node.box is not None:
        x = node.box.right + GAP + w / 2
        y = node.box.cy
    elif band is not None:
        x, y = band.x + 30 + GAP + w / 2, band.cy
    else:
        x, y = 80.0 + w / 2, 80.0 + h / 2
    if band is not None and not band.y <= y <= band.bottom:
        y = band.cy
    boxes = [n.box for n in pmap.nodes if n.box is not None]
    while any(_overlaps(Box(x - w / 2, y - h / 2, w, h), b) for b in boxes):
        x += GAP + w
    return Point(x, y)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def kind_for(name: str) -> NodeKind:
    return "exclusive" if name.rstrip().endswith("?") else "task"


class Capture(QObject):
    """The name box and the current step and lane it adds after and into."""

    def __init__(self, host: QWidget, add_next: Callable[[NodeKind, str, str | None], None]
                 ) -> None:
        super().__init__(host)
        self.add_next = add_next
        self.lanes: list[str] = []  # leaf lanes, in drawing order
        self.lane_names: dict[str, str] = {}
        self.lane: str | None = None
        self.box = QWidget(host)
        self.box.setObjectName("captureBox")
        self.box.setAutoFillBackground(True)
        self.where = QLabel()
        self.where.setObjectName("heading")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Step name, Enter to add · ends in ? for a decision · "
                                     "Tab: next lane · Esc: done")
        row = QHBoxLayout(self.box)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.where)
        row.addWidget(self.edit, 1)
        self.edit.installEventFilter(self)
        self.box.hide()

    @property
    def active(self) -> bool:
        return self.box.isVisible()

    def set_lanes(self, pmap: ProcessMap, order: list[str]) -> None:
        self.lanes = order
        self.lane_names = {x.id: x.name or x.id for x in pmap.lanes}
        if self.lane not in self.lanes:
            self.lane = self.lanes[0] if self.lanes else None
        self._say_where()

    def follow(self, lane: str | None) -> None:
        """The current step changed: the next one goes into its lane."""
        if lane is not None:
            self.lane = lane
        self._say_where()

    def _say_where(self) -> None:
        name = self.lane_names.get(self.lane or "", "")
        self.where.setText(f"Next step in {name}:" if name else "Next step:")

    def open(self, text: str = "") -> None:
        host = self.box.parentWidget()
        assert host is not None
        height = self.box.sizeHint().height()
        self.box.setGeometry(0, host.height() - height, host.width(), height)
        self.box.show()
        self.box.raise_()
        self.edit.setText(text)
        self.edit.setFocus()

    def close(self) -> None:
        self.box.hide()
        host = self.box.parentWidget()
        if host is not None:
            host.setFocus()

    def step_lane(self, direction: int) -> None:
        if not self.lanes:
            return
        i = self.lanes.index(self.lane) if self.lane in self.lanes else -1
        self.lane = self.lanes[(i + direction) % len(self.lanes)]
        self._say_where()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.edit or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            name = self.edit.text().strip()
            if name:
                self.edit.clear()
                self.add_next(kind_for(name), name, self.lane)
            return True
        if key == Qt.Key.Key_Tab:
            self.step_lane(1)
            return True
        if key == Qt.Key.Key_Backtab:
            self.step_lane(-1)
            return True
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        return False


def starts_capture(event: QKeyEvent) -> bool:
    """A key that opens the name box: printable text, no Ctrl/Alt/Meta."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & \
        ~Qt.KeyboardModifier.KeypadModifier
    text = event.text()
    return bool(text) and text.isprintable() and not text.isspace() and \
        mods == Qt.KeyboardModifier.NoModifier
