"""The desktop shell: navigation, menus, undo, read-only state, drops, recent files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from opsdesk import __version__
from opsdesk.core import recent_files
from opsdesk.core.workspace.commands import now_iso
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.core.workspace.schema import SCHEMA_VERSION
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages import PAGES


def add_kpi(name: str) -> InsertRows:
    stamp = now_iso()
    return InsertRows(
        "kpis", ({"name": name, "created_at": stamp, "updated_at": stamp},), title=f"Add {name}"
    )


def kpi_names(window: MainWindow) -> list[str]:
    assert window.ctx.workspace is not None
    return [r["name"] for r in window.ctx.workspace.rows("SELECT name FROM kpis ORDER BY id")]


def test_navigation_lists_every_page_and_shows_each(window: MainWindow) -> None:
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == [
        "Dashboard",
        "KPIs",
        "Control charts",
        "Data",
        "Process maps",
        "Value streams",
        "Improvement",
        "Reports",
    ]
    for key, _title, _target in PAGES:
        page = window.show_page_by_key(key)
        assert window.current_page() is page


def test_title_and_status_bar_name_the_workspace(window: MainWindow) -> None:
    assert window.windowTitle().startswith("ui.opsdesk")
    assert window.path_label.text().endswith("ui.opsdesk")
    assert not window.state_label.isVisible()


def test_undo_and_redo_show_the_command_name(window: MainWindow) -> None:
    window.ctx.execute(add_kpi("OEE"))
    window.ctx.execute(add_kpi("Scrap rate"))
    assert kpi_names(window) == ["OEE", "Scrap rate"]
    assert window.undo_action.text() == "&Undo Add Scrap rate"
    window.undo_action.trigger()
    assert kpi_names(window) == ["OEE"]
    assert window.redo_action.text() == "&Redo Add Scrap rate"
    window.undo_action.trigger()
    assert kpi_names(window) == []
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert kpi_names(window) == ["OEE", "Scrap rate"]


def test_a_failing_command_changes_nothing_and_says_why(window: MainWindow, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window.ctx, "show_error", shown.append)
    window.ctx.execute(add_kpi("OEE"))
    assert window.ctx.execute(add_kpi("oee")) is None  # names are unique, case forgiven
    assert kpi_names(window) == ["OEE"]
    assert len(shown) == 1 and "nothing was changed" in shown[0]
    assert window.undo_action.text() == "&Undo Add OEE"


def test_read_only_workspace_says_so_and_refuses_edits(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from opsdesk.core.workspace import Workspace

    window.close_workspace()
    path = tmp_path / "ui.opsdesk"
    window.set_workspace(Workspace.open(path, read_only=True))
    assert "(read-only)" in window.windowTitle()
    assert window.state_label.isVisibleTo(window)
    shown: list[str] = []
    monkeypatch.setattr(window.ctx, "show_error", shown.append)
    assert window.ctx.execute(add_kpi("OEE")) is None
    assert shown and "read-only" in shown[0]


def test_locked_elsewhere_opens_read_only(window: MainWindow, tmp_path: Path) -> None:
    from opsdesk.core.workspace import Workspace

    other = tmp_path / "other.opsdesk"
    holder = Workspace.open(other, create=True)  # another open handle holds the lock
    try:
        assert window.open_path(other)
        assert window.ctx.workspace is not None and window.ctx.workspace.read_only
        assert "open in process" in window.state_label.text()
    finally:
        holder.close()


def test_close_shows_the_no_workspace_page(window: MainWindow) -> None:
    window.close_workspace()
    assert window.current_page() is window.no_workspace
    assert window.windowTitle() == "opsdesk"
    assert not window.navigation.isEnabled()
    assert not window.save_copy_action.isEnabled()


def test_recent_files_remember_opened_workspaces(window: MainWindow, tmp_path: Path) -> None:
    assert recent_files.load()[0] == (tmp_path / "ui.opsdesk").absolute()
    window._fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()] == ["ui.opsdesk"]


def test_dropping_a_workspace_opens_it(window: MainWindow, tmp_path: Path) -> None:
    from opsdesk.core.workspace import Workspace

    dropped = tmp_path / "dropped.opsdesk"
    Workspace.open(dropped, create=True).close()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.ctx.workspace is not None
    assert window.ctx.workspace.path == dropped.absolute()


def test_about_names_version_path_and_format(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.show_about()  # Help › About
    text = window.findChildren(QMessageBox)[-1].text()
    assert __version__ in text
    assert "ui.opsdesk" in text
    assert f"Workspace format: {SCHEMA_VERSION}" in text


def test_geometry_persists(qtbot, opsdesk_home: Path) -> None:
    from opsdesk.ui.main_window import settings

    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(1010, 707)
    saved = first.saveGeometry()
    first.close()
    assert (opsdesk_home / "window.ini").exists()
    assert settings().value("geometry") == saved
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.height() == 707  # restored (the offscreen screen may clamp the width)


def test_save_a_copy_is_a_whole_workspace(window: MainWindow, tmp_path: Path) -> None:
    from opsdesk.core.workspace.check import check_workspace
    from opsdesk.core.workspace.copy import copy_workspace

    window.ctx.execute(add_kpi("OEE"))
    target = tmp_path / "copy.opsdesk"
    assert window.ctx.workspace is not None
    copy_workspace(window.ctx.workspace.conn, window.ctx.workspace.path, target)
    assert check_workspace(target).ok
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT name FROM kpis").fetchall() == [("OEE",)]


def test_the_file_is_current_soon_after_the_last_write(
    window: MainWindow, qtbot, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    # Issue 15 item 2: the app folds the log into the file when idle, so a plain copy of
    # the file alone is at most seconds stale. The file alone is read as `cp` would see it:
    # a copy without the -wal beside it.
    import shutil

    from opsdesk.ui.app_context import AppContext

    monkeypatch.setattr(AppContext, "CHECKPOINT_AFTER_MS", 20)
    workspace = window.ctx.workspace
    assert workspace is not None
    window.ctx.execute(add_kpi("Written just now"))
    copy = workspace.path.with_name("plain-copy.opsdesk")

    def copy_has_it() -> bool:
        shutil.copy(workspace.path, copy)
        with sqlite3.connect(copy) as conn:
            return conn.execute("SELECT count(*) FROM kpis").fetchone()[0] == 1

    assert not copy_has_it()  # still only in the log
    qtbot.waitUntil(copy_has_it, timeout=5000)
