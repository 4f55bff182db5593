"""View › Zoom, Full Screen and Hide Sidebar: for a workshop on a projector.

Zoom scales the application font, every text size of the stylesheet and the charts (they
follow their widget's font) in steps, and is remembered with the sidebar's state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMenu

from opsdesk.ui import style
from opsdesk.ui.shortcut_keys import STANDARD
from opsdesk.ui.window_settings import settings

if TYPE_CHECKING:
    from opsdesk.ui.main_window import MainWindow

STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


def next_step(current: float, direction: int) -> float:
    """The zoom one step up (direction 1) or down (-1) from ``current``."""
    if direction > 0:
        return next((s for s in STEPS if s > current + 1e-6), STEPS[-1])
    return next((s for s in reversed(STEPS) if s < current - 1e-6), STEPS[0])


def stored_zoom() -> float:
    try:
        value = float(settings().value("zoom", 1.0))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return min(max(value, STEPS[0]), STEPS[-1])


class ViewControls(QObject):
    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.zoom = 1.0
        self._was_maximized = False
        menu.addSeparator()
        self.zoom_in = window._action(menu, "Zoom &In", lambda: self.set_zoom(
            next_step(self.zoom, 1)), f"{STANDARD}ZoomIn", "Ctrl+=")
        self.zoom_out = window._action(menu, "Zoom &Out", lambda: self.set_zoom(
            next_step(self.zoom, -1)), f"{STANDARD}ZoomOut")
        self.zoom_reset = window._action(menu, "&Actual Size", lambda: self.set_zoom(1.0),
                                         "Ctrl+0")
        menu.addSeparator()
        self.full_screen = window._action(menu, "&Full Screen", self.toggle_full_screen,
                                          f"{STANDARD}FullScreen", "F11")
        self.full_screen.setCheckable(True)
        self.hide_sidebar = window._action(menu, "Hide &Sidebar", self.set_sidebar_hidden,
                                           "Ctrl+B")
        self.hide_sidebar.setCheckable(True)
        window.installEventFilter(self)

    def restore(self) -> None:
        """The zoom and sidebar of the last session."""
        if not self.window.remember:  # an offscreen render: the user's settings stay theirs
            return
        zoom = stored_zoom()
        if zoom != 1.0:
            self.set_zoom(zoom, announce=False)
        hidden = str(settings().value("sidebar_hidden", "false")).lower() == "true"
        self.hide_sidebar.setChecked(hidden)
        self.window.rail.setVisible(not hidden)  # as stored: nothing to write back

    def set_zoom(self, zoom: float, *, announce: bool = True) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        self.zoom = zoom
        style.apply(app, zoom)
        self.window.rail.setFixedWidth(style.rail_width(zoom))
        self.zoom_in.setEnabled(zoom < STEPS[-1])
        self.zoom_out.setEnabled(zoom > STEPS[0])
        self._store("zoom", zoom)
        if announce:
            self.window.statusBar().showMessage(f"Zoom {round(zoom * 100)} %", 2000)

    def toggle_full_screen(self) -> None:
        window = self.window
        if window.isFullScreen():
            window.showMaximized() if self._was_maximized else window.showNormal()
        else:
            self._was_maximized = window.isMaximized()
            window.showFullScreen()
        self.full_screen.setChecked(window.isFullScreen())

    def set_sidebar_hidden(self, hidden: bool) -> None:
        self.window.rail.setVisible(not hidden)
        self._store("sidebar_hidden", hidden)

    def _store(self, key: str, value: object) -> None:
        if self.window.remember:
            settings().setValue(key, value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowStateChange:
            self.full_screen.setChecked(self.window.isFullScreen())  # also when the WM ends it
        return False
