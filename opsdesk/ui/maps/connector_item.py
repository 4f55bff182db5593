"""A flow of the diagram spec as a scene item: its routed polyline, arrow and label."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from opsdesk.core.maps.diagram_spec import Connector
from opsdesk.ui.maps import look as lk

HEAD = 10.0  # arrow head length
PICK = 8.0  # how wide a flow is to the mouse


def polyline(points: list[QPointF]) -> QPainterPath:
    path = QPainterPath()
    if points:
        path.moveTo(points[0])
        for p in points[1:]:
            path.lineTo(p)
    return path


class ConnectorItem(QGraphicsItem):
    def __init__(self, connector: Connector, look: lk.Look, overlays: lk.Overlays) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(5)
        self.look, self.overlays = look, overlays
        self._set(connector)

    def _set(self, connector: Connector) -> None:
        self.prepareGeometryChange()
        self.spec = connector
        self.points = [QPointF(p.x, p.y) for p in connector.points]
        self._path = polyline(self.points)
        self._head = _head(*self.points[-2:]) if len(self.points) >= 2 else QPolygonF()
        self._pens: tuple[bool, QPen, QPen, QBrush] | None = None
        stroker = QPainterPathStroker()
        stroker.setWidth(PICK)
        self._pick = stroker.createStroke(self._path)
        bounds = self._path.boundingRect().adjusted(-HEAD, -HEAD, HEAD, HEAD)
        if connector.label and connector.label_at is not None:
            at = connector.label_at
            half = 70 * self.look.text_scale
            bounds = bounds.united(QRectF(at.x - half, at.y - 30 * self.look.text_scale,
                                          2 * half, 32 * self.look.text_scale))
        self._bounds = bounds

    def update_spec(self, connector: Connector, look: lk.Look, overlays: lk.Overlays) -> None:
        if connector == self.spec and look == self.look and overlays == self.overlays:
            return
        self.look, self.overlays = look, overlays
        self._set(connector)
        self.update()

    @property
    def flow_id(self) -> str:
        return self.spec.id

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._pick

    def _pen(self) -> QPen:
        c, o = self.spec, self.overlays
        color, width = QColor(lk.INK), 1.4
        if o.handoffs and "handoff" in c.emphasis:
            color, width = QColor(lk.HANDOFF), 2.6
        if o.critical and "critical" in c.emphasis:
            color, width = QColor(lk.CRITICAL), 3.0
        if self.isSelected():
            color, width = QColor(lk.SELECTED), 2.6
        pen = QPen(color, width)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if c.dashed:
            pen.setStyle(Qt.PenStyle.DashLine if c.role == "message" else Qt.PenStyle.DotLine)
        return pen

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if len(self.points) < 2:
            return
        # pens and the arrow head are made once per state: a repaint only draws
        selected = self.isSelected()
        if self._pens is None or self._pens[0] != selected:
            pen = self._pen()
            solid = QPen(pen)
            solid.setStyle(Qt.PenStyle.SolidLine)
            head = pen.color() if self.spec.arrow == "filled" else QColor("white")
            self._pens = (selected, pen, solid, QBrush(head))
        _, pen, solid, fill = self._pens
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(solid)
        if self.spec.arrow != "none":
            painter.setBrush(fill)
            painter.drawPolygon(self._head)
        if self.spec.start_mark == "circle":
            painter.setBrush(QBrush(QColor("white")))
            painter.drawEllipse(self.points[0], 4, 4)
        if self.spec.default:
            self._slash(painter)
        if self.spec.label and self.spec.label_at is not None:
            self._label(painter)

    def _slash(self, painter: QPainter) -> None:
        a, b = self.points[0], self.points[1]
        length = math.hypot(b.x() - a.x(), b.y() - a.y()) or 1.0
        ux, uy = (b.x() - a.x()) / length, (b.y() - a.y()) / length
        c = QPointF(a.x() + ux * 10, a.y() + uy * 10)
        nx, ny = -uy, ux
        painter.drawLine(QPointF(c.x() + (nx - ux) * 5, c.y() + (ny - uy) * 5),
                         QPointF(c.x() - (nx - ux) * 5, c.y() - (ny - uy) * 5))

    def _label(self, painter: QPainter) -> None:
        at = self.spec.label_at
        assert at is not None
        painter.setFont(self.look.font(painter.font(), 0.9))
        painter.setPen(QColor(lk.MUTED))
        half = 70 * self.look.text_scale
        rect = QRectF(at.x - half, at.y - 30 * self.look.text_scale, 2 * half,
                      28 * self.look.text_scale)
        painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
                         | Qt.TextFlag.TextWordWrap, self.spec.label)


def _head(a: QPointF, b: QPointF) -> QPolygonF:
    angle = math.atan2(b.y() - a.y(), b.x() - a.x())
    left = QPointF(b.x() - HEAD * math.cos(angle - 0.4), b.y() - HEAD * math.sin(angle - 0.4))
    right = QPointF(b.x() - HEAD * math.cos(angle + 0.4), b.y() - HEAD * math.sin(angle + 0.4))
    return QPolygonF([b, left, right])
