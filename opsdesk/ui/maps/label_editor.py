"""In-place label editing (double-click or F2): a text box over the shape, flow or lane
title, Enter to keep the new text (one rename), Escape to leave it as it was."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from opsdesk.ui.maps.map_view import MapView


class LabelEditor(QObject):
    def __init__(self, view: MapView, rename: Callable[[str, str], None]) -> None:
        super().__init__(view)
        self.view, self.rename = view, rename
        self.key: str | None = None
        self.edit = QLineEdit(view.viewport())
        self.edit.setObjectName("labelEditor")
        self.edit.hide()
        self.edit.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.edit.isVisible()

    def start(self, key: str) -> None:
        """Edit the label of the shape, flow or lane called ``key``."""
        scene = self.view.map_scene
        text, rect = "", QRectF()
        if key in scene.shapes:
            item = scene.shapes[key]
            text, rect = item.spec.text, item.box_rect()
        elif key in scene.connectors:
            c = scene.connectors[key]
            text, rect = c.spec.label, c.boundingRect()
        elif key in scene.bands:
            band = scene.bands[key]
            text, rect = band.spec.title, band.header_rect()
        else:
            return
        self.key = key
        view_rect = self.view.mapFromScene(rect).boundingRect()
        width = max(view_rect.width(), 160)
        height = self.edit.sizeHint().height()
        self.edit.setGeometry(view_rect.center().x() - width // 2,
                              view_rect.center().y() - height // 2, width, height)
        self.edit.setText(text)
        self.edit.selectAll()
        self.edit.show()
        self.edit.setFocus()

    def finish(self, keep: bool) -> None:
        key, text = self.key, self.edit.text().strip()
        self.key = None
        self.edit.hide()
        self.view.setFocus()
        if keep and key is not None:
            self.rename(key, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.finish(keep=True)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.finish(keep=False)
                return True
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and self.key:
            self.finish(keep=True)
        return False
