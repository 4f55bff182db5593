"""Opening a workspace from the GUI: locked, encrypted, read-only and foreign files kindly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from opsdesk.core.workspace import Workspace, cipher
from opsdesk.core.workspace.lock import WorkspaceLocked
from opsdesk.ui import ask
from opsdesk.ui.errors import message_for, show_error


class _Cancelled(Exception):
    pass


class _Prompt:
    """Asks for the password when the file turns out to be encrypted, once per try."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        self.parent, self.path = parent, path
        self.value: str | None = None
        self.error = ""  # why the last password failed

    def __call__(self) -> str:
        if self.value is None:  # kept for the read-only retry of a locked workspace
            self.value = ask.password(self.parent, self.path, self.error)
            if self.value is None:
                raise _Cancelled
        return self.value

    def wrong(self, error: cipher.WrongPassword) -> None:
        self.value, self.error = None, str(error)


def _open(
    parent: QWidget | None, path: Path, create: bool, password: Callable[[], str]
) -> Workspace | None:
    try:
        return Workspace.open(path, create=create, password=password)
    except WorkspaceLocked as locked:
        if not ask.open_read_only(parent, locked):
            return None
        workspace = Workspace.open(path, read_only=True, password=password)
        workspace.read_only_reason = (
            f"open in {locked.holder.describe()}" if locked.holder else "open elsewhere"
        )
        return workspace


def open_workspace(
    parent: QWidget | None,
    path: Path,
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
            return _open(parent, path, create, password or prompt)
        except cipher.WrongPassword as wrong:
            if password is not None:
                show_error(parent, str(wrong))
                return None
            prompt.wrong(wrong)
        except _Cancelled:
            return None
        except Exception as error:
            show_error(parent, message_for(error, f"opening {path.name}"))
            return None
