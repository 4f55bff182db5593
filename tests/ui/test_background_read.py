"""The one background-read helper pages use: compute in the pool, apply on the GUI thread,
drop stale results, a busy cursor meanwhile, errors to the one error path."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.background


def count_kpis(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM kpis").fetchone()[0])


def test_computes_off_the_gui_thread_and_applies_on_it(window: MainWindow, qtbot: Any) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    reads = BackgroundRead(window.ctx, page)
    threads: list[bool] = []
    applied: list[int] = []

    def compute(conn: sqlite3.Connection) -> int:
        threads.append(QThread.currentThread() is page.thread())
        return count_kpis(conn)

    def apply(value: int) -> None:
        threads.append(QThread.currentThread() is page.thread())
        applied.append(value)

    reads.run(compute, apply)
    assert reads.running and page.cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: applied == [0])
    assert threads == [False, True]
    assert not reads.running and page.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_a_newer_read_drops_the_older_result(window: MainWindow, qtbot: Any) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    reads = BackgroundRead(window.ctx, page)
    hold = threading.Event()
    applied: list[str] = []

    def slow(conn: sqlite3.Connection) -> str:
        assert hold.wait(10)
        return "old"

    reads.run(slow, applied.append)
    reads.run(lambda conn: "new", applied.append)
    qtbot.waitUntil(lambda: applied == ["new"])
    hold.set()
    qtbot.waitUntil(lambda: not reads.running)
    assert applied == ["new"]  # the old result came back last and was dropped


def test_an_error_goes_to_the_one_error_path(
    window: MainWindow, qtbot: Any, nobody_at_the_screen: list[str]
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    reads = BackgroundRead(window.ctx, page)

    def fails(conn: sqlite3.Connection) -> None:
        raise OpsdeskError("The chart cannot be drawn: no data.")

    reads.run(fails, lambda _result: pytest.fail("applied a failed read"))
    qtbot.waitUntil(lambda: not reads.running)
    assert nobody_at_the_screen == ["The chart cannot be drawn: no data."]


def test_a_read_of_a_closed_workspace_is_dropped(window: MainWindow, qtbot: Any) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    reads = BackgroundRead(window.ctx, page)
    hold = threading.Event()
    applied: list[int] = []

    def slow(conn: sqlite3.Connection) -> int:
        assert hold.wait(10)
        return count_kpis(conn)

    reads.run(slow, applied.append)
    window.close_workspace()
    hold.set()
    qtbot.waitUntil(lambda: not reads.running)
    assert applied == []
