"""File menu actions that need dialogs: new, open, save a copy, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from opsdesk.core.paths import WORKSPACE_SUFFIX
from opsdesk.core.task_state import TaskState

if TYPE_CHECKING:
    from opsdesk.ui.main_window import MainWindow

FILTER = f"opsdesk workspaces (*{WORKSPACE_SUFFIX})"


def _with_suffix(name: str) -> Path:
    path = Path(name)
    return path if path.suffix == WORKSPACE_SUFFIX else path.with_name(path.name + WORKSPACE_SUFFIX)


def _start_dir(window: MainWindow) -> str:
    workspace = window.ctx.workspace
    return str(workspace.path.parent) if workspace else str(Path.home())


def new_workspace(window: MainWindow) -> None:
    name, _ = QFileDialog.getSaveFileName(
        window,
        "New workspace",
        _start_dir(window),
        FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return
    path = _with_suffix(name)
    if path.exists():
        window.ctx.show_error(f"{path.name} already exists; choose a new name.")
        return
    window.open_path(path, create=True)


def choose_and_open(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(window, "Open workspace", _start_dir(window), FILTER)
    if name:
        window.open_path(Path(name))


def save_copy_as(window: MainWindow) -> None:
    workspace = window.ctx.workspace
    if workspace is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        window,
        "Save a copy as",
        str(workspace.path.with_name(workspace.path.stem + " copy")),
        FILTER,
    )
    if not name:
        return
    target = _with_suffix(name)
    source, key = workspace.path, workspace.key

    def work(task: TaskState) -> Path:
        from opsdesk.core.workspace.copy import copy_workspace

        task.progress(0.1, f"Copying to {target.name}…")
        conn = workspace.connect_again()
        try:  # the dialog asked before replacing a file
            return copy_workspace(conn, source, target, key, replace=True)
        finally:
            conn.close()

    window.ctx.worker.run(
        work,
        title="Saving a copy",
        on_done=lambda path: window.statusBar().showMessage(f"Saved a copy to {path}", 8000),
    )


def import_file(window: MainWindow, path: Path | None) -> None:
    """Open the import wizard (on ``path`` when a file was dropped)."""
    from opsdesk.ui.import_wizard import open_import_wizard  # loaded when first needed

    open_import_wizard(window.ctx, path)
