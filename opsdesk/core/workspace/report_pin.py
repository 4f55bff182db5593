"""The audit head an issued PDF review (or xlsx export) was made from, read back."""

from __future__ import annotations

from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace.audit import find_pin


def read_pin(path: Path) -> tuple[int, str]:
    """(entry, digest) printed in the review's metadata and appendix, or in an export."""
    text = _xlsx_text(path) if path.suffix.lower() == ".xlsx" else _pdf_text(path)
    pin = find_pin(text)
    if pin is None:
        raise OpsdeskError(f"{path.name} carries no audit digest (it was not made by this "
                           "opsdesk, or was edited).")
    return pin


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as error:
        raise OpsdeskError(f"{path} cannot be read as a PDF ({error}).") from None
    try:
        parts = [str(pdf.get_metadata_dict().get("Subject", ""))]
        for index in reversed(range(len(pdf))):  # the appendix is at the end
            parts.append(pdf[index].get_textpage().get_text_range())
            if find_pin(parts[-1]):
                break
        return "\n".join(parts)
    finally:
        pdf.close()


def _xlsx_text(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_name("About").to_python()
    except Exception as error:
        raise OpsdeskError(f"{path} has no About sheet to read ({error}).") from None
    return "\n".join(str(cell) for row in rows for cell in row)
