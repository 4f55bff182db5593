"""A label on the canvas as Qt's stock text items, one per line, wrapped once.

A shape's or flow's label is plain text wrapped at spaces within a width (a word longer
than the width runs over, as Qt's word wrap does), each line a ``QGraphicsSimpleTextItem``
child of the item it labels, aligned left, centre or right, placed in a box at its top, middle
or bottom. Made when the spec changes; a repaint draws the lines without Python.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

from opsdesk.ui.maps.look import Look

Align = Literal["left", "centre", "right"]
Place = Literal["top", "middle", "bottom"]
SHRINK = 0.9  # each step of fitting a label into its shape
SMALLEST = 0.6  # of the look's size; in presentation's large type, still about normal


@lru_cache(maxsize=32)
def label_font(look: Look, factor: float = 1.0) -> tuple[QFont, QFontMetricsF]:
    """The look's label font at ``factor`` of its size, and its metrics (made once)."""
    font = look.font(QFont(), factor)
    return font, QFontMetricsF(font)


def _fits(lines: list[tuple[str, float]], metrics: QFontMetricsF, box: QRectF) -> bool:
    return (metrics.lineSpacing() * len(lines) <= box.height() + 1
            and all(width <= box.width() + 1 for _, width in lines))


def wrap(text: str, metrics: QFontMetricsF, width: float) -> list[tuple[str, float]]:
    """``text`` in lines no wider than ``width`` where spaces allow, each with its width;
    its own line breaks kept. A paragraph that fits is measured once."""
    lines: list[tuple[str, float]] = []
    for paragraph in text.splitlines() or [""]:
        words = paragraph.split()
        whole = " ".join(words)
        used = metrics.horizontalAdvance(whole)
        if used <= width or len(words) < 2:
            lines.append((whole, used))
            continue
        line, used = "", 0.0
        for word in words:
            trial = f"{line} {word}" if line else word
            wide = metrics.horizontalAdvance(trial)
            if line and wide > width:
                lines.append((line, used))
                line, used = word, metrics.horizontalAdvance(word)
            else:
                line, used = trial, wide
        lines.append((line, used))
    return lines


def add_lines(parent: QGraphicsItem, text: str, look: Look, color: str, box: QRectF,
              align: Align = "centre", place: Place = "middle", factor: float = 1.0,
              fit: bool = False) -> list[QGraphicsSimpleTextItem]:
    """``text`` wrapped to ``box``'s width as children of ``parent`` (in its coordinates).
    With ``fit``, the type shrinks (to SMALLEST of the look's size, in steps) until its
    longest word fits the width and its lines the height."""
    font, metrics = label_font(look, factor)
    lines = wrap(text, metrics, box.width())
    shrink = factor
    while fit and shrink * SHRINK >= factor * SMALLEST and not _fits(lines, metrics, box):
        shrink *= SHRINK
        font, metrics = label_font(look, round(shrink, 4))
        lines = wrap(text, metrics, box.width())
    step = metrics.lineSpacing()
    height = step * len(lines)
    top = (box.top() if place == "top" else box.bottom() - height if place == "bottom"
           else box.top() + (box.height() - height) / 2)
    brush = QColor(color)
    items = []
    for n, (line, width) in enumerate(lines):
        if not line:
            continue
        item = QGraphicsSimpleTextItem(line, parent)
        item.setFont(font)
        item.setBrush(brush)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        x = box.left()
        if align == "centre":
            x += (box.width() - width) / 2
        elif align == "right":
            x += box.width() - width
        item.setPos(x, top + n * step)
        items.append(item)
    return items
