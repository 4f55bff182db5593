"""One writer per workspace, across processes; a dead holder's lock is taken over.

Issue 2 section 2: "A second opsdesk process opening a workspace that is open elsewhere is
told which process/host holds it and may open it read-only; a stale lock (holder gone) is
taken over."
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.lock import WorkspaceLocked, lock_path

REPO = Path(__file__).resolve().parents[3]

# Opens the workspace for writing, says so, then holds it until stdin closes.
HOLDER = """
import sys
from opsdesk.core.workspace import Workspace
ws = Workspace.open(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
ws.close()
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    path = tmp_path / "shared.opsdesk"
    Workspace.open(path, create=True).close()
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    with child:  # closes its pipes and waits for it
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        yield path, child
        if child.poll() is None:
            child.kill()


def test_second_open_names_the_holder(holder: tuple[Path, subprocess.Popen[str]]) -> None:
    path, child = holder
    with pytest.raises(WorkspaceLocked) as raised:
        Workspace.open(path)
    message = str(raised.value)
    assert f"process {child.pid} " in message
    assert socket.gethostname() in message  # same machine here, so the host is ours
    assert path.name in message
    assert raised.value.holder is not None and raised.value.holder.pid == child.pid


def test_read_only_open_while_held(holder: tuple[Path, subprocess.Popen[str]]) -> None:
    path, _child = holder
    with Workspace.open(path, read_only=True) as ws:
        assert ws.read_only
        assert ws.scalar("SELECT count(*) FROM kpis") == 0


def test_holder_closing_frees_the_workspace(holder: tuple[Path, subprocess.Popen[str]]) -> None:
    path, child = holder
    assert child.stdin is not None
    child.stdin.close()
    assert child.wait(timeout=10) == 0
    assert not lock_path(path).exists()  # a clean close removes the lock file
    with Workspace.open(path) as ws:
        assert ws.took_over_from is None  # nothing stale to take over


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_stale_lock_is_taken_over(holder: tuple[Path, subprocess.Popen[str]]) -> None:
    path, child = holder
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert lock_path(path).exists()  # the dead holder could not clean up
    with Workspace.open(path) as ws:
        assert not ws.read_only
        assert ws.took_over_from is not None
        assert ws.took_over_from.pid == child.pid
        # And the lock file now names this process.
        with pytest.raises(WorkspaceLocked, match=f"process {os.getpid()} "):
            Workspace.open(path)
