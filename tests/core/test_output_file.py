"""Every output file: written through a temporary file renamed into place, only ever a
regular file, with the mode any file the user writes gets (0666 less the umask).

Issue 15 item 13: "As root, `report --out /dev/full` replaced the device node: write only
to regular files, through a temporary file renamed into place."
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.output_file import replacing, write_bytes


@pytest.fixture
def umask_022():  # type: ignore[no-untyped-def]
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_new_file_gets_the_umask_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "review.pdf"
    write_bytes(target, b"%PDF-1.4\n")
    # open(2) with 0o666 under umask 022: 0o666 & ~0o022 = 0o644 (rw-r--r--), as `touch`
    # and every editor make it; mkstemp would have made 0o600.
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"%PDF-1.4\n"
    assert [p.name for p in tmp_path.iterdir()] == ["review.pdf"]  # no part file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_replaced_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "review.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)  # the user narrowed it on purpose
    write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    # /dev/null stands in for /dev/full: as root, rename() over a device node succeeds.
    link = tmp_path / "out.pdf"
    link.symlink_to("/dev/null")
    for target in (Path("/dev/null"), link):
        with pytest.raises(OpsdeskError, match="not a regular file"):
            write_bytes(target, b"data")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert not list(Path("/dev").glob(".null.*.part"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(OpsdeskError, match="not a regular file"):
        write_bytes(fifo, b"data")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symlink_to_a_file_replaces_that_file(tmp_path: Path) -> None:
    real, link = tmp_path / "real.csv", tmp_path / "link.csv"
    real.write_bytes(b"old")
    link.symlink_to(real)
    write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(OpsdeskError, match=r"folder .* does not exist"):
        write_bytes(tmp_path / "nowhere" / "x.pdf", b"data")


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]
