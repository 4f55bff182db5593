"""``opsdesk check``: SQLite's integrity check, the schema check, the audit chain and the
period aggregates; ``repair`` sums the aggregates afresh."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from opsdesk.core.workspace import audit, audit_check, cipher, migrations, storage_errors
from opsdesk.core.workspace.workspace import OlderFormat, Workspace


@dataclass
class CheckReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def passed(self, what: str) -> None:
        self.lines.append(f"ok    {what}")

    def noted(self, what: str) -> None:
        """Not checked here, so neither passed nor failed (a segment signed elsewhere)."""
        self.lines.append(f"note  {what}")

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


def repair(path: Path, password: Callable[[], str] | None = None) -> int:
    """Sum the period aggregates afresh from the observations, as one audited command;
    returns how many KPIs were summed. The one part of a workspace a check can repair:
    the rest is the user's data."""
    from opsdesk.core.kpi.period_store import RebuildPeriods

    with Workspace.open(path, password=password) as ws:
        return ws.execute(RebuildPeriods()).result


def check_workspace(path: Path, password: Callable[[], str] | None = None,
                    against: Path | None = None) -> CheckReport:
    """Open read-only (so it works while the workspace is open elsewhere) and check;
    ``against`` a PDF review or export: does this trail still hold the history it pins?"""
    report = CheckReport()
    try:
        ws = Workspace.open(path, read_only=True, password=password)
    except OlderFormat as older:
        return _check_older(Path(path), older.version, report)
    except storage_errors.WorkspaceDamaged as error:
        report.lines.append(str(path))
        report.failed("SQLite file", [str(error)])
        return report
    with ws:
        try:
            _check_open(ws, report, against)
        except cipher.errors("DatabaseError") as error:  # a damaged page met on the way
            if not storage_errors.is_damage(error):
                raise
            report.failed("reading the workspace", [*_damaged_tables(ws.conn), str(error)])
    return report


def _check_open(ws: Workspace, report: CheckReport, against: Path | None) -> None:
    encrypted = ", encrypted" if ws.key else ""
    report.lines.append(f"{ws.path} (format {ws.schema_version}{encrypted})")
    if ws.key:
        # Every page's HMAC, so a changed byte anywhere is found, used or not.
        pages = [r[0] for r in ws.conn.execute("PRAGMA cipher_integrity_check")]
        if pages:  # the checks below would read pages that do not decrypt
            report.failed("SQLCipher page check", pages)
            return
        else:
            report.passed("SQLCipher page check (the HMAC of every page)")
    _integrity(ws.conn, report)
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
    trail = audit_check.examine(ws.conn)
    if trail.problems:
        report.failed("audit chain", trail.problems)
    elif not trail.verified and not trail.unverified:
        report.passed("audit chain (no entries yet)")
    for line in trail.verified:
        report.passed(f"audit chain: {line}")
    for line in trail.unverified:
        report.noted(f"audit chain: {line}")
    if not any("kpi_periods" in p for p in problems):  # else the schema said what is wrong
        _period_aggregates(ws, report)
    if against is not None:
        from opsdesk.core.workspace.report_pin import read_pin

        seq, digest = read_pin(against)
        wrong = audit.check_pin(ws.conn, seq, digest)
        what = f"{against.name} was made at audit entry {seq}"
        elsewhere = trail.unverified_up_to(seq)
        if wrong or trail.problems:
            report.failed(what, [wrong or "the trail itself is not intact (see above)"])
        elif elsewhere:
            report.noted(f"{what}; this trail holds that entry, but {', '.join(elsewhere)} "
                         "before it cannot be verified here")
        else:
            report.passed(f"{what}, which this trail still holds")

def _period_aggregates(ws: Workspace, report: CheckReport) -> None:
    """The period aggregates are the observations summed afresh, bit for bit."""
    from opsdesk.core.kpi import period_store

    problems = period_store.differences(ws.conn)
    if problems:
        report.failed("period aggregates: not the sums of the observations (sum them afresh "
                      f"with: opsdesk check --repair {ws.path.name})", problems)
    else:
        report.passed("period aggregates (each KPI's observations summed by period)")


def _integrity(conn: sqlite3.Connection, report: CheckReport) -> None:
    """SQLite's integrity check, each damaged b-tree named by its table or index."""
    try:
        found = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    except cipher.errors("DatabaseError") as error:
        if not storage_errors.is_damage(error):
            raise
        report.failed("SQLite integrity check", [*_damaged_tables(conn), str(error)])
        return
    if found == ["ok"]:
        report.passed("SQLite integrity check")
        return
    names = _tree_names(conn)
    report.failed("SQLite integrity check", [
        re.sub(r"\b(Tree|tree page) (\d+)\b",
               lambda m: f"{m[0]} ({names.get(int(m[2]), 'unknown')})", line)
        for line in found
    ])


def _tree_names(conn: sqlite3.Connection) -> dict[int, str]:
    try:
        return {int(r[1]): f"{r[2]} {r[0]}" for r in conn.execute(
            "SELECT name, rootpage, type FROM sqlite_master WHERE rootpage > 0")}
    except cipher.errors("DatabaseError"):
        return {}


def _damaged_tables(conn: sqlite3.Connection) -> list[str]:
    """Each table whose own check fails: what is damaged, by name."""
    try:
        tables = [str(r[0]) for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    except cipher.errors("DatabaseError"):
        return ["the list of tables (page 1) is damaged"]
    damaged = []
    for table in tables:
        try:
            result = [str(r[0]) for r in conn.execute(f'PRAGMA integrity_check("{table}")')]
        except cipher.errors("DatabaseError") as error:
            result = [str(error)]
        if result != ["ok"]:
            damaged.append(f"table {table} (or an index of it) is damaged: {result[0]}")
    return damaged


def _check_older(path: Path, version: int, report: CheckReport) -> CheckReport:
    """A file in an older format: SQLite's check of the file itself, and what happens next."""
    from opsdesk.core.workspace.workspace import _connect

    conn = _connect(Path(os.path.realpath(path)), read_only=True)
    try:
        report.lines.append(f"{path} (format {version})")
        _integrity(conn, report)
    finally:
        conn.close()
    report.passed(f"format {version} is an older opsdesk's: it is upgraded, after a backup "
                  "copy, the next time it is opened for writing")
    return report
