"""A one-line label that elides its text to its width; the whole text is its tooltip.

The main window's status bar holds one from its first paint, so building and painting
one empty does not load the ``Qt`` namespace (about 13 ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from opsdesk.ui.widgets.plain_text import could_look_rich, tip

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


class ElidedLabel(QLabel):
    """For texts that may be longer than any window (a path, a name): it never asks for
    more room than a few characters, and shows "…" where it is cut.

    User text: it is drawn as written (``paintEvent`` draws plain text), and the label is
    made plain text when it is first given a text Qt could guess to be rich."""

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 mode: Qt.TextElideMode | None = None) -> None:
        super().__init__("", parent)
        self.mode = mode  # None: in the middle
        self._plain = False
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if text:
            self.setText(text)

    def setText(self, text: str) -> None:
        if not self._plain and could_look_rich(text):  # else Qt's guess is "plain" anyway
            from PySide6.QtCore import Qt

            self.setTextFormat(Qt.TextFormat.PlainText)  # user text: drawn as written
            self._plain = True
        super().setText(text)
        self.setToolTip(tip(text) or "")

    def clear(self) -> None:
        self.setText("")

    def minimumSizeHint(self) -> QSize:
        height = super().minimumSizeHint().height()
        return QSize(self.fontMetrics().horizontalAdvance("…" * 6), height)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text():
            return
        from PySide6.QtCore import Qt

        painter = QPainter(self)
        rect = self.contentsRect()
        mode = Qt.TextElideMode.ElideMiddle if self.mode is None else self.mode
        text = self.fontMetrics().elidedText(self.text(), mode, rect.width())
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)
