"""Tables in the house style: navy header row repeated on every page, zebra rows, hairlines.

A ``cell`` is plain text: drawn as a string when it fits its column on one line (most
numbers, dates, names), else as a Paragraph that wraps. Neither path parses user text as
markup. ``status_cell`` shows a status by colour, symbol and word together (grey print).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from opsdesk.core.report import fonts, styles
from opsdesk.core.report.text import clip, has_han, para, visual

Cell = Any  # a Paragraph or a Plain
PAD = 4.0
SIZE = 7.8
ALIGN = {"left": "LEFT", "right": "RIGHT", "center": "CENTER"}


class CellParagraph(Paragraph):  # type: ignore[misc]
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
    """User text for a cell, not yet laid out; ``align`` is left, right or center."""

    align: str = "left"


def cell(text: object, align: str = "left") -> Plain:
    value = Plain(clip(text))
    value.align = align
    return value


def lay_out(value: Plain, width: float) -> Any:
    """A one-line string when it fits (much faster to lay out), else a Paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = str(value)
    if "\n" not in text and not has_han(text):
        shown = visual(text)
        if stringWidth(shown, fonts.BODY, SIZE) <= width - 2 * PAD:
            return shown
    name = {"left": "cell", "right": "cell_right", "center": "cell_center"}[value.align]
    if isinstance(value, Inked):
        inner = f"<b>{para(text)}</b>" if value.bold else para(text)
        return CellParagraph(f'<font color="{value.ink}">{inner}</font>',
                             styles.sheet()[name])
    return CellParagraph(para(text), styles.sheet()[name])


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


def _head_cell(text: str, align: str, width: float, style: Any) -> Any:
    """A header as a plain string when it fits on one line, else a wrapping Paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not has_han(text) and stringWidth(visual(text), fonts.BOLD, SIZE) <= width - 2 * PAD:
        return visual(text)
    return CellParagraph(para(text), style)


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
    sheet = styles.sheet()
    aligns = list(align) + ["left"] * (len(header) - len(align))
    head_style = {"left": "head", "right": "head_right", "center": "head_center"}
    head = [_head_cell(h, a, w, sheet[head_style[a]])
            for h, a, w in zip(header, aligns, widths, strict=False)]
    ncols = len(head)
    head_styles = [_cell_style(fonts.BOLD, 12, colors.white, a) for a in aligns[:ncols]]
    ink = colors.HexColor(styles.INK)
    body_styles = [_cell_style(fonts.BODY, 9.6, ink, a) for a in aligns[:ncols]]
    body = []
    cell_styles = [head_styles]
    for r in rows:
        line = []
        row_styles = list(body_styles)
        for x, (c, a, w) in enumerate(zip(r, aligns, widths, strict=False)):
            value = c if isinstance(c, Paragraph | Plain) else cell(c, a)
            line.append(lay_out(value, w) if isinstance(value, Plain) else value)
            if isinstance(value, Inked) and x < ncols:
                row_styles[x] = _inked_style(row_styles[x], value)
        body.append(line)
        cell_styles.append(row_styles)
    # Cell styles made here and shared by the cells that look alike, rather than a dozen
    # whole-table style commands that reportlab applies cell by cell (the costliest part
    # of building a table). Add no font, colour, alignment or padding commands later.
    table = Table([head, *body], colWidths=list(widths), repeatRows=1, cellStyles=cell_styles)
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


def _cell_style(font: str, leading: float, color: Any, align: str) -> Any:
    """What data_table's cells look like: as the style commands FONTNAME, FONTSIZE,
    LEADING (body rows only; the header keeps reportlab's 12), TEXTCOLOR, ALIGN, VALIGN
    MIDDLE and the paddings would set them."""
    from reportlab.platypus.tables import CellStyle

    style = CellStyle("opsdesk")
    style.fontname, style.fontsize, style.leading, style.color = font, SIZE, leading, color
    style.alignment, style.valign = ALIGN[align], "MIDDLE"
    style.topPadding = style.bottomPadding = 3
    style.leftPadding = style.rightPadding = PAD
    return style


def _inked_style(base: Any, value: Inked) -> Any:
    """A cell's own copy of ``base`` in the ink (and weight) of ``value``."""
    style = _cell_style(fonts.BOLD if value.bold else base.fontname, base.leading,
                        colors.HexColor(value.ink), "left")
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
