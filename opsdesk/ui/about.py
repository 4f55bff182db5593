"""Help › About: version, workspace path and format."""

from __future__ import annotations

import html
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from opsdesk import __version__
from opsdesk.core.workspace.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from opsdesk.ui.background_read import BackgroundRead
    from opsdesk.ui.main_window import MainWindow

READS = "aboutReads"


def about_text(window: MainWindow, format_version: int | None = None) -> str:
    """The box's text; ``format_version``: the open workspace's, as read from its file."""
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
            f"Workspace format: {format_version} "
            f"(this version reads up to {SCHEMA_VERSION})</p>"
        )
    return "".join(lines)


def show_about(window: MainWindow) -> None:
    """Show the box, once the workspace's format is read in the pool."""
    if window.ctx.workspace is None:
        _show(window, about_text(window))
        return

    def read(conn: sqlite3.Connection) -> int:
        from opsdesk.core.workspace.workspace import format_version

        return format_version(conn)

    _reads(window).run(read, lambda version: _show(window, about_text(window, version)),
                       "reading the workspace format")


def _reads(window: MainWindow) -> BackgroundRead:
    """The window's one reader for this box, made the first time it is asked for."""
    from opsdesk.ui.background_read import BackgroundRead

    reads = window.findChild(BackgroundRead, READS)
    if reads is None:
        reads = BackgroundRead(window.ctx, window)
        reads.setObjectName(READS)
    return reads


def _show(window: MainWindow, text: str) -> None:
    box = QMessageBox(window)
    box.setWindowTitle("About opsdesk")
    box.setTextFormat(Qt.TextFormat.RichText)  # about_text escapes what it quotes
    box.setText(text)
    box.setModal(False)
    box.show()
