"""What is wrong with a file, cell by cell, and the list saved as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from opsdesk.core.imports.cell_guard import for_csv

SHOWN = 200  # problems listed in a summary; the CSV holds them all


@dataclass(frozen=True)
class Problem:
    row: int | None  # the row as numbered in the file (1-based); None: the whole file
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def sentence(self) -> str:
        where = f"row {self.row}" if self.row is not None else "the file"
        column = f", column {self.column!r}" if self.column else ""
        value = f" ({self.value!r})" if self.value else ""
        return f"{where}{column}{value}: {self.reason}"


def shown_value(cell: Any) -> str:
    """A cell as the user would recognise it in the file."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell)
    return text if len(text) <= 80 else text[:77] + "..."


def to_csv(problems: list[Problem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a CR inside a field is quoted
    writer.writerow(["row", "column", "value", "reason"])
    for p in problems:  # column names and values come from the source file as they were
        writer.writerow(map(for_csv, (p.row, p.column, p.value, p.reason)))
    return out.getvalue()


def save_csv(problems: list[Problem], path: Path) -> None:
    from opsdesk.core import output_file

    output_file.write_bytes(path, to_csv(problems).encode("utf-8-sig"), "CSV file")
