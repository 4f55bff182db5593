"""Starting the desktop app."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from opsdesk import __version__
from opsdesk.ui import style
from opsdesk.ui.errors import install_excepthook
from opsdesk.ui.main_window import MainWindow


def _qt_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # Some platforms (offscreen among them) warn about window hints they cannot honour;
    # that says nothing about opsdesk, so keep it out of the output.
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def make_app(*, icon_now: bool = True) -> QApplication:
    """The application, made once. ``icon_now=False`` (the app's start-up) leaves its icon
    to ``set_icon``, called right after the window's first paint: finding and loading the
    SVG (its icon engine, importlib.resources) costs some 5 ms before it."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Made with Fusion (style.apply's look) rather than given it after: setStyle costs
        # some 5 ms of start-up.
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
        app.setProperty(style.FUSION_SET, True)
        qInstallMessageHandler(_qt_messages)
        app.setApplicationName("opsdesk")
        app.setApplicationVersion(__version__)
        app.setOrganizationName("opsdesk")
        app.setDesktopFileName("opsdesk")  # the .desktop entry: its icon and name on Wayland
        if icon_now:
            set_icon(app)
        style.apply(app)
        from opsdesk.ui import gui_gc

        gui_gc.install(app)
    return app


def set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    from opsdesk.core.resources import resource

    # A real file in every install opsdesk has (a checkout, a wheel, the one-folder bundle).
    app.setWindowIcon(QIcon(str(resource("icons", "opsdesk.svg"))))


class _QuitOnFirstPaint(QObject):
    """For the start-up benchmark: quit as soon as the window has painted once."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


def run(
    path: Path, *, seed_demo_if_new: bool = False, password: Callable[[], str] | None = None
) -> int:
    """Open the app on ``path`` (created, and seeded with the demo, if it is new).

    ``password`` answers for an encrypted workspace instead of the prompt.
    """
    app = make_app(icon_now=False)
    install_excepthook()
    window = MainWindow()
    window.first_painted.connect(lambda: set_icon(app))
    if seed_demo_if_new and not path.exists():
        from opsdesk.core.demo import write_demo

        write_demo(path)
    # The window paints first, with "Opening <name>…" where the page goes; the workspace
    # opens (its questions and errors asked over the window) right after that paint.
    window.open_when_shown(path, create=True, password=password)
    window.show()
    probe_mode = os.environ.get("OPSDESK_QUIT_AFTER_PAINT")  # start-up benchmark only
    if probe_mode:
        probe = _QuitOnFirstPaint(window)
        if probe_mode == "page":  # the first page filled and painted
            window.page_ready.connect(lambda page: page.installEventFilter(probe))
        else:  # the window itself
            window.navigation.viewport().installEventFilter(probe)
    return app.exec()
