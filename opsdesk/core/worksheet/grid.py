"""A worksheet's cells: named columns of text, as a user typed or pasted them.

Cells stay text, as in a spreadsheet: a column is read as numbers, labels or dates only
when an analysis asks for it (``analysis``), through the import readers' own converters,
so a pasted "1,234.5", "12 %" or "2026-03-01" means what it means in an import. A column
may be shorter than the others (blank cells at its end); blanks above its last value are
kept and refused by an analysis that needs numbers, with the row and column named.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports.table import RawTable

# A worksheet is for pasted columns: it is stored whole and each edit replaces it (one
# undo step, audited before and after), so larger data goes through File › Import.
MAX_CELLS = 100_000
SAMPLE = 200  # the filled cells of a column that say whether it holds numbers


@dataclass(frozen=True)
class Grid:
    """``columns[c][r]``: row r (0-based, under the header) of column c; every column
    has ``height`` cells."""

    names: tuple[str, ...]
    columns: tuple[tuple[str, ...], ...]

    @property
    def height(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @property
    def width(self) -> int:
        return len(self.names)

    def cell(self, row: int, column: int) -> str:
        return self.columns[column][row]

    def with_cell(self, row: int, column: int, text: str) -> Grid:
        """The grid with one cell changed; typing below the last row or right of the last
        column adds rows or a column, as a spreadsheet does."""
        grid = self.grown(row + 1, column + 1)
        cells = list(grid.columns[column])
        cells[row] = text.strip()
        columns = (*grid.columns[:column], tuple(cells), *grid.columns[column + 1:])
        return replace(grid, columns=columns).trimmed()

    def with_block(self, row: int, column: int, rows: Sequence[Sequence[str]]) -> Grid:
        """The grid with ``rows`` pasted from (``row``, ``column``) down and right."""
        if not rows:
            return self
        width = max(len(r) for r in rows)
        grid = self.grown(row + len(rows), column + width)
        columns = [list(c) for c in grid.columns]
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                columns[column + c][row + r] = text.strip()
        return Grid(grid.names, tuple(map(tuple, columns))).trimmed()

    def renamed(self, column: int, name: str) -> Grid:
        name = name.strip()
        if not name:
            raise OpsdeskError("A column needs a name.")
        if name in self.names[:column] + self.names[column + 1:]:
            raise OpsdeskError(f"There is already a column named {name!r}.")
        return replace(self, names=(*self.names[:column], name, *self.names[column + 1:]))

    def grown(self, height: int, width: int) -> Grid:
        names = list(self.names)
        while len(names) < width:
            names.append(free_name(names))
        rows = max(height, self.height)
        columns = [tuple(c) + ("",) * (rows - len(c)) for c in self.columns]
        columns += [("",) * rows] * (len(names) - len(columns))
        return Grid(tuple(names), tuple(columns))

    def trimmed(self) -> Grid:
        """Without the blank rows at the bottom."""
        height = self.height
        while height and not any(c[height - 1] for c in self.columns):
            height -= 1
        return Grid(self.names, tuple(c[:height] for c in self.columns))

    def numeric_columns(self) -> tuple[str, ...]:
        """The columns whose filled cells (the first ``SAMPLE`` of them) are mostly
        numbers: what can be charted."""
        from itertools import islice

        from opsdesk.core.imports.numbers import parse_number

        out = []
        for name, cells in zip(self.names, self.columns, strict=True):
            filled = list(islice((c for c in cells if c), SAMPLE))
            if filled and sum(parse_number(c) is not None for c in filled) * 2 > len(filled):
                out.append(name)
        return tuple(out)

    def to_json(self) -> str:
        return json.dumps({"names": self.names, "columns": self.columns},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Grid:
        data = json.loads(text)
        return _checked([str(n) for n in data["names"]],
                        [[str(v) for v in column] for column in data["columns"]])

    def raw_table(self, name: str) -> RawTable:
        """As the import readers give a sheet, the header first; data rows are numbered
        from 1 as the grid shows them, so a message's "row 3" is the grid's row 3."""
        from opsdesk.core.imports.xlsx_scan import column_letters

        return RawTable(file_name=name, kind="csv", sheet=None, sheets=[],
                        columns=[[n, *c] for n, c in zip(self.names, self.columns, strict=True)],
                        row_numbers=list(range(self.height + 1)),
                        letters=[column_letters(i) for i in range(self.width)])


def free_name(taken: Sequence[str]) -> str:
    """The next unused column name in Minitab's style: C1, C2, ..."""
    n = len(taken) + 1
    while f"C{n}" in taken:
        n += 1
    return f"C{n}"


def empty() -> Grid:
    return Grid(("C1", "C2", "C3"), ((), (), ()))


def from_text(text: str) -> Grid:
    """A grid from pasted text: tab-separated as Excel, LibreOffice and Google Sheets copy
    a range (a single column has no tabs). The first row names the columns when it is text
    over data; else the columns are named C1, C2, ..."""
    return from_rows(text_rows(text))


def text_rows(text: str) -> list[list[str]]:
    """Pasted text as rows of cells (blank lines dropped)."""
    if not text.strip():
        raise OpsdeskError("There is nothing to paste: the clipboard holds no text.")
    delimiter = "\t" if "\t" in text else ("," if _one_comma_per_line(text) else "\t")
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return [r for r in rows if any(r)]


def _one_comma_per_line(text: str) -> bool:
    """CSV text pasted from a text file: every line has the same number (≥ 1) of commas
    and no tabs; a decimal comma in a single column ("12,5") has one on some lines only."""
    counts = {line.count(",") for line in text.splitlines() if line.strip()}
    return len(counts) == 1 and counts.pop() >= 1 and not _all_decimal_commas(text)


def _all_decimal_commas(text: str) -> bool:
    from opsdesk.core.imports.numbers import parse_number

    return all(parse_number(line.strip().replace(",", ".")) is not None
               for line in text.splitlines() if line.strip())


def from_rows(rows: Sequence[Sequence[str]]) -> Grid:
    if not rows:
        raise OpsdeskError("There is nothing to paste: the clipboard holds no text.")
    width = max(len(r) for r in rows)
    padded = [list(r) + [""] * (width - len(r)) for r in rows]
    names: list[str] = []
    if _is_header(padded):
        for text in padded[0]:
            names.append(text if text and text not in names else free_name(names))
        padded = padded[1:]
    else:
        for _ in range(width):
            names.append(free_name(names))
    return _checked(names, [[row[c] for row in padded] for c in range(width)])


def _is_header(rows: list[list[str]]) -> bool:
    """The first row is a header when it holds no number and the rows below hold some."""
    from opsdesk.core.imports.numbers import parse_number

    def numeric(cell: str) -> bool:
        return parse_number(cell) is not None

    if len(rows) < 2 or any(numeric(c) for c in rows[0] if c):
        return False
    return any(numeric(c) for row in rows[1:] for c in row if c)


def from_file(path: Path, sheet: str | None = None) -> Grid:
    """A grid from a workbook's sheet or a text file, through the import readers; dates
    as ISO dates, whole numbers without ".0"."""
    from opsdesk.core.imports import source
    from opsdesk.core.imports.header import cell_text, detect_header, header_names

    raw = source.read(path, sheet)
    if raw.height == 0:
        raise OpsdeskError(f"{path.name} is empty.")
    header = detect_header(raw)
    names = header_names(raw, header)
    start = 0 if header is None else header + 1
    return _checked(names, [[cell_text(c) for c in column[start:]] for column in raw.columns])


def _checked(names: Sequence[str], columns: Sequence[Sequence[str]]) -> Grid:
    height = max((len(c) for c in columns), default=0)
    if height * max(1, len(names)) > MAX_CELLS:
        raise OpsdeskError(f"That is {height:,} rows by {len(names)} columns; a worksheet holds "
                           f"up to {MAX_CELLS:,} cells (use File › Import for more).")
    return Grid(tuple(names), tuple(tuple(c) + ("",) * (height - len(c)) for c in columns)
                ).trimmed()
