"""Python's cycle collector runs on the GUI thread only.

Left automatic, the collector runs in whichever thread is allocating when a threshold is
passed: a pool thread building a large result (the rows of a 200,000-row import) can then
free a cycle that holds Qt objects, from a thread that does not own them, which Qt does
not allow and which crashes the process at random (seen as a segmentation fault inside
the collector). So automatic collection is off while the app runs, and a timer on the
GUI thread collects when the counts say it is due, generation by generation as the
automatic collector would, with its thresholds; not while a task of the worker's pool
runs (it pauses the collector for its burst of allocation, ``cycle_collector.pause``).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from opsdesk.core import cycle_collector

INTERVAL_MS = 200
# Its object name: ``install`` finds it by name, as looking for it by class wraps every
# child of the application for Python (its style among them: some 7 ms at start-up).
NAME = "opsdesk-gui-thread-collector"


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(NAME)
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start()

    @staticmethod
    def collect_if_due() -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0] or cycle_collector.is_paused():
            return
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 2 if counts[2] > thresholds[2] else 1
        gc.collect(generation)

    def stop(self) -> None:
        """Back to automatic collection (tests, after the app)."""
        self.timer.stop()
        gc.collect()
        if self.was_enabled:
            gc.enable()


def install(app: QObject) -> GuiThreadCollector:
    """Collect on ``app``'s thread (the GUI thread) from now on; once per application."""
    found = app.findChild(QObject, NAME)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
