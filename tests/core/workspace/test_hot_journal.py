"""A transaction that a crash left half done in rollback-journal mode is rolled back,
by readers too, and never mistaken for damage.

Issue 15 item 3: "A read-only open that meets a hot rollback journal falls back to
immutable=1 and reads uncommitted state; check then reports a false FAIL. A workspace
killed while demo created it is refused as 'truncated' though SQLite could recover it,
and demo --force cannot replace it."
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from opsdesk.core.demo import write_demo
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.row_commands import InsertRows
from tests.core.workspace.helpers import kpi_row

# Runs a transaction that outgrows a 10-page cache (so SQLite writes pages into the file
# before COMMIT, their old images in the -journal), then dies without committing.
HALF_DONE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 10")
conn.execute("BEGIN")
conn.execute(sys.argv[2])
os._exit(0)
"""

# 400 rows of 2,000 bytes: about 200 pages, far past the cache.
FILLER = (
    "CREATE TABLE filler AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
    "SELECT i + 1 FROM n WHERE i < 400) SELECT randomblob(2000) AS b FROM n"
)


def _die_mid_transaction(path: Path, sql: str) -> None:
    subprocess.run([sys.executable, "-c", HALF_DONE, str(path), sql], check=True, timeout=60)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0  # the crash left it hot


def test_a_reader_rolls_back_a_hot_journal(tmp_path: Path) -> None:
    path = tmp_path / "plant.opsdesk"
    with Workspace.open(path, create=True) as ws:
        ws.execute(InsertRows("kpis", tuple(kpi_row(i, f"KPI {i}") for i in range(1, 401)),
                              title="Add KPIs"))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # as an upgrade of an old file runs
    conn.close()
    _die_mid_transaction(path, "UPDATE kpis SET name = 'half ' || id || hex(randomblob(400))")
    report = check_workspace(path)  # read-only, as `opsdesk check`
    assert report.ok, "\n".join(report.lines)
    with Workspace.open(path, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM kpis WHERE name LIKE 'half %'") == 0
        assert ws.scalar("SELECT count(*) FROM kpis") == 400


def test_a_hot_journal_on_a_file_that_cannot_be_written_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsdesk.core.workspace import workspace

    path = tmp_path / "plant.opsdesk"
    Workspace.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    _die_mid_transaction(path, FILLER)
    monkeypatch.setattr(workspace, "_writable", lambda _path: False)  # as on read-only media
    with pytest.raises(OpsdeskError, match=r"half done .* open it once where it can be written"):
        Workspace.open(path, read_only=True)


def test_a_demo_killed_while_it_made_the_file_is_not_truncated(tmp_path: Path) -> None:
    # The new file's tables are made in rollback mode (WAL comes after), so a kill there
    # leaves pages of a file that never committed and a journal that says it was empty.
    path = tmp_path / "demo.opsdesk"
    path.touch()
    _die_mid_transaction(path, FILLER)
    with Workspace.open(path) as ws:  # rolled back to the empty file it was: made anew
        assert ws.scalar("SELECT count(*) FROM kpis") == 0
    write_demo(path, replace=True)
    assert check_workspace(path).ok
