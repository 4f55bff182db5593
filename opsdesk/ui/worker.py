"""The worker layer (DESIGN.md rule 2): long work off the GUI thread, with progress and Cancel.

Work is a function of one ``TaskState`` (core's progress and cancel flag): the worker
makes it, moves the progress dialog when the work reports, and cancels it from the
dialog's Cancel button. Writes go to one single-thread pool so they never race each
other; pure computation uses the global pool. Results come back on the GUI thread
through queued signals.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from opsdesk.core import cycle_collector
from opsdesk.core.errors import Cancelled
from opsdesk.core.task_state import TaskState

if TYPE_CHECKING:  # loaded with the first dialog, not at start-up
    from PySide6.QtWidgets import QProgressDialog

T = TypeVar("T")
Work = Callable[[TaskState], Any]


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Work, signals: _Signals, state: TaskState) -> None:
        super().__init__()
        self.work, self.signals, self.state = work, signals, state
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            # a task builds its result in one burst (rows, models' data, a review): the
            # collector waits for its end (cycle_collector), on the GUI thread as always
            with cycle_collector.pause():
                result = self.work(self.state)
        except BaseException as error:  # delivered to the GUI thread, never lost
            _emit(self.signals.failed, error)
        else:
            _emit(self.signals.finished, result)


def _emit(signal: Any, *args: object) -> None:
    # The window that asked was closed meanwhile (its signals deleted): nobody waits.
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class Task(QObject):
    """One running job; ``done`` fires on the GUI thread when it ends, however it ends."""

    done = Signal()

    def __init__(self, title: str, parent: QObject, state: TaskState) -> None:
        super().__init__(parent)
        self.title = title
        self.state = state
        self.running = True

    def cancel(self) -> None:
        self.state.cancel()


class Worker(QObject):
    def __init__(
        self, window: QWidget | None, report_error: Callable[[BaseException, str], None]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._report_error = report_error
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._tasks: set[Task] = set()

    def run(
        self,
        work: Work,
        *,
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        write: bool = False,
        show_progress: bool = True,
        cancellable: bool = True,
    ) -> Task:
        """Start ``work`` in the pool (the writer thread when ``write``); its progress
        dialog shows when it takes long, with Cancel unless the work cannot stop midway."""
        from PySide6.QtCore import Qt  # the Qt namespace costs ~13 ms to load: not at start-up

        signals = _Signals()
        task = Task(title, self, TaskState(lambda f, m: _emit(signals.progress, f, m)))
        signals.setParent(task)
        dialog = self._progress_dialog(task, cancellable) if show_progress else None

        def finish() -> None:
            task.running = False
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            self._tasks.discard(task)
            task.done.emit()

        def succeeded(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            finish()
            if isinstance(error, Cancelled):
                return
            if on_error is not None:
                on_error(error)
            else:
                self._report_error(error, title.lower())

        if dialog is not None:
            def show_progress_(fraction: float, message: str) -> None:
                dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
                dialog.setLabelText(message or title)

            signals.progress.connect(show_progress_)
        signals.finished.connect(succeeded, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self._tasks.add(task)
        pool = self._writer if write else QThreadPool.globalInstance()
        pool.start(_Job(work, signals, task.state))
        return task

    def _progress_dialog(self, task: Task, cancellable: bool) -> QProgressDialog:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(task.title, "Cancel", 0, 1000, self._window)
        if not cancellable:  # one transaction: it cannot stop halfway, so no Cancel
            dialog.setCancelButton(None)
            dialog.setRange(0, 0)  # busy, without a fraction
        dialog.setWindowTitle(task.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs finish without a flash of a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        dialog.setValue(0)
        return dialog

    def call(self, fn: Callable[[], T], *, title: str, write: bool = False) -> T:
        """``fn()`` off the GUI thread, waited for: the window keeps painting and its
        timers run, user input waits until it is done, and after a moment a progress
        dialog (without Cancel) says what it is doing. Its error is raised here."""
        from PySide6.QtCore import QEventLoop

        outcome: list[T] = []
        failure: list[BaseException] = []
        task = self.run(lambda _state: fn(), title=title, on_done=outcome.append,
                        on_error=failure.append, write=write, cancellable=False)
        if task.running:
            wait = QEventLoop()
            task.done.connect(wait.quit)
            wait.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if failure:
            raise failure[0]
        if not outcome:
            raise Cancelled(title)
        return outcome[0]

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def wait_until_idle(self, timeout_ms: int = 30_000) -> bool:
        """For the shot command and tests: let queued results arrive."""
        from PySide6.QtCore import QCoreApplication, QElapsedTimer

        clock = QElapsedTimer()
        clock.start()
        while self._tasks and clock.elapsed() < timeout_ms:
            QCoreApplication.processEvents()
            QThreadPool.globalInstance().waitForDone(10)
            self._writer.waitForDone(10)
        return not self._tasks
