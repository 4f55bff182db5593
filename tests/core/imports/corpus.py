"""Awkward files made by the tests themselves: workbooks, text files and hostile archives."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape


def xlsx(
    path: Path,
    rows: Iterable[Sequence[Any]],
    merged: Sequence[str] = (),
    title: str = "Data",
    date1904: bool = False,
) -> Path:
    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = Workbook()
    sheet = book.active
    sheet.title = title
    if date1904:
        book.epoch = CALENDAR_MAC_1904
    for row in rows:
        sheet.append(list(row))
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def text(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(content.encode(encoding))
    return path


def replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    """A copy of a zipped workbook with one part swapped for ``data``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info.filename))
    return target


SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dim}"/>'
    "<sheetData>{rows}</sheetData></worksheet>"
)


def raw_sheet(tmp: Path, name: str, rows_xml: str, dim: str = "A1:C3") -> Path:
    """An xlsx whose sheet XML is exactly ``rows_xml`` (for lies a writer would not tell)."""
    base = xlsx(tmp / f"{name}-base.xlsx", [["x"]])
    return replace_part(
        base,
        tmp / f"{name}.xlsx",
        "xl/worksheets/sheet1.xml",
        SHEET.format(dim=dim, rows=rows_xml).encode(),
    )


def ods(path: Path, rows: Sequence[Sequence[Any]], extra_rows_xml: str = "") -> Path:
    """A minimal OpenDocument spreadsheet; numbers as floats, the rest as strings."""
    body = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, (int, float)):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string"><text:p>'
                    f"{escape(str(value))}</text:p></table:table-cell>"
                )
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Data">'
        + "".join(body)
        + extra_rows_xml
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def counts(ws: Any) -> tuple[int, int, int]:
    """(observations, KPIs, imports) in a workspace: what "nothing written" is checked on."""
    return (
        ws.scalar("SELECT count(*) FROM observations"),
        ws.scalar("SELECT count(*) FROM kpis"),
        ws.scalar("SELECT count(*) FROM imports"),
    )
