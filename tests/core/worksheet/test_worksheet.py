"""Worksheets: pasted text read as a spreadsheet user means it, kept whole and undoable,
and charted with the engine `opsdesk spc` uses, to the same numbers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.run_spc import SpcRequest, run_request
from opsdesk.core.spc.table_input import Table
from opsdesk.core.worksheet import grid as sheets
from opsdesk.core.worksheet.analysis import chart, pareto_chart
from opsdesk.core.worksheet.store import (
    DeleteWorksheet,
    NewWorksheet,
    RenameWorksheet,
    SetCells,
    list_worksheets,
)
from opsdesk.core.worksheet.to_kpi import SaveAsKpi, kpi_data
from opsdesk.core.workspace import Workspace

# As Excel puts a copied range on the clipboard: tabs between cells, CRLF between rows.
EXCEL = "Day\tDiameter\tCause\r\n2026-03-02\t10\tJam\r\n2026-03-03\t12\tJam\r\n" \
        "2026-03-04\t11\tSetup\r\n2026-03-05\t13\t\r\n2026-03-06\t12\t\r\n"


def test_pasted_excel_range_keeps_its_header_and_short_columns() -> None:
    grid = sheets.from_text(EXCEL)
    assert grid.names == ("Day", "Diameter", "Cause")
    assert grid.height == 5
    assert grid.columns[1] == ("10", "12", "11", "13", "12")
    assert grid.columns[2] == ("Jam", "Jam", "Setup", "", "")


def test_a_pasted_column_of_numbers_is_named_as_minitab_does() -> None:
    grid = sheets.from_text("4.5\n5.1\n4.9\n")
    assert grid.names == ("C1",) and grid.columns == (("4.5", "5.1", "4.9"),)
    # A decimal comma is not a column separator.
    assert sheets.from_text("4,5\n5,1\n").names == ("C1",)
    assert sheets.from_text("a,b\n1,2\n").names == ("a", "b")


def test_typing_past_the_edge_grows_the_grid_and_blank_rows_at_the_end_go() -> None:
    grid = sheets.from_text("x\n1\n2\n")
    grown = grid.with_cell(3, 1, "7")
    assert grown.names == ("x", "C2") and grown.height == 4
    assert grown.columns == (("1", "2", "", ""), ("", "", "", "7"))
    assert grown.with_cell(3, 1, "").height == 2
    with pytest.raises(OpsdeskError, match="already a column named 'x'"):
        grown.renamed(1, "x")
    assert sheets.Grid.from_json(grown.to_json()) == grown


def test_nothing_to_paste_is_one_sentence() -> None:
    with pytest.raises(OpsdeskError, match="nothing to paste"):
        sheets.from_text(" \n")


def test_an_i_chart_of_a_pasted_column_has_the_textbook_limits() -> None:
    # Individuals chart (Montgomery, Introduction to Statistical Quality Control, 6.4):
    # centre = mean = 58/5 = 11.6; moving ranges 2, 1, 2, 1, MR-bar = 1.5;
    # sigma = MR-bar / d2(2) = 1.5 / 1.128379 = 1.329340; UCL = 11.6 + 3 sigma = 15.58802.
    grid = sheets.from_text(EXCEL)
    analysis = chart(grid, "Sheet 1", SpcRequest(chart="i-mr", value="Diameter"))
    text = "\n".join(analysis.lines)
    assert "centre 11.6, UCL 15.588, LCL 7.61198" in text
    assert math.isclose(1.5 / (2 / math.sqrt(math.pi)) * 3 + 11.6, 15.58802, rel_tol=1e-6)
    assert analysis.specs[0].panels[0].title


def test_the_worksheet_gives_the_numbers_the_command_line_gives_for_its_csv(
        tmp_path: Path) -> None:
    grid = sheets.from_text(EXCEL)
    csv = tmp_path / "sheet.csv"
    csv.write_text(EXCEL.replace("\t", ","), encoding="utf-8")
    request = SpcRequest(chart="i-mr", value="Diameter", lsl=8.0, usl=16.0)
    _result, _cap, from_file = run_request(Table(csv), request)
    ours = chart(grid, "Sheet 1", request)
    from opsdesk.core.spc.summary import summary_lines

    result, cap, _payload = run_request(Table(csv), request)
    assert list(ours.lines) == summary_lines(result, cap, from_file.get("capability"))
    # with spec limits, capability's own charts follow the control chart
    assert [s.title for s in ours.specs][1:] == ["Diameter: capability",
                                                 "Normal probability plot"]
    histogram = ours.specs[1].panels[0]
    assert [r.label for r in histogram.ref_lines][:2] == ["LSL = 8", "USL = 16"]
    assert len(chart(grid, "Sheet 1", SpcRequest(chart="i-mr", value="Diameter")).specs) == 1


def test_a_short_column_charts_to_its_last_value_and_a_gap_is_named() -> None:
    grid = sheets.from_text(EXCEL).with_cell(5, 1, "").with_cell(1, 1, "")
    with pytest.raises(OpsdeskError, match=r"Row 2, column 'Diameter' is empty"):
        chart(grid, "Sheet 1", SpcRequest(chart="i-mr", value="Diameter"))


def test_a_pareto_of_a_cause_column() -> None:
    grid = sheets.from_text(EXCEL)
    analysis = pareto_chart(grid, "Sheet 1", "Cause")
    # Jam 2 of 3 (66.7 %), then Setup: 3 of 3 (100 %).
    assert analysis.lines == ("Jam: 2 (66.7 % cumulative)", "Setup: 1 (100.0 % cumulative)")


def test_worksheets_are_kept_whole_and_each_edit_undoes(workspace: Workspace) -> None:
    grid = sheets.from_text(EXCEL)
    sheet_id = workspace.execute(NewWorksheet("Shaft trial", grid)).result
    with pytest.raises(OpsdeskError, match="already a worksheet named"):
        workspace.execute(NewWorksheet("shaft TRIAL", grid))
    edited = grid.with_cell(0, 1, "10.5")
    undo = workspace.execute(SetCells(sheet_id, edited)).inverse
    assert list_worksheets(workspace.conn)[0].grid == edited
    workspace.execute(undo)
    assert list_worksheets(workspace.conn)[0].grid == grid
    workspace.execute(RenameWorksheet(sheet_id, "  Shaft   trial 2 "))
    assert list_worksheets(workspace.conn)[0].name == "Shaft trial 2"
    workspace.execute(DeleteWorksheet(sheet_id))
    assert list_worksheets(workspace.conn) == []
    commands = [r[0] for r in workspace.conn.execute("SELECT command FROM audit_log")]
    assert "Edit worksheet" in commands and "Delete worksheet" in commands


def test_a_column_becomes_a_kpi_with_its_chart_in_one_undo_step(workspace: Workspace) -> None:
    grid = sheets.from_text(EXCEL)
    data = kpi_data(grid, "Sheet 1", "Day", "Diameter")
    assert data.days[0] == "2026-03-02" and data.values == (10, 12, 11, 13, 12)
    applied = workspace.execute(SaveAsKpi("Shaft diameter", data, "i-mr", unit="mm"))
    kpi = workspace.rows("SELECT id, name, unit FROM kpis")[0]
    assert (kpi["name"], kpi["unit"]) == ("Shaft diameter", "mm")
    assert workspace.scalar("SELECT count(*) FROM observations WHERE kpi_id = ?",
                            (kpi["id"],)) == 5
    assert workspace.rows("SELECT name, chart_type FROM charts") == [
        {"name": "Shaft diameter: I-MR chart", "chart_type": "i-mr"}]
    workspace.execute(applied.inverse)
    assert workspace.scalar("SELECT count(*) FROM kpis") == 0
    assert workspace.scalar("SELECT count(*) FROM charts") == 0
    with pytest.raises(OpsdeskError, match=r"Row 1, column 'Cause' holds 'Jam': not a date"):
        kpi_data(grid, "Sheet 1", "Cause", "Diameter")


def test_a_block_pasted_inside_a_grid_overwrites_and_extends_it() -> None:
    grid = sheets.from_text("x\ty\n1\t2\n3\t4\n")
    pasted = grid.with_block(1, 1, sheets.text_rows("9\t8\n7\t6\n"))
    assert pasted.names == ("x", "y", "C3")
    assert pasted.columns == (("1", "3", ""), ("2", "9", "7"), ("", "8", "6"))


def test_a_worksheet_holds_pasted_columns_not_whole_exports() -> None:
    rows = "\n".join(["1"] * (sheets.MAX_CELLS + 1))
    with pytest.raises(OpsdeskError, match=r"a worksheet holds up to 100,000 cells \(use File › "
                                           r"Import for more\)"):
        sheets.from_text(rows)
    assert sheets.from_text("x\ty\n1\ta\n2\tb\n").numeric_columns() == ("x",)
