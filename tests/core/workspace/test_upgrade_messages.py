"""Upgrades say what they do, once; a failed one changes nothing and leaves no backup to
pile up; what an old file holds that the new format cannot is left out by a stated rule.

Issue 15 item 6: "A v0 workspace's text reading ('n/a') is migrated into a REAL column,
and status and report then fail with a generic ValueError: migrations validate what they
copy." Item 15: "Read-only commands on an old-format file say it 'needs to be writable'
when it is; nobody is told of an upgrade or where its backup went; each retry of a
failing migration writes another full backup." Item 14: "during migration '(cannot
rollback - no transaction is active)' because migrate() always rolls back and hides the
real error and the backup message."
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Workspace, migrations
from opsdesk.core.workspace.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.cli.cli_run import one_line_error, opsdesk
from tests.core.workspace.helpers import file_hash, raw_pragma
from tests.core.workspace.test_migration import make_v0

KPI = ("--unit", "units", "--direction", "higher", "--frequency", "monthly",
       "--aggregation", "sum")


def _v0_with_text_reading(path: Path) -> None:
    make_v0(path)
    conn = sqlite3.connect(path)
    # A REAL column keeps text it cannot convert (SQLite type affinity, section 3.1).
    conn.execute("INSERT INTO readings VALUES (6, 1, '2024-05-01', 'n/a')")
    conn.execute("INSERT INTO readings VALUES (7, 1, NULL, 71.0)")  # no day
    conn.execute("UPDATE metrics SET target = 'tbc' WHERE id = 5")
    conn.commit()
    conn.close()


def test_an_upgrade_leaves_out_what_is_not_a_number_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    _v0_with_text_reading(path)
    with Workspace.open(path) as ws:
        types = {r[0] for r in ws.conn.execute("SELECT typeof(value) FROM observations")}
        assert types == {"real"}
        # The five readings of make_v0 are kept; 'n/a' and the one with no day are not.
        assert ws.scalar("SELECT count(*) FROM observations") == 5
        # Lead time's target 'tbc' is no number: no target row for it, OEE's stays.
        assert ws.conn.execute("SELECT kpi_id FROM kpi_targets").fetchall() == [(1,)]
        notice = " ".join(ws.notices)
    assert "2 readings whose value was not a number" in notice
    assert "1 targets that were not numbers" in notice
    assert "old.v0-backup.opsdesk" in notice
    status = opsdesk("kpi", "status", path)
    assert status.returncode == 0, status.stderr


def test_the_upgrade_is_said_once_with_its_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    result = opsdesk("kpi", "add", path, "Throughput", *KPI)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Upgraded old.opsdesk") == 1, result.stderr
    assert f"from format 0 to format {SCHEMA_VERSION}" in result.stderr
    assert "old.v0-backup.opsdesk" in result.stderr
    again = opsdesk("kpi", "add", path, "Scrap", *KPI)
    assert "Upgraded" not in again.stderr


def test_a_read_only_command_on_a_writable_old_file_says_how_to_upgrade(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    before = file_hash(path)
    line = one_line_error(opsdesk("kpi", "list", path))
    assert "needs it to be writable" not in line
    assert "older opsdesk" in line and "open it once for writing" in line
    assert file_hash(path) == before


def test_check_on_an_old_file_checks_it_and_says_it_will_be_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    result = opsdesk("check", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok    SQLite integrity check" in result.stdout
    assert "format 0" in result.stdout and "upgraded" in result.stdout


def test_a_failing_upgrade_changes_nothing_and_keeps_no_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    before = file_hash(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        raise RuntimeError("this step fails")

    monkeypatch.setitem(migrations.MIGRATIONS, SCHEMA_VERSION, broken)
    for _retry in range(3):
        with pytest.raises(OpsdeskError, match="nothing was changed") as raised:
            Workspace.open(path)
        assert "\n" not in str(raised.value)
    assert migrations.backups_of(path) == []  # no copy piled up per retry
    assert file_hash(path) == before
    assert raw_pragma(path, "user_version") == 0  # every step undone, not only the last


def test_a_disk_full_inside_an_upgrade_is_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On SQLITE_FULL, SQLite has already rolled the transaction back; a ROLLBACK then fails
    # with "cannot rollback - no transaction is active", which hid the real error.
    path = tmp_path / "old.opsdesk"
    make_v0(path)

    def disk_full(conn: sqlite3.Connection) -> None:
        conn.execute("ROLLBACK")  # what SQLite does itself when the disk fills
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(migrations.MIGRATIONS, 1, disk_full)
    with pytest.raises(OpsdeskError) as raised:
        Workspace.open(path)
    message = str(raised.value)
    assert "the disk is full" in message and "nothing was changed" in message
    assert "cannot rollback" not in message
    assert raw_pragma(path, "application_id") == APPLICATION_ID
