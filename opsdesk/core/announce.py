"""Where a workspace says what it did on opening (an upgrade): the CLI prints it on stderr,
the app shows it (each is also kept in ``Workspace.notices``).

A module of its own, outside ``core.workspace``, so the CLI can set the listener without
loading the workspace code (the app's start-up).
"""

from __future__ import annotations

from collections.abc import Callable


def _tell_nobody(message: str) -> None:
    pass


listener: Callable[[str], None] = _tell_nobody


def announce(message: str) -> None:
    listener(message)
