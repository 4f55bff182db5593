"""The frame each page sits in: when the window is smaller than the page can be (zoomed
in on a small screen), the page scrolls instead of squeezing its controls under their
minimum sizes, where texts are cut and charts lose their plot area.

The page is sized here, to the view or to its minimum size, whichever is larger:
QScrollArea's own resizing takes a page's preferred height as its minimum as soon as
the page holds a word-wrapped label, and would make every such page scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget


class PageScroll(QScrollArea):
    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(page)
        page.installEventFilter(self)
        self._soon = QTimer(self)  # after the page's own layout pass, never inside it
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.fit)

    def page_size(self) -> QSize:
        """The view's size, grown to the page's minimum where the view is smaller (and
        less a scroll bar's width across where the other direction scrolls)."""
        page = self.widget()
        if page is None:
            return self.maximumViewportSize()
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        room = self.maximumViewportSize()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width, height = room.width(), room.height()
        if least.height() > height:
            width -= bar
        if least.width() > width:
            height -= bar
            if least.height() > height and least.height() <= room.height():
                width -= bar  # the horizontal bar made the vertical one needed
        return QSize(max(width, least.width()), max(height, least.height()))

    def fit(self) -> None:
        page = self.widget()
        if page is not None:
            page.resize(self.page_size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._soon.start()  # its minimum may have changed (zoom, a wrapped tool bar)
        return False
