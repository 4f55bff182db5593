"""Commands and their exact inverses: undo and redo give back identical tables.

Issue 2 section 2 and DESIGN.md rule 3: a command applied in one transaction returns its
inverse and a ``Changes`` summary; a failing command leaves nothing behind.
"""

from __future__ import annotations

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import Applied, Changes, Command, Workspace
from opsdesk.core.workspace.commands import Batch
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow
from tests.core.workspace.helpers import STAMP, kpi_row, table_contents

TABLES = ("kpis", "kpi_targets", "observations", "projects")


def _targets(kpi_id: int) -> tuple[dict[str, object], ...]:
    return (
        {"id": 10, "kpi_id": kpi_id, "effective_from": "2025-01-01", "target": 75.0},
        {"id": 11, "kpi_id": kpi_id, "effective_from": "2026-01-01", "target": 78.0},
    )


def _observations(kpi_id: int, first_id: int, n: int) -> tuple[dict[str, object], ...]:
    return tuple(
        {"id": first_id + i, "kpi_id": kpi_id, "ts": f"2026-01-{i + 1:02d}", "value": 70.0 + i}
        for i in range(n)
    )


def _seed_kpi(ws: Workspace) -> None:
    """KPI 1 with two targets, five observations and a project pointing at it."""
    ws.execute(InsertRows("kpis", (kpi_row(1, "OEE"),), title="Add KPI"))
    ws.execute(InsertRows("kpi_targets", _targets(1), title="Set targets"))
    ws.execute(InsertRows("observations", _observations(1, 100, 5), title="Add data"))
    project = {"id": 7, "name": "Faster changeovers", "kpi_id": 1}
    ws.execute(InsertRows("projects", ({**project, "created_at": STAMP, "updated_at": STAMP},)))


def _counts(ws: Workspace) -> dict[str, int]:
    return {t: ws.scalar(f"SELECT count(*) FROM {t}") for t in (*TABLES, "audit_log")}


def test_insert_returns_ids_and_changes(workspace: Workspace) -> None:
    applied = workspace.execute(InsertRows("kpis", (kpi_row(3, "Scrap"),), title="Add KPI"))
    assert applied.result == [3]
    assert applied.changes == Changes.KPIS
    assert workspace.scalar("SELECT name FROM kpis WHERE id = 3") == "Scrap"
    # Without ids, the new ids come back from SQLite.
    applied = workspace.execute(
        InsertRows(
            "observations",
            tuple({"kpi_id": 3, "ts": f"2026-02-0{d}", "value": float(d)} for d in (1, 2)),
        )
    )
    assert applied.result == [1, 2]
    assert workspace.scalar("SELECT sum(value) FROM observations") == 3.0  # 1 + 2


def test_insert_undo_removes_the_rows(workspace: Workspace) -> None:
    _seed_kpi(workspace)
    before = table_contents(workspace.conn, *TABLES)
    applied = workspace.execute(InsertRows("observations", _observations(1, 200, 3)))
    assert workspace.scalar("SELECT count(*) FROM observations") == 5 + 3
    workspace.execute(applied.inverse)
    assert table_contents(workspace.conn, *TABLES) == before


def test_update_and_its_inverse(workspace: Workspace) -> None:
    _seed_kpi(workspace)
    before = table_contents(workspace.conn, *TABLES)
    applied = workspace.execute(UpdateRow("kpis", 1, {"unit": "%", "owner": "Maria"}))
    assert workspace.rows("SELECT unit, owner FROM kpis WHERE id = 1") == [
        {"unit": "%", "owner": "Maria"}
    ]
    workspace.execute(applied.inverse)
    assert table_contents(workspace.conn, *TABLES) == before


def test_delete_cascades_and_undo_restores_exactly(workspace: Workspace) -> None:
    _seed_kpi(workspace)
    before = table_contents(workspace.conn, *TABLES)
    applied = workspace.execute(DeleteRows("kpis", (1,), title="Delete KPI"))
    # ON DELETE CASCADE took the targets and observations; SET NULL unlinked the project.
    assert workspace.scalar("SELECT count(*) FROM kpis") == 0
    assert workspace.scalar("SELECT count(*) FROM kpi_targets") == 0
    assert workspace.scalar("SELECT count(*) FROM observations") == 0
    assert workspace.scalar("SELECT kpi_id FROM projects WHERE id = 7") is None
    # The project's link to it was cleared (SET NULL): projects changed too.
    cascade = Changes.KPIS | Changes.TARGETS | Changes.OBSERVATIONS | Changes.PROJECTS
    assert cascade in applied.changes
    workspace.execute(applied.inverse)
    assert table_contents(workspace.conn, *TABLES) == before  # ids and every column


def test_batch_undoes_in_reverse(workspace: Workspace) -> None:
    _seed_kpi(workspace)
    before = table_contents(workspace.conn, *TABLES)
    step = Batch(
        "Rename and re-target",
        (
            UpdateRow("kpis", 1, {"name": "OEE line 2"}),
            InsertRows("kpi_targets", ({"id": 12, "kpi_id": 1, "effective_from": "2027-01-01"},)),
            DeleteRows("observations", (100, 101)),
            UpdateRow("kpis", 1, {"name": "OEE (line 2)"}),  # the same row twice: order matters
        ),
    )
    applied = workspace.execute(step)
    assert workspace.scalar("SELECT name FROM kpis") == "OEE (line 2)"
    assert workspace.scalar("SELECT count(*) FROM observations") == 3
    assert applied.changes == Changes.KPIS | Changes.TARGETS | Changes.OBSERVATIONS
    workspace.execute(applied.inverse)
    assert table_contents(workspace.conn, *TABLES) == before


def test_undo_all_then_redo_all(workspace: Workspace) -> None:
    _seed_kpi(workspace)
    commands: list[Command] = [
        InsertRows("kpis", (kpi_row(2, "Lead time"),)),
        InsertRows("observations", _observations(2, 300, 4)),
        UpdateRow("observations", 101, {"value": 99.5, "note": "re-measured"}),
        DeleteRows("observations", (102, 301)),
        UpdateRow("kpis", 2, {"unit": "days"}),
        DeleteRows("kpis", (1,)),
    ]
    states = [table_contents(workspace.conn, *TABLES)]
    undo: list[Applied] = []
    for command in commands:
        undo.append(workspace.execute(command))
        states.append(table_contents(workspace.conn, *TABLES))
    assert len({repr(s) for s in states}) == len(states)  # every command changed something
    redo: list[Command] = []
    for i in range(len(commands) - 1, -1, -1):
        undone = workspace.execute(undo.pop().inverse)
        redo.append(undone.inverse)
        assert table_contents(workspace.conn, *TABLES) == states[i], f"undo of command {i}"
    for i, command in enumerate(reversed(redo), start=1):
        workspace.execute(command)
        assert table_contents(workspace.conn, *TABLES) == states[i], f"redo of command {i - 1}"


def test_duplicate_name_fails_and_leaves_nothing(workspace: Workspace) -> None:
    _seed_kpi(workspace)
    counts = _counts(workspace)
    contents = table_contents(workspace.conn, *TABLES, "meta")
    # kpis.name is UNIQUE COLLATE NOCASE, so "oee" clashes with "OEE"; the first row is fine.
    command = InsertRows("kpis", (kpi_row(2, "Yield"), kpi_row(3, "oee")), title="Add KPIs")
    with pytest.raises(OpsdeskError) as raised:
        workspace.execute(command)
    assert "Add KPIs" in str(raised.value)
    assert _counts(workspace) == counts  # no partial rows, no audit entry
    assert table_contents(workspace.conn, *TABLES, "meta") == contents  # audit head too
    assert not workspace.conn.in_transaction


def test_failing_batch_rolls_back_earlier_steps(workspace: Workspace) -> None:
    _seed_kpi(workspace)
    counts = _counts(workspace)
    step = Batch(
        "Two KPIs",
        (
            InsertRows("kpis", (kpi_row(2, "Yield"),)),
            InsertRows("observations", _observations(2, 400, 3)),
            InsertRows("kpis", (kpi_row(3, "YIELD"),)),
        ),
    )
    with pytest.raises(OpsdeskError):
        workspace.execute(step)
    assert _counts(workspace) == counts


def test_failure_at_commit_leaves_workspace_usable(workspace: Workspace) -> None:
    # Restoring a row whose parent is gone breaks a deferred foreign key, which SQLite
    # only reports at COMMIT; the workspace must roll back and take the next command.
    _seed_kpi(workspace)
    undo_obs = workspace.execute(DeleteRows("observations", (100,))).inverse
    workspace.execute(DeleteRows("kpis", (1,)))
    counts = _counts(workspace)
    with pytest.raises(OpsdeskError):
        workspace.execute(undo_obs)
    assert not workspace.conn.in_transaction
    assert _counts(workspace) == counts
    workspace.execute(InsertRows("kpis", (kpi_row(5, "Next"),)))
    assert workspace.scalar("SELECT name FROM kpis") == "Next"


def test_delete_map_restores_lanes_nodes_edges_and_pair(workspace: Workspace) -> None:
    # Maps exercise every kind of link: cascades two levels deep (edges hang off both the
    # map and its nodes), SET NULL from a cascaded child (node.lane_id) and a
    # self-reference (the future-state map's pair_id).
    stamp = {"created_at": STAMP, "updated_at": STAMP}
    maps = (
        {"id": 1, "name": "Order to cash", "kind": "process", **stamp},
        {"id": 2, "name": "Order to cash", "kind": "process", "state": "future", "pair_id": 1},
    )
    workspace.execute(InsertRows("maps", (maps[0], {**maps[1], **stamp})))
    workspace.execute(UpdateRow("maps", 1, {"pair_id": 2}))
    workspace.execute(
        InsertRows("map_lanes", tuple({"id": i, "map_id": 1, "name": f"Lane {i}"} for i in (1, 2)))
    )
    nodes = tuple({"id": i, "map_id": 1, "lane_id": 1 + i % 2, "kind": "task"} for i in (1, 2, 3))
    workspace.execute(InsertRows("map_nodes", nodes))
    edges = ({"id": 1, "map_id": 1, "source_id": 1, "target_id": 2},)
    workspace.execute(
        InsertRows("map_edges", (*edges, {**edges[0], "id": 2, "source_id": 2, "target_id": 3}))
    )
    tables = ("maps", "map_lanes", "map_nodes", "map_edges")
    before = table_contents(workspace.conn, *tables)
    applied = workspace.execute(DeleteRows("maps", (1,), title="Delete map"))
    after_delete = table_contents(workspace.conn, *tables)
    assert after_delete["map_nodes"] == [] and after_delete["map_edges"] == []
    assert workspace.scalar("SELECT pair_id FROM maps WHERE id = 2") is None
    redo = workspace.execute(applied.inverse).inverse
    assert table_contents(workspace.conn, *tables) == before
    workspace.execute(redo)
    assert table_contents(workspace.conn, *tables) == after_delete


def test_command_on_a_worker_connection(workspace: Workspace) -> None:
    # Long writes run on a worker thread with their own connection (connect_again).
    other = workspace.connect_again()
    try:
        assert other.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        workspace.execute(InsertRows("kpis", (kpi_row(1, "OEE"),)), other)
        assert workspace.scalar("SELECT name FROM kpis") == "OEE"  # visible to the main one
        with pytest.raises(OpsdeskError):
            workspace.execute(InsertRows("kpis", (kpi_row(2, "oee"),)), other)
        assert not other.in_transaction
        assert workspace.scalar("SELECT count(*) FROM audit_log") == 1
    finally:
        other.close()
