"""Files that are not (or not yet) opsdesk workspaces are refused, and left untouched.

Issue 2 section 2: "A file from a newer opsdesk is refused with a message saying so; a
SQLite file from another program, a truncated file, a non-SQLite file are refused with a
clear message. A read-only file opens read-only."
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Workspace, workspace
from opsdesk.core.workspace.lock import lock_path
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.core.workspace.schema import SCHEMA_VERSION
from tests.core.workspace.helpers import file_hash, kpi_row

# GeoPackage's application_id, "GPKG" (OGC GeoPackage Encoding Standard 12-128r18, 1.1.1.1.1).
GEOPACKAGE_ID = 0x47504B47


def _text(path: Path) -> None:
    path.write_text("date,value\n" + "2026-01-01,1.5\n" * 40, encoding="utf-8")


def _short_text(path: Path) -> None:
    path.write_text("hello", encoding="utf-8")  # shorter than the 100-byte SQLite header


def _png(path: Path) -> None:
    # The 8-byte PNG signature (PNG spec, 5.2) and an IHDR chunk header, then filler.
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)


def _foreign_sqlite(app_id: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO contacts (name) VALUES ('Ada')")
        conn.execute(f"PRAGMA application_id = {app_id}")
        conn.commit()
        conn.close()

    return make


def _newer(path: Path) -> None:
    Workspace.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "text": (_text, "not a SQLite file"),
    "short-text": (_short_text, "not a SQLite file"),
    "png": (_png, "not a SQLite file"),
    "sqlite-app-id-0": (_foreign_sqlite(0), "another program"),
    "sqlite-geopackage": (_foreign_sqlite(GEOPACKAGE_ID), "another program"),
    "newer": (_newer, "newer opsdesk"),
}


def _assert_one_sentence(message: str, file_name: str, why: str) -> None:
    assert file_name in message, message
    assert why in message, message
    assert "\n" not in message and message.endswith("."), message
    # No second sentence: a full stop followed by a space and a capital letter.
    assert not re.search(r"[.!?]\s+[A-Z]", message), message


@pytest.mark.parametrize("case", sorted(CASES))
def test_foreign_file_is_refused_and_unchanged(tmp_path: Path, case: str) -> None:
    make, why = CASES[case]
    path = tmp_path / f"{case}.opsdesk"
    make(path)
    before = file_hash(path)
    with pytest.raises(OpsdeskError) as raised:
        Workspace.open(path)
    _assert_one_sentence(str(raised.value), path.name, why)
    assert file_hash(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no -wal, -shm, .lock


@pytest.mark.parametrize("case", sorted(CASES))
def test_foreign_file_is_refused_read_only_too(tmp_path: Path, case: str) -> None:
    make, why = CASES[case]
    path = tmp_path / f"{case}.opsdesk"
    make(path)
    before = file_hash(path)
    with pytest.raises(OpsdeskError) as raised:
        Workspace.open(path, read_only=True)
    _assert_one_sentence(str(raised.value), path.name, why)
    assert file_hash(path) == before


def test_truncated_workspace_is_refused(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.opsdesk"
    data = demo_file.read_bytes()
    assert len(data) > 8 * 4096  # the demo spans many pages, so half of it loses pages
    path.write_bytes(data[: len(data) // 2])
    before = file_hash(path)
    with pytest.raises(OpsdeskError) as raised:
        Workspace.open(path)
    _assert_one_sentence(str(raised.value), path.name, "truncated")
    assert file_hash(path) == before


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "looks.opsdesk"
    folder.mkdir()
    with pytest.raises(OpsdeskError, match="folder"):
        Workspace.open(folder)


def _kpi_count(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM kpis").fetchone()[0])
    finally:
        conn.close()


def _assert_read_only(ws: Workspace) -> None:
    assert ws.read_only
    with pytest.raises(workspace.ReadOnlyWorkspace) as raised:
        ws.execute(InsertRows("kpis", (kpi_row(99, "Scrap"),), title="Add KPI"))
    assert ws.path.name in str(raised.value)
    with pytest.raises(sqlite3.OperationalError):  # even raw SQL cannot write
        ws.conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")


def test_open_read_only_on_request(demo_file: Path) -> None:
    before, kpis = file_hash(demo_file), _kpi_count(demo_file)
    with Workspace.open(demo_file, read_only=True) as ws:
        _assert_read_only(ws)
        assert ws.scalar("SELECT count(*) FROM kpis") == kpis  # still readable
        assert not lock_path(demo_file).exists()  # readers do not take the lock
    assert file_hash(demo_file) == before
    assert _kpi_count(demo_file) == kpis


def test_unwritable_file_opens_read_only(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Running as root, chmod does not stop writes, so stand in for the permission check.
    path = tmp_path / "ro.opsdesk"
    path.write_bytes(demo_file.read_bytes())
    monkeypatch.setattr(workspace, "_writable", lambda _path: False)
    before = file_hash(path)
    with Workspace.open(path) as ws:
        assert ws.read_only_reason == "the file cannot be written"
        _assert_read_only(ws)
    assert file_hash(path) == before


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write any file"
)
def test_read_only_file_and_folder_open_read_only(demo_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "ro.opsdesk"
    path.write_bytes(demo_file.read_bytes())
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        before = file_hash(path)
        with Workspace.open(path) as ws:
            assert ws.read_only_reason == "the file cannot be written"
            _assert_read_only(ws)
            assert ws.scalar("SELECT count(*) FROM kpis") > 0
        assert file_hash(path) == before
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
