"""The wizard writes its import through ``Workspace.execute`` on the writer thread, like
every command: the profile saved in the same undo step, and a read-only workspace refused."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from opsdesk.core.workspace import Workspace
from tests.ui.spreadsheets import sample_file
from tests.ui.test_import_wizard import count, open_wizard, to_check_page


def test_wizard_imports_through_execute_on_the_writer_thread(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    calls: list[tuple[str, bool, bool]] = []
    execute = Workspace.execute

    def spy(self: Workspace, command: Any, conn: Any = None, task: Any = None) -> Any:
        calls.append((command.title, conn is not None and conn is not self.conn,
                      threading.current_thread() is threading.main_thread()))
        return execute(self, command, conn, task)

    monkeypatch.setattr(Workspace, "execute", spy)
    wizard = open_wizard(qtbot, window, sample_file(tmp_path))
    to_check_page(qtbot, window, wizard)
    wizard.check_page.skip.setChecked(True)
    wizard.check_page.remember.setChecked(True)
    wizard.check_page.profile_name.setText("Daily lines")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    # One command, on the writer thread's own connection, off the GUI thread.
    assert calls == [(f"Import {sample_file(tmp_path).name}", True, False)]
    assert wizard.summary["rows_imported"] == 62  # 31 days x 2 KPIs, 2 faulty rows skipped
    assert count(window, "import_profiles") == 1
    window.ctx.undo_stack.undo()  # one step takes the import and the profile back
    assert count(window) == 0 and count(window, "import_profiles") == 0


def test_wizard_import_into_a_read_only_workspace_is_refused(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window.ctx, "show_error", shown.append)
    wizard = open_wizard(qtbot, window, sample_file(tmp_path))
    to_check_page(qtbot, window, wizard)
    wizard.check_page.skip.setChecked(True)
    window.ctx.workspace.stop_writing("the file is damaged")  # read-only since the check
    wizard.next()
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    assert shown == ["ui.opsdesk is open read-only; nothing was changed."]
    assert wizard.summary is None
    assert count(window) == 0 and count(window, "imports") == 0
    assert window.ctx.undo_stack.count() == 0
