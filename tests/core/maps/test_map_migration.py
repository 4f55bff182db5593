"""Format 3 to 4: map rows written before keys, pools and nested lanes keep their content,
get keys made from their row ids, and load as a map."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from opsdesk.core.maps.store import load_map
from opsdesk.core.workspace import Workspace, migrations
from opsdesk.core.workspace.schema import APPLICATION_ID

STAMP = "2026-01-01T00:00:00+00:00"


def _make_v3(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.create_v1(conn)
    migrations.MIGRATIONS[2](conn)
    migrations.MIGRATIONS[3](conn)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO maps (id, name, kind, created_at, updated_at)"
                 " VALUES (1, 'Old map', 'process', ?, ?)", (STAMP, STAMP))
    conn.execute("INSERT INTO map_lanes (id, map_id, name, position) VALUES (1, 1, 'Sales', 0)")
    conn.executemany("INSERT INTO map_nodes (id, map_id, lane_id, kind, label, x, y, width,"
                     " height) VALUES (?, 1, 1, ?, ?, 10, 10, 100, 80)",
                     [(1, "start", ""), (2, "task", "Enter order")])
    conn.execute("INSERT INTO map_edges (id, map_id, source_id, target_id, kind)"
                 " VALUES (1, 1, 1, 2, 'sequence')")
    conn.close()


def test_v3_map_rows_upgrade_to_keyed_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.opsdesk"
    _make_v3(path)
    with Workspace.open(path) as ws:
        pmap = load_map(ws.conn, 1)
        assert pmap.id == "map_1" and pmap.name == "Old map"
        assert [(n.id, n.kind, n.label, n.lane_id) for n in pmap.nodes] == [
            ("node_1", "start", "", "lane_1"), ("node_2", "task", "Enter order", "lane_1")]
        assert [(f.id, f.source, f.target) for f in pmap.flows] == [
            ("flow_1", "node_1", "node_2")]
        assert ws.conn.execute("PRAGMA foreign_key_check").fetchall() == []
