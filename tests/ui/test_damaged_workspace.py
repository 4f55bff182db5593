"""The app on a damaged workspace: it says so, and opens it read-only.

Issue 15 item 4: "the app opens it read-write and keeps writing."
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opsdesk.ui.main_window import MainWindow
from tests.core.workspace.damage import damage_page, leaf_pages


def test_a_damaged_workspace_opens_read_only_with_a_message(
    qtbot, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "damaged.opsdesk"
    shutil.copy(demo_file, path)
    leaves = leaf_pages(path, "observations")
    damage_page(path, leaves[len(leaves) // 2][0])
    window = MainWindow(remember=False)
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.show()
    workspace = window.ctx.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.read_only, timeout=10_000)
    assert window.state_label.isVisibleTo(window)
    assert "damaged" in window.state_label.text()
    assert "(read-only)" in window.windowTitle()
    assert all(not action.isEnabled() for action in window.import_actions)
    said = capsys.readouterr().err  # offscreen, the dialog's sentence goes to stderr
    assert "damaged.opsdesk is damaged and open read-only" in said
    assert "opsdesk recover" in said
    window.close()
