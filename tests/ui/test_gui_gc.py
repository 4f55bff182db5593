"""The cycle collector runs on the GUI thread: a cycle made and dropped in a pool thread
is freed on the GUI thread, when the counts say a collection is due."""

from __future__ import annotations

import gc
import threading
from typing import Any, ClassVar

from opsdesk.ui.gui_gc import GuiThreadCollector


class Cycle:
    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_a_cycle_dropped_in_a_pool_thread_is_freed_on_the_gui_thread(qapp: Any) -> None:
    (collector,) = qapp.findChildren(GuiThreadCollector)  # the UI tests' own, as the app's
    assert not gc.isenabled()
    Cycle.freed_on.clear()

    kept: list[list[object]] = []

    def pool() -> None:
        Cycle()  # unreachable at once, but only the cycle collector can free it
        kept.append([[] for _ in range(3 * gc.get_threshold()[0])])  # past the threshold

    worker = threading.Thread(target=pool, name="pool")
    worker.start()
    worker.join()
    assert Cycle.freed_on == []  # not collected in the pool thread, however much it made
    while gc.get_count()[0] <= gc.get_threshold()[0]:  # a collection due, whatever ran before
        kept.append([[] for _ in range(gc.get_threshold()[0] + 1)])
    collector.collect_if_due()  # what the timer calls, on the GUI thread
    assert Cycle.freed_on == [threading.main_thread().name], (gc.get_count(), gc.get_threshold())
    assert collector.timer.isActive() and collector.timer.interval() > 0


def test_no_collection_while_a_pool_thread_has_paused_the_collector(qapp: Any) -> None:
    from opsdesk.core import cycle_collector

    (collector,) = qapp.findChildren(GuiThreadCollector)
    kept: list[list[object]] = []
    while gc.get_count()[0] <= gc.get_threshold()[0]:  # a collection due
        kept.append([[] for _ in range(gc.get_threshold()[0] + 1)])
    due = gc.get_count()[0]
    with cycle_collector.pause():
        collector.collect_if_due()
        assert gc.get_count()[0] >= due  # nothing collected: the counts stand
    assert not gc.isenabled()  # the app's collector stays the one that collects
    collector.collect_if_due()
    assert gc.get_count()[0] < due
