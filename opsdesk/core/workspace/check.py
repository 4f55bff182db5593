"""``opsdesk check``: SQLite's integrity check, the schema check and the audit chain."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from opsdesk.core.workspace import audit, migrations
from opsdesk.core.workspace.workspace import Workspace


@dataclass
class CheckReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def passed(self, what: str) -> None:
        self.lines.append(f"ok    {what}")

    def failed(self, what: str, problems: list[str]) -> None:
        self.ok = False
        self.lines.append(f"FAIL  {what}")
        self.lines.extend(f"      {p}" for p in problems[:50])
        if len(problems) > 50:
            self.lines.append(f"      ... and {len(problems) - 50} more")


def _columns(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        t: [(c[1], c[2].upper()) for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables
    }


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Differences from the current schema that would break opsdesk (missing tables or
    columns)."""
    reference = sqlite3.connect(":memory:")
    migrations.create_latest(reference)
    expected, actual = _columns(reference), _columns(conn)
    reference.close()
    problems = []
    for table, columns in expected.items():
        if table not in actual:
            problems.append(f"table {table} is missing")
            continue
        have = dict(actual[table])
        for name, kind in columns:
            if name not in have:
                problems.append(f"column {table}.{name} is missing")
            elif have[name] != kind:
                problems.append(f"column {table}.{name} is {have[name]}, expected {kind}")
    return problems


def check_workspace(path: Path, password: Callable[[], str] | None = None,
                    against: Path | None = None) -> CheckReport:
    """Open read-only (so it works while the workspace is open elsewhere) and check;
    ``against`` a PDF review or export: does this trail still hold the history it pins?"""
    report = CheckReport()
    with Workspace.open(path, read_only=True, password=password) as ws:
        encrypted = ", encrypted" if ws.key else ""
        report.lines.append(f"{ws.path} (format {ws.schema_version}{encrypted})")
        if ws.key:
            # Every page's HMAC, so a changed byte anywhere is found, used or not.
            pages = [r[0] for r in ws.conn.execute("PRAGMA cipher_integrity_check")]
            if pages:  # the checks below would read pages that do not decrypt
                report.failed("SQLCipher page check", pages)
                return report
            else:
                report.passed("SQLCipher page check (the HMAC of every page)")
        integrity = [r[0] for r in ws.conn.execute("PRAGMA integrity_check")]
        if integrity == ["ok"]:
            report.passed("SQLite integrity check")
        else:
            report.failed("SQLite integrity check", integrity)
        dangling = ws.conn.execute("PRAGMA foreign_key_check").fetchall()
        if dangling:
            report.failed(
                "foreign keys", [f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in dangling]
            )
        else:
            report.passed("foreign keys")
        problems = schema_problems(ws.conn)
        if problems:
            report.failed("schema", problems)
        else:
            report.passed("schema")
        chain = audit.verify(ws.conn)
        entries = ws.scalar("SELECT count(*) FROM audit_log")
        if chain:
            report.failed("audit chain", chain)
        else:
            report.passed(f"audit chain ({entries} entries, keyed; the KPIs, targets and "
                          "observations match its seal)")
        if against is not None:
            from opsdesk.core.workspace.report_pin import read_pin

            seq, digest = read_pin(against)
            wrong = audit.check_pin(ws.conn, seq, digest)
            what = f"{against.name} was made at audit entry {seq}"
            if wrong or chain:
                report.failed(what, [wrong or "the trail itself is not intact (see above)"])
            else:
                report.passed(f"{what}, which this trail still holds")
    return report
