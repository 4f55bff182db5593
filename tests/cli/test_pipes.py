"""Output into a pipe whose reader has gone (``opsdesk kpi status ws | head``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATASETS

SIGPIPE_EXIT = 141  # what a shell reports for a tool ended by SIGPIPE: 128 + 13


def into_closed_pipe(*args: object) -> subprocess.CompletedProcess[str]:
    """Run opsdesk with stdout a pipe nobody reads any more, as after ``| head`` exits."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "opsdesk", *map(str, args)],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("command", [
    ("kpi", "status", "{ws}", "--as-of", "2026-06-30"),
    ("kpi", "list", "{ws}", "--json"),
    ("check", "{ws}"),
    ("spc", DATASETS / "spc" / "pistonrings.csv", "--chart", "xbar-r", "--value", "diameter",
     "--subgroup", "sample", "--json"),
    ("pareto", DATASETS / "spc" / "pareto_errors.csv", "--category", "category"),
])
def test_a_closed_pipe_ends_quietly(demo_file: Path, tmp_path: Path,
                                    command: tuple[object, ...]) -> None:
    ws = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, ws)
    result = into_closed_pipe(*(str(a).format(ws=ws) for a in command))
    assert result.stderr == ""
    assert result.returncode == SIGPIPE_EXIT


@pytest.mark.parametrize("command", [("--help",), ("spc", "--help")])
def test_help_into_a_closed_pipe_is_quiet(command: tuple[str, ...]) -> None:
    # argparse itself drops a failed write of its help text, and then exits 0.
    result = into_closed_pipe(*command)
    assert result.stderr == ""
    assert result.returncode in (0, SIGPIPE_EXIT)
