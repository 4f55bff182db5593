"""Opening a workspace from the GUI: locked, encrypted, read-only and foreign files kindly.

The opening itself (an upgrade with its backup copy included) runs off the GUI thread
through ``Worker.call``; every question (password, read-only) is asked on the GUI thread
between tries.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from opsdesk.core.workspace import Workspace, cipher
from opsdesk.core.workspace.lock import WorkspaceLocked
from opsdesk.ui import ask
from opsdesk.ui.errors import message_for, show_error

if TYPE_CHECKING:
    from opsdesk.ui.worker import Worker


class _Cancelled(Exception):
    pass


class _NeedsPassword(Exception):
    """The file is encrypted and no password was typed yet: ask, then try again."""


class _Prompt:
    """The password typed for this file, asked on the GUI thread when the file turns out
    to be encrypted (again after a wrong one); kept for the read-only retry."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        self.parent, self.path = parent, path
        self.value: str | None = None
        self.error = ""  # why the last password failed

    def known(self) -> str:
        """What the opening calls (off the GUI thread): never a dialog there."""
        if self.value is None:
            raise _NeedsPassword
        return self.value

    def ask(self) -> None:
        self.value = ask.password(self.parent, self.path, self.error)
        if self.value is None:
            raise _Cancelled

    def wrong(self, error: cipher.WrongPassword) -> None:
        self.value, self.error = None, str(error)


def _open(
    parent: QWidget | None, path: Path, create: bool, password: Callable[[], str],
    worker: Worker,
) -> Workspace | None:
    title = f"Opening {path.name}"
    try:
        return worker.call(lambda: Workspace.open(path, create=create, password=password),
                           title=title, write=True)
    except WorkspaceLocked as locked:
        if not ask.open_read_only(parent, locked):
            return None
        workspace = worker.call(lambda: Workspace.open(path, read_only=True, password=password),
                                title=title)
        workspace.read_only_reason = (
            f"open in {locked.holder.describe()}" if locked.holder else "open elsewhere"
        )
        return workspace


def open_workspace(
    parent: QWidget | None,
    path: Path,
    worker: Worker,
    *,
    create: bool = False,
    password: Callable[[], str] | None = None,
) -> Workspace | None:
    """Open ``path`` or explain why not; None when it was not opened.

    An encrypted workspace asks for its password (again after a wrong one) unless
    ``password`` gives it (``opsdesk open --password-file``).
    """
    prompt = _Prompt(parent, path)
    while True:
        try:
            return _open(parent, path, create, password or prompt.known, worker)
        except _NeedsPassword:
            try:
                prompt.ask()
            except _Cancelled:
                return None
            except Exception as error:  # nobody to ask (opsdesk shot): it says why
                show_error(parent, message_for(error, f"opening {path.name}"))
                return None
        except cipher.WrongPassword as wrong:
            if password is not None:
                show_error(parent, str(wrong))
                return None
            prompt.wrong(wrong)
        except Exception as error:
            show_error(parent, message_for(error, f"opening {path.name}"))
            return None
