"""Tables in the house style: navy header row repeated on every page, zebra rows, hairlines.

A ``cell`` is plain text: drawn as a string when it fits its column on one line (most
numbers, dates, names), else as lines broken at spaces and hyphens (``cell_lines``), still
a string; only right-to-left and Han text become a Paragraph. Neither path parses user
text as markup. A column narrower than its widest word takes width from columns that have
some to spare, else its text shrinks, so no word is split. ``status_cell`` shows a status
by colour, symbol and word together (grey print).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from opsdesk.core.report import cell_lines, fonts, styles
from opsdesk.core.report.parsed_paragraph import ParsedParagraph
from opsdesk.core.report.text import TEXT_CHARS, clip, has_han, has_rtl, para, visual

Cell = Any  # a Paragraph or a Plain
PAD = 4.0
SIZE = 7.8
MIN_SIZE = 5.0  # the smallest a column's text shrinks to before a word is cut
LEADING = 9.6 / 7.8  # body line spacing per point of type
ALIGN = {"left": "LEFT", "right": "RIGHT", "center": "CENTER"}


class CellParagraph(ParsedParagraph):
    """A Paragraph in a table cell that breaks its lines once per width.

    reportlab wraps a cell's Paragraph when it sizes the table, again when it draws the
    cell, and again for each part of a table split across pages, always at the column's
    width; line breaking is the costly part, and the same width gives the same lines."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == avail_width:
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        if avail_width >= 1e-8:  # reportlab's "cannot fit" answer is not remembered
            self._wrapped = (avail_width, size)
        return size


class Plain(str):
    """User text for a cell, not yet laid out; ``align`` is left, right or center, and
    a ``file_name`` may also break after ``_ . - /``."""

    align: str = "left"
    file_name: bool = False


def cell(text: object, align: str = "left", limit: int | None = TEXT_CHARS) -> Plain:
    """User text is cut at ``limit`` (a row taller than a page cannot be laid out);
    opsdesk's own texts, whose length it knows, pass ``limit=None``."""
    value = Plain(clip(text, limit) if limit is not None else str(text))
    value.align = align
    return value


def file_cell(text: str) -> Plain:
    """A file name (or path): its lines may break after ``_ . - /`` too."""
    value = cell(text)
    value.file_name = True
    return value


def _font(value: Plain, header: bool = False) -> str:
    return fonts.BOLD if header or (isinstance(value, Inked) and value.bold) else fonts.BODY


def lay_out(value: Plain, width: float, size: float = SIZE, header: bool = False) -> Any:
    """A string, one line when it fits (much faster to lay out), else broken into lines
    where ``cell_lines`` allows; a Paragraph for right-to-left or Han text."""
    text = str(value)
    font = _font(value, header)
    avail = width - 2 * PAD
    if not has_han(text):
        shown = visual(text)
        if "\n" not in text and cell_lines.width(shown, font, size) <= avail:
            return shown
        if not has_rtl(text):
            return "\n".join(cell_lines.lines(text, avail, font, size, value.file_name))
    style = _sized(("head" if header else "cell") + {"left": "", "right": "_right",
                                                      "center": "_center"}[value.align], size)
    if isinstance(value, Inked):
        inner = f"<b>{para(text)}</b>" if value.bold else para(text)
        return CellParagraph(f'<font color="{value.ink}">{inner}</font>', style)
    return CellParagraph(para(text), style)


def min_width(value: Any, header: bool = False) -> float:
    """The narrowest column (padding included) that shows ``value`` without splitting a
    word, at the standard size."""
    if isinstance(value, Paragraph):
        return float(value.minWidth()) + 2 * PAD
    text = str(value)
    if has_han(text):  # Han text breaks between any two characters
        return 2 * SIZE + 2 * PAD
    return cell_lines.widest_piece(visual(text), _font(value, header), SIZE,
                                   value.file_name) + 2 * PAD


def fit_columns(widths: Sequence[float], mins: Sequence[float]
                ) -> tuple[list[float], list[float]]:
    """Widths that give each column its minimum where the others can spare it, and the
    type size each column needs to fit what is left (``SIZE`` when nothing is short)."""
    short = [max(0.0, m - w) for w, m in zip(widths, mins, strict=True)]
    deficit = sum(short)
    if deficit <= 1e-6:
        return list(widths), [SIZE] * len(widths)
    spare = [max(0.0, w - m) for w, m in zip(widths, mins, strict=True)]
    moved = min(deficit, sum(spare))
    out = []
    for w, need, extra in zip(widths, short, spare, strict=True):
        if need:
            out.append(w + need * moved / deficit)
        else:
            out.append(w - (extra * moved / sum(spare) if moved else 0.0))
    sizes = []
    for w, m in zip(out, mins, strict=True):
        scale = 1.0 if w >= m - 1e-6 else (w - 2 * PAD) / max(1e-6, m - 2 * PAD)
        sizes.append(max(MIN_SIZE, SIZE * scale))
    return out, sizes


@lru_cache(maxsize=64)
def _sized(name: str, size: float) -> Any:
    """The paragraph style ``name`` at ``size`` points (line spacing to scale)."""
    base = styles.sheet()[name]
    if size == SIZE:
        return base
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{name}_{size:.2f}", parent=base, fontSize=size,
                          leading=base.leading * size / SIZE)


def _resized(value: Paragraph, size: float) -> Paragraph:
    """A Paragraph cell again at ``size``: a shrunk column's markup cell."""
    if size == SIZE:
        return value
    return CellParagraph(value.text, _sized(value.style.name, size))


def markup_cell(markup: str, align: str = "left") -> Paragraph:
    name = {"left": "cell", "right": "cell_right", "center": "cell_center"}[align]
    return CellParagraph(markup, styles.sheet()[name])


class Inked(Plain):
    """Plain text drawn in a colour (and bold): statuses, judged values."""

    ink: str = styles.INK
    bold: bool = True


def inked(text: str, ink: str, align: str = "left", bold: bool = True) -> Inked:
    value = Inked(text)
    value.ink, value.align, value.bold = ink, align, bold
    return value


def ink_commands(x: int, y: int, value: object) -> list[tuple[Any, ...]]:
    """Style commands that draw an ``Inked`` cell laid out as a plain string."""
    if not isinstance(value, Inked):
        return []
    out: list[tuple[Any, ...]] = [("TEXTCOLOR", (x, y), (x, y), colors.HexColor(value.ink))]
    if value.bold:
        out.append(("FONTNAME", (x, y), (x, y), fonts.BOLD))
    return out


def status_cell(status: str, label: str | None = None) -> Inked:
    """Symbol and word in the status colour: never colour alone."""
    key = status if status in styles.STATUS_WORD else "no data"
    word = label or styles.STATUS_WORD[key]
    return inked(f"{styles.STATUS_SYMBOL[key]} {word}", styles.STATUS_INK[key])


def plain_style() -> list[tuple[Any, ...]]:
    """Font commands for cells laid out as plain strings."""
    return [("FONTNAME", (0, 0), (-1, -1), fonts.BODY), ("FONTSIZE", (0, 0), (-1, -1), SIZE),
            ("LEADING", (0, 0), (-1, -1), 9.6),
            ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(styles.INK))]


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    align: Sequence[str] = (),
    fills: Sequence[tuple[int, int, str]] = (),
    zebra: bool = True,
) -> Table:
    """A table with a repeated header; ``fills`` are (column, row, hex) cell backgrounds."""
    aligns = list(align) + ["left"] * (len(header) - len(align))
    heads = [cell(h, a) for h, a in zip(header, aligns, strict=False)]
    ncols = len(heads)
    values = [[c if isinstance(c, Paragraph | Plain) else cell(c, a)
               for c, a in zip(r, aligns, strict=False)] for r in rows]
    widths, sizes = _fit(heads, values, list(widths))
    head = [lay_out(h, w, z, header=True) for h, w, z in zip(heads, widths, sizes, strict=False)]
    head_styles = [_cell_style(fonts.BOLD, 12 * z / SIZE, colors.white, a, z)
                   for a, z in zip(aligns[:ncols], sizes, strict=False)]
    ink = colors.HexColor(styles.INK)
    body_styles = [_cell_style(fonts.BODY, z * LEADING, ink, a, z)
                   for a, z in zip(aligns[:ncols], sizes, strict=False)]
    body = []
    cell_styles = [head_styles]
    for r in values:
        line = []
        row_styles = list(body_styles)
        for x, (value, w, z) in enumerate(zip(r, widths, sizes, strict=False)):
            line.append(lay_out(value, w, z) if isinstance(value, Plain)
                        else _resized(value, z))
            if isinstance(value, Inked) and x < ncols:
                row_styles[x] = _inked_style(row_styles[x], value)
        body.append(line)
        cell_styles.append(row_styles)
    # Cell styles made here and shared by the cells that look alike, rather than a dozen
    # whole-table style commands that reportlab applies cell by cell (the costliest part
    # of building a table). Add no font, colour, alignment or padding commands later.
    table = Table([head, *body], colWidths=widths, repeatRows=1, cellStyles=cell_styles)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(styles.TABLE_HEAD)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor(styles.RULE)),
    ]
    if zebra and len(body) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1),
                         [colors.white, colors.HexColor(styles.ZEBRA)]))
    for column, row, fill in fills:
        commands.append(("BACKGROUND", (column, row + 1), (column, row + 1),
                         colors.HexColor(fill)))
    table.setStyle(TableStyle(commands))
    return table


def _fit(heads: list[Plain], rows: list[list[Any]], widths: list[float]
         ) -> tuple[list[float], list[float]]:
    """``fit_columns`` for a table. A one-line cell that fits needs no more measuring; the
    rest are measured only when some column is too narrow for a word."""
    def fits(value: Any, w: float, header: bool = False) -> bool:
        if not isinstance(value, Plain) or "\n" in value or has_han(value):
            return False
        font = _font(value, header)
        return cell_lines.width(visual(str(value)), font, SIZE) <= w - 2 * PAD

    columns = [[(h, True), *((r[x], False) for r in rows if x < len(r))]
               for x, h in enumerate(heads)]
    if all(fits(v, w, top) or min_width(v, top) <= w
           for column, w in zip(columns, widths, strict=False) for v, top in column):
        return widths, [SIZE] * len(widths)
    mins = [max(min_width(v, top) for v, top in column) for column in columns]
    return fit_columns(widths, mins)


def _cell_style(font: str, leading: float, color: Any, align: str, size: float = SIZE) -> Any:
    """What data_table's cells look like: as the style commands FONTNAME, FONTSIZE,
    LEADING, TEXTCOLOR, ALIGN, VALIGN MIDDLE and the paddings would set them."""
    from reportlab.platypus.tables import CellStyle

    style = CellStyle("opsdesk")
    style.fontname, style.fontsize, style.leading, style.color = font, size, leading, color
    style.alignment, style.valign = ALIGN[align], "MIDDLE"
    style.topPadding = style.bottomPadding = 3
    style.leftPadding = style.rightPadding = PAD
    return style


def _inked_style(base: Any, value: Inked) -> Any:
    """A cell's own copy of ``base`` in the ink (and weight) of ``value``."""
    style = _cell_style(fonts.BOLD if value.bold else base.fontname, base.leading,
                        colors.HexColor(value.ink), "left", base.fontsize)
    style.alignment = base.alignment
    return style


def key_value_table(pairs: Sequence[tuple[str, Cell]], widths: Sequence[float]) -> Table:
    sheet = styles.sheet()
    rows = [[CellParagraph(para(k), sheet["small"]),
             v if isinstance(v, Paragraph) else lay_out(cell(v), widths[1])] for k, v in pairs]
    table = Table(rows, colWidths=list(widths))
    table.setStyle(TableStyle([
        *plain_style(),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor(styles.RULE)),
    ]))
    return table
