"""A damaged workspace: check names what is damaged, writes are refused, recover keeps
every row that can still be read and says what could not be.

Issue 15 item 4: "A damaged workspace gets 'Something went wrong (DatabaseError)', and
the app opens it read-write and keeps writing. check reports FAIL naming what is damaged;
the app opens it read-only with a message; opsdesk recover DAMAGED NEW salvages every
readable row into a new workspace and says what was lost."
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.recover import open_damaged, recover
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.core.workspace.storage_errors import WorkspaceDamaged
from tests.core.workspace.damage import damage_page, leaf_pages
from tests.core.workspace.helpers import kpi_row


@pytest.fixture
def damaged(demo_file: Path, tmp_path: Path) -> tuple[Path, set[int], set[int]]:
    """The demo with one leaf page of observations overwritten: (path, every observation
    id, the ids that page held)."""
    path = tmp_path / "damaged.opsdesk"
    shutil.copy(demo_file, path)
    leaves = leaf_pages(path, "observations")
    every = {i for _page, ids in leaves for i in ids}
    page, lost = leaves[len(leaves) // 2]
    damage_page(path, page)
    return path, every, set(lost)


def test_check_names_the_damaged_table(damaged: tuple[Path, set[int], set[int]]) -> None:
    path, _every, _lost = damaged
    report = check_workspace(path)
    assert not report.ok
    text = "\n".join(report.lines)
    assert "FAIL" in text and "observations" in text, text
    assert "kpis" not in text.split("FAIL", 1)[1].split("\n")[1], text  # kpis is whole


def test_a_damaged_workspace_takes_no_writes(damaged: tuple[Path, set[int], set[int]]) -> None:
    path, _every, lost = damaged
    with Workspace.open(path) as ws:
        assert ws.find_damage()  # what the app runs in the background after opening
        # A write that meets the damaged page: one sentence, and no more writes.
        row = {"id": min(lost), "kpi_id": 1, "ts": "2030-01-01", "value": 1.0}
        with pytest.raises(WorkspaceDamaged, match="opsdesk recover"):
            ws.execute(InsertRows("observations", (row,), title="Add a value"))
        assert ws.read_only and "damaged" in ws.read_only_reason
        with pytest.raises(Exception, match="open read-only"):
            ws.execute(InsertRows("kpis", (kpi_row(900, "Written into damage"),),
                                  title="Add KPI"))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM kpis WHERE id = 900").fetchone()[0] == 0
    conn.close()


def test_recover_keeps_every_readable_row(
    damaged: tuple[Path, set[int], set[int]], tmp_path: Path
) -> None:
    path, every, lost = damaged
    target = tmp_path / "recovered.opsdesk"
    source = open_damaged(path, None)
    try:
        recovery = recover(source, path, target)
    finally:
        source.close()
    # The ids on the damaged page, as read off the page before it was overwritten.
    assert recovery.lost == [
        f"observations: rows with ids {min(lost):,} to {max(lost):,} could not be read"
    ]
    conn = sqlite3.connect(target)
    kept = {r[0] for r in conn.execute("SELECT id FROM observations")}
    assert kept == every - lost
    demo = sqlite3.connect(path)
    for table in ("kpis", "kpi_targets", "annotations", "projects"):
        assert conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == \
            demo.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall(), table
    entry = conn.execute(
        "SELECT command, after FROM audit_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    conn.close()
    demo.close()
    assert entry[0] == "Recover from damaged.opsdesk" and "could not be read" in entry[1]
    report = check_workspace(target)
    assert report.ok, "\n".join(report.lines)


def test_a_file_whose_table_list_is_damaged_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "plant.opsdesk"
    Workspace.open(path, create=True).close()
    header = path.read_bytes()[:100]
    damage_page(path, 1)  # page 1 holds the file header, then the table list
    with open(path, "r+b") as handle:  # the header stays whole: only the list is damaged
        handle.write(header)
    with pytest.raises(WorkspaceDamaged, match=r"plant\.opsdesk is damaged"):
        Workspace.open(path)
    report = check_workspace(path)
    assert not report.ok and "damaged" in "\n".join(report.lines)
