"""The table behind the headless SPC commands, and which of its points a list names.

Errors name the place: the row as the file numbers it, the column, the value."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from pathlib import Path

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports.table import RawTable


class Table:
    """A table's column names and data cells, read with the import readers (csv, tsv,
    txt, xlsx, xlsm, xls, ods). Errors name the row as the file numbers it."""

    def __init__(self, path: Path, sheet: str | None = None) -> None:
        from opsdesk.core.imports import source
        from opsdesk.core.imports.header import detect_header

        raw = source.read(path, sheet)
        if raw.height == 0:
            raise OpsdeskError(f"{path} is empty.")
        header = detect_header(raw) or 0  # no header row found: the first row names the columns
        self._take(raw, header, path.name)

    @classmethod
    def of_raw(cls, raw: RawTable, name: str) -> Table:
        """A table whose first row is its header (a worksheet's grid)."""
        table = cls.__new__(cls)
        table._take(raw, 0, name)
        return table

    def _take(self, raw: RawTable, header: int, name: str) -> None:
        from opsdesk.core.imports.header import header_names

        self.name = name
        self.header = header_names(raw, header)
        self._columns = [column[header + 1:] for column in raw.columns]
        self._rows = raw.row_numbers[header + 1:]
        self._decimal_comma = raw.decimal_comma
        if not self._rows:
            raise OpsdeskError(f"{name} has a header but no data rows.")

    def _index(self, column: str) -> int:
        if column in self.header:
            return self.header.index(column)
        raise OpsdeskError(f"Column {column!r} is not in {self.name} "
                           f"(columns: {', '.join(self.header)}).")

    def text(self, column: str) -> list[str]:
        from opsdesk.core.imports.columns import to_texts

        texts, _failures = to_texts(self._columns[self._index(column)])
        return [t or "" for t in texts]

    def labels(self, column: str) -> list[str]:
        """The column's texts, each a label that must be there (a subgroup, a part)."""
        texts = self.text(column)
        for index, text in enumerate(texts):
            if not text.strip():
                raise OpsdeskError(f"Row {self._rows[index]}, column {column!r} is empty.")
        return texts

    def numbers(self, column: str, ragged: bool = False) -> list[float]:
        """The column's numbers; ``ragged``: blank cells at its end end the column (a
        worksheet's columns of different lengths), blanks above them are still refused."""
        from opsdesk.core.imports.columns import to_numbers
        from opsdesk.core.imports.problems import shown_value

        cells = self._columns[self._index(column)]
        if ragged:
            end = len(cells)
            while end > 1 and not shown_value(cells[end - 1]).strip():
                end -= 1
            cells = cells[:end]
        values, _units, failures = to_numbers(cells, self._decimal_comma)
        for index, reason in failures[:1]:
            value = shown_value(cells[index])
            if not value.strip():
                what = "is empty"
            elif reason == ranges.OUT_OF_RANGE:
                what = f"holds {value}, {reason}"
            else:
                what = f"holds {value!r}, which is not a number"
            raise OpsdeskError(f"Row {self._rows[index]}, column {column!r} {what}.")
        out: list[float] = []
        for index, number in enumerate(values):
            assert number is not None  # every cell converted, or failures said which not
            if not math.isfinite(number):
                raise OpsdeskError(f"Row {self._rows[index]}, column {column!r} holds "
                                   f"{shown_value(cells[index])!r}, which is not a finite number.")
            out.append(number)
        return out

    def dates(self, column: str) -> list[str]:
        """The column's dates as ISO text, read as an import reads a date column."""
        from opsdesk.core.imports.columns import to_dates
        from opsdesk.core.imports.problems import shown_value

        cells = self._columns[self._index(column)]
        days, failures, _order = to_dates(cells, False, None)
        for index, reason in failures[:1]:
            raise OpsdeskError(f"Row {self._rows[index]}, column {column!r} holds "
                               f"{shown_value(cells[index])!r}: {reason}.")
        return [d or "" for d in days]

    def row_number(self, index: int) -> int:
        """The file's row number of data row ``index``."""
        return self._rows[index]


_POINTS = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")
_MONTH = re.compile(r"\d{4}-\d{2}")


def select_points(spec: str | None, labels: Sequence[str], what: str) -> list[str]:
    """The labels of the points that ``spec`` names, in chart order.

    ``spec`` is a comma-separated list of: a point's label as written (``2026-03-01``,
    ``A7``); point numbers counted from 1 (``5``, ``1-20``); a label range ``FROM..TO``
    (either end may be left open), the points whose labels lie from FROM to TO: compared
    as dates when both ends and every label are dates, as numbers when they are numbers,
    and otherwise by position between the two labels. A label wins over a point number.
    """
    if not spec:
        return []
    position = {label: i for i, label in enumerate(labels)}
    chosen: set[int] = set()
    for token in (t.strip() for t in spec.split(",")):
        if not token:
            continue
        if token in position:
            chosen.add(position[token])
        elif ".." in token:
            chosen.update(_label_range(token, labels, position, what))
        elif match := _POINTS.fullmatch(token):
            low, high = int(match[1]), int(match[2] or match[1])
            if high < low:
                raise OpsdeskError(f"{what} points {token!r} run backwards.")
            if low < 1:
                raise OpsdeskError(f"{what} points are counted from 1, so {token!r} is none.")
            if high > len(labels):
                raise OpsdeskError(f"{what} points {token!r} go past the last point "
                                   f"({len(labels)}) of this chart.")
            chosen.update(range(low - 1, high))
        else:
            raise OpsdeskError(f"{what} label {token!r} is not a point of this chart.")
    return [labels[i] for i in sorted(chosen)]


def _label_range(token: str, labels: Sequence[str], position: dict[str, int],
                 what: str) -> list[int]:
    start, _, end = (part.strip() for part in token.partition(".."))
    for key in (_as_time, _as_number):
        found = [key(label, False) for label in labels]
        low = key(start, False) if start else None
        high = key(end, True) if end else None
        if (start and low is None) or (end and high is None) or None in found:
            continue
        keys = [k for k in found if k is not None]
        if low is not None and high is not None and high < low:
            raise OpsdeskError(f"{what} range {token!r} runs backwards.")
        hits = [i for i, k in enumerate(keys)
                if (low is None or low <= k) and (high is None or k <= high)]
        break
    else:
        for end_label in (start, end):
            if end_label and end_label not in position:
                raise OpsdeskError(f"{what} range {token!r}: {end_label!r} is not the label of "
                                   "a point of this chart.")
        first = position[start] if start else 0
        last = position[end] if end else len(labels) - 1
        if last < first:
            raise OpsdeskError(f"{what} range {token!r} runs backwards.")
        hits = list(range(first, last + 1))
    if not hits:
        raise OpsdeskError(f"{what} range {token!r} holds no point of this chart.")
    return hits


def _as_time(text: str, upper: bool) -> float | None:
    """A date or date-time label in whole microseconds (exact, unlike float seconds); as
    an upper bound a bare date (or month) means its end."""
    moment = _moment(text, upper)
    return None if moment is None else (moment - datetime.min) // timedelta(microseconds=1)


def _moment(text: str, upper: bool) -> datetime | None:
    try:
        if _MONTH.fullmatch(text):
            first = datetime.strptime(text, "%Y-%m")
            if not upper:
                return first
            following = first.replace(year=first.year + first.month // 12,
                                      month=first.month % 12 + 1)
            return following - timedelta(microseconds=1)
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if upper and len(text) == 10:  # a whole day
        return datetime.combine(value.date(), time.max)
    return value.replace(tzinfo=None)


def _as_number(text: str, _upper: bool) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_tests(spec: str | None) -> frozenset[int] | None:
    if spec is None:
        return None
    tests: set[int] = set()
    for token in (t.strip() for t in spec.split(",")):
        if not token:
            continue
        match = _POINTS.fullmatch(token)
        if not match:
            raise OpsdeskError(f"Test {token!r} does not exist; tests are numbered 1 to 8.")
        low, high = int(match[1]), int(match[2] or match[1])
        for test in range(low, high + 1) if low <= high else ():
            if not 1 <= test <= 8:
                raise OpsdeskError(f"Test {str(test)!r} does not exist; tests are numbered "
                                   "1 to 8.")
            tests.add(test)
        if high < low:
            raise OpsdeskError(f"The range {token!r} runs backwards.")
    return frozenset(tests)
