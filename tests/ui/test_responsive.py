"""The window never freezes: while a large undo (200,000 observations, an import's worth)
and a statuses refresh run, the GUI thread keeps serving its timers."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.ui.main_window import MainWindow

ROWS = 200_000
# A frozen window misses its timers for the whole of the work: one gap as long as the undo
# and the refresh together (the undo alone took about half a second on the GUI thread).
# A responsive one keeps ticking; on a loaded machine the process itself is descheduled
# now and then, so the bound is a share of the time the work took, not a fixed figure.
LONGEST_SHARE = 0.4


@pytest.mark.background
def test_the_gui_thread_keeps_ticking_through_a_large_undo_and_a_refresh(
    qtbot: Any, tmp_path: Path
) -> None:
    window = MainWindow(remember=False)
    qtbot.addWidget(window)
    assert window.open_path(tmp_path / "big.opsdesk", create=True)
    window.show()
    qtbot.waitUntil(lambda: window._painted)
    ctx = window.ctx
    added = ctx.execute(AddKpi({"name": "Throughput", "frequency": "daily"}, ({"target": 1},)))
    assert added is not None
    kpi_id = int(added.result)
    start = 1_600_000_000  # 2020-09-13, one observation a minute from there
    rows = tuple({"kpi_id": kpi_id, "ts": time.strftime("%Y-%m-%dT%H:%M", time.gmtime(
        start + 60 * i)), "value": float(i % 97)} for i in range(ROWS))
    assert ctx.execute(InsertRows("observations", rows, title="Import big.xlsx")) is not None
    page = window.show_page_by_key("kpis")
    qtbot.waitUntil(lambda: not page.statuses_read.running, timeout=60_000)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 3)
    began = time.perf_counter()
    window.undo_action.trigger()  # the import taken back, on the writer thread
    page.refresh(None)  # and the statuses recomputed in the pool
    assert page.statuses_read.running
    qtbot.waitUntil(lambda: not page.statuses_read.running, timeout=60_000)
    ended = time.perf_counter()
    timer.stop()

    assert ctx.workspace is not None
    assert ctx.workspace.scalar("SELECT count(*) FROM observations") == 0
    seen = [began, *(t for t in ticks if began < t < ended), ended]
    gaps = [b - a for a, b in itertools.pairwise(seen)]
    took = ended - began
    assert len(seen) - 2 >= 5, f"{len(seen) - 2} ticks in {took:.3f} s"
    assert max(gaps) < LONGEST_SHARE * took, f"the window froze {max(gaps):.3f} s of {took:.3f} s"
    window.close()
