"""Cold start: ``opsdesk`` to the first painted main window on the demo workspace.

Floor: a bare PySide6 script that shows an empty QMainWindow and quits on its first paint,
measured in the same run. Both run offscreen in a fresh interpreter; medians of several
runs. Goal (issue 10, "Speed goals"): ratio at most 1.3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.timing import ratio_line

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

class Quit(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QWidget())
window.resize(1280, 820)
quitter = Quit()
window.centralWidget().installEventFilter(quitter)
window.show()
app.exec()
"""

RUNS = 9


def _time(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OPSDESK_HOME": str(home)}
        demo = home / "demo.opsdesk"
        subprocess.run([sys.executable, "-m", "opsdesk", "demo", str(demo)], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        window_env = {**env, "OPSDESK_QUIT_AFTER_PAINT": "window"}
        page_env = {**env, "OPSDESK_QUIT_AFTER_PAINT": "page"}
        ours_argv = [sys.executable, "-m", "opsdesk", "open", str(demo)]
        bare_argv = [sys.executable, "-c", BARE]
        _time(ours_argv, page_env)  # warm the OS file cache for all three
        _time(bare_argv, env)
        window, page, bare = [], [], []
        for _ in range(RUNS):  # interleaved, so machine noise hits all alike
            window.append(_time(ours_argv, window_env))
            page.append(_time(ours_argv, page_env))
            bare.append(_time(bare_argv, env))
    floor = statistics.median(bare)
    return [
        ratio_line(f"cold start to first painted main window (median of {RUNS})",
                   statistics.median(window), floor, goal=1.3),
        ratio_line(f"cold start to the Dashboard filled and painted (median of {RUNS})",
                   statistics.median(page), floor),
    ]
