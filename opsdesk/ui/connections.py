"""Connections to the open workspace for the pool threads and the writer, kept open.

Closing a connection makes SQLite fold the log into the file whenever no other
connection is reading: a checkpoint after every background read and every write. So a
thread borrows one for its work and gives it back; they are closed when the workspace is.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the workspace code loads after the window's first paint
    import sqlite3

    from opsdesk.core.workspace import Workspace


class Connections:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._workspace: Workspace | None = None

    @contextmanager
    def borrow(self, workspace: Workspace) -> Iterator[sqlite3.Connection]:
        """A connection of this thread's own for the time of the block (any thread)."""
        with self._lock:
            conn = self._idle.pop() if workspace is self._workspace and self._idle else None
        if conn is None:
            conn = workspace.connect_again()
        try:
            yield conn
        finally:
            with self._lock:
                keep = workspace is self._workspace
                if keep:
                    self._idle.append(conn)
            if not keep:  # another workspace was opened meanwhile
                conn.close()

    def reset(self, workspace: Workspace | None) -> None:
        """Another workspace (or none): close the idle connections of the old one (GUI
        thread, before the old workspace closes)."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._workspace = workspace
        for conn in idle:
            conn.close()
