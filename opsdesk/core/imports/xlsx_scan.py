"""A quick pass over an xlsx/xlsm sheet's XML before calamine reads it.

calamine allocates the whole rectangle from A1 to the farthest cell, so a lone cell at
XFD1048576 asks for hundreds of GB; it also returns a formula without a saved result as
an empty cell. This pass streams the sheet part once (bounded memory), finds the farthest
row and column, the formula cells with no cached value, and the workbook's date system.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

from opsdesk.core.errors import OpsdeskError

_SHAPE = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", b"A" * 26 + b"0" * 10)
_WIDE_COLUMN = re.compile(rb' r="([A-Z]{2,3})\d+"')
_NO_CACHED = re.compile(
    rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})(\d+)\"[^>]*>\s*"
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_CHUNK = 1 << 20


def column_index(letters: str) -> int:
    """0-based index of a column's letters: A -> 0, AA -> 26."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetScan:
    rows: int = 0  # the farthest row number seen
    columns: int = 0  # the farthest column, counted from 1
    date1904: bool = False
    no_cached_value: set[tuple[int, int]] = field(default_factory=set)  # (row 0-based, col 0-based)


def _sheet_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """Sheet name -> part name, and whether the workbook uses the 1904 date system."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile):
        return {}, False
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
    parts: dict[str, str] = {}
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        parts[sheet.get("name", "")] = path
    props = book.find("m:workbookPr", _NS)
    date1904 = props is not None and props.get("date1904", "0").lower() in ("1", "true")
    return parts, date1904


def scan_sheet(
    archive: zipfile.ZipFile, sheet: str, name: str, formulas: bool = False
) -> SheetScan:
    """The sheet's bounds; with ``formulas``, also its formula cells lacking a result."""
    parts, date1904 = _sheet_parts(archive)
    scan = SheetScan(date1904=date1904)
    part = parts.get(sheet)
    if part is None:
        return scan
    try:
        info = archive.getinfo(part)
    except KeyError:
        return scan
    max_col = 0
    tail = b""
    inflated = 0
    pending = b""  # text kept to look for formula cells split across chunks
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                inflated += len(chunk)
                if inflated > info.file_size + _CHUNK:
                    raise OpsdeskError(f"{name} is damaged: a part is larger than it declares.")
                data = tail + chunk
                last = data.rfind(b' r="')
                if last >= 0:
                    ref = data[last + 4 : data.find(b'"', last + 4)]
                    digits = ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                    if digits.isdigit():
                        scan.rows = max(scan.rows, int(digits))
                # Letters -> "A", digits -> "0" (C speed): two-letter columns show as ' r="AA'.
                if data.translate(_SHAPE).find(b' r="AA') >= 0:
                    for letters in set(_WIDE_COLUMN.findall(data)):
                        max_col = max(max_col, column_index(letters.decode()))
                if formulas:
                    text = pending + chunk
                    cut = text.rfind(b"<", max(0, len(text) - 4096))
                    body, pending = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
                    for letters, number in _NO_CACHED.findall(body):
                        scan.no_cached_value.add((int(number) - 1, column_index(letters.decode())))
                tail = chunk[-32:]
            if formulas and pending:
                for letters, number in _NO_CACHED.findall(pending):
                    scan.no_cached_value.add((int(number) - 1, column_index(letters.decode())))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise OpsdeskError(f"{name} is damaged and cannot be read ({error}).") from None
    # Narrow sheets have no two-letter column references: at most 26 columns.
    scan.columns = max_col + 1 if max_col else 26
    return scan
