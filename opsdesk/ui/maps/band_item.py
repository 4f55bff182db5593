"""A pool or lane of the diagram spec as a scene item: a band with a title strip."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from opsdesk.core.maps.diagram_spec import Band
from opsdesk.ui.maps import look as lk


class BandItem(QGraphicsItem):
    def __init__(self, band: Band, look: lk.Look, index: int) -> None:
        super().__init__()
        self.setZValue(band.depth + (0 if band.role == "pool" else 1))
        self.look, self.index = look, index
        self._set(band)

    def _set(self, band: Band) -> None:
        self.prepareGeometryChange()
        self.spec = band
        self._title: tuple[QFont, str] | None = None
        self.setPos(band.box.x, band.box.y)
        self._bounds = QRectF(-1, -1, band.box.w + 2, band.box.h + 2)

    def update_spec(self, band: Band, look: lk.Look, index: int) -> None:
        if band == self.spec and look == self.look and index == self.index:
            return
        self.look, self.index = look, index
        self._set(band)
        self.update()

    @property
    def band_id(self) -> str:
        return self.spec.id

    def boundingRect(self) -> QRectF:
        return self._bounds

    def header_rect(self) -> QRectF:
        """The title strip in scene coordinates."""
        h = self.spec.header
        return QRectF(h.x, h.y, h.w, h.h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        b = self.spec
        rect = QRectF(0, 0, b.box.w, b.box.h)
        header = QRectF(b.header.x - b.box.x, b.header.y - b.box.y, b.header.w, b.header.h)
        painter.setPen(QPen(QColor(lk.BORDER), 1.0))
        fill = "#ffffff" if b.role == "pool" else lk.LANE_FILLS[self.index % 2]
        painter.setBrush(QColor(fill))
        painter.drawRect(rect)
        painter.setBrush(QColor(lk.POOL_HEADER_FILL if b.role == "pool" else lk.HEADER_FILL))
        painter.drawRect(header)
        if not b.title:
            return
        horizontal = b.orientation == "horizontal"
        # the strip as the title reads it: along the lane's side, across the strip
        along = (header.height() if horizontal else header.width()) - 8
        across = header.width() if horizontal else header.height()
        if self._title is None:  # fitted once per spec and look
            self._title = self._fitted(painter, b.title, along, across)
        font, text = self._title
        painter.setFont(font)
        painter.setPen(QColor(lk.INK))
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        if horizontal:  # the title reads bottom to top in its strip
            painter.save()
            painter.translate(header.left(), header.bottom())
            painter.rotate(-90)
            painter.drawText(QRectF(4, 0, along, across), flags, text)
            painter.restore()
        else:
            painter.drawText(QRectF(header.x() + 4, header.y(), along, across), flags, text)

    def _fitted(self, painter: QPainter, title: str, along: float, across: float
                ) -> tuple[QFont, str]:
        """The largest type (down to 70 % of the normal look's) in which the title fits
        the strip, on one line or two; then what still does not fit is cut with an
        ellipsis. Presentation's large type thus shrinks to about normal before a title
        is cut."""
        font = self.look.font(painter.font(), 1.05, bold=True)
        full = font.pointSizeF()
        wrap = int(Qt.TextFlag.TextWordWrap)
        factors = [1.0]
        while (factors[-1] - 0.1) * self.look.text_scale >= 0.7 - 1e-9:
            factors.append(round(factors[-1] - 0.1, 4))
        for factor in factors:
            font.setPointSizeF(full * factor)
            need = QFontMetricsF(font).boundingRect(QRectF(0, 0, along, 10_000), wrap, title)
            if need.width() <= along and need.height() <= across:
                return font, title
        metrics = QFontMetricsF(font)
        return font, metrics.elidedText(title, Qt.TextElideMode.ElideRight, along)
