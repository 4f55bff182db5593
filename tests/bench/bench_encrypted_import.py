"""``opsdesk import`` of the 200,000-row workbook into an encrypted workspace and a plain one.

Both are fresh processes on a copy of the same empty workspace, interleaved, so drift hits
both alike; the encrypted run reads its password from a file and so pays the key
derivation (PBKDF2, 256,000 rounds) as a user does. Goal: within 1.3x of the plain one.

Floors: python-calamine plus one ``executemany`` into the same schema, through sqlite3
(plain) and through sqlcipher3 with the raw key (encrypted). The plain workspace runs on
the system's SQLite and the encrypted one on the SQLite that SQLCipher bundles, so the
floors' ratio is that difference plus the cost of encrypting.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.bench_import import FLOOR, REPEAT, ROWS, _median, _run, make_workbook

PASSWORD = "bench password"
# The plain floor with its connection swapped for SQLCipher's, keyed raw (argv[3]).
CIPHER_FLOOR = FLOOR.replace("import sqlite3, sys", "import sqlcipher3 as sqlite3, sys").replace(
    "conn = sqlite3.connect(db, isolation_level=None)\n",
    "conn = sqlite3.connect(db, isolation_level=None)\n"
    "conn.execute('PRAGMA key = \"' + sys.argv[3] + '\"')\n",
)


def run() -> list[str]:
    from opsdesk.core.workspace import Workspace, cipher

    folder = Path(tempfile.mkdtemp(prefix="bench-encrypted-"))
    try:
        book = folder / "long.xlsx"
        made = time.perf_counter()
        make_workbook(book)
        lines = [f"workbook: {ROWS:,} rows (generated in {time.perf_counter() - made:.0f} s)"]
        secret = folder / "password.txt"
        secret.write_text(PASSWORD, encoding="utf-8")
        plain_empty, secret_empty = folder / "plain-empty.opsdesk", folder / "secret-empty.opsdesk"
        Workspace.open(plain_empty, create=True).close()
        with Workspace.open(secret_empty, create=True) as ws:
            key = cipher.new_key(PASSWORD)
            ws.change_key(key)

        def fresh(empty: Path, name: str) -> Path:
            target = folder / name
            for suffix in ("", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copy(empty, target)
            return target

        runs: dict[str, list[tuple[float, float]]] = {
            "plain": [], "encrypted": [], "plain floor": [], "encrypted floor": []
        }
        for _ in range(REPEAT):
            plain = fresh(plain_empty, "plain.opsdesk")
            runs["plain"].append(_run([sys.executable, "-m", "opsdesk", "import", str(plain),
                                       str(book), "--json"]))
            encrypted = fresh(secret_empty, "secret.opsdesk")
            runs["encrypted"].append(_run([sys.executable, "-m", "opsdesk", "import",
                                           str(encrypted), str(book), "--json",
                                           "--password-file", str(secret)]))
            runs["plain floor"].append(_run([sys.executable, "-c", FLOOR, str(book),
                                             str(fresh(plain_empty, "floor.opsdesk"))]))
            runs["encrypted floor"].append(_run([sys.executable, "-c", CIPHER_FLOOR, str(book),
                                                 str(fresh(secret_empty, "floor-secret.opsdesk")),
                                                 key.raw_text()]))
            with Workspace.open(encrypted, password=lambda: PASSWORD) as ws:
                count = ws.scalar("SELECT count(*) FROM observations")
            assert count == ROWS, f"imported {count} rows into the encrypted one, not {ROWS}"
            assert b"KPI 00" not in encrypted.read_bytes()
        medians = {name: _median(values) for name, values in runs.items()}
        (plain_s, plain_mb), (secret_s, secret_mb) = medians["plain"], medians["encrypted"]
        ratio = secret_s / plain_s
        lines.append(
            f"opsdesk import, encrypted: {secret_s:.2f} s, peak {secret_mb:.0f} MB; plain: "
            f"{plain_s:.2f} s, peak {plain_mb:.0f} MB; ratio {ratio:.2f} (goal <= 1.3: "
            f"{'met' if ratio <= 1.3 else 'MISSED'})"
        )
        floor_plain, floor_secret = medians["plain floor"][0], medians["encrypted floor"][0]
        probe = cipher.driver().connect(":memory:")
        versions = (
            f"SQLite {sqlite3.sqlite_version} vs SQLCipher "
            f"{probe.execute('PRAGMA cipher_version').fetchone()[0]} on SQLite "
            f"{probe.execute('SELECT sqlite_version()').fetchone()[0]}"
        )
        probe.close()
        lines.append(
            f"floor (calamine + one executemany): encrypted {floor_secret:.2f} s, plain "
            f"{floor_plain:.2f} s, ratio {floor_secret / floor_plain:.2f} ({versions})"
        )
        lines.append(
            f"against its floor: encrypted {secret_s / floor_secret:.2f}, "
            f"plain {plain_s / floor_plain:.2f}"
        )
        return lines
    finally:
        shutil.rmtree(folder, ignore_errors=True)
