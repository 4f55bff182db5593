"""Column-at-a-time cell conversion: fast for the common type, forgiving for the rest.

Each converter returns the converted list (None where a cell failed or was blank) and
the failures as (index, reason). Results are cached per distinct cell value because
exports repeat the same dates, names and numbers thousands of times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from opsdesk.core import ranges
from opsdesk.core.imports import dates
from opsdesk.core.imports.header import clean
from opsdesk.core.imports.numbers import parse_number
from opsdesk.core.imports.table import Cell

Failures = list[tuple[int, str]]
EXCEL_ERRORS = (
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
)
MISSING = "missing"


def _run(
    column: Sequence[Cell], convert: Callable[[Cell], tuple[Any, str | None]]
) -> tuple[list[Any], Failures]:
    distinct = set(column)
    if (True in distinct or False in distinct) and bool in set(map(type, column)):
        # True == 1 would share an entry with the number 1: convert one by one.
        results = [convert(cell) for cell in column]
        failures = [(i, r[1]) for i, r in enumerate(results) if r[1] is not None]
        return [r[0] for r in results], failures
    values: dict[Any, Any] = {}
    reasons: dict[Any, str] = {}
    for cell in distinct:
        value, reason = convert(cell)
        values[cell] = value
        if reason is not None:
            reasons[cell] = reason
    out = list(map(values.__getitem__, column))
    if not reasons:
        return out, []
    return out, [(i, reasons[c]) for i, c in enumerate(column) if c in reasons]


def _text_of(cell: Cell) -> str:
    if isinstance(cell, datetime):
        return dates.from_python(cell)[0] or cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return clean(str(cell))


def _error_reason(text: str) -> str | None:
    head = text.strip().upper()
    return f"spreadsheet error value {head}" if head in EXCEL_ERRORS else None


def to_dates(
    column: Sequence[Cell], date1904: bool, order: str | None
) -> tuple[list[str | None], Failures, str | None]:
    """ISO text per cell, and the day/month order used for text dates (None if not needed)."""
    if order is None:
        order = dates.infer_order([c for c in column[:100_000] if isinstance(c, str)])

    def convert(cell: Cell) -> tuple[str | None, str | None]:
        if isinstance(cell, datetime | date):
            return dates.from_python(cell)
        if isinstance(cell, bool):
            return None, dates.NOT_A_DATE
        if isinstance(cell, (int, float)):
            return dates.from_serial(float(cell), date1904)
        if isinstance(cell, (time, timedelta)):
            return None, "a time of day without a date"
        text = str(cell)
        if not text.strip():
            return None, MISSING
        return (
            dates.parse_text(text, order)
            if not _error_reason(text)
            else (None, _error_reason(text))
        )

    out, failures = _run(column, convert)
    return out, failures, order


def to_numbers(
    column: Sequence[Cell], decimal_comma: bool
) -> tuple[list[float | None], list[str], Failures]:
    """Values, the unit written with each (``%``, a currency, a word; "" for none), failures."""
    if set(map(type, column)) == {float} and ranges.all_in_range(column):  # the usual sheet
        return list(column), [""] * len(column), []

    def convert(cell: Cell) -> tuple[tuple[float, str] | None, str | None]:
        if type(cell) is float or type(cell) is int:
            if not ranges.in_range(cell):  # an int too large for a float included
                return None, ranges.OUT_OF_RANGE
            return (float(cell), ""), None
        if isinstance(cell, str):
            if not cell.strip():
                return None, MISSING
            parsed = parse_number(cell, decimal_comma)
            if parsed is None:
                return None, _error_reason(cell) or "not a number"
            return (parsed, None) if ranges.in_range(parsed[0]) else (None, ranges.OUT_OF_RANGE)
        return None, "not a number"

    pairs, failures = _run(column, convert)
    values = [p[0] if p is not None else None for p in pairs]
    units = [p[1] if p is not None else "" for p in pairs]
    return values, units, failures


def to_texts(column: Sequence[Cell]) -> tuple[list[str | None], Failures]:
    def convert(cell: Cell) -> tuple[str | None, str | None]:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return None, None
        text = _text_of(cell)
        reason = _error_reason(text)
        return (None, reason) if reason else (text, None)

    return _run(column, convert)


def to_optional_numbers(
    column: Sequence[Cell], decimal_comma: bool
) -> tuple[list[float | None], Failures]:
    values, _units, failures = to_numbers(column, decimal_comma)
    return values, [(i, r) for i, r in failures if r != MISSING]
