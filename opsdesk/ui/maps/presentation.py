"""Presentation mode for a projector: a page's canvas alone, full screen, with no chrome.
Editing and keyboard capture keep working; Escape (or F5) returns the canvas to the page.

The Process maps and the Value streams pages both present this way (``Presentable``):
each lends its canvas and its view, and sets its own look for the room (``presenting``):
large type on a process map; a value stream, drawn to scale, only fills the screen."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QGraphicsView, QVBoxLayout, QWidget


class Presentable(Protocol):
    presentation: QWidget | None

    @property
    def canvas(self) -> QWidget:
        """What goes full screen."""

    @property
    def canvas_column(self) -> QBoxLayout:
        """Where the canvas lives on its page."""

    @property
    def view(self) -> QGraphicsView:
        """The canvas's view: it takes the keys."""

    def presenting(self, on: bool) -> None:
        """The page's look for the room (on) or for the desk (off), the drawing fitted to
        the view's new size."""


class Presentation(QWidget):
    def __init__(self, page: Presentable, title: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.page = page
        self.setObjectName("mapPresentation")
        self.setStyleSheet("QWidget#mapPresentation { background: white; }")
        self.setWindowTitle(f"{title} — opsdesk")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self._index = -1
        self._returned = False

    def start(self, full_screen: bool = True) -> None:
        page, view = self.page, self.page.view
        self._index = page.canvas_column.indexOf(page.canvas)
        self.column.addWidget(page.canvas)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        page.presenting(True)
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
        page.presentation = None
        page.presenting(False)


def present(page: Presentable, title: str, full_screen: bool = True) -> Presentation:
    """``page``'s canvas in presentation mode (the window it opens)."""
    page.presentation = shown = Presentation(page, title)
    if not full_screen:
        shown.resize(page.canvas.window().size())
    shown.start(full_screen)
    return shown
