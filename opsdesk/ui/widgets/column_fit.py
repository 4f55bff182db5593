"""Sizes a table's columns to their contents within the width the table has.

Columns of numbers, dates and statuses keep the width their contents need. Columns of
free text (names, owners, reasons) are "flexible": they give up width first, down to a
floor of a few characters, and elide their text (the tooltip holds it), so that a long
owner name never pushes the columns a reader scans off screen. Spare width goes to the
``fill`` column, or is shared by all (``fill=None``). Only when even the floors do not
fit does the table scroll sideways.

A table out of sight (on a tab not chosen) is measured when it is shown, before it is
drawn, not each time its rows change: a page of tabs pays only for the one in view. One
that holds its minimum width for its layout is always measured.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from opsdesk.ui.style import BASE_POINT_SIZE

FLOOR_CHARS = 10  # a flexible column keeps room for about this many characters
QT_DEFAULT_PRECISION = 1000
PRECISION = 100  # rows measured beyond those in view


class ColumnFit(QObject):
    def __init__(self, view: QTableView, flexible: tuple[int, ...] = (),
                 fill: int | None = None, fixed: dict[int, int] | None = None,
                 floor_chars: int = FLOOR_CHARS, floors: dict[int, int] | None = None,
                 hold_minimum: bool = False) -> None:
        super().__init__(view)
        self.view = view
        self.flexible = flexible
        self.fill = fill
        self.fixed = dict(fixed or {})  # column -> width in pixels at 100 % zoom
        self.floor_chars = floor_chars
        self.floors = dict(floors or {})  # column -> characters, where not floor_chars
        self.hold_minimum = hold_minimum  # the view asks its layout for the floors' width
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if header.resizeContentsPrecision() == QT_DEFAULT_PRECISION:
            # the widths come from the rows in view and the next hundred or so: Qt's
            # 1,000 made a 20,000-row list spend a second measuring text
            header.setResizeContentsPrecision(PRECISION)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.fit)
        self._stale = False  # rows changed while out of sight: measured when shown
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved, model.dataChanged):
            signal.connect(self._soon.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and watched is self.view and self._stale:
            self.fit()  # before its first paint
            return False
        if (kind == QEvent.Type.Resize and watched is self.view.viewport()) or (
                kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
                and watched is self.view):
            self._soon.start()
        return False

    def wanted(self) -> dict[int, int]:
        """Each column's width for its header and (the first rows of) its cells."""
        view, header = self.view, self.view.horizontalHeader()
        scale = view.font().pointSizeF() / BASE_POINT_SIZE  # the zoom
        least = header.minimumSectionSize()
        out = {}
        for c in range(view.model().columnCount()):
            if header.isSectionHidden(c):
                continue
            if c in self.fixed:
                out[c] = round(self.fixed[c] * scale)
            else:
                out[c] = max(least, header.sectionSizeFromContents(c).width(),
                             view.sizeHintForColumn(c))
        return out

    def minimum_width(self) -> int:
        """The width the columns need with the flexible ones at their floor."""
        return sum(min(w, self._floor(c)) if c in self.flexible else w
                   for c, w in self.wanted().items())

    def _floor(self, column: int) -> int:
        chars = self.floors.get(column, self.floor_chars)
        return self.view.fontMetrics().averageCharWidth() * chars

    def fit(self) -> None:
        if not self.hold_minimum and not self.view.isVisible():
            self._stale = True
            return
        self._stale = False
        widths = self.wanted()
        if self.hold_minimum:
            view = self.view
            bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
            view.setMinimumWidth(self.minimum_width() + 2 * view.frameWidth() + bar)
        room = self.view.viewport().width()
        excess = sum(widths.values()) - room
        give = {c: max(0, widths[c] - self._floor(c)) for c in self.flexible if c in widths}
        if excess > 0 and any(give.values()):
            share = min(1.0, excess / sum(give.values()))
            for c, spare in give.items():  # each gives the same share of what it can
                widths[c] -= int(spare * share + 0.999)
        elif excess < 0 and self.fill in widths:
            widths[self.fill] -= excess
        elif excess < 0 and self.fill is None and widths:
            share, extra = divmod(-excess, len(widths))
            for i, c in enumerate(widths):
                widths[c] += share + (i < extra)
        header = self.view.horizontalHeader()
        for c, width in widths.items():
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)
