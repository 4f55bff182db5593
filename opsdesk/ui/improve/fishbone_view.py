"""The fishbone diagram on screen: core lays the tree out (``fishbone_layout.layout``,
measured with this widget's font, so the labels fit) and this only draws the spec, as
the PDF's ``fishbone_render`` draws the same one. A confirmed cause is green and underlined
with a thicker rib, a ruled-out one grey and struck through, an open one plain."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from opsdesk.core.improve.fishbone import Fishbone
from opsdesk.core.improve.fishbone_layout import layout
from opsdesk.core.improve.fishbone_spec import FishboneSpec, Label

FONT_SIZE = 9.0  # in the spec's units: a spec unit is one pixel at zoom 1
MAX_ZOOM = 1.4   # 9 px text at most 12.6 px: about the body text's size
WIDTHS = {"spine": 2.0, "bone": 1.2, "rib": 0.8, "twig": 0.6}
INK = {"confirmed": "#1b5e20", "ruled out": "#8a949e", "open": "#1f2933"}
FRAME, FILL = "#2f6690", "#e3eef7"


class FishboneView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.spec: FishboneSpec | None = None
        self.label_font = QFont(self.font())
        self.label_font.setPixelSize(round(FONT_SIZE))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def measure(self, text: str, size: float) -> float:
        font = QFont(self.label_font)
        font.setPixelSize(max(1, round(size)))  # the layout's line heights are in pixels too
        return QFontMetricsF(font).horizontalAdvance(text)

    def show_tree(self, tree: Fishbone) -> None:
        self.spec = layout(tree, font_size=FONT_SIZE, measure=self.measure) \
            if tree.categories else None
        self.setVisible(self.spec is not None)
        self._fit_height()
        self.updateGeometry()
        self.update()

    def _scale(self) -> float:
        if self.spec is None:
            return 1.0
        return min(MAX_ZOOM, max(0.1, self.width() / self.spec.width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the diagram drawn at this width. Through the minimum height, not
        Qt's height-for-width, which upsets the pyqtgraph chart above (see FlowLayout)."""
        height = int(self.spec.height * self._scale()) + 2 if self.spec else 0
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def sizeHint(self) -> QSize:
        if self.spec is None:
            return QSize(400, 0)
        return QSize(int(self.spec.width), int(self.spec.height))

    def paintEvent(self, event: QPaintEvent) -> None:
        spec = self.spec
        if spec is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(self._scale(), self._scale())
        confirmed = {label.rect.y + label.rect.h for label in spec.labels
                     if label.status == "confirmed"}
        for line in spec.lines:
            width = WIDTHS[line.role]
            if line.role == "rib" and line.start.y in confirmed:
                width = 1.6
            painter.setPen(QPen(QColor(INK["open"]), width))
            start, end = QPointF(line.start.x, line.start.y), QPointF(line.end.x, line.end.y)
            painter.drawLine(start, end)
            if line.arrow:
                painter.setBrush(QColor(INK["open"]))
                painter.drawPolygon(QPolygonF([end, QPointF(end.x() - 8, end.y() - 4),
                                               QPointF(end.x() - 8, end.y() + 4)]))
        for label in spec.labels:
            self._label(painter, label, spec)
        painter.end()

    def _label(self, painter: QPainter, label: Label, spec: FishboneSpec) -> None:
        rect = QRectF(label.rect.x, label.rect.y, label.rect.w, label.rect.h)
        font = QFont(self.label_font)
        ink = QColor(INK.get(label.status or "open", INK["open"]))
        if label.framed:
            painter.setPen(QPen(QColor(FRAME), 1.0))
            painter.setBrush(QColor(FILL if label.role == "category" else "#ffffff"))
            painter.drawRect(rect)
            ink = QColor(INK["open"])
        font.setStrikeOut(label.status == "ruled out")
        font.setUnderline(label.status == "confirmed")  # bold would be wider than measured
        painter.setFont(font)
        painter.setPen(ink)
        pad = 4.0 if label.framed else 0.0
        align = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight,
                 "center": Qt.AlignmentFlag.AlignHCenter}[label.align]
        for n, text in enumerate(label.lines):
            slot = QRectF(rect.x() + pad, rect.y() + pad + n * spec.line_height,
                          rect.width() - 2 * pad, spec.line_height)
            painter.drawText(slot, int(align | Qt.AlignmentFlag.AlignVCenter), text)
