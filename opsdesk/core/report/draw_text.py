"""Drawing user text outside paragraphs: header and footer lines, chart labels.

Text is split into runs (``text.runs``) so Han characters use the Han font and Arabic is
shaped and ordered, exactly as in paragraphs.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import String

from opsdesk.core.report import fonts
from opsdesk.core.report.cell_lines import width as string_width  # remembered
from opsdesk.core.report.text import runs


def _string(x: float, y: float, text: str, font: str, size: float, color: Any) -> String:
    """``String(x, y, text, fontName=font, fontSize=size, fillColor=color)``, without
    reportlab's checks of every attribute as it is set, and of the defaults it then
    replaces: the same shape, several times quicker to make (a chart holds hundreds)."""
    shape = String.__new__(String)
    shape.__dict__.update(x=x, y=y, text=text, textAnchor="start", fontName=font,
                          fontSize=size, fillColor=color)
    return shape


def _pieces(text: str, font: str) -> list[tuple[str, str]]:
    text = str(text)
    if text.isascii():  # as ``runs`` gives it: one piece, here in ``font``
        return [(font, text)] if text else []
    return [(font if name == fonts.BODY else name, piece) for name, piece in runs(text)]


def text_width(text: str, size: float, font: str = fonts.BODY) -> float:
    return float(sum(string_width(piece, name, size) for name, piece in _pieces(text, font)))


def _start(x: float, width: float, align: str) -> float:
    if align == "right":
        return x - width
    if align == "center":
        return x - width / 2
    return x


def draw_runs(canvas: Any, x: float, y: float, text: str, size: float,
              font: str = fonts.BODY, align: str = "left") -> None:
    """Draw one line of user text on a canvas at baseline ``y``."""
    pieces = _pieces(text, font)
    widths = [string_width(piece, name, size) for name, piece in pieces]
    cursor = _start(x, sum(widths), align)
    for (name, piece), width in zip(pieces, widths, strict=True):
        canvas.setFont(name, size)
        canvas.drawString(cursor, y, piece)
        cursor += width


def string_shapes(x: float, y: float, text: str, size: float, color: Any,
                  font: str = fonts.BODY, anchor: str = "start") -> list[Any]:
    """reportlab graphics ``String`` shapes for one line of user text."""
    pieces = _pieces(text, font)
    widths = [string_width(piece, name, size) for name, piece in pieces]
    align = {"start": "left", "end": "right", "middle": "center"}[anchor]
    cursor = _start(x, sum(widths), align)
    shapes = []
    for (name, piece), width in zip(pieces, widths, strict=True):
        shapes.append(_string(cursor, y, piece, name, size, color))
        cursor += width
    return shapes
