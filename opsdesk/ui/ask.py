"""Every question and notice the app puts in a dialog, in one place.

Callers look these up on the module when they ask (``ask.warning(...)``), so a test answers
for the user by replacing one with monkeypatch, and ``opsdesk shot``, with nobody at the
screen, installs its own answers (ui/shot). The app itself behaves the same everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from opsdesk.core.workspace.lock import WorkspaceLocked
    from opsdesk.ui.worksheet.save_kpi_dialog import SaveChoice


def warning(parent: QWidget | None, title: str, message: str) -> None:
    """Something went wrong (or the user should know): wait until it is read."""
    QMessageBox.warning(parent, title, message)


def inform(parent: QWidget | None, title: str, message: str) -> None:
    """Work finished: say so without waiting for the click."""
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def open_read_only(parent: QWidget | None, error: WorkspaceLocked) -> bool:
    """The workspace is open elsewhere: open it read-only instead?"""
    answer = QMessageBox.question(
        parent,
        "Workspace in use",
        f"{error}\n\nOpen it read-only?",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Open,
    )
    return answer == QMessageBox.StandardButton.Open


def password(parent: QWidget | None, path: Path, error: str = "") -> str | None:
    """The password of an encrypted workspace as typed, or None when the user cancels."""
    from PySide6.QtWidgets import QDialog

    from opsdesk.ui.password_dialog import PasswordDialog

    dialog = PasswordDialog(parent, path, error)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password()


def text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """A line of text (a name), or None when the user cancels."""
    from PySide6.QtWidgets import QInputDialog

    answer, ok = QInputDialog.getText(parent, title, label, text=default)
    return answer if ok else None


def open_file(parent: QWidget | None, title: str, filter_text: str) -> Path | None:
    """A file to read, or None when the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getOpenFileName(parent, title, "", filter_text)
    return Path(chosen) if chosen else None


def save_file(parent: QWidget | None, title: str, suggested: Path,
              filter_text: str) -> Path | None:
    """A file to write (the suggested name first), or None when the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return Path(chosen) if chosen else None


def print_setup(parent: QWidget | None, printer: QPrinter) -> bool:
    """The print dialog: True when the user chose to print (``printer`` is set up)."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


def save_as_kpi(parent: QWidget | None, columns: tuple[str, ...], values: str,
                chart_name: str) -> SaveChoice | None:
    """The worksheet column to keep as a KPI, its dates and name; None when cancelled."""
    from PySide6.QtWidgets import QDialog

    from opsdesk.ui.worksheet.save_kpi_dialog import SaveKpiDialog

    dialog = SaveKpiDialog(parent, columns, values, chart_name)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
