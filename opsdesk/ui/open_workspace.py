"""Opening a workspace from the GUI: locked, read-only and foreign files handled kindly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.lock import WorkspaceLocked
from opsdesk.ui.errors import message_for, show_error


def ask_read_only(parent: QWidget | None, error: WorkspaceLocked) -> bool:
    if QApplication.platformName() == "offscreen":
        return True  # shots and tests: nobody to ask; read-only is the safe answer
    answer = QMessageBox.question(
        parent,
        "Workspace in use",
        f"{error}\n\nOpen it read-only?",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Open,
    )
    return answer == QMessageBox.StandardButton.Open


def open_workspace(parent: QWidget | None, path: Path, *, create: bool = False) -> Workspace | None:
    """Open ``path`` or explain why not; None when it was not opened."""
    try:
        try:
            return Workspace.open(path, create=create)
        except WorkspaceLocked as locked:
            if not ask_read_only(parent, locked):
                return None
            workspace = Workspace.open(path, read_only=True)
            workspace.read_only_reason = (
                f"open in {locked.holder.describe()}" if locked.holder else "open elsewhere"
            )
            return workspace
    except Exception as error:
        show_error(parent, message_for(error, f"opening {path.name}"))
        if not isinstance(error, OpsdeskError):
            return None
    return None
