"""Content cut to fit a fixed box: paragraphs clipped with an ellipsis, drawings scaled.

The A3 report's boxes have the size the page gives them, whatever the project holds: a
paragraph that does not fit what is left of its box is cut at the longest prefix that
does (a binary search over its length) and ends in "…"; a drawing is scaled down to the
room left, or left out with a line saying so when even half its size would not fit.
Nothing drawn by ``draw_blocks`` reaches outside its box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from opsdesk.core.report.text import para

ELLIPSIS = "…"


@dataclass(frozen=True)
class Text:
    """``prefix`` (our markup, already escaped) then the user's ``text`` (plain)."""

    text: str
    style: Any
    prefix: str = ""
    suffix: str = ""  # our markup after the text; dropped when the text is cut


@dataclass(frozen=True)
class Picture:
    """A drawing made for a width and a height (a chart drawn to size, a diagram scaled)."""

    make: Callable[[float, float], Any]   # (width, height) -> Drawing of at most that size
    height: float                          # the height it wants at the box's width
    min_height: float                      # below this, it is left out


@dataclass(frozen=True)
class Rows:
    """A table (``tables.data_table``) of as many of its rows as fit, then a line saying
    how many were left out."""

    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    shares: tuple[float, ...]    # each column's share of the width
    more: str                    # "{n} more actions in the workspace."
    note_style: Any


Block = Text | Picture | Rows


def _table(block: Rows, count: int, width: float) -> tuple[Any, float]:
    from opsdesk.core.report.tables import data_table

    table = data_table(list(block.header), [list(r) for r in block.rows[:count]],
                       [width * f for f in block.shares])
    return table, float(table.wrap(width, 1e6)[1])


def fit_rows(block: Rows, width: float, room: float) -> list[Placed]:
    """The table with the most rows that fit (and the note on the rest), or nothing."""
    table, used = _table(block, len(block.rows), width)
    if used <= room:
        return [Placed(table, used)]
    lo, hi = 0, len(block.rows)  # lo rows fit with the note, hi do not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        note = Paragraph(para(block.more.format(n=len(block.rows) - mid)), block.note_style)
        if _table(block, mid, width)[1] + _height(note, width) + 2 <= room:
            lo = mid
        else:
            hi = mid
    if lo == 0:
        return []
    table, used = _table(block, lo, width)
    note = Paragraph(para(block.more.format(n=len(block.rows) - lo)), block.note_style)
    return [Placed(table, used + 2), Placed(note, _height(note, width))]


def _paragraph(block: Text, shown: str, cut: bool) -> Paragraph:
    tail = ELLIPSIS if cut else block.suffix
    return Paragraph(f"{block.prefix}{para(shown)}{tail}", block.style)


def _height(p: Paragraph, width: float) -> float:
    return float(p.wrap(width, 1e6)[1])


def fit_text(block: Text, width: float, room: float, more: bool = False
             ) -> tuple[Paragraph, bool] | None:
    """The paragraph of ``block`` at ``width`` within ``room`` points of height, and
    whether it had to be cut; None when not even its first word fits. With ``more``
    (blocks after it are left out), it ends in an ellipsis even when it fits whole."""
    whole = _paragraph(block, block.text, False)
    if more:
        whole = Paragraph(f"{block.prefix}{para(block.text)}{block.suffix} {ELLIPSIS}",
                          block.style)
    if _height(whole, width) <= room:
        return whole, more
    text = " ".join(block.text.split())
    lo, hi = 0, len(text)  # lo fits (with the ellipsis), hi does not
    if _height(_paragraph(block, "", True), width) > room:
        return None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _height(_paragraph(block, text[:mid].rstrip(), True), width) <= room:
            lo = mid
        else:
            hi = mid
    shown = text[:lo]
    if " " in shown and lo < len(text) and not text[lo].isspace():
        shown = shown[: shown.rfind(" ")]  # end on a whole word where one fits
    return _paragraph(block, shown.rstrip(" ,;:"), True), True


@dataclass(frozen=True)
class Placed:
    flowable: Any
    height: float


def _whole_height(block: Block, width: float) -> float:
    if isinstance(block, Text):
        return _height(_paragraph(block, block.text, False), width)
    if isinstance(block, Rows):
        return _table(block, len(block.rows), width)[1]
    return _floor(block)


def _floor(picture: Picture) -> float:
    """The least height ``picture`` is drawn at: its minimum, or less if it wants less."""
    return min(picture.min_height, picture.height)


def _budgets(blocks: Sequence[Block], width: float, height: float, gap: float
             ) -> list[float]:
    """The height each picture may take: what it wants when everything fits, else the
    room the other blocks leave, shared in proportion (never under its minimum)."""
    pictures = [b for b in blocks if isinstance(b, Picture)]
    if not pictures:
        return []
    others = sum(_whole_height(b, width) for b in blocks if not isinstance(b, Picture))
    spare = height - others - gap * len(blocks)
    wanted = sum(p.height for p in pictures)
    if spare >= wanted:
        return [p.height for p in pictures]
    return [max(_floor(p), spare * p.height / wanted) for p in pictures]


def place_blocks(blocks: Sequence[Block], width: float, height: float,
                 gap: float = 3.0, note_style: Any = None) -> list[Placed]:
    """The blocks, top down, that fit ``width`` x ``height``. Pictures shrink first (to
    leave the texts their room); then the first text that does not fit whole is cut, and
    what follows it is left out, the last text shown ending in an ellipsis."""
    out: list[Placed] = []
    budgets = iter(_budgets(blocks, width, height, gap))
    room = height
    last_text: tuple[int, Text, float] | None = None  # where in out, the block, its room

    def left_out() -> None:
        """Mark the last text shown: something after it did not fit."""
        if last_text is None:
            return
        index, block, had = last_text
        fitted = fit_text(block, width, had, more=True)
        if fitted is not None and index == len(out) - 1:
            out[index] = Placed(fitted[0], _height(fitted[0], width))

    for block in blocks:
        if room <= 0:
            left_out()
            break
        if isinstance(block, Text):
            fitted = fit_text(block, width, room)
            if fitted is None:
                left_out()
                break
            paragraph, cut = fitted
            used = _height(paragraph, width)
            last_text = (len(out), block, room)
            out.append(Placed(paragraph, used))
            room -= used + gap
            if cut:
                break
            continue
        if isinstance(block, Rows):
            kept = fit_rows(block, width, room)
            if not kept:
                left_out()
                break
            out += kept
            last_text = None
            room -= sum(p.height for p in kept) + gap
            if len(kept) != 1:
                break
            continue
        want = min(next(budgets), room)
        if want < _floor(block):
            if note_style is not None:
                fitted = fit_text(Text("(no room left for the diagram)", note_style),
                                  width, room)
                if fitted is not None:
                    out.append(Placed(fitted[0], _height(fitted[0], width)))
            break
        drawing = block.make(width, want)
        out.append(Placed(drawing, float(drawing.height)))
        last_text = None
        room -= float(drawing.height) + gap
    return out


def draw_placed(canvas: Any, placed: Sequence[Placed], x: float, top: float,
                gap: float = 3.0) -> None:
    """Draw what ``place_blocks`` kept, from ``top`` down."""
    from opsdesk.core.report import chart_pdf

    y = top
    for item in placed:
        y -= item.height
        if isinstance(item.flowable, Flowable):
            # wrapped at the box's width when it was placed
            item.flowable.drawOn(canvas, x, y)
        else:
            canvas.saveState()
            canvas.translate(x, y)
            chart_pdf.draw(item.flowable, canvas)
            canvas.restoreState()
        y -= gap
