"""The password prompt for an encrypted workspace; it says why the last try failed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from opsdesk.ui.widgets.dialog_parts import error_label, ok_cancel


class PasswordDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: Path, error: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Encrypted workspace")
        prompt = QLabel(f"{path.name} is encrypted. Enter its password to open it.")
        prompt.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
        prompt.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText("Password")
        self.error = error_label()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setText(error)
        self.error.setVisible(bool(error))
        self.buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        for widget in (prompt, self.field, self.error, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(380)

    def password(self) -> str:
        return self.field.text()

