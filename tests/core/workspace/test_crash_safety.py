"""SIGKILL in the middle of a large write leaves all of it or none of it.

Issue 2 section 5: "a child process writing a large batch (say 100,000 observations in one
command) is killed with SIGKILL at random moments, at least 20 times; after each kill the
workspace opens, passes `opsdesk check`, and holds all or none of that batch."
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.row_commands import InsertRows
from tests.core.workspace.helpers import kpi_row

REPO = Path(__file__).resolve().parents[3]
BATCH = 100_000
BASE_OBSERVATIONS = 10
KILLS = 24
SEED = 20261123

# Builds the batch first, says "ready", then writes it as ONE command and reports the time.
CHILD = f"""
import sys, time
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.row_commands import InsertRows
rows = tuple(
    {{"id": {BASE_OBSERVATIONS} + i, "kpi_id": 1, "ts": f"2026-06-01T{{i % 86400 // 3600:02d}}:00",
      "value": i * 0.5, "source_key": f"batch-{{i}}"}}
    for i in range(1, {BATCH} + 1)
)
ws = Workspace.open(sys.argv[1])
print("ready", flush=True)
start = time.perf_counter()
ws.execute(InsertRows("observations", rows, title="Import batch"))
print(f"done {{time.perf_counter() - start:.4f}}", flush=True)
ws.close()
"""


def _base(folder: Path) -> Path:
    """One KPI and a few observations, closed (so the file is complete on its own)."""
    path = folder / "base.opsdesk"
    with Workspace.open(path, create=True) as ws:
        ws.execute(InsertRows("kpis", (kpi_row(1, "Throughput"),), title="Add KPI"))
        rows = tuple(
            {"id": i, "kpi_id": 1, "ts": f"2026-05-{i:02d}", "value": float(i)}
            for i in range(1, BASE_OBSERVATIONS + 1)
        )
        ws.execute(InsertRows("observations", rows, title="Add data"))
    return path


def _fresh_copy(base: Path, folder: Path) -> Path:
    path = folder / "run.opsdesk"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copy(base, path)
    return path


def _start(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def _observations_after_crash(path: Path, pid: int) -> int:
    """Check first (read-only, as `opsdesk check` would), then open for writing and count."""
    report = check_workspace(path)
    assert report.ok, "\n".join(report.lines)
    with Workspace.open(path) as ws:
        stale = ws.took_over_from
        assert stale is None or stale.pid == pid
        return int(ws.scalar("SELECT count(*) FROM observations"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_large_write_is_all_or_none(tmp_path: Path) -> None:
    base = _base(tmp_path)
    none_count, all_count = BASE_OBSERVATIONS, BASE_OBSERVATIONS + BATCH

    # One undisturbed run: the full batch lands, and it tells how long the write takes.
    path = _fresh_copy(base, tmp_path)
    child = _start(path)
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0
    write_seconds = float(out.split()[1])
    assert _observations_after_crash(path, child.pid) == all_count

    rng = random.Random(SEED)
    outcomes: list[str] = []
    started = time.perf_counter()
    for _ in range(KILLS):
        path = _fresh_copy(base, tmp_path)
        child = _start(path)
        # Up to 1.2x the measured write, so some kills also land around and after COMMIT.
        time.sleep(rng.uniform(0, 1.2 * write_seconds))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert child.stdout is not None
        finished = "done" in child.stdout.read()
        child.stdout.close()
        count = _observations_after_crash(path, child.pid)
        assert count in (none_count, all_count), f"partial batch: {count} observations"
        if finished:
            assert count == all_count  # the child saw its commit return: it must be durable
        outcomes.append("none" if count == none_count else "all")
    summary = (
        f"{KILLS} kills over a {write_seconds:.2f} s write: {outcomes.count('none')} left none"
        f" (killed mid-write), {outcomes.count('all')} left all;"
        f" {time.perf_counter() - started:.1f} s"
    )
    print(summary)
    assert outcomes.count("none") >= 1, summary


def _last_page_one(wal: bytes) -> bytes:
    """Page 1's newest image in a WAL file (https://www.sqlite.org/fileformat.html, 4.1:
    a 32-byte header with the page size at offset 8, then frames of a 24-byte header,
    whose first 4 bytes are the page number, followed by the page)."""
    page_size = int.from_bytes(wal[8:12], "big")
    found = b""
    for offset in range(32, len(wal) - 24 - page_size + 1, 24 + page_size):
        if int.from_bytes(wal[offset : offset + 4], "big") == 1:
            found = wal[offset + 24 : offset + 24 + page_size]
    assert found, "the WAL holds no image of page 1"
    return found


def test_crash_mid_checkpoint_is_not_truncation(tmp_path: Path) -> None:
    # A checkpoint copies WAL pages into the file in page order, page 1 (with the new page
    # count) first; killed there, the file is shorter than its header says while the WAL
    # still holds every page. Build that state by hand: it must open, whole.
    base = _base(tmp_path)
    crashed = tmp_path / "crashed.opsdesk"
    rows = tuple(
        {"id": BASE_OBSERVATIONS + i, "kpi_id": 1, "ts": "2026-06-01", "value": float(i)}
        for i in range(1, 5001)
    )
    with Workspace.open(base) as ws:
        ws.conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep the batch in the WAL
        ws.execute(InsertRows("observations", rows, title="Import batch"))
        # Copying while it is open is what a crash leaves: the file plus a WAL.
        shutil.copy(base, crashed)
        shutil.copy(Path(f"{base}-wal"), Path(f"{crashed}-wal"))
    page_one = _last_page_one(Path(f"{crashed}-wal").read_bytes())
    with open(crashed, "r+b") as handle:
        handle.write(page_one)
    page_size = int.from_bytes(page_one[16:18], "big")
    header_pages = int.from_bytes(page_one[28:32], "big")
    assert crashed.stat().st_size < header_pages * page_size  # looks truncated by its header
    with Workspace.open(crashed) as ws:
        assert ws.scalar("SELECT count(*) FROM observations") == BASE_OBSERVATIONS + 5000
    assert check_workspace(crashed).ok
