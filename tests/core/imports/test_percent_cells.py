"""Excel cells formatted as percent (issue 9, item 6).

Excel stores 89.2 % as 0.892 with a percent number format (ECMA-376 Part 1, 18.8.30:
built-in formats 9 "0%" and 10 "0.00%"; a custom code scales by 100 for each % outside
quotes). opsdesk keeps a % KPI in percentage points, so such a cell is stored as 89.2.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.imports import plan, source
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.imports.xlsx_styles import is_percent_format
from opsdesk.core.kpi.definitions import kpi_by_name
from opsdesk.core.kpi.formatting import fmt


def book(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Month", "OTIF", "Yield", "Scrap", "Share"])
    for month, otif in ((1, 0.892), (2, 0.9)):
        sheet.append([date(2025, month, 1), otif, 0.97, 0.015, 12.5])
        row = sheet.max_row
        sheet.cell(row, 2).number_format = "0.0%"
        sheet.cell(row, 3).number_format = "0%"  # built-in format 9
        sheet.cell(row, 5).number_format = '0.0"%"'  # a literal sign: the number is 12.5
    workbook.save(path)
    return path


def test_percent_cells_become_percentage_points(workspace: Any, tmp_path: Path) -> None:
    prepared = plan.prepare(workspace.conn, book(tmp_path / "p.xlsx"), plan.Options())
    workspace.execute(ImportObservations(prepared))
    rows = workspace.rows(
        "SELECT k.name, k.unit, o.value FROM observations o JOIN kpis k ON k.id = o.kpi_id"
        " WHERE o.ts = '2025-01-01' ORDER BY k.name"
    )
    assert [(r["name"], r["unit"], r["value"]) for r in rows] == [
        ("OTIF", "%", 89.2),  # exactly 89.2, not 0.892 * 100 = 89.19999999999999
        ("Scrap", "", 0.015),
        ("Share", "", 12.5),
        ("Yield", "%", 97.0),
    ]
    assert fmt(kpi_by_name(workspace.conn, "OTIF"), 89.2, unit=True) == "89.2 %"


def test_only_percent_styled_cells_are_found(tmp_path: Path) -> None:
    table = source.read(book(tmp_path / "p.xlsx"))
    assert table.percent_cells == {(2, "B"), (3, "B"), (2, "C"), (3, "C")}


@pytest.mark.parametrize(
    ("code", "percent"),
    [("0%", True), ("0.0%", True), ("#,##0.00%;[Red]-0.00%", True), ('0.0"%"', False),
     ("0.0\\%", False), ("[$%-409]0.0", False), ("General", False), ("mmm-yy", False)],
)
def test_percent_format_codes(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent
