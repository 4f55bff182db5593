"""Connecting gestures: drag from a shape's edge to another shape, drag a flow's end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtWidgets import QGraphicsLineItem

from opsdesk.ui.maps.interactions import EditTarget, End, Interaction, feedback_pen

if TYPE_CHECKING:
    from opsdesk.ui.maps.connector_item import ConnectorItem
    from opsdesk.ui.maps.map_scene import MapScene
    from opsdesk.ui.maps.shape_item import ShapeItem


class ConnectInteraction(Interaction):
    """Drag from a shape's edge to another shape: one ``connect``."""

    def __init__(self, scene: MapScene, edits: EditTarget, source: ShapeItem) -> None:
        super().__init__(scene, edits)
        self.source = source
        self.line = QGraphicsLineItem()
        self.line.setPen(feedback_pen())
        self.line.setZValue(100)
        self.over: ShapeItem | None = None

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        self.scene.addItem(self.line)
        self.line.setLine(QLineF(self.source.box_rect().center(), at))
        return True

    def move(self, at: QPointF) -> None:
        self.line.setLine(QLineF(self.source.box_rect().center(), at))
        over = self.scene.shape_at(at.x(), at.y())
        target = over if over is not self.source else None
        if target is not self.over:
            if self.over is not None:
                self.over.setSelected(False)
            if target is not None:
                target.setSelected(True)  # the drop target lights up
            self.over = target

    def release(self, at: QPointF) -> None:
        self.scene.removeItem(self.line)
        target = self.scene.shape_at(at.x(), at.y())
        if self.over is not None:
            self.over.setSelected(False)
        if target is not None and target is not self.source:
            self.edits.connect_nodes(self.source.node_id, target.node_id)

    def cancel(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)
        if self.over is not None:
            self.over.setSelected(False)


class ReconnectInteraction(Interaction):
    """Drag one end of a selected flow to another shape: one ``reconnect``."""

    def __init__(self, scene: MapScene, edits: EditTarget, flow: ConnectorItem,
                 end: End) -> None:
        super().__init__(scene, edits)
        self.flow, self.end = flow, end
        self.line = QGraphicsLineItem()
        self.line.setPen(feedback_pen())
        self.line.setZValue(100)

    def _fixed(self) -> QPointF:
        points = self.flow.points
        return points[-1] if self.end == "source" else points[0]

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        self.scene.addItem(self.line)
        self.line.setLine(QLineF(self._fixed(), at))
        self.flow.setOpacity(0.35)
        return True

    def move(self, at: QPointF) -> None:
        self.line.setLine(QLineF(self._fixed(), at))

    def release(self, at: QPointF) -> None:
        self.cancel()
        target = self.scene.shape_at(at.x(), at.y())
        current = self.flow.spec.source if self.end == "source" else self.flow.spec.target
        if target is not None and target.node_id != current:
            self.edits.reconnect(self.flow.flow_id, self.end, target.node_id)

    def cancel(self) -> None:
        self.flow.setOpacity(1.0)
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)
