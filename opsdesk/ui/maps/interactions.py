"""Gestures on the map canvas, one small object each (press, move, release, cancel).

The view (``map_view``) picks an interaction when a button goes down, by what is under
the mouse, and hands it the mouse until release. An interaction draws only its own
feedback (a rubber band, a line being connected, guides) and, on release, asks the
editor for one edit (``EditTarget``): one gesture is one command, so one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsRectItem

from opsdesk.core.maps.model import Box, NodeKind
from opsdesk.ui.maps import look as lk
from opsdesk.ui.maps.snapping import Snap, snap_move

if TYPE_CHECKING:
    from opsdesk.ui.maps.map_scene import MapScene
    from opsdesk.ui.maps.shape_item import ShapeItem

End = Literal["source", "target"]
MIN_SIZE = 20.0


class EditTarget(Protocol):
    """What a finished gesture asks for; the editor turns each into one command."""

    def move_nodes(self, moves: dict[str, tuple[float, float]]) -> None:
        """Move nodes so their boxes' top-left corners are at the given points."""

    def resize_node(self, node_id: str, box: Box) -> None: ...

    def connect_nodes(self, source: str, target: str) -> None: ...

    def reconnect(self, flow_id: str, end: End, node_id: str) -> None: ...

    def move_lane(self, lane_id: str, before: str | None) -> None:
        """Put the lane before sibling ``before`` (None: last)."""

    def resize_lane(self, lane_id: str, size: float) -> None:
        """Make the lane ``size`` high (horizontal) or wide (vertical)."""

    def place(self, kind: NodeKind, x: float, y: float) -> None:
        """Add a node of ``kind`` centred at (x, y) (connected from the selected step)."""


class Interaction:
    """One gesture. ``press`` returns False to decline it (the view tries no other)."""

    def __init__(self, scene: MapScene, edits: EditTarget) -> None:
        self.scene, self.edits = scene, edits

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        return True

    def move(self, at: QPointF) -> None: ...

    def release(self, at: QPointF) -> None: ...

    def cancel(self) -> None:
        """Escape: undo the feedback, ask for nothing."""


def feedback_pen(color: str = lk.SELECTED, dashed: bool = True) -> QPen:
    pen = QPen(QColor(color), 1.5)
    pen.setCosmetic(True)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


class MoveInteraction(Interaction):
    """Drag the selected shapes; snaps to the grid and to other shapes' edges and
    centres (guides shown). The drop is one ``move_nodes``."""

    def __init__(self, scene: MapScene, edits: EditTarget, grabbed: ShapeItem) -> None:
        super().__init__(scene, edits)
        self.grabbed = grabbed
        self.start = QPointF()
        self.moved = False
        self.items: list[ShapeItem] = []
        self.origin: dict[str, QPointF] = {}
        self.guides: list[QGraphicsLineItem] = []

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        additive = bool(modifiers & (Qt.KeyboardModifier.ShiftModifier
                                     | Qt.KeyboardModifier.ControlModifier))
        if additive:
            self.grabbed.setSelected(not self.grabbed.isSelected())
        elif not self.grabbed.isSelected():
            self.scene.clearSelection()
            self.grabbed.setSelected(True)
        self.start = at
        ids = set(self.scene.selected_node_ids())
        self.items = [self.scene.shapes[i] for i in ids if i in self.scene.shapes]
        self.origin = {item.node_id: item.pos() for item in self.items}
        return True

    def move(self, at: QPointF) -> None:
        if not self.items:
            return
        delta = at - self.start
        if not self.moved and abs(delta.x()) + abs(delta.y()) < 3:
            return  # a click, not a drag
        self.moved = True
        moving = {item.node_id for item in self.items}
        others = [item.box_rect() for item in self.scene.shapes.values()
                  if item.node_id not in moving]
        g = self.grabbed.spec.box
        origin = self.origin.get(self.grabbed.node_id, self.grabbed.pos())
        snap = snap_move(QRectF(origin.x() + delta.x(), origin.y() + delta.y(), g.w, g.h),
                         others)
        for item in self.items:
            o = self.origin[item.node_id]
            item.setPos(o.x() + delta.x() + snap.dx, o.y() + delta.y() + snap.dy)
        self._show_guides(snap)

    def _show_guides(self, snap: Snap) -> None:
        self._clear_guides()
        for line in snap.guides:
            item = QGraphicsLineItem(line)
            item.setPen(feedback_pen(lk.GUIDE))
            item.setZValue(100)
            self.scene.addItem(item)
            self.guides.append(item)

    def _clear_guides(self) -> None:
        for item in self.guides:
            self.scene.removeItem(item)
        self.guides = []

    def release(self, at: QPointF) -> None:
        self._clear_guides()
        if not self.moved:
            return
        moves = {item.node_id: (item.pos().x(), item.pos().y()) for item in self.items}
        self.edits.move_nodes(moves)

    def cancel(self) -> None:
        self._clear_guides()
        for item in self.items:
            item.setPos(self.origin[item.node_id])


class RubberBandInteraction(Interaction):
    """Drag on empty canvas: select the shapes and flows inside the band."""

    def __init__(self, scene: MapScene, edits: EditTarget) -> None:
        super().__init__(scene, edits)
        self.band = QGraphicsRectItem()
        self.band.setPen(feedback_pen())
        self.band.setBrush(QColor(31, 95, 153, 30))
        self.band.setZValue(100)
        self.start = QPointF()
        self.additive = False
        self.kept: set[object] = set()

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        self.start = at
        self.additive = bool(modifiers & (Qt.KeyboardModifier.ShiftModifier
                                          | Qt.KeyboardModifier.ControlModifier))
        if not self.additive:
            self.scene.clearSelection()
        self.kept = set(self.scene.selectedItems())
        self.band.setRect(QRectF(at, at))
        self.scene.addItem(self.band)
        return True

    def move(self, at: QPointF) -> None:
        rect = QRectF(self.start, at).normalized()
        self.band.setRect(rect)
        inside = {id(item) for item in [*self.scene.shapes.values(),
                                        *self.scene.connectors.values()]
                  if rect.contains(item.sceneBoundingRect())}
        for item in [*self.scene.shapes.values(), *self.scene.connectors.values()]:
            item.setSelected(id(item) in inside or item in self.kept)

    def release(self, at: QPointF) -> None:
        self.move(at)
        self.scene.removeItem(self.band)

    def cancel(self) -> None:
        if self.band.scene() is not None:
            self.scene.removeItem(self.band)


class ResizeInteraction(Interaction):
    """Drag a selected shape's bottom-right corner: one ``resize_node``."""

    def __init__(self, scene: MapScene, edits: EditTarget, item: ShapeItem) -> None:
        super().__init__(scene, edits)
        self.item = item
        self.outline = QGraphicsRectItem()
        self.outline.setPen(feedback_pen())
        self.outline.setZValue(100)

    def _rect(self, at: QPointF) -> QRectF:
        top_left = self.item.box_rect().topLeft()
        w = max(MIN_SIZE, round((at.x() - top_left.x()) / 5) * 5)
        h = max(MIN_SIZE, round((at.y() - top_left.y()) / 5) * 5)
        return QRectF(top_left.x(), top_left.y(), w, h)

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        self.outline.setRect(self.item.box_rect())
        self.scene.addItem(self.outline)
        return True

    def move(self, at: QPointF) -> None:
        self.outline.setRect(self._rect(at))

    def release(self, at: QPointF) -> None:
        r = self._rect(at)
        self.cancel()
        if r != self.item.box_rect():
            self.edits.resize_node(self.item.node_id, Box(r.x(), r.y(), r.width(), r.height()))

    def cancel(self) -> None:
        if self.outline.scene() is not None:
            self.scene.removeItem(self.outline)


class PlaceInteraction(Interaction):
    """A click with a palette kind armed: one ``place`` where the button went up."""

    def __init__(self, scene: MapScene, edits: EditTarget, kind: NodeKind) -> None:
        super().__init__(scene, edits)
        self.kind = kind

    def release(self, at: QPointF) -> None:
        self.edits.place(self.kind, at.x(), at.y())

