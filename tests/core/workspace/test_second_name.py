"""A second name for the workspace file (a hard link, a symlink) is the same workspace.

Issue 15 item 1: "Open a.opsdesk in the app, add 50 KPIs; ln a.opsdesk b.opsdesk; opsdesk
kpi add b.opsdesk ... succeeds with no 'held by' message; after the app closes and one
more write through b, the 50 KPIs are gone." SQLite names the write-ahead log after the
path, so two names of one file are two databases to it: the lock goes by the file's
identity, and a name whose file has its latest changes in another name's WAL is refused.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.lock import WorkspaceLocked
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.core.workspace.second_name import OtherName
from tests.core.workspace.helpers import kpi_row

REPO = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX hard links and flock")


def _add_kpis(ws: Workspace, first: int, count: int) -> None:
    for i in range(first, first + count):
        ws.execute(InsertRows("kpis", (kpi_row(i, f"KPI {i}"),), title="Add KPI"))


def _kpi_count(path: Path) -> int:
    with Workspace.open(path, read_only=True) as ws:
        return int(ws.scalar("SELECT count(*) FROM kpis"))


def test_a_hard_link_is_locked_while_the_first_name_is_open(tmp_path: Path) -> None:
    a, b = tmp_path / "a.opsdesk", tmp_path / "b.opsdesk"
    with Workspace.open(a, create=True) as ws:
        _add_kpis(ws, 1, 50)
        os.link(a, b)
        with pytest.raises(WorkspaceLocked, match=f"process {os.getpid()} "):
            Workspace.open(b)
        # Read-only through b would read the file without a's log: refused, naming a.
        with pytest.raises(OtherName, match=r"a\.opsdesk"):
            Workspace.open(b, read_only=True)
    # a closed cleanly: its log is in the file, and b is now just another name.
    with Workspace.open(b) as ws:
        _add_kpis(ws, 51, 1)
    assert _kpi_count(a) == 51
    assert _kpi_count(b) == 51
    assert check_workspace(a).ok


def test_a_symlink_is_the_file_it_points_to(tmp_path: Path) -> None:
    real, link = tmp_path / "real.opsdesk", tmp_path / "link.opsdesk"
    with Workspace.open(real, create=True) as ws:
        _add_kpis(ws, 1, 5)
        link.symlink_to(real)
        with pytest.raises(WorkspaceLocked, match=f"process {os.getpid()} "):
            Workspace.open(link)
        with Workspace.open(link, read_only=True) as through_link:
            assert through_link.path == real  # the same log, lock and name
            assert through_link.scalar("SELECT count(*) FROM kpis") == 5
    with Workspace.open(link) as ws:
        _add_kpis(ws, 6, 1)
    assert not (tmp_path / "link.opsdesk-wal").exists()
    assert _kpi_count(real) == 6


# The app of the issue: opens a.opsdesk, adds 50 KPIs, holds it until stdin closes.
HOLDER = """
import sys
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.row_commands import InsertRows
ws = Workspace.open(sys.argv[1])
for i in range(1, 51):
    ws.execute(InsertRows("kpis", ({"id": i, "name": f"KPI {i}", "created_at": "x",
                                    "updated_at": "x"},), title="Add KPI"))
print("open", flush=True)
sys.stdin.read()
ws.close()
"""


def test_another_process_holding_the_first_name_is_named(tmp_path: Path) -> None:
    a, b = tmp_path / "a.opsdesk", tmp_path / "b.opsdesk"
    Workspace.open(a, create=True).close()
    os.link(a, b)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(a)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    assert child.stdout is not None and child.stdin is not None
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceLocked, match=f"process {child.pid} .* as {a}"):
            Workspace.open(b)
        with pytest.raises(OtherName):
            Workspace.open(b, read_only=True)
        child.stdin.close()
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        child.stdout.close()
    with Workspace.open(b) as ws:  # one more write through b, after the app closed
        _add_kpis(ws, 51, 1)
    assert _kpi_count(a) == 51


# Opens the workspace by the name it is given, commits one KPI at a time and says so.
WRITER = """
import sys
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.row_commands import InsertRows
ws = Workspace.open(sys.argv[1])
first = int(sys.argv[2])
print("open", flush=True)
for i in range(first, first + 400):
    ws.execute(InsertRows("kpis", ({"id": i, "name": f"KPI {i}", "created_at": "x",
                                    "updated_at": "x"},), title="Add KPI"))
    print(i, flush=True)
ws.close()
"""


def _kill_writer(path: Path, first: int, after_lines: int) -> list[int]:
    """Start a writer on ``path``, kill it after it reports ``after_lines`` commits."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(first)],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open"
    committed = [int(child.stdout.readline()) for _ in range(after_lines)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    committed += [int(line) for line in child.stdout.read().split()]
    child.stdout.close()
    return committed


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_through_a_second_name_loses_nothing(tmp_path: Path) -> None:
    # Writers killed at random moments, each through a name picked at random (hard link,
    # symlink, the first name); after each kill, opening by any name either refuses and
    # names the one to use, or shows every KPI a writer saw committed.
    import random

    a = tmp_path / "a.opsdesk"
    Workspace.open(a, create=True).close()
    names = [a, tmp_path / "hard.opsdesk", tmp_path / "soft.opsdesk"]
    os.link(a, names[1])
    names[2].symlink_to(a)
    rng = random.Random(20261115)
    committed: set[int] = set()
    refusals = 0
    for run in range(12):
        writer = rng.choice(names)
        committed |= set(_kill_writer(writer, 1 + run * 1000, rng.randint(0, 40)))
        reader = rng.choice(names)
        try:
            with Workspace.open(reader) as ws:
                found = {r[0] for r in ws.conn.execute("SELECT id FROM kpis")}
        except OtherName as refused:
            refusals += 1
            assert refused.use_instead.samefile(writer)
            with Workspace.open(refused.use_instead) as ws:
                found = {r[0] for r in ws.conn.execute("SELECT id FROM kpis")}
        assert committed <= found, f"lost {sorted(committed - found)[:10]}"
        committed = found
    for name in names:
        assert check_workspace(name).ok
        assert _kpi_count(name) == len(committed)
    print(f"12 kills, {len(committed)} KPIs kept, {refusals} opens sent to the writer's name")
