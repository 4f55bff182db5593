"""Which cells of an xlsx sheet are formatted as percent (calamine gives no formats).

Excel keeps 89.2 % as the number 0.892 with a percent number format; read without the
format it would arrive as 0.892 and no unit. The workbook's ``styles.xml`` (small) says
which cell styles (``cellXfs`` entries) use a percent format; only when some do is the
sheet part searched, chunk by chunk, for cells that use them (``s="N"``). A workbook
without percent styles, the common case, costs one small parse.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
BUILT_IN_PERCENT = {9, 10}  # 0% and 0.00%
# Quoted text, escaped characters and [colour]/[condition] parts are not the format's own %.
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')


def is_percent_format(code: str) -> bool:
    """Whether an Excel number-format code shows its number as a percentage."""
    return "%" in _LITERAL.sub("", code)


def percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the workbook's cell styles whose number format is a percentage."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile):
        return set()
    percent_ids = set(BUILT_IN_PERCENT)
    for fmt in root.iterfind("m:numFmts/m:numFmt", _NS):
        if is_percent_format(fmt.get("formatCode", "")):
            percent_ids.add(int(fmt.get("numFmtId", "-1")))
    found = set()
    for index, xf in enumerate(root.iterfind("m:cellXfs/m:xf", _NS)):
        try:
            if int(xf.get("numFmtId", "0")) in percent_ids:
                found.add(index)
        except ValueError:
            continue
    return found


class PercentCells:
    """Collects (0-based row, column letters) of cells using a percent style, fed the
    sheet part's text in pieces."""

    def __init__(self, styles: set[int]) -> None:
        self.markers = [b's="%d"' % s for s in sorted(styles)]
        self.styles = {str(s).encode() for s in styles}
        self.cells: set[tuple[int, str]] = set()
        self.pending = b""

    def feed(self, chunk: bytes, last: bool = False) -> None:
        text = self.pending + chunk
        cut = len(text) if last else text.rfind(b"<")
        if cut <= 0:
            self.pending = text
            return
        body, self.pending = text[:cut], text[cut:]
        if not any(marker in body for marker in self.markers):
            return
        for attrs in _CELL.findall(body):
            style = _STYLE.search(attrs)
            if style is None or style.group(1) not in self.styles:
                continue
            ref = _REF.search(attrs)
            if ref is not None:
                self.cells.add((int(ref.group(2)) - 1, ref.group(1).decode()))
