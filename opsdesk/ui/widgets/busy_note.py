"""A quiet line of text in the middle of an empty area: "Opening plant.opsdesk…".

Drawn with the painter, so the text (a file name) shows as written, never as rich text,
and without loading the ``Qt`` namespace (about 13 ms): the window shows one at start-up.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

# Qt.AlignmentFlag.AlignCenter (AlignHCenter | AlignVCenter), as QPainter.drawText takes it
_CENTRED = 0x0004 | 0x0080


class BusyNote(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyNote")
        self._text = text
        palette = self.palette()  # the painter's pen (QPainter.setPen loads the namespace)
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#52606d"))  # as "secondary"
        self.setPalette(palette)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawText(self.rect(), _CENTRED, self._text)
        painter.end()
