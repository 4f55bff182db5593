"""A layout that puts its items in a row and wraps onto more rows when the row is full.

For tool bars of controls: one row on a wide screen, two on a projector or when zoomed,
and never a control cut to fit. Qt's own flow-layout example, typed; an item added with
``add_stretch`` pushes the items after it to the right end of their row.

It tells its parent how high it is through its minimum size, measured at the width it
was last given, rather than through Qt's height-for-width: that path makes pyqtgraph
views further down the page crash when the page is tight (zoomed in, 720 px high).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QStyle,
    QWidget,
)


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._height: int | None = None  # of the rows at the width last laid out
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- building ------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_stretch(self) -> None:
        """The items after this one go to the right end of their row."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding))

    def add_labelled(self, label: str, widget: QWidget) -> QWidget:
        """``label`` and ``widget`` side by side, kept together when the row wraps."""
        text = QLabel(label)
        text.setBuddy(widget)
        return self.add_row(text, widget)

    def add_row(self, *widgets: QWidget) -> QWidget:
        """``widgets`` side by side, kept together when the row wraps."""
        group = QWidget()
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        self.addWidget(group)
        return group

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes ---------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        height = self._arrange(rect, move=True)
        if height != self._height:  # more or fewer rows: ask the parent for that height
            self._height = height
            self.update()  # posted, so the parent lays out again after this pass

    def _rows_height(self) -> int:
        if self._height is not None:
            return self._height
        one_row = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return one_row + m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        """All items in one row, as high as the rows it has now."""
        width = sum(i.sizeHint().width() for i in self._visible())
        width += self._gap() * max(0, len(self._visible()) - 1)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), self._rows_height())

    def minimumSize(self) -> QSize:
        """As narrow as the widest item, as high as the rows it has now."""
        width = max((i.minimumSize().width() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), self._rows_height())

    def _plus_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items
                if not ((widget := i.widget()) is not None and widget.isHidden())]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); return the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = item.sizeHint().width() if item.spacerItem() is None else 0
            if rows[-1] and used + gap + w > area.width():
                # a stretch that ends a row starts the next one: what follows it stays
                # at the right end
                carried = [rows[-1].pop()] if rows[-1][-1].spacerItem() is not None else []
                rows.append(carried)
                used = 0
            used += (gap if rows[-1] else 0) + w
            rows[-1].append(item)
        y = area.y()
        for row in rows:
            items = [i for i in row if i.spacerItem() is None]
            if not items:
                continue
            height = max(i.sizeHint().height() for i in items)
            if move:
                spare = area.width() - sum(i.sizeHint().width() for i in items) \
                    - gap * (len(items) - 1)
                x = area.x()
                for item in row:
                    if item.spacerItem() is not None:
                        x += max(0, spare)  # push the rest of the row right
                        spare = 0
                        continue
                    hint = item.sizeHint()
                    width = min(hint.width(), area.width())
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, hint.height())))
                    x += width + gap
            y += height + gap
        return y - gap - area.y() + m.top() + m.bottom() if y > area.y() else 0
