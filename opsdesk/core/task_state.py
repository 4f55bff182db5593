"""The state of one long task (DESIGN.md rule 2): how far it got, and whether to stop.

Long work in core (an import, a report build, an analysis) takes a ``TaskState`` and
calls ``task.progress(fraction, message)`` as it goes and ``task.check()`` (or reads
``task.cancelled``) where it can stop cleanly. Whoever runs it makes the state: the UI's
worker with a reporter that moves the progress dialog, whose Cancel button calls
``cancel()`` from the GUI thread; the CLI and the tests with ``TaskState()``, which
reports to nobody. A command never keeps one: it gets it from its transaction
(``tx.task``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from opsdesk.core.errors import Cancelled

Reporter = Callable[[float, str], None]


class TaskState:
    """Progress (a fraction from 0 to 1 and a message) and a cancel flag, shared between
    the thread doing the work and the one watching it."""

    def __init__(self, report: Reporter | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()
        self.fraction = 0.0
        self.message = ""

    def progress(self, fraction: float, message: str = "") -> None:
        """Record how far the work got (clamped to 0..1) and tell the reporter."""
        self.fraction = max(0.0, min(1.0, fraction))
        self.message = message or self.message
        if self._report is not None:
            self._report(self.fraction, self.message)

    def cancel(self) -> None:
        """Ask the work to stop (any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the work was asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()
