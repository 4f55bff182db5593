"""A scroll area for a form or a column of notes: it scrolls up and down, never sideways.

It asks its layout for the width its content needs (a plain QScrollArea lets the layout
squeeze a form under its fields and then scrolls it sideways), and sizes the content
itself: as high as the view, or as its wrapped lines need at the width left beside the
scroll bar (QScrollArea measures them at the full width, and cuts the last lines).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStyle, QWidget


class VerticalScrollArea(QScrollArea):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(widget)
        widget.installEventFilter(self)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.fit)

    def _bar(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        hint = super().minimumSizeHint()
        if inner is None:
            return hint
        width = inner.minimumSizeHint().width() + self._bar() + 2 * self.frameWidth()
        return QSize(width, hint.height())

    def _needed(self, width: int) -> int:
        inner = self.widget()
        if inner is None:
            return 0
        least = inner.minimumSizeHint().height()
        if inner.hasHeightForWidth():
            return max(least, inner.heightForWidth(width))
        layout = inner.layout()
        if layout is not None and layout.hasHeightForWidth():
            return max(least, layout.totalHeightForWidth(width))
        return least

    def fit(self) -> None:
        inner = self.widget()
        if inner is None:
            return
        room = self.maximumViewportSize()
        width = room.width()
        height = self._needed(width)
        if height > room.height():  # the scroll bar takes its width: measure again there
            width -= self._bar()
            height = self._needed(width)
        if inner.sizePolicy().verticalPolicy() != QSizePolicy.Policy.Maximum:
            height = max(height, room.height())  # fill the view, unless it keeps its height
        inner.resize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._soon.start()  # new text, new lines
        return False
