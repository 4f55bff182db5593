"""Help › About: version, workspace path and format."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from opsdesk import __version__
from opsdesk.core.workspace.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from opsdesk.ui.main_window import MainWindow


def about_text(window: MainWindow) -> str:
    workspace = window.ctx.workspace
    lines = [
        f"<h3>opsdesk {html.escape(__version__)}</h3>",
        "<p>Offline workbench for operations excellence.</p>",
    ]
    if workspace is None:
        lines.append("<p>No workspace is open.</p>")
    else:
        state = " (read-only)" if workspace.read_only else ""
        lines.append(
            f"<p>Workspace: {html.escape(str(workspace.path))}{state}<br>"
            f"Workspace format: {workspace.schema_version} "
            f"(this version reads up to {SCHEMA_VERSION})</p>"
        )
    return "".join(lines)


def show_about(window: MainWindow) -> QMessageBox:
    box = QMessageBox(window)
    box.setWindowTitle("About opsdesk")
    box.setTextFormat(Qt.TextFormat.RichText)  # about_text escapes what it quotes
    box.setText(about_text(window))
    box.setModal(False)
    box.show()
    return box
