"""Re-importing a corrected file (issue 9, item 3): changed values are reported, kept by
default, replaced on request as one undoable, audited command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.kpi.observations import EditObservation
from tests.core.imports import corpus


def book(tmp_path: Path, name: str, march: float) -> Path:
    rows = [["Month", "OEE (%)", "Scrap"], [date(2025, 1, 1), 80.0, 2.0],
            [date(2025, 2, 1), 81.0, 2.1], [date(2025, 3, 1), march, 2.2]]
    return corpus.xlsx(tmp_path / name, rows)


def values(ws: Any) -> list[tuple[str, str, float]]:
    return [(r["name"], r["ts"], r["value"]) for r in ws.rows(
        "SELECT k.name, o.ts, o.value FROM observations o JOIN kpis k ON k.id = o.kpi_id"
        " ORDER BY k.name, o.ts")]


def test_a_changed_value_is_reported_and_kept(workspace: Any, tmp_path: Path) -> None:
    workspace.execute(ImportObservations(plan.prepare(
        workspace.conn, book(tmp_path, "v1.xlsx", 79.0), plan.Options())))
    before = values(workspace)
    prepared = plan.prepare(workspace.conn, book(tmp_path, "v2.xlsx", 83.5), plan.Options())
    result = workspace.execute(ImportObservations(prepared)).result
    assert (result["rows_imported"], result["duplicates"], result["updated"]) == (0, 5, 0)
    assert result["changed"] == [{"kpi": "OEE", "ts": "2025-03-01", "segment": None,
                                  "subgroup": None, "before": 79.0, "after": 83.5}]
    assert values(workspace) == before


def test_replacing_is_one_undoable_audited_command(workspace: Any, tmp_path: Path) -> None:
    workspace.execute(ImportObservations(plan.prepare(
        workspace.conn, book(tmp_path, "v1.xlsx", 79.0), plan.Options())))
    prepared = plan.prepare(workspace.conn, book(tmp_path, "v2.xlsx", 83.5), plan.Options())
    applied = workspace.execute(ImportObservations(prepared, update=True))
    assert applied.result["updated"] == 1
    assert ("OEE", "2025-03-01", 83.5) in values(workspace)
    [entry] = workspace.rows(
        "SELECT before, after FROM audit_log WHERE entity = 'observations' AND action = 'update'")
    assert (json.loads(entry["before"]), json.loads(entry["after"])) == (
        {"value": 79.0}, {"value": 83.5})
    redo = workspace.execute(applied.inverse).inverse
    assert ("OEE", "2025-03-01", 79.0) in values(workspace)  # the stored value is back
    workspace.execute(redo)
    assert ("OEE", "2025-03-01", 83.5) in values(workspace)


def test_undo_leaves_a_value_edited_since_alone(workspace: Any, tmp_path: Path) -> None:
    workspace.execute(ImportObservations(plan.prepare(
        workspace.conn, book(tmp_path, "v1.xlsx", 79.0), plan.Options())))
    prepared = plan.prepare(workspace.conn, book(tmp_path, "v2.xlsx", 83.5), plan.Options())
    applied = workspace.execute(ImportObservations(prepared, update=True))
    [(kpi_id, edited)] = workspace.conn.execute(
        "SELECT kpi_id, id FROM observations WHERE value = 83.5").fetchall()
    workspace.execute(EditObservation(kpi_id, edited, {"value": 84}))
    workspace.execute(applied.inverse)
    assert ("OEE", "2025-03-01", 84.0) in values(workspace)
