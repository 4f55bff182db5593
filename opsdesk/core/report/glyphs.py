"""Characters the review's fonts cannot draw: reportlab prints each as an empty box.

Every user string is turned into what is drawn by ``text.visual`` (tables, paragraphs,
canvas and chart strings alike), which hands it to ``note``. While a build ``watch``es,
each string with a character missing from the font that draws it (DejaVu Sans regular
and bold; the Han font for Han runs) is kept, so the build can name them in one warning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from opsdesk.core.report import fonts

_seen: ContextVar[dict[str, str] | None] = ContextVar("undrawable", default=None)
SHOWN = 40  # characters of a text quoted in the warning
LISTED = 3  # missing characters named per text


@dataclass(frozen=True)
class Undrawable:
    text: str     # as the user wrote it
    missing: str  # its characters no font draws, each once, in order


@lru_cache(maxsize=1)
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    """Code points of the body fonts (regular and bold both) and of the Han font."""
    from reportlab.pdfbase import pdfmetrics

    fonts.register()

    def cmap(name: str) -> frozenset[int]:
        return frozenset(pdfmetrics.getFont(name).face.charToGlyph)

    return cmap(fonts.BODY) & cmap(fonts.BOLD), cmap(fonts.HAN)


@lru_cache(maxsize=4096)
def missing(drawn: str) -> str:
    """The characters of ``drawn`` (text as drawn: shaped, in visual order) that no font
    of the review has; controls and format characters draw nothing and are not counted."""
    from opsdesk.core.report.text import has_han

    body, han = _coverage()
    out: list[str] = []
    for char in drawn:
        code = ord(char)
        if code < 0x80 or code in body or (code in han and has_han(char)):
            continue
        if unicodedata.category(char) in ("Cc", "Cf") or char in out:
            continue
        out.append(char)
    return "".join(out)


def note(text: str, drawn: str) -> None:
    """Keep ``text`` if a build is watching and ``drawn`` has a character no font has."""
    seen = _seen.get()
    if seen is None or drawn.isascii() or text in seen:
        return
    gone = missing(drawn)
    if gone:
        seen[text] = gone


@contextmanager
def watch() -> Iterator[list[Undrawable]]:
    """Collect, while the block runs, the texts that cannot be drawn in full."""
    seen: dict[str, str] = {}
    token = _seen.set(seen)
    found: list[Undrawable] = []
    try:
        yield found
    finally:
        _seen.reset(token)
        found.extend(Undrawable(t, m) for t, m in seen.items())


def warning(found: Sequence[Undrawable], kpi_names: Sequence[str]) -> str | None:
    """One sentence naming each KPI (or, for other text, the text) that prints boxes."""
    if not found:
        return None
    # A heading or a footer that quotes a KPI or the client is named by what it quotes.
    found = [item for item in found if not any(
        other.text != item.text and other.text in item.text
        and set(item.missing) <= set(other.missing) for other in found)]
    named: dict[str, str] = {}  # how each is named -> its missing characters
    for item in found:
        kpi = next((k for k in sorted(kpi_names, key=len, reverse=True)
                    if k and k in item.text and missing(k)), None)
        if kpi is not None:
            key = f"KPI “{kpi}”"
            chars = missing(kpi)
        else:
            shown = item.text if len(item.text) <= SHOWN else item.text[:SHOWN - 1] + "…"
            key = f"“{' '.join(shown.split())}”"
            chars = item.missing
        named[key] = "".join(dict.fromkeys(named.get(key, "") + chars))
    parts = [f"{key} ({_chars(chars)})" for key, chars in named.items()]
    count = "1 text has" if len(parts) == 1 else f"{len(parts)} texts have"
    return (f"{count} characters that the PDF's fonts cannot draw, so they print as empty "
            f"boxes: {'; '.join(parts)}.")


def _chars(chars: str) -> str:
    listed = [f"{c} U+{ord(c):04X}" for c in chars[:LISTED]]
    more = len(chars) - LISTED
    return ", ".join(listed) + (f" and {more} more" if more > 0 else "")
