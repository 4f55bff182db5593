"""Encrypted workspaces (issue 15 item 11): SQLCipher 4, nothing readable on disk.

The plaintext checks grep the raw bytes of every file beside the workspace for a KPI name
and for an observation's value, both as SQLite stores a REAL (8-byte big-endian IEEE 754,
https://www.sqlite.org/fileformat.html section 2.1) and as the audit log's JSON text. Each
check first finds them in the unencrypted file, so it can fail.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

import pytest

from opsdesk.core.workspace import Workspace, cipher, encryption, file_check, migrations
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.core.workspace.schema import SCHEMA_VERSION
from tests.core.workspace.helpers import kpi_row, table_contents
from tests.core.workspace.test_migration import make_v0

SECRET_NAME = "Throughput Zeta-7731"
SECRET_VALUE = 4321.875  # exact in binary, so its 8 bytes are unambiguous
LATER_NAME = "Yield Omega-9928"
LATER_VALUE = 8765.4375
TABLES = ("kpis", "observations", "audit_log", "meta")


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds than SQLCipher's 256,000 (0.2 s a key); the test of SQLCipher's
    own derivation below puts them back."""
    monkeypatch.setattr(cipher, "KDF_ROUNDS", 1000)


def _markers(name: str, value: float) -> list[bytes]:
    return [name.encode(), struct.pack(">d", value), repr(value).encode()]


def _files_beside(path: Path) -> list[Path]:
    """The workspace, its -wal, -shm and -journal, and every backup copy beside it."""
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.stem))


def _plaintext_in(path: Path, markers: list[bytes]) -> list[str]:
    found = []
    for file in _files_beside(path):
        data = file.read_bytes()
        found += [f"{file.name}: {m!r}" for m in markers if m in data]
    return found


def _add(ws: Workspace, kpi_id: int, name: str, value: float) -> None:
    ws.execute(InsertRows("kpis", (kpi_row(kpi_id, name),), title="Add KPI"))
    row = {"kpi_id": kpi_id, "ts": "2026-03-01", "value": value, "note": f"{name} note"}
    ws.execute(InsertRows("observations", (row,), title="Add data"))


def _password(text: str = "correct horse") -> object:
    return lambda: text


def test_nothing_readable_in_the_file_its_wal_or_backups(tmp_path: Path) -> None:
    path = tmp_path / "plant.opsdesk"
    make_v0(path)  # an old file: opening it upgrades it and leaves a backup copy
    with Workspace.open(path) as ws:
        assert ws.backup is not None
        _add(ws, 100, SECRET_NAME, SECRET_VALUE)
        assert _plaintext_in(path, _markers(SECRET_NAME, SECRET_VALUE))  # the check can fail
        ws.change_key(cipher.new_key("correct horse"))
    assert not _plaintext_in(path, _markers(SECRET_NAME, SECRET_VALUE))
    assert not _plaintext_in(path, [b"Lead time"])  # the v0 backup's rows too

    # Writes to the encrypted workspace go through an encrypted WAL: look while it is open.
    with Workspace.open(path, password=_password()) as ws:
        _add(ws, 101, LATER_NAME, LATER_VALUE)
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0
        assert not _plaintext_in(path, [*_markers(LATER_NAME, LATER_VALUE), b"SQLite format 3"])
        assert ws.scalar("SELECT value FROM observations WHERE kpi_id = 101") == LATER_VALUE
    assert not _plaintext_in(path, _markers(SECRET_NAME, SECRET_VALUE))


def test_an_encrypted_file_asks_for_its_password_and_names_a_wrong_one(tmp_path: Path) -> None:
    path = tmp_path / "plant.opsdesk"
    with Workspace.open(path, create=True) as ws:
        _add(ws, 1, SECRET_NAME, SECRET_VALUE)
        ws.change_key(cipher.new_key("correct horse"))
    with pytest.raises(cipher.EncryptedWorkspace, match=r"^plant.opsdesk is encrypted and needs"):
        Workspace.open(path)
    with pytest.raises(cipher.EncryptedWorkspace):
        file_check.check_file(path)  # not "not a workspace": it has no SQLite header
    with pytest.raises(cipher.WrongPassword, match=r"^Wrong password for plant.opsdesk\.$"):
        Workspace.open(path, password=_password("Correct horse"))
    assert not path.with_name(path.name + ".lock").exists()  # the failed open let go
    with Workspace.open(path, password=_password()) as ws:  # and the right one, after
        assert ws.scalar("SELECT name FROM kpis") == SECRET_NAME


def test_an_encrypted_file_is_sqlcipher_4_that_its_password_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The raw key opsdesk hands over is what SQLCipher 4 derives from the password."""
    monkeypatch.setattr(cipher, "KDF_ROUNDS", 256_000)
    path = tmp_path / "plant.opsdesk"
    with Workspace.open(path, create=True) as ws:
        _add(ws, 1, SECRET_NAME, SECRET_VALUE)
        ws.change_key(cipher.new_key("pässwörd"))
    conn = cipher.driver().connect(str(path))
    try:
        conn.execute("PRAGMA key = 'pässwörd'")  # SQLCipher's own derivation
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("SELECT name FROM kpis").fetchall() == [(SECRET_NAME,)]
    finally:
        conn.close()


def test_decrypt_gives_back_the_same_workspace(tmp_path: Path) -> None:
    path = tmp_path / "plant.opsdesk"
    with Workspace.open(path, create=True) as ws:
        _add(ws, 1, SECRET_NAME, SECRET_VALUE)
        before = table_contents(ws.conn, *TABLES)
        ws.change_key(cipher.new_key("correct horse"))
        assert table_contents(ws.conn, *TABLES) == before  # still open, now encrypted
        _add(ws, 2, LATER_NAME, LATER_VALUE)
        after = table_contents(ws.conn, *TABLES)
    with Workspace.open(path, password=_password()) as ws:
        ws.change_key(None)
    conn = sqlite3.connect(path)  # plain SQLite reads it again
    try:
        assert table_contents(conn, *TABLES) == after
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    assert _plaintext_in(path, [LATER_NAME.encode()])
    assert check_workspace(path).ok


def test_undo_and_a_worker_connection_on_an_encrypted_workspace(tmp_path: Path) -> None:
    path = tmp_path / "plant.opsdesk"
    with Workspace.open(path, create=True) as ws:
        ws.change_key(cipher.new_key("correct horse"))
    with Workspace.open(path, password=_password()) as ws:
        applied = ws.execute(InsertRows("kpis", (kpi_row(1, SECRET_NAME),), title="Add KPI"))
        ws.execute(applied.inverse)
        assert ws.scalar("SELECT count(*) FROM kpis") == 0
        worker = ws.connect_again()  # a worker thread's own connection knows the key
        try:
            ws.execute(InsertRows("kpis", (kpi_row(2, LATER_NAME),), title="Add KPI"), worker)
        finally:
            worker.close()
        assert ws.scalar("SELECT name FROM kpis") == LATER_NAME
    # A failing command rolls back on SQLCipher's connection as on sqlite3's.
    with Workspace.open(path, password=_password()) as ws, pytest.raises(
        Exception, match="conflicts with what the workspace holds"
    ):
        ws.execute(InsertRows("kpis", (kpi_row(2, "Duplicate id"),), title="Add KPI"))


def test_an_encrypted_old_file_is_upgraded_with_an_encrypted_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    key = cipher.new_key("correct horse")
    encryption.rewrite(path, None, key)  # encrypt the v0 file as it is
    with Workspace.open(path, password=_password()) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        backup = ws.backup
    assert backup is not None and migrations.backups_of(path) == [backup]
    assert not _plaintext_in(path, [b"Lead time", b"SQLite format 3"])
    conn = cipher.sqlcipher_connect(str(backup), cipher.key_for(backup, "correct horse"))
    try:  # the backup is the v0 file, under the same password
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("SELECT name FROM metrics WHERE id = 1").fetchone() == ("OEE",)
    finally:
        conn.close()


def test_encrypt_and_decrypt_take_the_backups_along(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    with Workspace.open(path) as ws:  # upgraded: a plain v0 backup beside it
        (backup,) = migrations.backups_of(path)
        done, left = ws.change_key(cipher.new_key("correct horse"))
    assert (done, left) == ([backup], [])
    with pytest.raises(cipher.EncryptedWorkspace):
        file_check.read_header(backup)
    with Workspace.open(path, password=_password()) as ws:
        done, left = ws.change_key(None)
    assert (done, left) == ([backup], [])
    assert file_check.read_header(backup) is not None


def test_check_finds_a_changed_byte_in_an_encrypted_file(tmp_path: Path) -> None:
    path = tmp_path / "plant.opsdesk"
    with Workspace.open(path, create=True) as ws:
        for n in range(1, 40):
            _add(ws, n, f"{SECRET_NAME} {n}", SECRET_VALUE + n)
        ws.change_key(cipher.new_key("correct horse"))
    report = check_workspace(path, password=_password())
    assert report.ok and "encrypted" in report.lines[0], report.lines
    with open(path, "r+b") as handle:  # one byte of the last page's ciphertext
        handle.seek(os.path.getsize(path) - 200)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0x01]))
    report = check_workspace(path, password=_password())
    assert not report.ok
    assert "FAIL  SQLCipher page check" in report.lines


@pytest.mark.parametrize(
    ("content", "looks"),
    [
        (os.urandom(8192), True),  # what SQLCipher writes: salt, then ciphertext
        (bytes(range(256)) * 32, False),  # every byte value, but a pattern
        (b"date,value\n" + b"2026-01-01,1.5\n" * 585, False),  # text, 8,192 bytes
        (os.urandom(8000), False),  # not whole pages
    ],
)
def test_what_looks_encrypted(content: bytes, looks: bool) -> None:
    assert cipher.looks_encrypted(content[: cipher.PAGE_BYTES], len(content)) is looks


def test_a_file_that_is_not_encrypted_is_still_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "notes.opsdesk"
    path.write_bytes(b"date,value\n" + b"2026-01-01,1.5\n" * 585)
    with pytest.raises(file_check.NotAWorkspace, match="not a SQLite file"):
        Workspace.open(path, password=_password())
