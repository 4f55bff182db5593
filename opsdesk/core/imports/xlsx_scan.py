"""A quick pass over an xlsx/xlsm sheet's XML before calamine reads it.

calamine allocates the whole rectangle from A1 to the farthest cell, so a lone cell at
XFD1048576 asks for hundreds of GB; it also returns a formula without a saved result as
an empty cell. This pass streams the sheet part once (bounded memory), finds the farthest
row and column, the formula cells with no cached value, and the workbook's date system.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports.limits import MAX_CELLS

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
# A reference with two or more letters, or a row number long enough to matter (six
# digits; five once columns reach AA): what _look_closely needs to see.
_NOTABLE = {n: re.compile(rb' r="[A-Z](?:[A-Z]|\d{%d})' % n) for n in (5, 6)}


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
    percent: set[tuple[int, str]] = field(default_factory=set)  # (row 0-based, letters)


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


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in chunks of about 1 MB.

    Deflated parts are inflated straight from the file: zipfile's reader also computes a
    CRC that this pass does not need, which costs a third of its time on a large sheet.
    """
    if info.compress_type != zipfile.ZIP_DEFLATED or not archive.filename or info.flag_bits & 1:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                yield chunk
        return
    with open(archive.filename, "rb") as handle:
        handle.seek(info.header_offset)
        local = handle.read(30)
        if len(local) < 30 or local[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local file header")
        name_length, extra_length = struct.unpack("<HH", local[26:30])
        handle.seek(info.header_offset + 30 + name_length + extra_length)
        inflater = zlib.decompressobj(-15)
        left = info.compress_size
        while left > 0 and not inflater.eof:
            raw = handle.read(min(left, _CHUNK // 4))
            if not raw:
                raise EOFError("the part ends early")
            left -= len(raw)
            data = inflater.decompress(raw, _CHUNK)
            while data:
                yield data
                raw = inflater.unconsumed_tail
                data = inflater.decompress(raw, _CHUNK) if raw else b""
        rest = inflater.flush()
        if rest:
            yield rest


def _look_closely(data: bytes, scan: SheetScan, max_col: int) -> int:
    """The farthest column index (``max_col`` so far) with this chunk; farther rows go
    into ``scan.rows``."""
    # Letters -> "A", digits -> "0" (C speed): two-letter columns show as ' r="AA',
    # rows of a million or more as 'A0000000"'.
    shape = data.translate(_SHAPE)
    if shape.find(b' r="AA') >= 0:
        for letters in set(_WIDE_COLUMN.findall(data)):
            max_col = max(max_col, column_index(letters.decode()))
    # Rows come in order in every file a program writes, so the last reference is the
    # farthest; a few far rows out of order are found exactly (many mean a big sheet).
    # One pass finds whether any reference is that long; only then count each length.
    fewest = 6 if max_col < 26 else 5
    long_rows = shape.find(b"A" + b"0" * fewest) >= 0
    for digits in range(7, fewest - 1, -1) if long_rows else ():
        pattern = b"A" + b"0" * digits + b'"'
        if shape.count(pattern, 0, 1 << 16) > 1000:
            continue  # over 1,000 in the first 64 KB: no need to count the rest
        if 0 < shape.count(pattern) <= 1000:
            found = re.findall(rb' r="[A-Z]{1,3}(\d{%d})"' % digits, data)
            scan.rows = max([scan.rows, *map(int, found)])
    return max_col


def scan_sheet(
    archive: zipfile.ZipFile,
    sheet: str,
    name: str,
    formulas: bool = False,
    percent_styles: set[int] | None = None,
) -> SheetScan:
    """The sheet's bounds; with ``formulas``, also its formula cells lacking a result;
    with ``percent_styles`` (``xlsx_styles.percent_styles``), the cells that use them."""
    from opsdesk.core.imports.xlsx_styles import PercentCells

    percent = PercentCells(percent_styles) if percent_styles else None
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
        for chunk in _inflate(archive, info):
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
            # Most chunks hold only one-letter columns and short row numbers; one pass of
            # _NOTABLE tells, and only the other chunks are looked at closely below.
            if _NOTABLE[6 if max_col < 26 else 5].search(data):
                max_col = _look_closely(data, scan, max_col)
            if formulas:
                text = pending + chunk
                cut = text.rfind(b"<", max(0, len(text) - 4096))
                body, pending = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
                for letters, number in _NO_CACHED.findall(body):
                    scan.no_cached_value.add((int(number) - 1, column_index(letters.decode())))
            if percent is not None:
                percent.feed(chunk)
            tail = chunk[-32:]
        if percent is not None:
            percent.feed(b"", last=True)
            scan.percent = percent.cells
        if formulas and pending:
            for letters, number in _NO_CACHED.findall(pending):
                scan.no_cached_value.add((int(number) - 1, column_index(letters.decode())))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise OpsdeskError(f"{name} is damaged and cannot be read ({error}).") from None
    # Narrow sheets have no two-letter column references: at most 26 columns, fewer when
    # the last letter used says so (looked up only when 26 would be too many).
    scan.columns = max_col + 1 if max_col else 26
    if not max_col and scan.rows * 26 > MAX_CELLS:
        scan.columns = _last_single_letter(archive, info)
    return scan


def _last_single_letter(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The farthest one-letter column (1-26) used in the part."""
    best = 1
    tail = b""
    for chunk in _inflate(archive, info):
        data = tail + chunk
        for letter in range(25, best - 1, -1):
            if data.find(b' r="' + bytes([65 + letter])) >= 0:
                best = letter + 1
                break
        tail = chunk[-8:]
    return best
