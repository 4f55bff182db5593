"""csv, tsv and txt: encoding detection, delimiter sniffing, decimal comma, ragged rows."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import limits
from opsdesk.core.imports.table import RawTable, tidy
from opsdesk.core.imports.xlsx_scan import column_letters

DELIMITERS = (",", ";", "\t", "|")
_FIELD_LIMIT = 1 << 20  # one field of a megabyte is already not a metric


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-16 by its zero bytes, UTF-8, then cp1252."""
    if raw.startswith(codecs.BOM_UTF8):
        encoding, raw = "utf-8-sig", raw[3:]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        sample = raw[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if len(sample) >= 4 and odd > len(sample) // 4 and even == 0:
            encoding = "utf-16-le"
        elif len(sample) >= 4 and even > len(sample) // 4 and odd == 0:
            encoding = "utf-16-be"
        elif 0 in sample:
            raise OpsdeskError(f"{name} is not a text file (it holds binary data).")
        else:
            encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        if encoding.startswith("utf-16"):
            raise OpsdeskError(f"{name} looks like UTF-16 text but cannot be decoded.") from None
        # Windows "ANSI" exports; latin-1 maps the five bytes cp1252 leaves undefined.
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "latin-1"
    if "\x00" in text:
        raise OpsdeskError(f"{name} is not a text file (it holds binary data).")
    return text, encoding


def sniff(text: str, prefer_tab: bool = False) -> str:
    """The delimiter that splits the first lines most consistently into several fields."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[:50]
        except csv.Error:
            continue
        counts = [len(r) for r in rows if any(f.strip() for f in r)]
        if not counts:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (hits / len(counts) + (0.01 if prefer_tab and delimiter == "\t" else 0), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_text(path: Path) -> RawTable:
    limits.check_size(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise OpsdeskError(f"{path.name} cannot be read ({error.strerror}).") from None
    text, encoding = decode(raw, path.name)
    del raw
    delimiter = sniff(text, prefer_tab=path.suffix.lower() in (".tsv", ".tab"))
    csv.field_size_limit(_FIELD_LIMIT)
    grid: list[list[str]] = []
    counts: dict[int, tuple[int, int]] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        for fields in reader:
            if len(fields) > limits.MAX_COLUMNS:
                raise OpsdeskError(
                    f"Row {len(grid) + 1} of {path.name} has {len(fields):,} fields; "
                    f"opsdesk reads up to {limits.MAX_COLUMNS:,} columns."
                )
            trimmed = len(fields)
            while trimmed and not fields[trimmed - 1].strip():
                trimmed -= 1
            counts[len(grid) + 1] = (len(fields), trimmed)
            if trimmed == 0:
                fields = []  # a blank line, or only spaces: dropped like an empty sheet row
            elif any(not f.strip() for f in fields[:trimmed] if f):
                fields = [f if f.strip() else "" for f in fields]
            grid.append(fields)
            if len(grid) * 8 > limits.MAX_CELLS:
                raise OpsdeskError(f"{path.name} has more rows than opsdesk imports at once.")
    except csv.Error as error:
        raise OpsdeskError(
            f"{path.name} cannot be read as CSV near row {len(grid) + 1} ({error})."
        ) from None
    if grid and grid[-1] and "\n" in grid[-1][-1] and not text.rstrip().endswith('"'):
        start = len(grid)
        raise OpsdeskError(
            f"A quote opened in row {start} of {path.name} is never closed, so the rest of the "
            "file reads as one value; fix the quotes and import again."
        )
    del text
    columns, numbers, indexes = tidy(grid)
    del grid
    kept = set(numbers)
    return RawTable(
        file_name=path.name,
        kind="csv",
        sheet=None,
        sheets=[],
        columns=columns,
        row_numbers=numbers,
        letters=[column_letters(i) for i in indexes],
        decimal_comma=delimiter == ";",
        encoding=encoding,
        delimiter=delimiter,
        field_counts={n: c for n, c in counts.items() if n in kept},
    )
