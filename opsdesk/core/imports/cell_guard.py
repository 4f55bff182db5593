"""Cells a spreadsheet must never run: the one rule every CSV and xlsx export goes through.

Following OWASP's CSV injection guidance, text that begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is what Excel, LibreOffice and Sheets read as a formula. Any
cell may hold such text: a KPI name, a column name copied from a source file, or text that
another program stored in a REAL column. Numbers, dates and empty cells are safe as they
are. In CSV the text gets a leading apostrophe (OWASP's fix); in xlsx it becomes a typed
text cell with Excel's quote prefix, so it is never a formula, not even once edited, and
imports back unchanged.
"""

from __future__ import annotations

from typing import Any

RISKY = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    """True for text that a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(RISKY)


def for_csv(value: object) -> str:
    """A CSV field that no spreadsheet runs."""
    text = "" if value is None else str(value)
    return "'" + text if formula_like(text) else text


def for_xlsx(sheet: Any, value: object) -> object:
    """A value for a write-only openpyxl sheet's row that no spreadsheet runs."""
    if not formula_like(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # a string cell, whatever its first character
    cell.quotePrefix = True  # and shown as typed text when edited
    return cell
