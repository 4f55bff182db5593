"""UI fixtures: a main window on a fresh workspace (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from opsdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: object, tmp_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    assert win.open_path(tmp_path / "ui.opsdesk", create=True)
    win.show()
    qtbot.waitUntil(lambda: win._painted)  # type: ignore[attr-defined]
    yield win
    win.close()
