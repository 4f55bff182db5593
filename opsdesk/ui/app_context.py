"""What every page shares: the open workspace, undo, the worker layer, change signals."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.task_state import TaskState
from opsdesk.ui.connections import Connections
from opsdesk.ui.errors import message_for, show_error
from opsdesk.ui.worker import Worker

if TYPE_CHECKING:  # the workspace code loads after the window's first paint
    from PySide6.QtWidgets import QWidget

    from opsdesk.core.workspace import Applied, Command, Workspace

T = TypeVar("T")


class _Undoable(QUndoCommand):
    """Wraps a command that has already been applied; undo runs its inverse."""

    def __init__(self, ctx: AppContext, title: str, inverse: Command[object]) -> None:
        super().__init__(title)
        self._ctx = ctx
        self._inverse: Command[object] | None = inverse
        self._forward: Command[object] | None = None
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:  # QUndoStack.push calls redo; the command already ran
            self._applied_once = False
            return
        if self._forward is not None:
            applied = self._ctx.run_quietly(self._forward, self.text())
            self._inverse = applied.inverse if applied else None

    def undo(self) -> None:
        if self._inverse is not None:
            applied = self._ctx.run_quietly(self._inverse, self.text())
            self._forward = applied.inverse if applied else None


class AppContext(QObject):
    workspace_changed = Signal(object)  # Changes
    workspace_replaced = Signal()  # another workspace opened, or it was closed

    # The log is folded into the file this long after the last write: a plain copy of
    # the file is then at most that stale (README, "The workspace file").
    CHECKPOINT_AFTER_MS = 3000

    def __init__(self, main_window: QWidget | None = None) -> None:
        super().__init__(main_window)
        self.main_window = main_window
        self.workspace: Workspace | None = None
        self.undo_stack = QUndoStack(self)
        self.worker = Worker(main_window, self.report_error)
        self.connections = Connections()  # for the pool and the writer
        self._told_damage: Workspace | None = None  # the damaged workspace already said
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._checkpoint)
        self.workspace_changed.connect(lambda _changes: self._idle.start(self.CHECKPOINT_AFTER_MS))

    def _checkpoint(self) -> None:
        workspace = self.workspace
        if workspace is None or workspace.read_only:
            return

        def work(task: TaskState) -> None:
            conn = workspace.connect_again()
            try:
                workspace.checkpoint(conn)
            finally:
                conn.close()

        self.worker.run(work, title="Saving to the file", write=True, show_progress=False)

    # -- workspace -----------------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None) -> None:
        self._idle.stop()  # closing checkpoints it
        self.connections.reset(workspace)
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = workspace
        self.undo_stack.clear()
        self.workspace_replaced.emit()
        if workspace is not None:
            for notice in workspace.notices:
                self.show_warning(notice, "Workspace upgraded")
            if not workspace.read_only:
                self._look_for_damage(workspace)

    def _look_for_damage(self, workspace: Workspace) -> None:
        """SQLite's quick check in the background; a damaged file takes no more writes."""

        def work(task: TaskState) -> list[str]:
            conn = workspace.connect_again()
            try:
                return workspace.find_damage(conn)
            finally:
                conn.close()

        def done(problems: list[str]) -> None:
            if problems and workspace is self.workspace and self._told_damage is not workspace:
                self._stop_writing(workspace, problems[0])

        self.worker.run(work, title="Checking the file", on_done=done, show_progress=False)

    def _stop_writing(self, workspace: Workspace, detail: str) -> None:
        from opsdesk.core.workspace.storage_errors import damaged

        self._told_damage = workspace
        workspace.stop_writing("the file is damaged")
        self.undo_stack.clear()
        self.show_error(str(damaged(workspace.path, detail, read_only_now=True)))
        self.workspace_replaced.emit()  # the pages redraw read-only (and may meet it again)

    def execute(self, command: Command[T]) -> Applied[T] | None:
        """Apply ``command`` now, make it undoable, tell every view; None if it failed."""
        applied = self.run_quietly(command, command.title)
        if applied is not None:
            self.undo_stack.push(_Undoable(self, command.title, applied.inverse))
        return applied

    def run_quietly(self, command: Command[T], title: str) -> Applied[T] | None:
        """Apply without touching the undo stack (undo and redo use this).

        The command runs on the writer thread like every write; the window keeps painting
        meanwhile (user input waits until it is done) and a long one shows a progress
        dialog."""
        workspace = self.workspace
        if workspace is None:
            self.show_error("No workspace is open.")
            return None

        def work() -> Applied[T]:
            with self.connections.borrow(workspace) as conn:
                return workspace.execute(command, conn)

        try:
            applied = self.worker.call(work, title=title, write=True)
        except Exception as error:
            self.report_error(error, f"applying '{title}'")
            if not isinstance(error, OpsdeskError):
                self.undo_stack.clear()  # history may no longer match the file
            return None
        self.workspace_changed.emit(applied.changes)
        return applied

    def record(self, title: str, applied: Applied[object]) -> None:
        """A command applied on the worker layer: make it undoable and tell the views."""
        self.undo_stack.push(_Undoable(self, title, applied.inverse))
        self.workspace_changed.emit(applied.changes)

    # -- errors --------------------------------------------------------------------
    def report_error(self, error: BaseException, doing: str) -> None:
        from opsdesk.core.workspace.storage_errors import WorkspaceDamaged, is_damage

        workspace = self.workspace
        damage = isinstance(error, WorkspaceDamaged) or (
            not isinstance(error, OpsdeskError) and is_damage(error))
        if workspace is not None and damage:
            if self._told_damage is not workspace:
                self._stop_writing(workspace, str(error))
            else:
                self.show_error(f"Part of {workspace.path.name} cannot be read (it is "
                                "damaged), so what is shown is not complete.")
            return
        self.show_error(message_for(error, doing))

    def show_error(self, message: str) -> None:
        show_error(self.main_window, message)

    def show_warning(self, message: str, title: str) -> None:
        """Something the user should know about work that did finish."""
        show_error(self.main_window, message, title)
