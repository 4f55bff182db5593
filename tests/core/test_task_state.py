"""The one task-state type: progress with its message, and cancelling from another thread."""

from __future__ import annotations

import threading

import pytest

from opsdesk.core.errors import Cancelled
from opsdesk.core.task_state import TaskState


def test_progress_is_kept_clamped_and_reported() -> None:
    seen: list[tuple[float, str]] = []
    task = TaskState(lambda fraction, message: seen.append((fraction, message)))
    task.progress(0.25, "Reading")
    task.progress(1.5)  # past the end: 1, and the message stays
    assert (task.fraction, task.message) == (1.0, "Reading")
    assert seen == [(0.25, "Reading"), (1.0, "Reading")]


def test_cancel_from_another_thread_stops_the_work() -> None:
    task = TaskState()
    task.check()  # not cancelled: nothing happens
    thread = threading.Thread(target=task.cancel)
    thread.start()
    thread.join()
    assert task.cancelled
    with pytest.raises(Cancelled):
        task.check()

