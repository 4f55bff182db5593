"""The base of every page in the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from opsdesk.core.workspace import Changes
    from opsdesk.ui.app_context import AppContext


class Page(QWidget):
    key: str = ""
    title: str = ""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    def refresh(self, changes: Changes | None) -> None:
        """Show the workspace as it is now; ``changes`` says what changed (None: all)."""
