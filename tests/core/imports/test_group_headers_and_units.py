"""Group-header rows over the column names, and which brackets are units (issue 9, items 4-5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.imports import plan, source
from opsdesk.core.imports.header import detect_header, header_names, split_unit
from opsdesk.core.imports.units import is_unit
from tests.core.imports import corpus


def grouped_book(tmp_path: Path, names: list[str], groups: list[Any]) -> Path:
    rows: list[list[Any]] = [["Plant KPIs 2025"], groups, names]
    for month in range(1, 4):
        rows.append([date(2025, month, 1), *(80.0 + month + c for c in range(len(names) - 1))])
    merged = ["A1:E1"]
    return corpus.xlsx(tmp_path / "g.xlsx", rows, merged=[*merged, "B2:C2", "D2:E2"])


def test_a_merged_group_row_is_not_taken_as_the_header(tmp_path: Path) -> None:
    path = grouped_book(
        tmp_path,
        ["Month", "OTIF", "Lead time (days)", "Scrap", "Complaints"],
        [None, "Delivery", None, "Quality", None],
    )
    table = source.read(path)
    header = detect_header(table)
    assert table.row_numbers[header] == 3  # row 1 the title, row 2 the groups
    # No name repeats, so no group joins in.
    assert header_names(table, header) == ["Month", "OTIF", "Lead time (days)", "Scrap",
                                           "Complaints"]


def test_groups_join_only_names_that_repeat(tmp_path: Path) -> None:
    path = grouped_book(
        tmp_path,
        ["Month", "OEE (%)", "Downtime (h)", "OEE (%)", "Scrap"],
        [None, "Line 2", None, "Line 3", None],
    )
    table = source.read(path)
    header = detect_header(table)
    names = header_names(table, header)
    assert names == ["Month", "Line 2 OEE (%)", "Downtime (h)", "Line 3 OEE (%)", "Scrap"]
    assert split_unit(names[1]) == ("Line 2 OEE", "%")


def test_the_cli_and_the_wizard_read_the_same_names(workspace: Any, tmp_path: Path) -> None:
    path = grouped_book(
        tmp_path,
        ["Month", "OEE", "Downtime (h)", "OEE", "Scrap"],
        [None, "Line 2", None, "Line 3", None],
    )
    prepared = plan.prepare(workspace.conn, path, plan.Options())  # what both run
    assert prepared.problems == []
    assert prepared.mapping.kpi_columns == ["Line 2 OEE", "Downtime (h)", "Line 3 OEE", "Scrap"]
    assert sorted(prepared.kpis.new_names) == ["Downtime", "Line 2 OEE", "Line 3 OEE", "Scrap"]


def test_a_text_file_whose_data_look_like_text_keeps_its_first_header(tmp_path: Path) -> None:
    path = corpus.text(
        tmp_path / "t.csv", "Date,KPI,Value\n2024-01-01,OEE,80\n2024-01-02,OEE,n/a\n"
    )
    assert detect_header(source.read(path)) == 0


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Lead time (days)", ("Lead time", "days")),
        ("Scrap, %", ("Scrap", "%")),
        ("Energy [kWh]", ("Energy", "kWh")),
        ("Cost (k€)", ("Cost", "k€")),
        ("Throughput (pcs/h)", ("Throughput", "pcs/h")),
        ("OEE (Line 2)", ("OEE (Line 2)", "")),
        ("Ausschussquote (ÄÖÜß)", ("Ausschussquote (ÄÖÜß)", "")),
        ("Sales, North", ("Sales, North", "")),
        ("Value (2)", ("Value (2)", "")),
    ],
)
def test_only_known_units_in_brackets_are_units(header: str, expected: tuple[str, str]) -> None:
    assert split_unit(header) == expected


def test_two_lines_stay_two_kpis(workspace: Any, tmp_path: Path) -> None:
    rows = [["Month", "OEE (Line 2)", "OEE (Line 3)"], [date(2025, 1, 1), 81.0, 84.0]]
    prepared = plan.prepare(workspace.conn, corpus.xlsx(tmp_path / "l.xlsx", rows), plan.Options())
    assert sorted(prepared.kpis.new_names) == ["OEE (Line 2)", "OEE (Line 3)"]


def test_the_unit_lexicon() -> None:
    for unit in ("%", "days", "d", "h", "hours", "min", "s", "€", "$", "USD", "EUR", "kWh",
                 "pcs", "ppm", "count", "ms"):
        assert is_unit(unit), unit
    for text in ("Line 2", "ÄÖÜß", "North", "2", ""):
        assert not is_unit(text), text
