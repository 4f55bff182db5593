"""File menu actions that need dialogs: new, open, save a copy, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.paths import WORKSPACE_SUFFIX
from opsdesk.core.workspace import cipher

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


def copy_workspace(source: Path, target: Path, key: cipher.Key | None = None) -> None:
    """A consistent copy through SQLite's backup API (safe while the file is in use).

    The copy of an encrypted workspace is encrypted with the same key.
    """
    if target.resolve() == source.resolve():
        raise OpsdeskError("Choose a different file for the copy.")
    partial = target.with_name(target.name + ".partial")
    src = cipher.connect(str(source), key)
    try:
        dst = cipher.connect(str(partial), key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    except cipher.errors("Error") as error:
        partial.unlink(missing_ok=True)
        raise OpsdeskError(f"Could not write {target.name}: {error}.") from None
    finally:
        src.close()
    partial.replace(target)


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

    def work(progress: Any, cancelled: Any) -> Path:
        progress(0.1, f"Copying to {target.name}…")
        copy_workspace(source, target, key)
        return target

    window.ctx.worker.run(
        work,
        title="Saving a copy",
        on_done=lambda path: window.statusBar().showMessage(f"Saved a copy to {path}", 8000),
    )


def import_file(window: MainWindow, path: Path | None) -> None:
    """Open the import wizard (on ``path`` when a file was dropped)."""
    from opsdesk.ui.import_wizard import open_import_wizard  # loaded when first needed

    open_import_wizard(window.ctx, path)
