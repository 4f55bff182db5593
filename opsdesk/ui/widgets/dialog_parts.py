"""Pieces every edit dialog has: the line that says what is wrong, and OK / Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel


def error_label() -> QLabel:
    """Red, wrapped text for the one sentence that says why OK did nothing."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #9b1c1c;")
    return label


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
