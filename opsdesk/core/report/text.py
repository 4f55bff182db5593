"""User text to reportlab: escaped, Arabic shaped and ordered, Han runs in the Han font.

Every string that came from the user (KPI names, comments, client names, file names)
passes through ``para`` before it enters a ``Paragraph`` and through ``runs`` before it
is drawn on a canvas, so no markup or link in user text reaches reportlab
(``<b>Scrap & "Rework"</b>`` prints those characters).

Arabic: ``arabic-reshaper`` picks each letter's joined form (initial, medial, final,
Lam-Alef ligatures) and ``python-bidi`` (the Unicode bidirectional algorithm) puts the
characters in visual order; reportlab then lays them out left to right. This is done per
string, so a right-to-left paragraph that wraps keeps its lines in order only when it fits
on one line — enough for names and short comments.
"""

from __future__ import annotations

import re
from functools import lru_cache

from opsdesk.core.report import fonts, glyphs

# Hebrew, Arabic, Syriac, Thaana, NKo ... and the Arabic presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# CJK radicals, punctuation, kana, ideographs, compatibility ideographs, full-width forms.
_HAN = re.compile(
    "([\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+)"
)


# A table row taller than a page cannot be laid out: user text in a cell is cut to these
# lengths (a name longer than anyone types; a comment of a few paragraphs), with an ellipsis.
NAME_CHARS = 200
TEXT_CHARS = 500


def clip(text: object, limit: int = TEXT_CHARS) -> str:
    shown = "" if text is None else str(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def escape(text: str) -> str:
    """Paragraph-markup escaping: the five XML specials."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def visual(text: str) -> str:
    """``text`` in the order and letter forms it is drawn in (identity without RTL).
    Every user string passes here on its way to the page, so this is where a build
    learns of characters no font can draw (``glyphs``)."""
    if text.isascii():  # the common case: nothing to shape, and the fonts draw all of it
        return text
    shown = _shaped(text)
    glyphs.note(text, shown)
    return shown


@lru_cache(maxsize=4096)
def _shaped(text: str) -> str:
    if not _RTL.search(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


def has_rtl(text: str) -> bool:
    return not text.isascii() and _RTL.search(text) is not None


def has_han(text: str) -> bool:
    return not text.isascii() and _HAN.search(text) is not None


def runs(text: str) -> list[tuple[str, str]]:
    """(font name, text) pieces in drawing order, for canvas and chart strings."""
    text = str(text)
    if text.isascii():  # no Han and nothing to shape: one piece in the body font
        return [(fonts.BODY, text)] if text else []
    out: list[tuple[str, str]] = []
    for index, piece in enumerate(_HAN.split(visual(text))):
        if piece:
            out.append((fonts.HAN if index % 2 else fonts.BODY, piece))
    return out


def para(text: object) -> str:
    """Safe Paragraph markup for a user string (line breaks kept)."""
    pieces = []
    for index, piece in enumerate(_HAN.split(visual(str(text)))):
        if not piece:
            continue
        safe = escape(piece).replace("\r\n", "\n").replace("\n", "<br/>")
        pieces.append(f'<font face="{fonts.HAN}">{safe}</font>' if index % 2 else safe)
    return "".join(pieces)
