"""Tables in the house style: navy header row repeated on every page, zebra rows, hairlines.

Cells are Paragraphs, so user text is escaped and wraps; ``status_cell`` shows a status
by colour, symbol and word together (readable in grey print).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from opsdesk.core.report import styles
from opsdesk.core.report.text import para

Cell = Any  # a Paragraph, or plain text (escaped here)


def cell(text: object, align: str = "left") -> Paragraph:
    name = {"left": "cell", "right": "cell_right", "center": "cell_center"}[align]
    return Paragraph(para("" if text is None else text), styles.sheet()[name])


def markup_cell(markup: str, align: str = "left") -> Paragraph:
    name = {"left": "cell", "right": "cell_right", "center": "cell_center"}[align]
    return Paragraph(markup, styles.sheet()[name])


def status_cell(status: str, label: str | None = None) -> Paragraph:
    key = status if status in styles.STATUS_WORD else "no data"
    word = label or styles.STATUS_WORD[key]
    ink = styles.STATUS_INK[key]
    return markup_cell(
        f'<font color="{ink}">{styles.STATUS_SYMBOL[key]}</font>&nbsp;'
        f'<font color="{ink}"><b>{para(word)}</b></font>'
    )


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    align: Sequence[str] = (),
    fills: Sequence[tuple[int, int, str]] = (),
) -> Table:
    """A table with a repeated header; ``fills`` are (column, row, hex) cell backgrounds."""
    sheet = styles.sheet()
    aligns = list(align) + ["left"] * (len(header) - len(align))
    head_style = {"left": "head", "right": "head_right", "center": "head_center"}
    head = [Paragraph(para(h), sheet[head_style[a]]) for h, a in zip(header, aligns, strict=False)]
    body = [[c if isinstance(c, Paragraph) else cell(c, a) for c, a in zip(r, aligns, strict=False)]
            for r in rows]
    table = Table([head, *body], colWidths=list(widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(styles.TABLE_HEAD)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor(styles.RULE)),
    ]
    if len(body) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1),
                         [colors.white, colors.HexColor(styles.ZEBRA)]))
    for column, row, fill in fills:
        commands.append(("BACKGROUND", (column, row + 1), (column, row + 1),
                         colors.HexColor(fill)))
    table.setStyle(TableStyle(commands))
    return table


def key_value_table(pairs: Sequence[tuple[str, Cell]], widths: Sequence[float]) -> Table:
    sheet = styles.sheet()
    rows = [[Paragraph(para(k), sheet["small"]),
             v if isinstance(v, Paragraph) else cell(v)] for k, v in pairs]
    table = Table(rows, colWidths=list(widths))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor(styles.RULE)),
    ]))
    return table
