"""Change kinds: every table a command can write has one, and row commands derive theirs."""

from __future__ import annotations

from opsdesk.core.workspace import Changes, Workspace
from opsdesk.core.workspace.changes import TABLE_KINDS, UNCHANGED_TABLES
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow
from tests.core.workspace.helpers import kpi_row


def test_every_table_of_the_schema_has_a_kind(workspace: Workspace) -> None:
    tables = {r[0] for r in workspace.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    assert tables - UNCHANGED_TABLES == set(TABLE_KINDS)


def test_touches_any_of_the_watched_kinds() -> None:
    changes = Changes.OBSERVATIONS | Changes.ALERTS
    assert changes.touches(Changes.KPI_DATA)  # observations are KPI data
    assert not changes.touches(Changes.CHARTS | Changes.REPORTS)
    assert Changes.ALERTS in changes and Changes.KPIS not in changes
    assert not Changes.NONE


def test_row_commands_report_the_kinds_of_their_tables(workspace: Workspace) -> None:
    inserted = workspace.execute(InsertRows("kpis", (kpi_row(1, "OEE"),)))
    assert inserted.changes == Changes.KPIS
    targets = workspace.execute(InsertRows(
        "kpi_targets", ({"kpi_id": 1, "effective_from": "2026-01-01", "target": 85},)))
    assert targets.changes == Changes.TARGETS
    updated = workspace.execute(UpdateRow("kpis", 1, {"owner": "Maria"}))
    assert updated.changes == Changes.KPIS
    # A deletion reports what its cascade took; undoing it, what it put back.
    deleted = workspace.execute(DeleteRows("kpis", (1,)))
    assert deleted.changes == Changes.KPIS | Changes.TARGETS
    assert workspace.execute(deleted.inverse).changes == Changes.KPIS | Changes.TARGETS
