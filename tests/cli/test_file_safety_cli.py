"""The CLI writes only what is its own: demo --force replaces only a workspace, output
goes only to regular files, and only regular files are read as workspaces.

Issue 15 item 13: "demo PATH --force deletes any file (a .docx, another program's
database): replace only an opsdesk workspace. As root, report --out /dev/full replaced
the device node. check on a FIFO hangs: refuse anything that is not a regular file."
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error, opsdesk


def test_demo_force_leaves_a_document_alone(tmp_path: Path) -> None:
    document = tmp_path / "minutes.docx"
    document.write_bytes(b"PK\x03\x04 a word-processing document")
    line = one_line_error(opsdesk("demo", document, "--force"))
    assert "not an opsdesk workspace" in line
    assert document.read_bytes() == b"PK\x03\x04 a word-processing document"


def test_demo_force_leaves_another_programs_database_alone(tmp_path: Path) -> None:
    other = tmp_path / "contacts.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    one_line_error(opsdesk("demo", other, "--force"))
    assert other.read_bytes() == before


def test_demo_force_replaces_a_workspace(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    shutil.copy(demo_file, path)
    result = opsdesk("demo", path, "--force", "--seed", "8")
    assert result.returncode == 0, result.stderr
    assert opsdesk("check", path).returncode == 0


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs a device node")
def test_report_never_replaces_a_device(demo_file: Path) -> None:
    # /dev/null stands in for /dev/full (the same kind of node; safe to aim at).
    line = one_line_error(opsdesk("report", demo_file, "--out", "/dev/null"))
    assert "not a regular file" in line
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_check_refuses_a_fifo_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.opsdesk"
    os.mkfifo(fifo)
    result = opsdesk("check", fifo, timeout=60)  # reading it would wait for a writer
    assert "not a regular file" in one_line_error(result)


def test_export_to_a_missing_folder_is_one_sentence(demo_file: Path, tmp_path: Path) -> None:
    result = opsdesk("export", demo_file, "--out", tmp_path / "nowhere" / "data.xlsx")
    assert "does not exist" in one_line_error(result)
    assert "Exception ignored" not in result.stderr


def test_copy_makes_a_whole_workspace_and_never_replaces(demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.opsdesk"
    result = opsdesk("copy", demo_file, target)
    assert result.returncode == 0, result.stderr
    assert opsdesk("check", target).returncode == 0
    assert not Path(f"{target}-wal").exists()  # one self-contained file
    before = target.read_bytes()
    assert "already exists" in one_line_error(opsdesk("copy", demo_file, target))
    assert target.read_bytes() == before
