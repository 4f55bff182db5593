"""The A3 page itself: the header and the seven boxes, each filled through ``box_fit``.

Sizes are the A3 sheet's times ``scale`` (A4 is 0.72 of it, as its side is 1/√2 of A3's:
the same page, smaller type), so one layout serves both papers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm

from opsdesk.core.report import fonts, styles
from opsdesk.core.report.box_fit import Block, draw_placed, place_blocks
from opsdesk.core.report.draw_text import draw_runs

if TYPE_CHECKING:
    from opsdesk.core.report.a3 import A3Data

MARGIN = 12 * mm
GAP = 8.0
HEAD = 46.0           # the header band's height
TITLE_BAR = 17.0      # a box's title band
PAD = 6.0             # inside a box
LEFT = (("Background", 0.19), ("Current condition", 0.17), ("Goal", 0.13),
        ("Analysis: root causes", 0.51))
RIGHT = (("Countermeasures", 0.2), ("Plan", 0.26), ("Follow-up", 0.54))


@lru_cache(maxsize=8)
def sheet(scale: float) -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = styles.sheet()["body"]

    def style(name: str, size: float, lead: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"a3_{name}_{scale}", parent=base, fontSize=size * scale,
                              leading=lead * scale, spaceAfter=0, **kw)

    return {"body": style("body", 9, 12), "small": style("small", 7.8, 10.2,
                                                           textColor=colors.HexColor(
                                                               styles.MUTED)),
            "strong": style("strong", 9.5, 12.6, fontName=fonts.BOLD),
            "bullet": style("bullet", 9, 12, leftIndent=9 * scale, bulletIndent=0)}


def draw_page(canvas: Any, data: A3Data, size: tuple[float, float], scale: float) -> None:
    width, height = size
    m, gap = MARGIN * scale, GAP * scale
    _header(canvas, data, m, height - m, width - 2 * m, scale)
    top = height - m - HEAD * scale - gap
    col_w = (width - 2 * m - gap) / 2
    body_h = top - m - 10 * scale  # room for the footer line
    blocks = box_contents(data, scale)
    for column, x in ((LEFT, m), (RIGHT, m + col_w + gap)):
        y = top
        usable = body_h - gap * (len(column) - 1)
        for number_title, share in column:
            h = usable * share
            _box(canvas, number_title, x, y, col_w, h, blocks[number_title], scale)
            y -= h + gap
    canvas.setFillColor(colors.HexColor(styles.MUTED))
    p = data.stored.project
    draw_runs(canvas, m, m - 2 * scale, f"opsdesk A3 · project {p.id} · as of "
              f"{data.as_of.isoformat()}", 7 * scale)


def _header(canvas: Any, data: A3Data, x: float, top: float, width: float,
            scale: float) -> None:
    p = data.stored.project
    h = HEAD * scale
    canvas.saveState()
    canvas.setFillColor(colors.HexColor(styles.ACCENT))
    canvas.rect(x, top - h, width, h, stroke=0, fill=1)
    path = canvas.beginPath()
    path.rect(x, top - h, width, h)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.setFillColor(colors.white)
    pad = 8 * scale
    title = _clip_line(f"A3 · {p.name}", fonts.BOLD, 17 * scale, width - 2 * pad)
    draw_runs(canvas, x + pad, top - 22 * scale, title, 17 * scale, font=fonts.BOLD)
    c = p.charter
    facts = [f"Owner: {c.leader or '–'}", f"Sponsor: {', '.join(c.people('sponsor')) or '–'}",
             f"{p.methodology}, {p.phase} phase ({p.status})",
             f"Date: {data.as_of.day} {data.as_of:%B %Y}"]
    line = _clip_line("   ·   ".join(facts), fonts.BODY, 9 * scale, width - 2 * pad)
    draw_runs(canvas, x + pad, top - 38 * scale, line, 9 * scale)
    canvas.restoreState()


def _clip_line(text: str, font: str, size: float, width: float) -> str:
    """One line cut with an ellipsis to ``width``."""
    from opsdesk.core.report.draw_text import text_width

    if text_width(text, size, font) <= width:
        return text
    lo, hi = 0, len(text)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if text_width(text[:mid] + "…", size, font) <= width:
            lo = mid
        else:
            hi = mid
    return text[:lo].rstrip() + "…"


def _box(canvas: Any, title: str, x: float, top: float, width: float, height: float,
         blocks: Sequence[Block], scale: float) -> None:
    bar = TITLE_BAR * scale
    pad = PAD * scale
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor(styles.ACCENT))
    canvas.setLineWidth(0.8)
    canvas.rect(x, top - height, width, height, stroke=1, fill=0)
    canvas.setFillColor(colors.HexColor(styles.ACCENT_LIGHT))
    canvas.rect(x, top - bar, width, bar, stroke=1, fill=1)
    canvas.setFillColor(colors.HexColor(styles.ACCENT))
    draw_runs(canvas, x + pad, top - bar + 5 * scale, title, 10 * scale, font=fonts.BOLD)
    # A clip on the box's inside too, so nothing can ever draw over its edge.
    inner_top = top - bar - pad
    path = canvas.beginPath()
    path.rect(x + 0.5, top - height + 0.5, width - 1, height - bar - 1)
    canvas.clipPath(path, stroke=0, fill=0)
    placed = place_blocks(blocks, width - 2 * pad, height - bar - 2 * pad, 3 * scale,
                          sheet(scale)["small"])
    draw_placed(canvas, placed, x + pad, inner_top, 3 * scale)
    canvas.restoreState()


def box_contents(data: A3Data, scale: float) -> dict[str, list[Block]]:
    from opsdesk.core.report import a3_boxes

    s = sheet(scale)
    return {"Background": a3_boxes.background(data, s),
            "Current condition": a3_boxes.current(data, s),
            "Goal": a3_boxes.goal(data, s),
            "Analysis: root causes": a3_boxes.analysis(data, s, scale),
            "Countermeasures": a3_boxes.countermeasures(data, s),
            "Plan": a3_boxes.plan(data, s),
            "Follow-up": a3_boxes.follow_up(data, s, scale)}

