"""UI fixtures: a main window on a fresh workspace (pytest-qt, offscreen)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from opsdesk.ui import ask
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.gui_gc import GuiThreadCollector
from opsdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(qapp: Any) -> Iterator[None]:
    """As in the app (ui/gui_gc): the cycle collector runs on the GUI thread only, so a
    pool thread never frees Qt objects; automatic collection is back after the test."""
    GuiThreadCollector(qapp)
    yield
    for collector in qapp.findChildren(GuiThreadCollector):
        collector.stop()
        collector.setParent(None)


@pytest.fixture(autouse=True)
def nobody_at_the_screen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app's dialogs answered as a test would (ui/ask): what it tells the user is kept
    (and printed on stderr), a workspace open elsewhere opens read-only, a password prompt
    is cancelled. A test that needs other answers replaces these."""
    told: list[str] = []

    def tell(parent: object, title: str, message: str) -> None:
        told.append(message)
        print(f"opsdesk: {message}", file=sys.stderr)

    monkeypatch.setattr(ask, "warning", tell)
    monkeypatch.setattr(ask, "inform", tell)
    monkeypatch.setattr(ask, "open_read_only", lambda parent, error: True)
    monkeypatch.setattr(ask, "password", lambda parent, path, error="": None)
    return told


@pytest.fixture(autouse=True)
def reads_settle(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's background reads have landed by the time the call that started them
    returns, so page tests check what is shown right after an edit, an undo or a
    refresh. Tests marked ``background`` see the reads run as they do in the app."""
    if request.node.get_closest_marker("background"):
        return
    run = BackgroundRead.run

    def settled(self: BackgroundRead, *args: Any, **kwargs: Any) -> None:
        run(self, *args, **kwargs)
        self._ctx.worker.wait_until_idle()

    monkeypatch.setattr(BackgroundRead, "run", settled)


@pytest.fixture
def window(qtbot: object, tmp_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    assert win.open_path(tmp_path / "ui.opsdesk", create=True)
    win.show()
    qtbot.waitUntil(lambda: win._painted)  # type: ignore[attr-defined]
    yield win
    win.close()


@pytest.fixture
def demo_window(qtbot: Any, demo_file: Path, tmp_path: Path) -> Iterator[MainWindow]:
    """A main window on a copy of the demo workspace."""
    import shutil

    copy = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, copy)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(copy)
    win.show()
    qtbot.waitUntil(lambda: win._painted)
    yield win
    win.close()
