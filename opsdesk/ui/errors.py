"""How the app reports errors: one plain sentence on screen, the traceback in the log."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from opsdesk.core.errors import OpsdeskError


def message_for(error: BaseException, doing: str) -> str:
    if isinstance(error, OpsdeskError):
        return str(error)
    from opsdesk.core.logging_setup import log_unexpected

    return log_unexpected(doing, error)


def show_error(parent: QWidget | None, message: str, title: str = "opsdesk") -> None:
    app = QApplication.instance()
    if app is None:  # no GUI yet (or any more): say it on stderr
        print(f"opsdesk: {message}", file=sys.stderr)
        return
    from opsdesk.ui import ask
    from opsdesk.ui.widgets import plain_text

    plain_text.install(app)  # type: ignore[arg-type]  # the guard, if before the first paint
    ask.warning(parent, title, message)


def install_excepthook(main: QWidget | None = None) -> None:
    """Unexpected exceptions anywhere in the GUI: log them, show one sentence.

    ``main``: the window to report to when none is active (as in ``opsdesk shot``)."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        error.__traceback__ = tb
        window = QApplication.activeWindow() or main
        ctx = getattr(window, "ctx", None)
        if ctx is not None:  # the main window: a damaged file is said, and stops writes
            ctx.report_error(error, "handling that")
            return
        show_error(window, message_for(error, "handling that"))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:  # logged only: a thread has no dialog to show
            message_for(args.exc_value, "running background work")

    sys.excepthook = hook
    threading.excepthook = thread_hook
