"""A sheet as read: cells by column, with the file's own row numbers and column letters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import contains, itemgetter
from typing import Any

Cell = Any  # str | float | int | bool | date | datetime | time | timedelta; "" when empty


@dataclass
class RawTable:
    """The non-empty part of one sheet or text file.

    ``columns[c][r]`` is the cell; ``row_numbers[r]`` is its row as the user sees it in
    the file (1-based), ``letters[c]`` its column (A, B, ... for text files too).
    """

    file_name: str
    kind: str  # xlsx, xlsm, xls, ods, csv
    sheet: str | None
    sheets: list[str]
    columns: list[Sequence[Cell]]
    row_numbers: list[int]
    letters: list[str]
    date1904: bool = False
    decimal_comma: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    # (row number, letter) of cells formatted as percent: 0.892 shown as 89.2 % (xlsx)
    percent_cells: set[tuple[int, str]] = field(default_factory=set)
    # (row number, letter) of formula cells that have no saved result; found on demand,
    # only when a mapped column has blank cells, by ``find_no_cached_value``.
    no_cached_value: set[tuple[int, str]] = field(default_factory=set)
    find_no_cached_value: Callable[[], set[tuple[int, str]]] | None = field(
        default=None, repr=False
    )
    # row number -> (fields in the row, fields up to its last non-empty one), text files only
    field_counts: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def height(self) -> int:
        return len(self.row_numbers)

    @property
    def width(self) -> int:
        return len(self.columns)

    def row(self, index: int) -> list[Cell]:
        return [column[index] for column in self.columns]


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def tidy(
    grid: list[list[Cell]],
    *,
    first_row_number: int = 1,
    first_column: int = 0,
) -> tuple[list[Sequence[Cell]], list[int], list[int]]:
    """Drop fully empty rows and columns; return columns, row numbers and column indexes."""
    # Most rows hold no blank cell at all: "" not in row is the fast test.
    blanks = any(map(contains, grid, repeat("")))
    if blanks or not all(grid):
        keep = [
            i
            for i, row in enumerate(grid)
            if row and ("" not in row or not all(is_blank(c) for c in row))
        ]
        kept_rows = [grid[i] for i in keep]
        numbers = [first_row_number + i for i in keep]
    else:
        kept_rows = grid
        numbers = list(range(first_row_number, first_row_number + len(grid)))
    if not kept_rows:
        return [], [], []
    width = max(map(len, kept_rows))
    if min(map(len, kept_rows)) < width:  # csv rows can be ragged; sheets never are
        for row in kept_rows:
            row.extend([""] * (width - len(row)))
        blanks = True
    columns: list[Sequence[Cell]] = []
    indexes: list[int] = []
    for index in range(width):
        column = list(map(itemgetter(index), kept_rows))
        # A column can only be blank when some cell is "" (none: skip the look).
        if blanks and "" in column and all(is_blank(c) for c in column):
            continue
        columns.append(column)
        indexes.append(first_column + index)
    return columns, numbers, indexes


def fill_merged(
    grid: list[list[Cell]], ranges: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    """Copy each merged range's top-left value into the rest of the range, in place."""
    height = len(grid)
    for (top, left), (bottom, right) in ranges:
        if top >= height:
            continue
        value = grid[top][left] if left < len(grid[top]) else ""
        if value == "" or value is None:
            continue
        for r in range(top, min(bottom, height - 1) + 1):
            row = grid[r]
            last = min(right, len(row) - 1)
            for c in range(left, last + 1):
                if row[c] == "" or row[c] is None:
                    row[c] = value
