"""Draws a KPI's last period values as a small line, the last point in its status colour."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from opsdesk.ui.kpis.scorecard_model import SPARK_ROLE, STATUS_ROLE
from opsdesk.ui.kpis.status_look import STRONG


class SparklineDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        values = index.data(SPARK_ROLE) or ()
        if len(values) < 2:
            return
        rect = option.rect.adjusted(6, 5, -8, -5)
        lo, hi = min(values), max(values)
        span = (hi - lo) or 1.0
        step = rect.width() / (len(values) - 1)
        points = [QPointF(rect.left() + i * step, rect.bottom() - (v - lo) / span * rect.height())
                  for i, v in enumerate(values)]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("#52606d"), 1.3)
        painter.setPen(pen)
        painter.drawPolyline(QPolygonF(points))
        colour = QColor(STRONG.get(index.data(STATUS_ROLE) or "", "#52606d"))
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(points[-1], 3.0, 3.0)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(96, 24)
