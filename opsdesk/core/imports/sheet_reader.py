"""xlsx, xlsm, xls and ods through python-calamine (cached values only, never formulas)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import limits
from opsdesk.core.imports.table import RawTable, fill_merged, tidy
from opsdesk.core.imports.xlsx_scan import column_letters, scan_sheet

SPREADSHEET_KINDS = ("xlsx", "xlsm", "xls", "ods")
_ODS_TOKEN = re.compile(
    rb"<table:table[ >]|<table:table-row\b([^>]*)>|</table:table-row>"
    rb"|<table:(?:covered-)?table-cell\b([^>]*?)/?>"
)
_REPEAT_ROWS = re.compile(rb'number-rows-repeated="(\d+)"')
_REPEAT_COLS = re.compile(rb'number-columns-repeated="(\d+)"')


def _calamine_error(path: Path, error: Exception) -> OpsdeskError:
    from python_calamine import PasswordError

    if isinstance(error, PasswordError) or "password" in str(error).lower():
        return OpsdeskError(
            f"{path.name} is password-protected; remove the password in its program and "
            "import again."
        )
    detail = (
        str(error).strip().splitlines()[0][:160] if str(error).strip() else type(error).__name__
    )
    return OpsdeskError(f"{path.name} cannot be read as a spreadsheet ({detail}).")


def sheet_names(path: Path, kind: str) -> list[str]:
    """The workbook's worksheets, visible ones first, after the file passed its checks."""
    _check(path, kind)
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            meta = [m for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
            visible = [m.name for m in meta if m.visible == SheetVisibleEnum.Visible]
            hidden = [m.name for m in meta if m.visible != SheetVisibleEnum.Visible]
    except Exception as error:  # calamine raises its own errors and plain ones
        raise _calamine_error(path, error) from None
    if not visible and not hidden:
        raise OpsdeskError(f"{path.name} has no worksheets.")
    return visible + hidden


def _check(path: Path, kind: str) -> None:
    limits.check_size(path)
    limits.check_not_encrypted(path, kind)
    if kind in ("xlsx", "xlsm", "ods"):
        limits.check_zip(path).close()
    if kind == "ods":  # calamine expands every sheet of an ODS file when opening it
        _check_ods_area(path)


def _check_ods_area(path: Path) -> None:
    """Expand ODS repeat counts (a few bytes can claim a million rows) before calamine does."""
    with zipfile.ZipFile(path) as archive:
        try:
            content = archive.read("content.xml")
        except KeyError:
            raise OpsdeskError(f"{path.name} is not an OpenDocument spreadsheet.") from None
    table = -1
    row = col = max_row = max_col = 0
    row_repeat = 1
    row_has_value = False
    for match in _ODS_TOKEN.finditer(content):
        token = match.group(0)
        if token in (b"<table:table ", b"<table:table>"):
            limits.check_area(path.name, f"#{table + 1}", max_row, max_col)
            table, row, max_row, max_col = table + 1, 0, 0, 0
        elif token.startswith(b"<table:table-row"):
            found = _REPEAT_ROWS.search(match.group(1) or b"")
            row_repeat, col, row_has_value = int(found.group(1)) if found else 1, 0, False
        elif token == b"</table:table-row>":
            row += row_repeat
            if row_has_value:
                max_row = row
        else:
            attrs = match.group(2) or b""
            found = _REPEAT_COLS.search(attrs)
            col += int(found.group(1)) if found else 1
            if b"value-type" in attrs or not token.endswith(b"/>"):
                row_has_value = True
                max_col = max(max_col, col)
    limits.check_area(path.name, f"#{table + 1}", max_row, max_col)


def read_sheet(path: Path, kind: str, sheet: str | None) -> RawTable:
    names = sheet_names(path, kind)
    chosen = names[0] if sheet is None else sheet
    if chosen not in names:
        listed = ", ".join(repr(n) for n in names)
        raise OpsdeskError(f"{path.name} has no sheet {chosen!r}; its sheets are {listed}.")
    date1904 = False
    percent: set[tuple[int, str]] = set()
    if kind in ("xlsx", "xlsm"):
        from opsdesk.core.imports.xlsx_styles import percent_styles

        with zipfile.ZipFile(path) as archive:
            scan = scan_sheet(archive, chosen, path.name, percent_styles=percent_styles(archive))
        limits.check_area(path.name, chosen, scan.rows, scan.columns)
        date1904 = scan.date1904
        percent = {(row + 1, letters) for row, letters in scan.percent}
    from python_calamine import CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            data = book.get_sheet_by_name(chosen)
            limits.check_area(path.name, chosen, data.total_height, data.total_width)
            grid: list[list[Any]] = data.to_python(skip_empty_area=False)
            merged = data.merged_cell_ranges or []
    except OpsdeskError:
        raise
    except Exception as error:
        raise _calamine_error(path, error) from None
    if merged:
        fill_merged(grid, merged)
    columns, numbers, indexes = tidy(grid)
    del grid
    letters = [column_letters(i) for i in indexes]

    def no_cached_value() -> set[tuple[int, str]]:
        """Formula cells without a saved result, which calamine reads as blank."""
        if kind not in ("xlsx", "xlsm"):
            return set()
        with zipfile.ZipFile(path) as archive:
            found = scan_sheet(archive, chosen, path.name, formulas=True).no_cached_value
        return {(r + 1, column_letters(c)) for r, c in found}

    return RawTable(
        file_name=path.name,
        kind=kind,
        sheet=chosen,
        sheets=names,
        columns=columns,
        row_numbers=numbers,
        letters=letters,
        date1904=date1904,
        percent_cells=percent,
        find_no_cached_value=no_cached_value,
    )
