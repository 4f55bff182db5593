"""A Paragraph whose markup is parsed once per (markup, style) in a process.

About a quarter of the review's paragraphs repeat the same text in the same style (table
headers, notes, labels), and reportlab parses each one's markup anew. The parse result
(its fragments) is kept; each Paragraph gets its own shallow copies of them, because
wrapping and splitting work on a Paragraph's own fragments. Styles are keys by identity:
the review's styles are built once and never changed (``styles.sheet``). Each build starts
with an empty cache (``forget``), so a build costs the same the first time and the tenth.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.platypus import Paragraph


@lru_cache(maxsize=4096)
def _parsed(markup: str, style: Any) -> tuple[str, Any, Any, tuple[Any, ...]]:
    """The cleaned text, the style and bullet the markup sets, and the fragments (kept
    here, never handed out)."""
    model = Paragraph(markup, style)
    return model.text, model.style, model.bulletText, tuple(model.frags)


class ParsedParagraph(Paragraph):  # type: ignore[misc]
    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any,
               cleaner: Any) -> None:
        if frags is not None or bulletText is not None or not isinstance(text, str):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        cleaned, parsed_style, bullet, model = _parsed(text, style)
        super()._setup(cleaned, parsed_style, bullet, [f.clone() for f in model], cleaner)


def forget() -> None:
    """Drop the parsed markup: called as a build starts."""
    _parsed.cache_clear()
