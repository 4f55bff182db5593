"""The overview: the whole map small, with the canvas's view as a frame to drag.

The map is drawn once into a picture and redrawn only when the scene changes; a pan or a
zoom of the canvas repaints the frame over that picture, never the map's items again.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from opsdesk.ui.maps import look as lk
from opsdesk.ui.maps.map_view import MapView

SETTLE_MS = 150


class Overview(QWidget):
    def __init__(self, main: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.picture: QPixmap | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Bound methods, not lambdas: Qt lets go of them when this widget goes.
        main.horizontalScrollBar().valueChanged.connect(self._moved)
        main.verticalScrollBar().valueChanged.connect(self._moved)
        main.zoomed.connect(self._moved)
        # a drag changes the scene on every move: redraw once it has settled
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.redraw)
        main.map_scene.changed.connect(self._changed)
        main.map_scene.sceneRectChanged.connect(self._changed)

    def _moved(self, *_: object) -> None:
        self.update()

    def _changed(self, *_: object) -> None:
        self._soon.start()

    def redraw(self) -> None:
        self.picture = None
        self.update()

    def fit(self) -> None:
        self.redraw()

    def _target(self) -> QRectF:
        """Where the scene's rectangle is drawn in this widget (aspect kept, centred)."""
        rect = self.main.map_scene.sceneRect()
        if rect.isEmpty():
            return QRectF()
        scale = min((self.width() - 4) / rect.width(), (self.height() - 4) / rect.height())
        w, h = rect.width() * scale, rect.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255, 235))
        painter.setPen(QPen(QColor(lk.BORDER), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        target = self._target()
        if target.isEmpty():
            return
        if self.picture is None or self.picture.size() != self.size():
            self.picture = QPixmap(self.size())
            self.picture.fill(Qt.GlobalColor.transparent)
            inner = QPainter(self.picture)
            inner.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.main.map_scene.render(inner, target, self.main.map_scene.sceneRect())
            inner.end()
        painter.drawPixmap(0, 0, self.picture)
        seen = self._to_widget(self.main.visible_scene_rect())
        pen = QPen(QColor(lk.SELECTED), 2)
        painter.setPen(pen)
        painter.setBrush(QColor(31, 95, 153, 25))
        painter.drawRect(seen.intersected(target.adjusted(-1, -1, 1, 1)))

    def _to_widget(self, r: QRectF) -> QRectF:
        scene, target = self.main.map_scene.sceneRect(), self._target()
        k = target.width() / scene.width()
        return QRectF(target.x() + (r.x() - scene.x()) * k, target.y() + (r.y() - scene.y()) * k,
                      r.width() * k, r.height() * k)

    def _to_scene(self, at: QPointF) -> QPointF:
        scene, target = self.main.map_scene.sceneRect(), self._target()
        k = scene.width() / max(target.width(), 1e-6)
        return QPointF(scene.x() + (at.x() - target.x()) * k, scene.y() + (at.y() - target.y()) * k)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.main.centerOn(self._to_scene(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.main.centerOn(self._to_scene(event.position()))
