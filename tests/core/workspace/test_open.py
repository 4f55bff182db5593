"""A new workspace is set up as issue 2 section 2 asks; opening again and checking work."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.schema import APPLICATION_ID, SCHEMA_V1, SCHEMA_VERSION
from tests.core.workspace.helpers import raw_pragma


def _schema_tables() -> set[str]:
    # Expected tables are read from the schema text itself, not from an opened workspace.
    return set(re.findall(r"CREATE TABLE (\w+)", SCHEMA_V1))


def test_new_workspace_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "new.opsdesk"
    with Workspace.open(path, create=True) as ws:
        assert ws.scalar("PRAGMA journal_mode") == "wal"
        assert ws.scalar("PRAGMA foreign_keys") == 1
        assert not ws.read_only
        assert ws.schema_version == SCHEMA_VERSION
    # Read back through plain sqlite3: the values are in the file, not just the connection.
    assert raw_pragma(path, "application_id") == APPLICATION_ID == 0x4F505344  # "OPSD"
    assert raw_pragma(path, "user_version") == SCHEMA_VERSION


def test_new_workspace_has_every_table(tmp_path: Path) -> None:
    path = tmp_path / "new.opsdesk"
    Workspace.open(path, create=True).close()
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    expected = _schema_tables()
    assert {"kpis", "kpi_targets", "observations", "audit_log", "meta"} <= expected
    assert expected <= names


def test_observation_index_exists(workspace: Workspace) -> None:
    # Issue 2: "Indexes for the queries the pages will run (observations by KPI and time)".
    columns = [r["name"] for r in workspace.rows("PRAGMA index_info(observations_kpi_ts)")]
    assert columns == ["kpi_id", "ts"]


def test_missing_file_without_create_is_refused(tmp_path: Path) -> None:
    from opsdesk.core.errors import OpsdeskError

    path = tmp_path / "absent.opsdesk"
    try:
        Workspace.open(path)
    except OpsdeskError as error:
        assert "absent.opsdesk" in str(error)
    else:
        raise AssertionError("opening a missing file without create=True should fail")
    assert not path.exists()


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "again.opsdesk"
    with Workspace.open(path, create=True) as ws:
        ws.conn.execute("BEGIN")
        ws.conn.execute("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')")
        ws.conn.execute("COMMIT")
    with Workspace.open(path) as ws:
        assert not ws.read_only
        assert ws.backup is None  # no migration ran on a current file
        assert ws.scalar("SELECT value FROM settings WHERE key = 'theme'") == '"dark"'
        assert ws.scalar("PRAGMA journal_mode") == "wal"
        assert ws.scalar("PRAGMA foreign_keys") == 1


def test_check_passes_on_fresh_workspace(tmp_path: Path) -> None:
    path = tmp_path / "fresh.opsdesk"
    Workspace.open(path, create=True).close()
    report = check_workspace(path)
    assert report.ok, report.lines
    # integrity, foreign keys, schema, audit chain, period aggregates
    assert sum(line.startswith("ok") for line in report.lines) == 5


def test_check_passes_on_demo(demo_file: Path) -> None:
    report = check_workspace(demo_file)
    assert report.ok, report.lines


def test_check_sees_a_missing_table(tmp_path: Path) -> None:
    # The check must be able to fail: drop a table and it says so.
    path = tmp_path / "broken.opsdesk"
    with Workspace.open(path, create=True) as ws:
        ws.conn.execute("DROP TABLE report_templates")
    report = check_workspace(path)
    assert not report.ok
    assert any("report_templates" in line for line in report.lines)
