"""The map canvas's view: zoom, pan and fit, and the choice of gesture at each press.

Which interaction a left press starts depends on what is under the mouse: a selected
shape's corner resizes it, a selected flow's end reconnects it, a shape's rim connects
from it, its body moves the selection, a lane's title strip reorders the lane, its far
border resizes it, and empty canvas draws a rubber band. The middle button pans.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from opsdesk.core.maps.model import NodeKind
from opsdesk.ui.maps.band_item import BandItem
from opsdesk.ui.maps.connector_item import ConnectorItem
from opsdesk.ui.maps.interactions import (
    EditTarget,
    Interaction,
    MoveInteraction,
    PlaceInteraction,
    ResizeInteraction,
    RubberBandInteraction,
)
from opsdesk.ui.maps.lane_interactions import LaneDragInteraction, LaneResizeInteraction
from opsdesk.ui.maps.link_interactions import ConnectInteraction, ReconnectInteraction
from opsdesk.ui.maps.map_scene import MapScene
from opsdesk.ui.maps.shape_item import ShapeItem

RIM = 7.0  # screen pixels: how close to a shape's outline a press connects
HANDLE = 8.0  # screen pixels around a resize corner or a flow's end
ZOOM_MIN, ZOOM_MAX = 0.1, 6.0
READABLE = 0.5  # the smallest zoom at which a label can still be read


class MapView(QGraphicsView):
    readable_default = READABLE
    zoomed = Signal(float)
    node_activated = Signal(str)  # double-click on a shape, a flow or a lane's title
    gesture_done = Signal()
    placed = Signal()  # the armed kind was placed (the palette lets go of it)
    context_asked = Signal(str, object)  # the key under the mouse ("" for none), QPoint

    def __init__(self, scene: MapScene, edits: EditTarget, parent: QWidget | None = None
                 ) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.edits = edits
        self.read_only = False
        self.interaction: Interaction | None = None
        self.armed: NodeKind | None = None  # a palette kind the next click places
        self.readable = READABLE  # fit never goes below this zoom
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self._pan_from: QPointF | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- zoom and pan ------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = min(max(factor, ZOOM_MIN), ZOOM_MAX)
        self.scale(factor / self.zoom, factor / self.zoom)
        self.zoomed.emit(self.zoom)

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom * step)

    def fit(self) -> None:
        """The whole map in view, never larger than actual size; a map too long to read
        whole is shown from its start at the smallest readable zoom (the overview and
        the scroll bars reach the rest)."""
        rect = self.map_scene.sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.0 or self.zoom < self.readable:
            self.set_zoom(min(max(self.zoom, self.readable), 1.0))
            seen = self.visible_scene_rect()
            x = (rect.center().x() if seen.width() >= rect.width()
                 else rect.left() + seen.width() / 2)
            y = (rect.center().y() if seen.height() >= rect.height()
                 else rect.top() + seen.height() / 2)
            self.centerOn(x, y)
        self.zoomed.emit(self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    # -- choosing a gesture --------------------------------------------------------------
    def _tolerance(self, pixels: float) -> float:
        return pixels / max(self.zoom, 1e-6)

    def interaction_at(self, at: QPointF) -> Interaction | None:
        scene, near = self.map_scene, self._tolerance(HANDLE)
        if self.armed is not None:
            return PlaceInteraction(scene, self.edits, self.armed)
        for item in scene.selectedItems():
            if isinstance(item, ShapeItem) and len(scene.selectedItems()) == 1:
                corner = item.box_rect().bottomRight()
                if abs(corner.x() - at.x()) <= near and abs(corner.y() - at.y()) <= near:
                    return ResizeInteraction(scene, self.edits, item)
            if isinstance(item, ConnectorItem) and len(item.points) >= 2:
                for end, point in (("source", item.points[0]), ("target", item.points[-1])):
                    if (abs(point.x() - at.x()) <= near and abs(point.y() - at.y()) <= near):
                        return ReconnectInteraction(scene, self.edits, item, end)  # type: ignore[arg-type]
        shape = scene.shape_at(at.x(), at.y())
        if shape is not None:
            if self._on_rim(shape, at):
                return ConnectInteraction(scene, self.edits, shape)
            return MoveInteraction(scene, self.edits, shape)
        for item in scene.items(at):
            if isinstance(item, ConnectorItem):
                return _Select(scene, self.edits, item)
        band = scene.band_at(at.x(), at.y())
        if band is not None and band.spec.role == "lane":
            if self._on_far_border(band, at):
                return LaneResizeInteraction(scene, self.edits, band)
            if band.header_rect().contains(at):
                return LaneDragInteraction(scene, self.edits, band)
        for candidate in scene.bands.values():  # a border just outside the deepest band
            if candidate.spec.role == "lane" and self._on_far_border(candidate, at):
                return LaneResizeInteraction(scene, self.edits, candidate)
        return RubberBandInteraction(scene, self.edits)

    def _on_rim(self, shape: ShapeItem, at: QPointF) -> bool:
        r = shape.box_rect()
        rim = min(self._tolerance(RIM), min(r.width(), r.height()) / 4)
        inner = r.adjusted(rim, rim, -rim, -rim)
        return not inner.contains(at)

    def _on_far_border(self, band: BandItem, at: QPointF) -> bool:
        b, near = band.spec.box, self._tolerance(4)
        if band.spec.orientation == "horizontal":
            return abs(at.y() - b.bottom) <= near and b.x <= at.x() <= b.right
        return abs(at.x() - b.right) <= near and b.y <= at.y() <= b.bottom

    def cursor_at(self, at: QPointF) -> Qt.CursorShape:
        chosen = self.interaction_at(at)
        shapes = {ResizeInteraction: Qt.CursorShape.SizeFDiagCursor,
                  ConnectInteraction: Qt.CursorShape.CrossCursor,
                  ReconnectInteraction: Qt.CursorShape.CrossCursor,
                  MoveInteraction: Qt.CursorShape.SizeAllCursor,
                  LaneDragInteraction: Qt.CursorShape.OpenHandCursor,
                  PlaceInteraction: Qt.CursorShape.CrossCursor}
        if isinstance(chosen, LaneResizeInteraction):
            horizontal = chosen.lane.spec.orientation == "horizontal"
            return Qt.CursorShape.SizeVerCursor if horizontal else Qt.CursorShape.SizeHorCursor
        return shapes.get(type(chosen), Qt.CursorShape.ArrowCursor)

    # -- mouse -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        at = self.mapToScene(event.position().toPoint())
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        chosen = self.interaction_at(at)
        if self.read_only and not isinstance(chosen, RubberBandInteraction | _Select):
            chosen = _Select(self.map_scene, self.edits, None)
        if chosen is not None and chosen.press(at, event.modifiers()):
            self.interaction = chosen

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value()
                                                - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value()
                                              - round(delta.y()))
            return
        at = self.mapToScene(event.position().toPoint())
        if self.interaction is not None:
            self.interaction.move(at)
        elif not self.read_only:
            self.viewport().setCursor(self.cursor_at(at))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        if self.interaction is not None and event.button() == Qt.MouseButton.LeftButton:
            done, self.interaction = self.interaction, None
            done.release(self.mapToScene(event.position().toPoint()))
            if isinstance(done, PlaceInteraction):
                self.armed = None
                self.placed.emit()
            self.gesture_done.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        at = self.mapToScene(event.position().toPoint())
        scene = self.map_scene
        shape = scene.shape_at(at.x(), at.y())
        if shape is not None:
            self.node_activated.emit(shape.node_id)
            return
        flow = next((i for i in scene.items(at) if isinstance(i, ConnectorItem)), None)
        if flow is not None:
            self.node_activated.emit(flow.flow_id)
            return
        band = scene.band_at(at.x(), at.y())
        if band is not None and band.header_rect().contains(at):
            self.node_activated.emit(band.band_id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        at = self.mapToScene(event.pos())
        scene = self.map_scene
        shape = scene.shape_at(at.x(), at.y())
        flow = next((i for i in scene.items(at) if isinstance(i, ConnectorItem)), None)
        band = scene.band_at(at.x(), at.y())
        key = (shape.node_id if shape else flow.flow_id if flow
               else band.band_id if band and band.header_rect().contains(at) else "")
        if shape is not None and not shape.isSelected():
            scene.select([shape.node_id])
        self.context_asked.emit(key, event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.interaction.cancel()
            self.interaction = None
            return
        if event.key() == Qt.Key.Key_Escape and self.armed is not None:
            self.armed = None
            self.placed.emit()
            return
        if self.key_handler is not None and self.key_handler(event):
            return
        super().keyPressEvent(event)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()


class _Select(Interaction):
    """A click on a flow (or, read-only, on anything): select it, edit nothing."""

    def __init__(self, scene: MapScene, edits: EditTarget, item: ConnectorItem | None) -> None:
        super().__init__(scene, edits)
        self.item = item

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        item = self.item or self.scene.shape_at(at.x(), at.y())
        if not modifiers & (Qt.KeyboardModifier.ShiftModifier
                            | Qt.KeyboardModifier.ControlModifier):
            self.scene.clearSelection()
        if item is not None:
            item.setSelected(True)
        return True
