"""Import of a 200,000-row long-layout xlsx through ``opsdesk import``, against its floor.

Floor: python-calamine reading the sheet plus one ``executemany`` of the rows (KPI id,
ISO date, value, site, count) into the same, fresh workspace schema in one transaction:
the least any importer has to do. Both run as fresh processes, so both pay interpreter
start-up, and peak memory is each process's own maximum resident set.
pandas.read_excel (openpyxl engine) is shown for scale when pandas is installed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROWS = 200_000
KPIS = [f"KPI {i:02d}" for i in range(20)]
SITES = ["North", "South", "East", "West", "Central"]
REPEAT = 3

FLOOR = r"""
import sqlite3, sys
from python_calamine import CalamineWorkbook
path, db = sys.argv[1], sys.argv[2]
rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL"); conn.execute("PRAGMA synchronous = FULL")
conn.execute("PRAGMA foreign_keys = ON")
ids = {}
conn.execute("BEGIN IMMEDIATE")
for name in sorted({r[1] for r in rows[1:]}):
    ids[name] = conn.execute(
        "INSERT INTO kpis (name, created_at, updated_at) VALUES (?, '', '')", (name,)).lastrowid
conn.executemany(
    "INSERT INTO observations (kpi_id, ts, value, segment, sample_size, created_at)"
    " VALUES (?, ?, ?, ?, ?, '')",
    [(ids[r[1]], r[0].isoformat(), r[2], r[4], r[5]) for r in rows[1:]])
conn.execute("COMMIT")
"""

LOADING = r"""
import time
started = time.perf_counter()
import numpy, opsdesk.core.spc
print(time.perf_counter() - started)
"""

PANDAS = r"""
import sys, pandas
frame = pandas.read_excel(sys.argv[1], engine="openpyxl")
assert len(frame) > 0
"""


def make_workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(["Date", "KPI name", "Value", "Target", "Site", "Count"])
    start = date(2019, 1, 1)
    per_day = len(KPIS) * len(SITES)
    for n in range(ROWS):
        day, rest = divmod(n, per_day)
        kpi, site = divmod(rest, len(SITES))
        sheet.append(
            [
                start + timedelta(days=day),
                KPIS[kpi],
                round(50 + (n * 7919 % 1000) / 20, 2),
                75.0,
                SITES[site],
                100 + n % 50,
            ]
        )
    book.save(path)


def _run(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{args[:4]} failed: {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss / 1024


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def run() -> list[str]:
    from opsdesk.core.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        book = folder / "long.xlsx"
        made = time.perf_counter()
        make_workbook(book)
        lines = [
            f"workbook: {ROWS:,} rows x 6 columns, {book.stat().st_size / 2**20:.1f} MB "
            f"(generated in {time.perf_counter() - made:.0f} s)"
        ]
        empty = folder / "empty.opsdesk"
        Workspace.open(empty, create=True).close()

        def fresh(name: str) -> Path:
            target = folder / name
            for suffix in ("", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copy(empty, target)
            return target

        ours_runs, floor_runs = [], []
        for _ in range(REPEAT):  # interleaved, so drift hits both alike
            floor_runs.append(
                _run([sys.executable, "-c", FLOOR, str(book), str(fresh("floor.opsdesk"))])
            )
            target = fresh("ours.opsdesk")
            ours_runs.append(
                _run([sys.executable, "-m", "opsdesk", "import", str(target), str(book), "--json"])
            )
            with Workspace.open(target, read_only=True) as ws:
                count = ws.scalar("SELECT count(*) FROM observations")
            assert count == ROWS, f"imported {count} rows, expected {ROWS}"
        ours, ours_mb = _median(ours_runs)
        floor, floor_mb = _median(floor_runs)
        ratio = ours / floor
        lines.append(
            f"opsdesk import: {ours:.2f} s, peak {ours_mb:.0f} MB; floor (calamine + one "
            f"executemany): {floor:.2f} s, peak {floor_mb:.0f} MB; ratio {ratio:.2f} (goal <= 1.2: "
            f"{'met' if ratio <= 1.2 else 'MISSED'}), memory ratio {ours_mb / floor_mb:.2f}"
        )
        # Raising KPI alerts on the new data is part of every import (issue 5), and so is
        # summing it into the period aggregates; time each on the imported workspace
        # (rolled back) to show what the import itself costs.
        import sqlite3

        from opsdesk.core.kpi.alerts import raise_alerts

        conn = sqlite3.connect(folder / "ours.opsdesk", isolation_level=None)
        ids = [r[0] for r in conn.execute("SELECT id FROM kpis")]

        def alert_seconds(as_of: date | None) -> float:
            times = []
            for _ in range(REPEAT):
                conn.execute("BEGIN")
                started = time.perf_counter()
                raise_alerts(conn, ids, as_of)
                times.append(time.perf_counter() - started)
                conn.execute("ROLLBACK")
            return statistics.median(times)

        alerts = alert_seconds(None)

        def summing_seconds() -> float:
            from opsdesk.core.kpi.period_store import rebuild

            times = []
            for _ in range(REPEAT):
                conn.execute("BEGIN")
                started = time.perf_counter()
                rebuild(conn)
                times.append(time.perf_counter() - started)
                conn.execute("ROLLBACK")
            return statistics.median(times)

        summing = summing_seconds()

        def sealing_seconds() -> float:
            # The seal of the imported rows: read back and digested, as each import does.
            import secrets

            from opsdesk.core.workspace import audit_seal

            key = secrets.token_bytes(32)
            times = []
            for _ in range(REPEAT):
                started = time.perf_counter()
                audit_seal.full(conn, key, "observations")
                times.append(time.perf_counter() - started)
            return statistics.median(times)

        sealing = sealing_seconds()
        # The data end in mid-2024, so today every KPI is stale (judged from its newest
        # observation); as of the day after the data they are current, and each KPI's
        # whole history is aggregated and charted (SPC), which numpy and the SPC engine
        # load for: what an import of this year's data pays.
        after_data = date(2019, 1, 1) + timedelta(days=ROWS // (len(KPIS) * len(SITES)))
        loading = float(  # in a fresh process: this one has numpy already (openpyxl)
            subprocess.run(
                [sys.executable, "-c", LOADING], capture_output=True, text=True, check=True
            ).stdout
        )
        current = alert_seconds(after_data)
        conn.close()
        lines.append(
            f"  of which raising KPI alerts on the new data: {alerts:.3f} s in-process; "
            f"without it the ratio is {(ours - alerts) / floor:.2f}"
        )
        lines.append(
            f"  of which summing the new data into the period aggregates (format 5, as "
            f"the import does before raising alerts): {summing:.3f} s in-process"
        )
        lines.append(
            f"  of which sealing the new rows (read back and digested): {sealing:.3f} s "
            f"in-process; without the seal and the period aggregates the ratio is "
            f"{(ours - sealing - summing) / floor:.2f}"
        )
        lines.append(
            f"  alerts had the data been current (as of {after_data}): {current:.2f} s, plus "
            f"{loading:.2f} s loading numpy and the SPC engine"
        )
        try:
            import pandas  # noqa: F401
        except ImportError:
            lines.append("pandas.read_excel (openpyxl): skipped, pandas is not installed")
        else:
            seconds, mb = _run([sys.executable, "-c", PANDAS, str(book)])
            lines.append(
                f"pandas.read_excel (openpyxl), reading only, for scale: {seconds:.2f} s, "
                f"peak {mb:.0f} MB ({seconds / floor:.1f}x the floor)"
            )
        return lines
    finally:
        shutil.rmtree(folder, ignore_errors=True)
