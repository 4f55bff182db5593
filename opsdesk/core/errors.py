"""Errors that carry one plain sentence for the user.

Anything raised as an ``OpsdeskError`` is expected bad input (a broken file, a locked
workspace, a wrong value): its message is shown as is and nothing has changed.
Everything else is a bug and goes to the log file.
"""

from __future__ import annotations

from pathlib import Path


class OpsdeskError(Exception):
    """An expected failure; ``str(error)`` is one sentence a user can act on."""


class NoWorkspace(OpsdeskError):
    """There is no file at ``path`` to open as a workspace."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no workspace at {path}.")
        self.path = path


class Cancelled(Exception):
    """Raised by long work when its ``cancelled()`` callback says so; nothing was changed."""
