"""Start-up: the window paints first ("Opening <name>…" where the page goes), then the
workspace opens and its first page is built, or the user is told in one sentence why not."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from opsdesk.core.workspace import Workspace
from opsdesk.ui.main_window import MainWindow


def _starting(qtbot: Any, path: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_when_shown(path)
    return win


def test_the_window_paints_before_the_workspace_opens(
    qtbot: Any, demo_file: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "plant.opsdesk"
    shutil.copy(demo_file, copy)
    win = _starting(qtbot, copy)
    assert win.ctx.workspace is None  # nothing opened yet
    assert win.current_page() is win.opening
    assert win.opening.text() == "Opening plant.opsdesk…"
    with qtbot.waitSignal(win.page_ready, timeout=30_000):
        win.show()
    assert win.ctx.workspace is not None and win.ctx.workspace.path == copy
    assert win.windowTitle() == "plant.opsdesk — opsdesk"
    assert win.current_page() is win.page(0)  # the Dashboard, built and filled
    win.close()
    assert not Path(f"{copy}.lock").exists()


def test_a_file_that_cannot_be_opened_at_start_up_is_one_sentence(
    qtbot: Any, tmp_path: Path, nobody_at_the_screen: list[str]
) -> None:
    broken = tmp_path / "broken.opsdesk"
    broken.write_bytes(b"not a workspace at all, just some bytes " * 100)
    win = _starting(qtbot, broken)
    win.show()
    qtbot.waitUntil(lambda: bool(nobody_at_the_screen), timeout=30_000)
    qtbot.waitUntil(lambda: win.current_page() is win.no_workspace)
    message = nobody_at_the_screen[0]
    assert "broken.opsdesk" in message and "Traceback" not in message
    assert message.count("\n") == 0
    assert win.ctx.workspace is None
    win.close()


def test_a_workspace_open_elsewhere_opens_read_only_after_the_paint(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "shared.opsdesk"
    holder = Workspace.open(path, create=True)  # another open handle holds the lock
    try:
        win = _starting(qtbot, path)  # the fixture answers "open read-only"
        with qtbot.waitSignal(win.page_ready, timeout=30_000):
            win.show()
        assert win.ctx.workspace is not None and win.ctx.workspace.read_only
        win.close()
    finally:
        holder.close()


def test_closing_before_the_workspace_opened_opens_nothing(
    qtbot: Any, demo_file: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "plant.opsdesk"
    shutil.copy(demo_file, copy)
    win = _starting(qtbot, copy)
    win.show()
    win.close()  # before the first paint's turn came
    qtbot.wait(50)
    assert win.ctx.workspace is None
    assert not Path(f"{copy}.lock").exists()


def test_the_navigation_viewport_is_the_one_qt_makes(qtbot: Any) -> None:
    # main_window._viewport makes it in Python (start-up speed): the same as Qt's own.
    win = MainWindow()
    qtbot.addWidget(win)
    reference = QListWidget()
    qtbot.addWidget(reference)
    reference.setEnabled(win.navigation.isEnabled())  # no workspace yet: disabled
    ours, theirs = win.navigation.viewport(), reference.viewport()
    differ = [a.name for a in Qt.WidgetAttribute  # WA_WState_*: Qt's bookkeeping of the moment
              if not a.name.startswith("WA_WState_")
              and ours.testAttribute(a) != theirs.testAttribute(a)]
    assert differ == []
    assert ours.objectName() == theirs.objectName() == "qt_scrollarea_viewport"
    assert ours.backgroundRole() == theirs.backgroundRole()
    assert ours.autoFillBackground() and theirs.autoFillBackground()
    assert ours.focusProxy() is win.navigation
