"""Wide layouts with --skip-invalid: a bad cell costs its own observation only (issue 9, item 2)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from tests.core.imports import corpus

KPIS = ["Lead time (days)", "OTIF (%)", "Scrap", "OEE (%)", "Complaints", "Yield (%)",
        "Backlog"]


def book(tmp_path: Path) -> Path:
    rows: list[list[Any]] = [["Month", *KPIS]]
    for month in range(6, 9):
        rows.append([date(2025, month, 1), *(float(month + c) for c in range(len(KPIS)))])
    rows[2][1] = "n/a"  # July's lead time
    return corpus.xlsx(tmp_path / "wide.xlsx", rows)


def test_one_bad_cell_skips_that_observation_only(workspace: Any, tmp_path: Path) -> None:
    prepared = plan.prepare(workspace.conn, book(tmp_path), plan.Options())
    assert [(p.row, p.column, p.value, p.reason) for p in prepared.problems] == [
        (3, "Lead time (days)", "n/a", "not a number")
    ]
    result = workspace.execute(ImportObservations(prepared, skip_invalid=True)).result
    # 3 months x 7 KPIs = 21 cells, one of them "n/a".
    assert (result["rows_imported"], result["rows_skipped"]) == (20, 1)
    july = workspace.rows(
        "SELECT k.name FROM observations o JOIN kpis k ON k.id = o.kpi_id"
        " WHERE o.ts = '2025-07-01' ORDER BY k.name"
    )
    assert [r["name"] for r in july] == sorted(
        ["OTIF", "Scrap", "OEE", "Complaints", "Yield", "Backlog"]
    )


def test_a_bad_date_still_leaves_out_its_row(workspace: Any, tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Month", "OEE (%)", "Scrap"], [date(2025, 1, 1), 80.0, 2.0],
                             ["someday", 81.0, 3.0], [date(2025, 3, 1), None, 4.0]]
    prepared = plan.prepare(workspace.conn, corpus.xlsx(tmp_path / "d.xlsx", rows), plan.Options())
    assert [p.row for p in prepared.problems] == [3]
    result = workspace.execute(ImportObservations(prepared, skip_invalid=True)).result
    # Row 3's two values are left out with its date; row 4's OEE gap is no problem.
    assert (result["rows_imported"], result["rows_skipped"]) == (3, 2)
