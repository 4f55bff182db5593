"""The worker layer: results on the GUI thread, progress, cancel, errors in one sentence."""

from __future__ import annotations

import threading

from opsdesk.core.errors import Cancelled, OpsdeskError
from opsdesk.ui.main_window import MainWindow


def test_result_arrives_on_the_gui_thread(window: MainWindow, qtbot) -> None:
    seen: dict[str, object] = {}
    gui_thread = threading.get_ident()

    def work(task):
        seen["worker_thread"] = threading.get_ident()
        task.progress(0.5, "halfway")
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["done_thread"] = threading.get_ident()

    task = window.ctx.worker.run(work, title="Answering", on_done=done)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["done_thread"] == gui_thread
    assert seen["worker_thread"] != gui_thread


def test_cancel_stops_the_work_quietly(window: MainWindow, qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window.ctx, "show_error", shown.append)
    started = threading.Event()
    results: list[object] = []

    def work(task):
        started.set()
        while not task.cancelled:
            threading.Event().wait(0.005)
        raise Cancelled()

    task = window.ctx.worker.run(work, title="Waiting", on_done=results.append)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert results == [] and shown == []


def test_expected_error_is_shown_as_its_sentence(window: MainWindow, qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window.ctx, "show_error", shown.append)

    def work(task):
        raise OpsdeskError("Row 4, column B: 'abc' is not a number.")

    task = window.ctx.worker.run(work, title="Importing")
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert shown == ["Row 4, column B: 'abc' is not a number."]


def test_unexpected_error_is_logged_not_shown_raw(
    window: MainWindow, qtbot, monkeypatch, opsdesk_home
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window.ctx, "show_error", shown.append)

    def work(task):
        raise ZeroDivisionError("boom")

    task = window.ctx.worker.run(work, title="Computing")
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert len(shown) == 1
    assert "Traceback" not in shown[0] and "log" in shown[0]
    log = (opsdesk_home / "opsdesk.log").read_text()
    assert "ZeroDivisionError: boom" in log
