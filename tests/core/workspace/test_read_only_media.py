"""A workspace on read-only media whose log holds commits is never read without them.

SQLite reads a WAL database read-only through the shared-memory file beside it; where it
cannot make one (read-only media), opsdesk opened the file as ``immutable``, which reads
the file alone and leaves out every commit still in the log. Issue 15 ("never lie about
it"): say so in one sentence instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.row_commands import InsertRows
from tests.core.workspace.helpers import kpi_row
from tests.tmpfs import remount_read_only, small_tmpfs


def test_a_log_on_read_only_media_is_not_left_out(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "media", "8m") as media:
        source = media / "source.opsdesk"
        crashed = media / "crashed.opsdesk"
        with Workspace.open(source, create=True) as ws:
            ws.conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep the commits in the log
            ws.execute(InsertRows("kpis", (kpi_row(1, "Only in the log"),), title="Add KPI"))
            shutil.copy(source, crashed)  # what a crash leaves: the file and its log
            shutil.copy(Path(f"{source}-wal"), Path(f"{crashed}-wal"))
        remount_read_only(media)
        with pytest.raises(OpsdeskError, match=r"crashed\.opsdesk-wal beside it"):
            Workspace.open(crashed, read_only=True)
        with Workspace.open(source, read_only=True) as ws:  # closed cleanly: all in the file
            assert ws.scalar("SELECT name FROM kpis") == "Only in the log"
