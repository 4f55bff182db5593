"""Typography and colour for the review: one sober palette, DejaVu Sans throughout."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from opsdesk.core.kpi.status_marks import STATUS_INK as STATUS_INK
from opsdesk.core.kpi.status_marks import STATUS_SYMBOL as STATUS_SYMBOL
from opsdesk.core.kpi.status_marks import STATUS_WORD as STATUS_WORD
from opsdesk.core.report import fonts

# Colours as hex; chosen so each status also differs in lightness (greyscale print).
INK = "#1d2733"
MUTED = "#5b6773"
RULE = "#c5ccd4"
ACCENT = "#1f4e79"  # navy: headings, cover band
ACCENT_LIGHT = "#e8eef5"
WARNING = "#fbf1d9"  # amber, as the status bands
TABLE_HEAD = "#1f4e79"
ZEBRA = "#f4f6f9"
STATUS_FILL = {"green": "#d5ecd9", "amber": "#fbe7bf", "red": "#f5c9c6", "stale": "#e4e0ee",
               "no data": "#eceff2", "no target": "#eceff2", "no direction": "#eceff2"}
STATUS_ORDER = ("red", "amber", "green", "stale", "no data", "no target", "no direction")


@lru_cache(maxsize=1)
def sheet() -> dict[str, Any]:
    """Paragraph styles by name (built once, after the fonts are registered)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()
    ink = colors.HexColor(INK)
    base = ParagraphStyle(
        "body", fontName=fonts.BODY, fontSize=9, leading=12.6, textColor=ink, spaceAfter=5
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    accent = colors.HexColor(ACCENT)
    muted = colors.HexColor(MUTED)
    white = colors.white
    return {
        "body": base,
        "small": style("small", fontSize=7.5, leading=10, textColor=muted),
        "note": style("note", fontSize=7.5, leading=10, textColor=muted, spaceBefore=2),
        "h1": style("h1", fontName=fonts.BOLD, fontSize=17, leading=22, textColor=accent,
                    spaceBefore=0, spaceAfter=10, keepWithNext=1),
        # No keepWithNext: with a long table after it, reportlab would move the heading
        # and the whole table to the next page; build.py puts a CondPageBreak before them.
        "h2": style("h2", fontName=fonts.BOLD, fontSize=11.5, leading=15, textColor=accent,
                    spaceBefore=10, spaceAfter=5),
        "h3": style("h3", fontName=fonts.BOLD, fontSize=9.5, leading=13, spaceBefore=6,
                    spaceAfter=3),
        "cell": style("cell", fontSize=7.8, leading=9.6, spaceAfter=0),
        "cell_right": style("cell_right", fontSize=7.8, leading=9.6, spaceAfter=0,
                            alignment=TA_RIGHT),
        "cell_center": style("cell_center", fontSize=7.8, leading=9.6, spaceAfter=0,
                             alignment=TA_CENTER),
        "head": style("head", fontName=fonts.BOLD, fontSize=7.8, leading=9.6, spaceAfter=0,
                      textColor=white),
        "head_right": style("head_right", fontName=fonts.BOLD, fontSize=7.8, leading=9.6,
                            spaceAfter=0, textColor=white, alignment=TA_RIGHT),
        "head_center": style("head_center", fontName=fonts.BOLD, fontSize=7.8, leading=9.6,
                             spaceAfter=0, textColor=white, alignment=TA_CENTER),
        "cover_title": style("cover_title", fontName=fonts.BOLD, fontSize=30, leading=36,
                             textColor=white, spaceAfter=10),
        "cover_sub": style("cover_sub", fontSize=15, leading=20, textColor=white),
        "cover_key": style("cover_key", fontSize=8, leading=11, textColor=muted),
        "cover_value": style("cover_value", fontName=fonts.BOLD, fontSize=11, leading=14),
        "toc_title": style("toc_title", fontName=fonts.BOLD, fontSize=17, leading=22,
                           textColor=accent, spaceAfter=14),
        "toc1": style("toc1", fontName=fonts.BOLD, fontSize=10, leading=16, spaceBefore=4),
        "toc2": style("toc2", fontSize=8.5, leading=12, leftIndent=18),
        "kpi_big": style("kpi_big", fontName=fonts.BOLD, fontSize=20, leading=24),
        # Indented by its padding, so the shaded box stays inside the text column.
        "callout": style("callout", fontSize=9, leading=13, backColor=colors.HexColor(ACCENT_LIGHT),
                         borderPadding=(6, 8, 6, 8), leftIndent=8, rightIndent=8,
                         spaceBefore=8, spaceAfter=12),
        # What a reader must not miss (a likely shift, a process not in control): amber.
        "warning": style("warning", fontSize=8.5, leading=12, backColor=colors.HexColor(WARNING),
                         borderPadding=(5, 8, 5, 8), leftIndent=8, rightIndent=8,
                         spaceBefore=6, spaceAfter=8),
    }
