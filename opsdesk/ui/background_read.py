"""Reads for pages off the GUI thread (DESIGN.md rule 9).

A page computes what it shows in the pool, on a connection of its own, and sets its model
back on the GUI thread. A newer read makes the older ones stale: their results are
dropped, so a page never shows an older state after a newer one. While a read runs the
page shows a busy cursor; a read that fails goes to the one error path
(``AppContext.report_error``). Anki's ``QueryOp`` is the model::

    self.reads = BackgroundRead(ctx, self)
    self.reads.run(lambda conn: compute_statuses(conn, as_of), self.show_statuses)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from opsdesk.ui.app_context import AppContext

T = TypeVar("T")


class BackgroundRead(QObject):
    """One page's reads: only the newest one's result is applied."""

    def __init__(self, ctx: AppContext, page: QWidget) -> None:
        super().__init__(page)
        self._ctx = ctx
        self._page = page
        self._generation = 0
        self._running = 0

    def run(self, compute: Callable[[sqlite3.Connection], T], apply: Callable[[T], None],
            doing: str = "reading the workspace") -> None:
        """``compute(conn)`` in the pool, then ``apply(result)`` on the GUI thread unless a
        newer read started meanwhile or another workspace was opened."""
        workspace = self._ctx.workspace
        if workspace is None:
            return
        self._generation += 1
        generation = self._generation

        def work(_task: object) -> T:
            with self._ctx.connections.borrow(workspace) as conn:
                return compute(conn)

        def current() -> bool:
            return generation == self._generation and workspace is self._ctx.workspace

        def done(result: T) -> None:
            self._ended()
            if current():
                apply(result)

        def failed(error: BaseException) -> None:
            self._ended()
            if current():
                self._ctx.report_error(error, doing)

        self._running += 1
        if self._running == 1:
            self._page.setCursor(Qt.CursorShape.BusyCursor)
        self._ctx.worker.run(work, title="Reading", on_done=done, on_error=failed,
                             show_progress=False)

    def drop_pending(self) -> None:
        """Results of reads already started are not wanted any more."""
        self._generation += 1

    @property
    def running(self) -> bool:
        return self._running > 0

    def _ended(self) -> None:
        self._running -= 1
        if self._running == 0:
            self._page.unsetCursor()
