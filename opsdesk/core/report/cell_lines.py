"""Where the text of a table cell may break, and its lines at a column's width.

Lines break at spaces and after a hyphen between letters ("On-|time"); a file name also
after ``_ . - / \\`` ("plant_|kpis_|2026.|xlsx"). Never inside a word: ``tables.py`` makes
each column as wide as its widest unbreakable piece, or shrinks its text until it is.
Only a piece wider than its column even at the smallest size is cut, letter by letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HYPHEN = re.compile(r"(?<=[^\W\d_][-\u2010])(?=[^\W\d_])")
_FILE = re.compile(r"(?<=[_./\\\-])(?=.)")


def is_file_name(text: str) -> bool:
    """A name with an extension or a folder in it, and no spaces around its parts."""
    return bool(re.search(r"[^\s/\\]\.[A-Za-z0-9]{1,5}\b|[/\\]", text))


@lru_cache(maxsize=8192)
def width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def pieces(word: str, file_name: bool = False) -> list[str]:
    """A word (no spaces) cut where a line may end after each piece."""
    parts = (_FILE if file_name else _HYPHEN).split(word)
    return [p for p in parts if p]


def widest_piece(text: str, font: str, size: float, file_name: bool = False) -> float:
    """The width of the widest piece no line break may split."""
    best = 0.0
    for word in text.split():
        if word.isascii() and word.isalnum():  # the common case: one piece
            best = max(best, width(word, font, size))
            continue
        for piece in pieces(word, file_name):
            best = max(best, width(piece, font, size))
    return best


def lines(text: str, avail: float, font: str, size: float,
          file_name: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``avail`` (greedy, as word processors do);
    the text's own line breaks are kept."""
    space = width(" ", font, size)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            for index, piece in enumerate(pieces(word, file_name)):
                gap = space if index == 0 and line else 0.0
                w = width(piece, font, size)
                if line and used + gap + w > avail:
                    out.append(line)
                    line, used, gap = "", 0.0, 0.0
                if not line and w > avail:  # wider than the column at any size: cut it
                    for part in _cut(piece, avail, font, size):
                        out.append(part)
                    line = out.pop()
                    used = width(line, font, size)
                    continue
                line += (" " if gap else "") + piece
                used += gap + w
        out.append(line)
    return out


def _cut(piece: str, avail: float, font: str, size: float) -> list[str]:
    parts, current = [], ""
    for char in piece:
        if current and width(current + char, font, size) > avail:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return parts
