"""Whole imports into a workspace: mapping, validation, idempotency, undo, profiles, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.errors import Cancelled, OpsdeskError
from opsdesk.core.imports import plan, profiles
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.imports.export import export_xlsx
from opsdesk.core.imports.mapping import LayoutUnclear
from opsdesk.core.imports.problems import to_csv
from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.task_state import TaskState
from opsdesk.core.workspace import Workspace
from tests.core.imports import corpus


def run(ws: Any, path: Path, skip: bool = False, **options: Any) -> dict[str, Any]:
    prepared = plan.prepare(ws.conn, path, plan.Options(**options))
    applied = ws.execute(ImportObservations(prepared, skip_invalid=skip))
    return dict(applied.result, inverse=applied.inverse)


def observations(ws: Any) -> list[tuple[Any, ...]]:
    return [
        tuple(r.values())
        for r in ws.rows(
            "SELECT k.name, o.ts, o.value, o.subgroup, o.sample_size, o.segment, o.note,"
            " o.source_key"
            " FROM observations o JOIN kpis k ON k.id = o.kpi_id ORDER BY k.name, o.ts, o.id"
        )
    ]


def long_file(tmp_path: Path, name: str = "jan.xlsx", days: range = range(1, 4)) -> Path:
    rows: list[list[Any]] = [["Operations KPIs, January"], [], ["Date", "KPI", "Value", "Site"]]
    for day in days:
        rows.append([date(2024, 1, day), "On-time delivery", f"{90 + day}%", "North"])
        rows.append([date(2024, 1, day), "Lead time (days)", 3 + day / 2, "North"])
    return corpus.xlsx(tmp_path / name, rows, merged=["A1:D1"])


def test_long_layout_creates_kpis_with_units(workspace: Any, tmp_path: Path) -> None:
    result = run(workspace, long_file(tmp_path))
    assert result["rows_imported"] == 6 and result["kpis_created"] == [
        "On-time delivery",
        "Lead time",
    ]
    units = {r["name"]: r["unit"] for r in workspace.rows("SELECT name, unit FROM kpis")}
    assert units == {"On-time delivery": "%", "Lead time": "days"}
    # "91%" into a new KPI measured in % is 91 (hand: 90 + day 1); lead time 3 + 1/2 = 3.5.
    assert observations(workspace)[:2] == [
        ("Lead time", "2024-01-01", 3.5, None, None, "North", None, None),
        ("Lead time", "2024-01-02", 4.0, None, None, "North", None, None),
    ]
    assert observations(workspace)[3][2] == 91.0


def test_percent_into_a_ratio_kpi(workspace: Any, tmp_path: Path) -> None:
    workspace.execute(AddKpi({"name": "On-time delivery", "unit": "ratio"}))
    run(workspace, long_file(tmp_path))
    values = [
        r["value"]
        for r in workspace.rows(
            "SELECT value FROM observations o JOIN kpis k ON k.id = o.kpi_id"
            " WHERE k.name = 'On-time delivery' ORDER BY ts"
        )
    ]
    assert values == pytest.approx([0.91, 0.92, 0.93])  # 91 % = 91 / 100


def test_reimport_and_overlapping_export_add_only_what_is_new(
    workspace: Any, tmp_path: Path
) -> None:
    run(workspace, long_file(tmp_path))
    again = run(workspace, long_file(tmp_path))
    assert (again["rows_imported"], again["duplicates"]) == (0, 6)
    later = run(workspace, long_file(tmp_path, "jan-feb.xlsx", range(2, 6)))  # days 2-3 overlap
    assert (later["rows_imported"], later["duplicates"]) == (4, 4)
    assert workspace.scalar("SELECT count(*) FROM observations") == 10
    assert workspace.scalar("SELECT count(*) FROM imports") == 3


def test_undo_removes_the_whole_import_and_redo_restores_it(workspace: Any, tmp_path: Path) -> None:
    before = corpus.counts(workspace)
    result = run(workspace, long_file(tmp_path))
    snapshot = workspace.rows("SELECT * FROM observations ORDER BY id")
    undone = workspace.execute(result["inverse"])
    assert corpus.counts(workspace)[:2] == before[:2]
    assert workspace.scalar("SELECT undone_at IS NOT NULL FROM imports") == 1
    workspace.execute(undone.inverse)
    assert workspace.rows("SELECT * FROM observations ORDER BY id") == snapshot
    assert workspace.scalar("SELECT undone_at FROM imports") is None
    workspace.execute(result["inverse"])  # undo again after the redo
    with pytest.raises(OpsdeskError, match="already undone"):
        workspace.execute(result["inverse"])


def test_problems_stop_everything_unless_skipped(workspace: Any, tmp_path: Path) -> None:
    path = corpus.text(
        tmp_path / "bad.csv",
        (
            "Date,KPI,Value\n2024-01-01,OEE,80\n2024-01-02,OEE,n/a\n2024-13-45,OEE,81\n"
            "2024-01-04,,82\n2024-01-05,OEE,#DIV/0!\n2024-01-01,OEE,79\n"
        ),
    )
    prepared = plan.prepare(workspace.conn, path, plan.Options())
    found = [(p.row, p.column, p.value, p.reason) for p in prepared.problems]
    assert found == [
        (3, "Value", "n/a", "not a number"),
        (4, "Date", "2024-13-45", "not a date"),
        (5, "KPI", "", "missing KPI name"),
        (6, "Value", "#DIV/0!", "spreadsheet error value #DIV/0!"),
        (7, "Value", "OEE", "duplicate in the file: the same KPI and date as row 2"),
    ]
    assert to_csv(prepared.problems).splitlines()[1] == "3,Value,n/a,not a number"
    before = corpus.counts(workspace)
    with pytest.raises(OpsdeskError, match="5 problems"):
        workspace.execute(ImportObservations(prepared))
    assert corpus.counts(workspace) == before
    result = workspace.execute(ImportObservations(prepared, skip_invalid=True)).result
    assert (result["rows_imported"], result["rows_skipped"]) == (1, 5)


def test_unknown_kpi_when_creating_is_off(workspace: Any, tmp_path: Path) -> None:
    prepared = plan.prepare(workspace.conn, long_file(tmp_path), plan.Options(create_kpis=False))
    assert {p.reason for p in prepared.problems} == {"unknown KPI (creating KPIs is off)"}
    assert len(prepared.problems) == 6


def test_wide_by_kpi_with_units_in_headers(workspace: Any, tmp_path: Path) -> None:
    path = corpus.xlsx(
        tmp_path / "wide.xlsx",
        [
            ["Week", "Lead time (days)", "First pass yield [%]", "Comment"],
            [date(2024, 1, 1), 4.5, 0.97, "holiday"],
            [date(2024, 1, 8), None, 0.95, ""],
        ],
    )
    result = run(workspace, path)
    assert result["layout"] == "wide" and result["rows_imported"] == 3  # one gap skipped
    assert observations(workspace) == [
        ("First pass yield", "2024-01-01", 0.97, None, None, None, "holiday", None),
        ("First pass yield", "2024-01-08", 0.95, None, None, None, None, None),
        ("Lead time", "2024-01-01", 4.5, None, None, None, "holiday", None),
    ]


def test_wide_by_period(workspace: Any, tmp_path: Path) -> None:
    path = corpus.text(
        tmp_path / "months.csv",
        "KPI;Jan 2024;Feb 2024;Mar 2024\nScrap rate;1,5;1,2;\nOEE;80;81;83\n",
    )
    result = run(workspace, path)
    assert result["rows_imported"] == 5
    assert [o[:3] for o in observations(workspace)] == [
        ("OEE", "2024-01-01", 80.0),
        ("OEE", "2024-02-01", 81.0),
        ("OEE", "2024-03-01", 83.0),
        ("Scrap rate", "2024-01-01", 1.5),
        ("Scrap rate", "2024-02-01", 1.2),
    ]


def test_unclear_layout(workspace: Any, tmp_path: Path) -> None:
    path = corpus.text(tmp_path / "x.csv", "a,b\nx,y\nz,w\n")
    with pytest.raises(LayoutUnclear):
        plan.prepare(workspace.conn, path, plan.Options())


def test_subgroups_repeat_and_reimport_as_duplicates(workspace: Any, tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Date", "KPI", "Subgroup", "Value"]]
    for value in [10.1, 10.3, 9.8, 10.0, 10.2]:  # five parts measured in one subgroup
        rows.append(["2024-03-01", "Shaft diameter", "S1", value])
    path = corpus.xlsx(tmp_path / "xbar.xlsx", rows)
    assert run(workspace, path)["rows_imported"] == 5
    assert run(workspace, path)["duplicates"] == 5


def test_date_order_and_1904_workbooks(workspace: Any, tmp_path: Path) -> None:
    path = corpus.text(tmp_path / "us.csv", "Date,KPI,Value\n03/04/2024,OEE,80\n")
    with pytest.raises(OpsdeskError, match="1 problems"):
        run(workspace, path)
    run(workspace, path, date_order="mdy")
    assert observations(workspace)[0][1] == "2024-03-04"
    # A 1904-system workbook with the date as a plain number: 1904 serial 43100 is
    # 1900 serial 43100 + 1462 = 44562 = 2022-01-01 (Microsoft, "Date systems in Excel").
    book = corpus.xlsx(
        tmp_path / "mac.xlsx", [["Date", "KPI", "Value"], [43100, "Yield", 1]], date1904=True
    )
    run(workspace, book)
    assert ("Yield", "2022-01-01", 1.0) in [o[:3] for o in observations(workspace)]


def test_cancel_while_writing_leaves_nothing(workspace: Any, tmp_path: Path) -> None:
    prepared = plan.prepare(workspace.conn, long_file(tmp_path), plan.Options())
    before = corpus.counts(workspace)
    task = TaskState()
    task.cancel()
    with pytest.raises(Cancelled):
        workspace.execute(ImportObservations(prepared), task=task)
    assert corpus.counts(workspace) == before


def test_profiles(workspace: Any, tmp_path: Path) -> None:
    first = corpus.text(tmp_path / "jan.csv", "when|what|amount|where\n2024-01-01|OEE|80|A\n")
    prepared = plan.prepare(
        workspace.conn,
        first,
        plan.Options(given={"date": "when", "kpi": "what", "value": "amount", "segment": "where"}),
    )
    workspace.execute(profiles.SaveProfile("ERP monthly", prepared.mapping.to_json()))
    assert profiles.names(workspace.conn) == ["ERP monthly"]
    second = corpus.text(tmp_path / "feb.csv", "when|what|amount|where\n2024-02-01|OEE|82|B\n")
    mapping = profiles.load(workspace.conn, "erp monthly")
    result = run(workspace, second, mapping=mapping)
    assert result["rows_imported"] == 1 and observations(workspace)[0][5] == "B"
    with pytest.raises(OpsdeskError, match="no import profile"):
        profiles.load(workspace.conn, "nope")


def test_export_round_trip_and_formula_injection(workspace: Any, tmp_path: Path) -> None:
    path = corpus.text(
        tmp_path / "x.csv",
        (
            "Date,KPI,Value,Subgroup,Sample size,Site,Note,Source key\n"
            '2024-01-01,=1+1,5,S1,50,@north,=HYPERLINK("http://x"),-7\n'
            '2024-01-02T08:30:00,+cmd,6.25,,,North,"a, b",K2\n'
        ),
    )
    run(workspace, path)
    original = observations(workspace)
    out = tmp_path / "export.xlsx"
    assert export_xlsx(workspace.conn, out) == 2
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert sheet["B2"].data_type == "s" and sheet["G2"].data_type == "s"  # strings, not formulas
    with Workspace.open(tmp_path / "fresh.opsdesk", create=True) as fresh:
        run(fresh, out)
        assert observations(fresh) == original


def test_ragged_rows_are_problems(workspace: Any, tmp_path: Path) -> None:
    path = corpus.text(
        tmp_path / "r.csv",
        "Date,KPI,Value\n2024-01-01,OEE,80\n2024-01-02,OEE\n2024-01-03,OEE,81,oops\n"
        "2024-01-04,OEE,82,\n",  # a trailing empty field is not a problem
    )
    prepared = plan.prepare(workspace.conn, path, plan.Options())
    assert [(p.row, p.reason) for p in prepared.problems] == [
        (3, "the row has 2 fields where the header has 3"),
        (4, "the row has 4 fields where the header has 3"),
    ]
    assert prepared.importable == 2


def test_sheet_choice_and_header_row_override(workspace: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    data = book.create_sheet("Data")
    for row in (
        ["Exported 2024-04-02", "by ERP"],
        ["Day", "KPI", "Value"],
        [date(2024, 4, 1), "OEE", 80],
    ):
        data.append(row)
    path = tmp_path / "two.xlsx"
    book.save(path)
    with pytest.raises(OpsdeskError, match="no sheet 'Nope'; its sheets are 'Notes', 'Data'"):
        plan.prepare(workspace.conn, path, plan.Options(sheet="Nope"))
    prepared = plan.prepare(workspace.conn, path, plan.Options(sheet="Data", header_row=2))
    assert prepared.mapping.header_row == 2 and prepared.names == ["Day", "KPI", "Value"]
    assert prepared.importable == 1 and prepared.table.sheet == "Data"
