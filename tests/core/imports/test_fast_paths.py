"""The cheap common-case checks give the same answers as the exact ones they skip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from opsdesk.core.imports.plan import _all_distinct
from opsdesk.core.imports.table import tidy
from opsdesk.core.imports.xlsx_scan import scan_sheet
from tests.core.imports import corpus


def test_distinct_identities_by_joined_text() -> None:
    kpis = ["OEE", "OEE", "Scrap"]
    days = ["2024-01-01", "2024-01-02", "2024-01-01"]
    assert _all_distinct([kpis, days])
    # The first and the fourth row are both (OEE, 2024-01-01, no segment): a repeat.
    assert not _all_distinct([["OEE", "OEE", "Scrap", "OEE"],
                              ["2024-01-01", "2024-01-02", "2024-01-01", "2024-01-01"],
                              [None, "A", None, None]])
    # Same KPI and day at two sites: distinct.
    assert _all_distinct([["OEE", "OEE"], ["2024-01-01", "2024-01-01"], ["North", "South"]])
    # KPI ids (two spellings of one KPI share an id): 7 and 7 on one day repeat.
    assert not _all_distinct([[7, 7], ["2024-01-01", "2024-01-01"]])
    assert _all_distinct([[7, 8], ["2024-01-01", "2024-01-01"]])


def test_joined_text_clash_is_not_taken_for_distinct() -> None:
    # ("a\x1fb", "c") and ("a", "b\x1fc") differ but join to the same text: the fast
    # check answers "not proven distinct", and the caller then checks the tuples exactly.
    assert not _all_distinct([["a\x1fb", "a"], ["c", "b\x1fc"]])
    assert _all_distinct([[], []])


def test_tidy_drops_a_column_made_blank_by_padding_ragged_rows() -> None:
    # No cell is "" before padding; column C holds only a space and the padding "".
    grid: list[list[object]] = [["Date", "Value", " "], ["2024-01-01", "3"]]
    columns, numbers, indexes = tidy(grid)
    assert indexes == [0, 1] and numbers == [1, 2]
    assert columns == [["Date", "2024-01-01"], ["Value", "3"]]


def test_tidy_keeps_columns_without_empty_cells() -> None:
    grid: list[list[object]] = [[" ", 1.0], [" ", 2.0]]  # whitespace but never ""
    columns, _numbers, indexes = tidy(grid)
    assert indexes == [0, 1] and columns == [[" ", " "], [1.0, 2.0]]


def _bounds(tmp_path: Path, name: str, rows_xml: str) -> tuple[int, int]:
    with zipfile.ZipFile(corpus.raw_sheet(tmp_path, name, rows_xml)) as archive:
        scan = scan_sheet(archive, "Data", name)
    return scan.rows, scan.columns


def _filler(first: int, count: int, letters: str = "AB") -> str:
    """``count`` in-order rows of one-letter cells from row ``first`` (about 35 bytes a
    cell: 20,000 rows of two cells fill more than one 1 MB chunk of the pre-scan)."""
    return "".join(
        f'<row r="{n}">' + "".join(f'<c r="{c}{n}"><v>1</v></c>' for c in letters) + "</row>"
        for n in range(first, first + count)
    )


def test_pre_scan_sees_what_hides_in_a_plain_chunk(tmp_path: Path) -> None:
    # A narrow sheet of 40,000 rows (at most five-digit numbers): chunks the cheap pass
    # skips. Each far thing below sits inside such a chunk, out of order, and must count.
    late_wide = _filler(1, 20_000) + '<row r="20001"><c r="AB20001"><v>3</v></c></row>'
    assert _bounds(tmp_path, "wide", late_wide + _filler(20_002, 20_000)) == (40_001, 28)
    # Row 999,999 (six digits) in column B, between rows 20,000 and 20,001.
    far_row = _filler(1, 20_000) + '<row r="999999"><c r="B999999"><v>3</v></c></row>'
    assert _bounds(tmp_path, "far", far_row + _filler(20_001, 20_000))[0] == 999_999
    # Once columns reach AA, five-digit rows matter too: row 99,999 out of order, in the
    # second chunk (four-digit rows of eight cells before and after it).
    wide_far = (
        '<row r="1"><c r="AA1"><v>1</v></c></row>'
        + _filler(2, 5_000, "ABCDEFGH")
        + '<row r="99999"><c r="C99999"><v>3</v></c></row>'
        + _filler(5_002, 4_000, "ABCDEFGH")
    )
    assert _bounds(tmp_path, "widefar", wide_far) == (99_999, 27)
