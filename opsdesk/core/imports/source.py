"""Open any supported file as a RawTable, choosing the reader by content and name."""

from __future__ import annotations

from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import limits
from opsdesk.core.imports.table import RawTable

TEXT_KINDS = ("csv", "tsv", "txt", "tab")
KINDS = ("xlsx", "xlsm", "xls", "ods", *TEXT_KINDS)
FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt)"


def kind_of(path: Path) -> str:
    """The reader for ``path``: by its extension, checked against its first bytes."""
    if not path.is_file():
        raise OpsdeskError(f"There is no file at {path}.")
    suffix = path.suffix.lower().lstrip(".")
    magic = limits.head(path)
    if suffix in TEXT_KINDS:
        return "csv"
    if (
        suffix in ("xlsx", "xlsm", "ods")
        and magic[:4] != limits.ZIP_MAGIC
        and magic != limits.OLE_MAGIC
    ):
        raise OpsdeskError(
            f"{path.name} is not a {suffix} workbook (its content is something else)."
        )
    if suffix == "xls" and magic[:4] == limits.ZIP_MAGIC:
        return "xlsx"  # an xlsx saved with the old extension
    if suffix in ("xlsx", "xlsm", "xls", "ods"):
        return suffix
    raise OpsdeskError(
        f"{path.name} is not a file opsdesk imports; use xlsx, xlsm, xls, ods, csv, tsv or txt."
    )


def sheets(path: Path) -> list[str]:
    kind = kind_of(path)
    if kind == "csv":
        return []
    from opsdesk.core.imports.sheet_reader import sheet_names

    return sheet_names(path, kind)


def read(path: Path, sheet: str | None = None) -> RawTable:
    kind = kind_of(path)
    if kind == "csv":
        from opsdesk.core.imports.csv_reader import read_text

        if sheet:
            raise OpsdeskError(f"{path.name} is a text file and has no sheets.")
        return read_text(path)
    from opsdesk.core.imports.sheet_reader import read_sheet

    return read_sheet(path, kind, sheet)
