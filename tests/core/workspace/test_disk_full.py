"""A full disk: one sentence saying so and that nothing changed, and nothing lost.

Issue 15 item 14: "Disk full: 'cannot be read as an opsdesk workspace (disk I/O error)',
'Something went wrong (OperationalError)', and during migration '(cannot rollback - no
transaction is active)'. Say that the disk is full, that nothing changed, and where the
backup is." Run on a small tmpfs of its own (root only; skipped elsewhere).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Workspace, migrations
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.core.workspace.storage_errors import DiskFull
from tests.cli.cli_run import one_line_error, opsdesk
from tests.core.workspace.helpers import table_contents
from tests.core.workspace.test_migration import make_v0
from tests.tmpfs import fill, small_tmpfs

TABLES = ("kpis", "kpi_targets", "observations", "audit_log")


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return table_contents(conn, *TABLES)
    finally:
        conn.close()


def test_a_write_on_a_full_disk_changes_nothing(demo_file: Path, tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk", "8m") as disk:
        path = disk / "plant.opsdesk"
        shutil.copy(demo_file, path)
        before = _contents(path)
        rows = tuple(
            {"id": 1_000_000 + i, "kpi_id": 1, "ts": f"2030-01-{1 + i % 28:02d}",
             "value": float(i), "source_key": f"big-{i}"}
            for i in range(60_000)
        )
        with Workspace.open(path) as ws:  # open when the disk fills, as the app would be
            filler = fill(disk)
            with pytest.raises(DiskFull, match=r"plant\.opsdesk is full, so nothing was changed"):
                ws.execute(InsertRows("observations", rows, title="Import"))
        # Still full: the command line says so in one sentence.
        line = one_line_error(opsdesk("kpi", "add", path, "Scrap", "--unit", "%",
                                      "--direction", "lower", "--frequency", "monthly",
                                      "--aggregation", "mean"))
        assert "is full" in line and "nothing was changed" in line, line
        filler.unlink()
        assert _contents(path) == before
        report = check_workspace(path)
        assert report.ok, "\n".join(report.lines)


def test_an_upgrade_on_a_full_disk_changes_nothing(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk", "2m") as disk:
        path = disk / "old.opsdesk"
        make_v0(path)
        before = path.read_bytes()
        filler = fill(disk)
        with pytest.raises(OpsdeskError) as raised:
            Workspace.open(path)
        message = str(raised.value)
        assert "the disk is full" in message and "nothing was changed" in message, message
        assert "cannot rollback" not in message
        assert path.read_bytes() == before
        assert migrations.backups_of(path) == []  # no half-written copy left to fill it more
        filler.unlink()
        with Workspace.open(path) as ws:  # room again: the upgrade goes through
            assert ws.backup is not None and ws.backup.exists()
