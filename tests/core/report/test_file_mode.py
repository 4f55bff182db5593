"""The PDF is created as any file the user writes: mode 0666 less the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from opsdesk.core.report.build import write_atomically


@pytest.fixture
def umask_022():  # type: ignore[no-untyped-def]
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_new_pdf_gets_the_umask_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "review.pdf"
    write_atomically(target, b"%PDF-1.4\n")
    # open(2) with 0o666 under umask 022: 0o666 & ~0o022 = 0o644 (rw-r--r--), as `touch`
    # and every editor make it; mkstemp would have made 0o600.
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"%PDF-1.4\n"
    assert [p.name for p in tmp_path.iterdir()] == ["review.pdf"]  # no part file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_replaced_pdf_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "review.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)  # the user narrowed it on purpose
    write_atomically(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == b"new"
