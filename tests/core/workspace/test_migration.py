"""Upgrading a v0 (preview format) file: data carried over, backup kept, failure harmless.

Issue 2 section 2: "Migrations: ordered functions, each run in one transaction, with a
backup copy of the file taken first." The v0 layout is the one ``migrations._v0_to_v1``
reads: ``metrics(id, name, unit, target)`` and ``readings(id, metric_id, day, value)``.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Workspace, migrations
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.core.workspace.helpers import file_hash, raw_pragma

METRICS = [(1, "OEE", "%", 75.0), (2, "Scrap rate", None, None), (5, "Lead time", "days", 8.0)]
READINGS = [
    (1, 1, "2024-02-01", 70.5),
    (2, 1, "2024-01-01", 68.0),
    (3, 2, "2024-01-01", 2.5),
    (4, 5, "2024-03-01", 11.0),
    (5, 5, "2024-04-01", 10.5),
]


def make_v0(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 0")
    conn.execute("CREATE TABLE metrics (id INTEGER PRIMARY KEY, name TEXT, unit TEXT, target REAL)")
    conn.execute(
        "CREATE TABLE readings (id INTEGER PRIMARY KEY, metric_id INTEGER, day TEXT, value REAL)"
    )
    conn.executemany("INSERT INTO metrics VALUES (?, ?, ?, ?)", METRICS)
    conn.executemany("INSERT INTO readings VALUES (?, ?, ?, ?)", READINGS)
    conn.commit()
    conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_v0_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        kpis = ws.conn.execute("SELECT id, name, unit FROM kpis ORDER BY id").fetchall()
        # A missing unit becomes '' (kpis.unit is NOT NULL DEFAULT '').
        assert kpis == [(1, "OEE", "%"), (2, "Scrap rate", ""), (5, "Lead time", "days")]
        targets = ws.conn.execute(
            "SELECT kpi_id, effective_from, target FROM kpi_targets ORDER BY kpi_id"
        ).fetchall()
        # Each target takes effect from the metric's first reading (hand-read from READINGS);
        # "Scrap rate" had no target, so it gets no row.
        assert targets == [(1, "2024-01-01", 75.0), (5, "2024-03-01", 8.0)]
        observations = ws.conn.execute(
            "SELECT kpi_id, ts, value FROM observations ORDER BY kpi_id, ts"
        ).fetchall()
        assert observations == sorted((m, d, v) for _, m, d, v in READINGS)
        names = {r[0] for r in ws.conn.execute("SELECT name FROM sqlite_master")}
        assert "readings" not in names and "metrics" not in names
        assert ws.backup is not None
    assert raw_pragma(path, "user_version") == SCHEMA_VERSION
    assert check_workspace(path).ok


def test_backup_is_the_v0_file(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    with Workspace.open(path) as ws:
        backup = ws.backup
    assert backup is not None and backup.exists()
    assert backup.parent == path.parent
    assert backup != path
    assert raw_pragma(backup, "user_version") == 0
    assert raw_pragma(backup, "application_id") == APPLICATION_ID
    assert {"metrics", "readings"} <= _tables(backup)
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT * FROM readings ORDER BY id").fetchall() == READINGS
    conn.close()


def test_second_backup_does_not_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)
    first = migrations.backup_path(path, 0)
    first.write_bytes(b"an earlier backup")
    with Workspace.open(path) as ws:
        assert ws.backup is not None and ws.backup != first
    assert first.read_bytes() == b"an earlier backup"


def test_failed_migration_leaves_v0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.opsdesk"
    make_v0(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        conn.execute("INSERT INTO metrics (name) VALUES ('written before the failure')")
        raise RuntimeError("migration failed halfway")

    monkeypatch.setitem(migrations.MIGRATIONS, 1, broken)
    with pytest.raises(OpsdeskError, match="nothing was changed: the file is as it was"):
        Workspace.open(path)
    assert raw_pragma(path, "user_version") == 0
    assert _tables(path) == {"metrics", "readings"}  # no half_done table
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM metrics").fetchone()[0] == len(METRICS)
    conn.close()
    # The file is unchanged, so it is its own backup: the copy taken first is removed
    # (issue 15 item 15: retries no longer pile up copies).
    assert not sorted(tmp_path.glob("old.v0-backup*.opsdesk"))
    # The lock was released: the file opens again once the migration is fixed.
    monkeypatch.undo()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION


def test_old_file_read_only_is_refused_unchanged(tmp_path: Path) -> None:
    # Upgrading needs a write, so a read-only open of a v0 file says so and writes nothing.

    path = tmp_path / "old.opsdesk"
    make_v0(path)
    before = file_hash(path)
    with pytest.raises(OpsdeskError, match="older opsdesk"):
        Workspace.open(path, read_only=True)
    assert file_hash(path) == before


def test_v1_gains_the_kpi_range_and_stage_columns(tmp_path: Path) -> None:
    # Format 2 adds kpis.min_value / max_value and annotations.starts_stage; a v1 file
    # keeps its rows, and existing annotations start no stage.
    path = tmp_path / "v1.opsdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    conn.execute("INSERT INTO kpis (name, unit, created_at, updated_at)"
                 " VALUES ('OEE', '%', 'x', 'x')")
    conn.execute("INSERT INTO annotations (kpi_id, ts, text, created_at)"
                 " VALUES (1, '2026-03-02', 'New line started', 'x')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION >= 2
        assert ws.conn.execute("SELECT name, unit, min_value, max_value FROM kpis").fetchall() \
            == [("OEE", "%", None, None)]
        assert ws.conn.execute("SELECT text, starts_stage FROM annotations").fetchall() \
            == [("New line started", 0)]
    assert check_workspace(path).ok


def test_a_new_file_is_made_at_the_current_format(tmp_path: Path) -> None:
    # Not v1 stamped with the newest number: the columns of every later format are there.
    path = tmp_path / "new.opsdesk"
    with Workspace.open(path, create=True) as ws:
        columns = {r[1] for r in ws.conn.execute("PRAGMA table_info(kpis)")}
        assert {"min_value", "max_value"} <= columns
        assert "starts_stage" in {r[1] for r in ws.conn.execute("PRAGMA table_info(annotations)")}


def test_v2_gains_direction_none_and_restated_values_with_every_row_kept(tmp_path: Path) -> None:
    # Format 3 rebuilds kpis for its CHECK constraint (direction 'none'): the KPIs, their
    # targets and observations (which refer to kpis with ON DELETE CASCADE) all survive.
    path = tmp_path / "v2.opsdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    migrations.MIGRATIONS[2](conn)
    conn.execute("INSERT INTO kpis (id, name, unit, direction, min_value, created_at,"
                 " updated_at) VALUES (7, 'Scrap', '%', 'lower', 0, 'x', 'x')")
    conn.execute("INSERT INTO kpi_targets (kpi_id, effective_from, target)"
                 " VALUES (7, '2025-01-01', 1.5)")
    conn.execute("INSERT INTO observations (kpi_id, ts, value) VALUES (7, '2025-01-01', 1.8)")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION >= 3
        assert ws.conn.execute("SELECT id, name, direction, min_value FROM kpis").fetchall() \
            == [(7, "Scrap", "lower", 0.0)]
        assert ws.conn.execute("SELECT count(*) FROM kpi_targets").fetchone()[0] == 1
        assert ws.conn.execute("SELECT value FROM observations").fetchall() == [(1.8,)]
        assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        ws.conn.execute("UPDATE kpis SET direction = 'none' WHERE id = 7")
        assert ws.conn.execute("SELECT restated FROM imports").fetchall() == []
        ws.conn.execute("DELETE FROM kpis WHERE id = 7")  # the cascade still reaches them
        assert ws.conn.execute("SELECT count(*) FROM observations").fetchone()[0] == 0
    assert check_workspace(path).ok


def test_v4_gains_incident_times_deployments_and_action_sources(tmp_path: Path) -> None:
    # Format 5: incidents keep their rows, get a key made from the row id, category
    # "other" and impact "none" (the migration's stated rule); an action tied to an
    # incident comes from its review, the others from a project; deployments are new.
    path = tmp_path / "v4.opsdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    for version in (2, 3, 4):
        migrations.MIGRATIONS[version](conn)
    conn.execute("INSERT INTO projects (id, name, created_at, updated_at)"
                 " VALUES (1, 'OEE', 'x', 'x')")
    conn.execute("INSERT INTO incidents (id, title, started_at, resolved_at, created_at,"
                 " updated_at) VALUES (4, 'Outage', '2026-01-02T03:00:00',"
                 " '2026-01-02T04:00:00', 'x', 'x')")
    conn.execute("INSERT INTO actions (project_id, title, created_at, updated_at)"
                 " VALUES (1, 'Fix sensor', 'x', 'x')")
    conn.execute("INSERT INTO actions (incident_id, title, created_at, updated_at)"
                 " VALUES (4, 'Canary', 'x', 'x')")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION >= 5
        assert ws.conn.execute(
            "SELECT key, title, category, availability_impact, started_at, resolved_at,"
            " restored_at FROM incidents").fetchall() == [
            ("incident_4", "Outage", "other", "none", "2026-01-02T03:00:00",
             "2026-01-02T04:00:00", None)]
        assert ws.conn.execute("SELECT title, source_kind, priority FROM actions ORDER BY id"
                               ).fetchall() == [("Fix sensor", "project", "medium"),
                                                ("Canary", "incident review", "medium")]
        assert ws.conn.execute("SELECT count(*) FROM deployments").fetchone()[0] == 0
        with pytest.raises(sqlite3.IntegrityError):  # the key is the identity
            ws.conn.execute("INSERT INTO incidents (key, title, started_at, created_at,"
                            " updated_at) VALUES ('incident_4', 'Again', 'x', 'x', 'x')")
        # projects rebuilt for A3 and Kaizen: the row kept, its actions still cascade
        assert ws.conn.execute("SELECT id, name, methodology FROM projects").fetchall() == [
            (1, "OEE", "DMAIC")]
        ws.conn.execute("INSERT INTO projects (name, methodology, created_at, updated_at)"
                        " VALUES ('Press A3', 'A3', 'x', 'x')")
        ws.conn.execute("DELETE FROM projects WHERE id = 1")
        assert ws.conn.execute("SELECT title FROM actions").fetchall() == [("Canary",)]
    assert check_workspace(path).ok


def test_an_older_file_gains_period_aggregates_summed_from_its_observations(tmp_path: Path) -> None:
    from opsdesk.core.kpi import period_store

    path = tmp_path / "v4.opsdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    for version in (2, 3, 4):
        migrations.MIGRATIONS[version](conn)
    conn.execute("INSERT INTO kpis (id, name, frequency, aggregation, created_at, updated_at)"
                 " VALUES (3, 'Calls', 'monthly', 'sum', 'x', 'x')")
    conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (3, ?, ?)",
                     [("2025-01-05", 0.1), ("2025-01-20T09:00", 0.2), ("2025-01-31", 0.3),
                      ("2025-02-01", 4.0)])
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION >= 5
        kept = period_store.read(ws.conn)[3]
        assert [date.fromordinal(s) for s in kept.starts.tolist()] == [
            date(2025, 1, 1), date(2025, 2, 1)]
        assert kept.counts.tolist() == [3, 1]
        # 0.1 + 0.2 + 0.3 is 0.6000000000000001 added left to right; the exact sum of the
        # three doubles rounds to 0.6 (fsum, Shewchuk's algorithm as math.fsum documents).
        assert kept.totals.tolist() == [0.6, 4.0]
        assert kept.times() == ["2025-01-31", "2025-02-01"]
    assert check_workspace(path).ok


def test_v7_root_causes_keep_their_verified_mark_as_confirmed(tmp_path: Path) -> None:
    # Format 8: ``verified`` gives way to a status; a verified cause is "confirmed", the
    # others "open"; goals, goal links, people and teams are new and empty.
    path = tmp_path / "v7.opsdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    for version in range(2, 8):
        migrations.MIGRATIONS[version](conn)
    conn.execute("INSERT INTO projects (id, name, created_at, updated_at)"
                 " VALUES (1, 'OEE', 'x', 'x')")
    conn.executemany("INSERT INTO root_causes (project_id, category, cause, verified,"
                     " created_at) VALUES (1, 'Method', ?, ?, 'x')",
                     [("No standard work", 1), ("Worn die", 0)])
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION >= 8
        assert ws.conn.execute("SELECT cause, status, evidence, parent_id FROM root_causes"
                               " ORDER BY id").fetchall() == [
            ("No standard work", "confirmed", "", None), ("Worn die", "open", "", None)]
        for table in ("goals", "goal_links", "people", "teams"):
            assert ws.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert check_workspace(path).ok


def test_v8_projects_single_benefits_become_a_hard_row_in_their_start_month(
        tmp_path: Path) -> None:
    # Format 9 (schema_changes.SCHEMA_V9's rule): a project's expected/realised figures
    # move to one 'hard' row in the month it started, else the month it was created;
    # a project without figures gets no row; the old columns go, nothing else changes.
    from opsdesk.core.improve.project_store import list_projects

    path = tmp_path / "v8.opsdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    for version in range(2, 9):
        migrations.MIGRATIONS[version](conn)
    conn.executemany(
        "INSERT INTO projects (id, name, started_on, expected_benefit, realised_benefit,"
        " data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(1, "OEE", "2025-11-03", 180000, 42000.5, '{"baseline": 68.0}',
          "2025-10-01T09:00:00", "x"),
         (2, "Backlog", None, 40000, None, "{}", "2026-08-24T10:00:00", "x"),
         (3, "Drift", "2026-09-21", None, None, "{}", "2026-09-01T10:00:00", "x")])
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION >= 9
        assert ws.conn.execute(
            "SELECT project_id, month, kind, expected, realised FROM project_benefits"
            " ORDER BY project_id").fetchall() == [
            (1, "2025-11-01", "hard", 180000.0, 42000.5),
            (2, "2026-08-01", "hard", 40000.0, None)]
        columns = {r[1] for r in ws.conn.execute("PRAGMA table_info(projects)")}
        assert not columns & {"expected_benefit", "realised_benefit"}
        assert ws.conn.execute("SELECT id, name, data FROM projects ORDER BY id").fetchall() \
            == [(1, "OEE", '{"baseline": 68.0}'), (2, "Backlog", "{}"), (3, "Drift", "{}")]
        # the totals every list shows are the same figures as before
        listed = {s.project.name: (s.expected_benefit, s.realised_benefit)
                  for s in list_projects(ws.conn, date(2026, 11, 1))}
        assert listed == {"OEE": (180000.0, 42000.5), "Backlog": (40000.0, None),
                          "Drift": (None, None)}
        with pytest.raises(sqlite3.IntegrityError):  # one row per month and kind
            ws.conn.execute("INSERT INTO project_benefits (project_id, month, kind)"
                            " VALUES (1, '2025-11-01', 'hard')")
        ws.conn.execute("DELETE FROM projects WHERE id = 1")  # benefits go with it
        assert ws.conn.execute("SELECT project_id FROM project_benefits").fetchall() == [(2,)]
    assert check_workspace(path).ok


def test_v9_incidents_gain_an_empty_owner(tmp_path: Path) -> None:
    # Format 10 (schema_changes.SCHEMA_V10): incidents gain ``owner``, empty for those
    # from before; everything else about them stays.
    from opsdesk.core.improve.incident_store import list_incidents

    path = tmp_path / "v9.opsdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    for version in range(2, 10):
        migrations.MIGRATIONS[version](conn)
    assert "owner" not in {r[1] for r in conn.execute("PRAGMA table_info(incidents)")}
    conn.execute("INSERT INTO incidents (id, key, title, started_at, created_at, updated_at)"
                 " VALUES (1, 'INC-1', 'Feed late', '2026-07-09T06:00:00', 'x', 'x')")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION >= 10
        assert ws.conn.execute("SELECT key, title, owner FROM incidents").fetchall() == [
            ("INC-1", "Feed late", "")]
        assert [s.incident.owner for s in list_incidents(ws.conn)] == [""]
    assert check_workspace(path).ok
