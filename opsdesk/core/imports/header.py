"""Which row holds the column names, what the columns are called, and units in names."""

from __future__ import annotations

import re
from datetime import date, datetime

from opsdesk.core.imports.table import Cell, RawTable, is_blank

LOOK_AT = 30  # rows searched for the header
_UNIT = re.compile(
    r"^(?P<name>.*?)\s*(?:\((?P<p>[^()]{1,20})\)|\[(?P<b>[^\[\]]{1,20})\]|,\s*(?P<c>%|[^\s,]{1,12}))\s*$"
)


def clean(text: str) -> str:
    """One line, single spaces, no-break spaces made plain."""
    return " ".join(str(text).replace("\u00a0", " ").replace("\u202f", " ").split())


def normalize(text: str) -> str:
    """How names are compared: case, spacing and no-break spaces forgiven."""
    return clean(text).casefold()


def split_unit(header: str) -> tuple[str, str]:
    """``"Lead time (days)"`` -> ``("Lead time", "days")``; no unit -> ``(header, "")``."""
    text = clean(header)
    match = _UNIT.match(text)
    if not match or not match.group("name"):
        return text, ""
    unit = match.group("p") or match.group("b") or match.group("c") or ""
    return match.group("name"), unit.strip()


def _headerish(cell: Cell) -> bool:
    return isinstance(cell, (str, date, datetime)) and not is_blank(cell)


def detect_header(table: RawTable) -> int | None:
    """Index (into table rows) of the header row, or None when the data starts at once.

    Title rows (one distinct value, often merged across) and notes are skipped: the header
    is the first row filled at least as widely as the rows below it, mostly with text.
    """
    rows = [table.row(i) for i in range(min(LOOK_AT, table.height))]
    if not rows:
        return None
    filled = [sum(not is_blank(c) for c in row) for row in rows]
    widest = max(filled)
    for index, row in enumerate(rows):
        values = [c for c in row if not is_blank(c)]
        distinct = {str(c) for c in values}
        if filled[index] < max(1, (widest * 6 + 9) // 10):
            continue
        if widest > 1 and len(distinct) < 2:
            continue
        text = sum(isinstance(c, str) for c in values)
        if not all(_headerish(c) for c in values) or text == 0:
            return None  # the first wide row holds numbers: the file has no header row
        if text == len(values) and all(_looks_like_number(c) for c in values):
            return None
        return index
    return None


def _looks_like_number(cell: Cell) -> bool:
    from opsdesk.core.imports.numbers import parse_number

    return isinstance(cell, str) and parse_number(cell) is not None


def header_names(table: RawTable, header: int | None) -> list[str]:
    """Unique, readable names: blanks become "Column C", repeats get " (2)"."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for c, letter in enumerate(table.letters):
        cell = table.columns[c][header] if header is not None else ""
        if isinstance(cell, datetime):
            text = (
                cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
            )
        elif isinstance(cell, date):
            text = cell.isoformat()
        elif isinstance(cell, float) and cell.is_integer():
            text = str(int(cell))
        else:
            text = clean(str(cell)) if not is_blank(cell) else ""
        text = text or f"Column {letter}"
        key = normalize(text)
        if key in seen:
            seen[key] += 1
            text = f"{text} ({seen[key]})"
            key = normalize(text)
        seen.setdefault(key, 1)
        names.append(text)
    return names
