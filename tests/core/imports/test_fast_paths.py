"""The cheap common-case checks give the same answers as the exact ones they skip."""

from __future__ import annotations

from opsdesk.core.imports.plan import _all_distinct
from opsdesk.core.imports.table import tidy


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
