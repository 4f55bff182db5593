"""Which row holds the column names, what the columns are called, and units in names."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

from opsdesk.core.imports.table import Cell, RawTable, is_blank

LOOK_AT = 30  # rows searched for the header
MAX_HEADER_ROWS = 4  # group rows over the column names, and the names
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
    """``"Lead time (days)"`` -> ``("Lead time", "days")``; no unit -> ``(header, "")``.

    Only a known unit (``units.is_unit``) is split off: "OEE (Line 2)" keeps its bracket.
    """
    from opsdesk.core.imports.units import is_unit

    text = clean(header)
    match = _UNIT.match(text)
    if not match or not match.group("name"):
        return text, ""
    unit = (match.group("p") or match.group("b") or match.group("c") or "").strip()
    return (match.group("name"), unit) if is_unit(unit) else (text, "")


def _headerish(cell: Cell) -> bool:
    return isinstance(cell, (str, date, datetime)) and not is_blank(cell)


def _kind(cell: Cell) -> str:
    """"number", "date", "text" or "blank": what a cell holds, text read as people type it."""
    if is_blank(cell):
        return "blank"
    if isinstance(cell, (date, datetime)):
        return "date"
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return "number"
    if _looks_like_number(cell):
        return "number"
    from opsdesk.core.imports.dates import parse_text

    return "date" if parse_text(str(cell), "dmy")[0] is not None else "text"


def _header_like(row: list[Cell], widest: int) -> bool | None:
    """True for a row that can be a header, False for data, None for a row to pass over
    (a title or a note: too narrow, or one value merged across)."""
    values = [c for c in row if not is_blank(c)]
    if len(values) < max(1, (widest * 6 + 9) // 10):
        return None
    if widest > 1 and len({str(c) for c in values}) < 2:
        return None
    text = sum(isinstance(c, str) for c in values)
    if not all(_headerish(c) for c in values) or text == 0:
        return False
    return not (text == len(values) and all(_looks_like_number(c) for c in values))


def _foreign_share(row: list[Cell], below: list[list[Cell]]) -> float:
    """How much ``row`` differs in kind from the data under it: the share of typed
    columns (mostly numbers or dates below) where ``row`` holds something else."""
    typed = foreign = 0
    for c, cell in enumerate(row):
        kinds = Counter(k for k in (_kind(r[c]) for r in below) if k != "blank")
        if not kinds:
            continue
        kind, count = kinds.most_common(1)[0]
        if kind == "text" or count * 2 <= sum(kinds.values()):
            continue
        typed += 1
        foreign += _kind(cell) != kind
    return foreign / typed if typed else 0.0


def detect_header(table: RawTable) -> int | None:
    """Index (into table rows) of the header row, or None when the data starts at once.

    Title rows (one distinct value, often merged across) and notes are skipped. Of the
    header-like rows that come one after another before the data (a group row such as
    "Quality", "Delivery" over the column names, say), the header is the one that differs
    most in kind from the data (text over numbers and dates), the nearest the data on a
    tie: the row that best explains the types below it.
    """
    rows = [table.row(i) for i in range(min(LOOK_AT, table.height))]
    if not rows:
        return None
    widest = max(sum(not is_blank(c) for c in row) for row in rows)
    run: list[int] = []
    for index, row in enumerate(rows):
        like = _header_like(row, widest)
        if like is None:
            if run:
                break
            continue
        if not like:
            if not run:
                return None  # the first wide row holds numbers: the file has no header row
            break
        if run and any(_kind(c) == "number" for c in row):
            break  # names under names hold no numbers (a text file's data rows do)
        run.append(index)
        if len(run) == MAX_HEADER_ROWS:
            break
    if len(run) < 2:
        return run[0] if run else None
    after = run[-1] + 1
    below = [table.row(i) for i in range(after, min(after + LOOK_AT, table.height))]
    shares = [_foreign_share(rows[i], below) for i in run]
    best = max(shares)
    if best < 0.5:
        return run[0]
    return run[len(shares) - 1 - shares[::-1].index(best)]  # the nearest the data


def _looks_like_number(cell: Cell) -> bool:
    from opsdesk.core.imports.numbers import parse_number

    return isinstance(cell, str) and parse_number(cell) is not None


def cell_text(cell: Cell) -> str:
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return clean(str(cell)) if not is_blank(cell) else ""


def _groups(table: RawTable, header: int) -> list[list[str]]:
    """The group rows above the header, nearest first: each cell's text, a blank taking
    the group on its left (a label over several columns that was not merged)."""
    out = []
    for index in range(header - 1, max(-1, header - 1 - MAX_HEADER_ROWS), -1):
        texts, group = [], ""
        for cell in table.row(index):
            group = cell_text(cell) or group
            texts.append(group)
        if len({t for t in texts if t}) >= 2:  # a title (one value across) names no group
            out.append(texts)
    return out


def header_names(table: RawTable, header: int | None) -> list[str]:
    """Unique, readable names: blanks become "Column C"; a name that repeats takes its
    group from a row above ("Line 2 OEE", "Line 3 OEE"), or else " (2)"."""
    texts = [
        (cell_text(table.columns[c][header]) if header is not None else "") or f"Column {letter}"
        for c, letter in enumerate(table.letters)
    ]
    keys = Counter(normalize(t) for t in texts)
    if header is not None and any(n > 1 for n in keys.values()):
        groups = _groups(table, header)
        for key in [k for k, n in keys.items() if n > 1]:
            where = [c for c, t in enumerate(texts) if normalize(t) == key]
            for row in groups:
                labels = [row[c] for c in where]
                distinct = {normalize(label) for label in labels} - {key}
                if all(labels) and len(distinct) == len(labels):
                    for c, label in zip(where, labels, strict=True):
                        texts[c] = f"{label} {texts[c]}"
                    break
    names: list[str] = []
    seen: dict[str, int] = {}
    for text in texts:
        key = normalize(text)
        if key in seen:
            seen[key] += 1
            text = f"{text} ({seen[key]})"
            key = normalize(text)
        seen.setdefault(key, 1)
        names.append(text)
    return names
