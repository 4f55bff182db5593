"""The seal of 200,000 observations (an import's rows), against its floor.

Floor: one keyed BLAKE2b per row (hashlib, the cheapest keyed hash per row the standard
library has), summed, over the same rows. Shown beside it: the full recount ``opsdesk
check`` does (reading the rows back from SQLite), and the rescan the seal replaced (one
SHA-256 over every row read back as JSON).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.bench.timing import median_seconds

ROWS = 200_000
SITES = ["North", "South", "East", "West", "Central"]


def _columns() -> dict[str, Any]:
    start = date(2019, 1, 1)
    ts, kpi, value, segment, size = [], [], [], [], []
    for n in range(ROWS):
        day, rest = divmod(n, 100)
        k, site = divmod(rest, len(SITES))
        ts.append((start + timedelta(days=day)).isoformat())
        kpi.append(k + 1)
        value.append(round(50 + (n * 7919 % 1000) / 20, 2))
        segment.append(SITES[site])
        size.append(float(100 + n % 50))
    return {"id": list(range(1, ROWS + 1)), "kpi_id": kpi, "ts": ts, "value": value,
            "subgroup": [None] * ROWS, "sample_size": size, "segment": segment,
            "note": [None] * ROWS, "source_key": [None] * ROWS, "import_id": [None] * ROWS,
            "created_at": ["2026-12-01T00:00:00+00:00"] * ROWS}


def run() -> list[str]:
    from opsdesk.core.workspace import audit_seal, migrations, seal_log
    from opsdesk.core.workspace.audit_seal import _digest, _Keys

    key = secrets.token_bytes(32)
    columns = _columns()
    names = list(columns)
    keys = _Keys(key)
    ours = median_seconds(lambda: _digest(keys, "observations", names, columns, ROWS), 5)
    rows = list(zip(*columns.values(), strict=True))

    def per_row() -> int:
        total, blake = 0, hashlib.blake2b
        for row in rows:
            total += int.from_bytes(blake(repr(row).encode(), key=key, digest_size=16).digest(),
                                    "little")
        return total % 2**128

    floor = median_seconds(per_row, 3)
    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "w.opsdesk", isolation_level=None)
        migrations.create_latest(conn)
        conn.execute("INSERT INTO kpis (id, name, created_at, updated_at) SELECT value, "
                     "'K' || value, '', '' FROM json_each(?)", (json.dumps(list(range(1, 21))),))
        insert = f"INSERT INTO observations VALUES ({','.join('?' * 11)})"

        def write(logged: bool) -> None:  # one import's rows, rolled back
            conn.execute("BEGIN IMMEDIATE")
            if logged:
                seal_log.track(conn, audit_seal.TABLES)
            conn.executemany(insert, rows)
            if logged:
                names = seal_log.names(conn, "observations")
                audit_seal.of_rows(conn, key, "observations", names,
                                   seal_log.after("observations", names))
            conn.execute("ROLLBACK")

        plain = median_seconds(lambda: write(False), 3)
        logged = median_seconds(lambda: write(True), 3)
        conn.executemany(insert, rows)
        recount = median_seconds(lambda: audit_seal.full(conn, key, "observations"), 3)

        def rescan() -> str:  # the seal before it was incremental
            digest = hashlib.sha256()
            cursor = conn.execute("SELECT * FROM observations ORDER BY rowid")
            while chunk := cursor.fetchmany(50_000):
                digest.update(json.dumps(chunk, separators=(",", ":")).encode())
            return digest.hexdigest()

        old = median_seconds(rescan, 3)
        conn.close()
    return [
        f"digest of {ROWS:,} rows in columns: {ours:.3f} s; floor (a keyed "
        f"BLAKE2b per row, hashlib): {floor:.3f} s; ratio {ours / floor:.2f}",
        f"  inserting them sealed (logged by the triggers, the rows they name read back and "
        f"digested): {logged:.3f} s; floor (the bare executemany): {plain:.3f} s; "
        f"ratio {logged / plain:.2f}",
        f"  full recount (opsdesk check, rows read back): {recount:.3f} s; the rescan this "
        f"replaced, on every write: {old:.3f} s",
    ]
