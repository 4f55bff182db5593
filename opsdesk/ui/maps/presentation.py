"""Presentation mode for a projector: the page's canvas alone, full screen, in large
type, with no chrome. Editing and keyboard capture keep working; Escape (or F5) returns
the canvas to the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from opsdesk.ui.maps.look import Look
from opsdesk.ui.maps.map_view import MapView

if TYPE_CHECKING:
    from opsdesk.ui.pages.process_maps_page import ProcessMapsPage

TEXT_SCALE = 1.6
READABLE = 0.8  # from the back of a room: fit shows part of a long map, larger


class Presentation(QWidget):
    def __init__(self, page: ProcessMapsPage) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.page = page
        self.setObjectName("mapPresentation")
        self.setStyleSheet("QWidget#mapPresentation { background: white; }")
        if page.pmap is not None:
            self.setWindowTitle(f"{page.pmap.name} — opsdesk")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self._index = -1
        self._returned = False

    def start(self, full_screen: bool = True) -> None:
        page, view = self.page, self.page.view
        self._index = page.canvas_column.indexOf(page.canvas)
        self.column.addWidget(page.canvas)
        view.setFrameShape(QFrame.Shape.NoFrame)
        for bar in (Qt.ScrollBarPolicy.ScrollBarAlwaysOff,):
            view.setHorizontalScrollBarPolicy(bar)
            view.setVerticalScrollBarPolicy(bar)
        view.readable = READABLE
        page.canvas.show_overview = False
        page.set_look(Look(text_scale=TEXT_SCALE))
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        view.fit()
        view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.give_back()
        super().closeEvent(event)

    def give_back(self) -> None:
        """The canvas back in its page, in the page's look."""
        if self._returned:
            return
        self._returned = True
        page, view = self.page, self.page.view
        page.canvas_column.insertWidget(max(self._index, 0), page.canvas, 1)
        view.setFrameShape(QFrame.Shape.StyledPanel)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        view.readable = MapView.readable_default
        page.canvas.show_overview = True
        page.set_look(Look())
        page.presentation = None
        view.fit()
