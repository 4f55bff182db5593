"""A node of the diagram spec as a scene item: the BPMN shape its role names.

The item is at the shape box's top-left corner and paints in box-local coordinates.
Tasks and sub-processes hold their label; events, gateways and data carry it below.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from opsdesk.core.maps.diagram_spec import Shape
from opsdesk.ui.maps import look as lk

ROLE_SHAPE = "shape"
INSIDE = frozenset({"task", "subprocess", "annotation"})  # roles whose label is inside
LABEL_W = 120.0  # the width a label below a small shape may take


class ShapeItem(QGraphicsItem):
    def __init__(self, shape: Shape, look: lk.Look, overlays: lk.Overlays) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(10)
        self.look, self.overlays = look, overlays
        self.spec = shape
        self._set(shape)

    # -- state ---------------------------------------------------------------------
    def _set(self, shape: Shape) -> None:
        self.prepareGeometryChange()
        self.spec = shape
        self.setPos(shape.box.x, shape.box.y)
        w, h = shape.box.w, shape.box.h
        if shape.role in INSIDE:
            self._bounds = QRectF(-4, -4, w + 8, h + 8)
        else:  # the label below, up to three lines
            lines = 3 * self.look.label_size * 1.6
            half = max(w, LABEL_W * self.look.text_scale) / 2
            self._bounds = QRectF(w / 2 - half - 2, -4, 2 * half + 4, h + lines + 8)

    def update_spec(self, shape: Shape, look: lk.Look, overlays: lk.Overlays) -> None:
        if shape == self.spec and look == self.look and overlays == self.overlays:
            return
        self.look, self.overlays = look, overlays
        self._set(shape)
        self.update()

    @property
    def node_id(self) -> str:
        return self.spec.id

    def box_rect(self) -> QRectF:
        """The shape's box in scene coordinates, where it is now (during a drag too)."""
        b = self.spec.box
        return QRectF(self.pos().x(), self.pos().y(), b.w, b.h)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.spec.box.w, self.spec.box.h))
        return path

    # -- drawing -------------------------------------------------------------------
    def _fill(self) -> QColor:
        s, o = self.spec, self.overlays
        if o.heat and s.heat is not None and s.role in INSIDE:
            return lk.heat_color(s.heat)
        if o.value_class and s.value_class in lk.VALUE_FILLS:
            return QColor(lk.VALUE_FILLS[s.value_class])
        if s.role in lk.EVENT_FILLS:
            return QColor(lk.EVENT_FILLS[s.role])
        if s.role in ("exclusive", "parallel", "inclusive"):
            return QColor(lk.GATEWAY_FILL)
        if s.role in ("data", "annotation"):
            return QColor(lk.ARTIFACT_FILL)
        return QColor(lk.TASK_FILL)

    def _pen(self) -> QPen:
        s, o = self.spec, self.overlays
        color, width = QColor(lk.INK), 1.4
        if o.critical and "critical" in s.emphasis:
            color, width = QColor(lk.CRITICAL), 3.0
        if o.any and ("unreachable" in s.emphasis or "dead_end" in s.emphasis):
            color, width = QColor(lk.PROBLEM), 2.5
        if self.isSelected():
            color, width = QColor(lk.SELECTED), 2.6
        if s.role == "end":
            width = max(width, 3.0)
        pen = QPen(color, width)
        if s.role == "boundary" and not s.interrupting:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        s = self.spec
        w, h = s.box.w, s.box.h
        rect = QRectF(0, 0, w, h)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen())
        painter.setBrush(QBrush(self._fill()))
        role = s.role
        if role in ("task", "subprocess"):
            painter.drawRoundedRect(rect, 8, 8)
            if role == "subprocess" and s.collapsed:
                self._plus(painter, QRectF(w / 2 - 6, h - 15, 12, 12))
            if s.marker == "transaction":
                painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 6, 6)
        elif role in lk.EVENT_FILLS:
            painter.drawEllipse(rect)
            if role in ("intermediate", "boundary", "wait"):
                painter.drawEllipse(rect.adjusted(3, 3, -3, -3))
            if role == "wait" or s.marker == "timer":
                self._clock(painter, rect.adjusted(7, 7, -7, -7))
        elif role in ("exclusive", "parallel", "inclusive"):
            painter.drawPolygon(QPolygonF([QPointF(w / 2, 0), QPointF(w, h / 2),
                                           QPointF(w / 2, h), QPointF(0, h / 2)]))
            self._gateway_mark(painter, role, rect)
        elif role == "data":
            fold = min(w, h) * 0.3
            painter.drawPolygon(QPolygonF([QPointF(0, 0), QPointF(w - fold, 0),
                                           QPointF(w, fold), QPointF(w, h), QPointF(0, h)]))
        elif role == "annotation":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(QPolygonF([QPointF(12, 0), QPointF(0, 0), QPointF(0, h),
                                            QPointF(12, h)]))
        if s.linked_kpi:
            self._kpi_mark(painter, w)
        self._label(painter)

    def _plus(self, painter: QPainter, r: QRectF) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(r)
        painter.drawLine(QPointF(r.center().x(), r.top() + 3), QPointF(r.center().x(),
                                                                       r.bottom() - 3))
        painter.drawLine(QPointF(r.left() + 3, r.center().y()), QPointF(r.right() - 3,
                                                                        r.center().y()))

    def _clock(self, painter: QPainter, r: QRectF) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(lk.INK), 1.2))
        painter.drawEllipse(r)
        c = r.center()
        painter.drawLine(c, QPointF(c.x(), r.top() + 2))
        painter.drawLine(c, QPointF(r.right() - 3, c.y()))

    def _gateway_mark(self, painter: QPainter, role: str, r: QRectF) -> None:
        c, k = r.center(), min(r.width(), r.height()) * 0.18
        mark = QPen(QColor(lk.INK), 3.0)
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(mark)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if role == "exclusive":
            painter.drawLine(QPointF(c.x() - k, c.y() - k), QPointF(c.x() + k, c.y() + k))
            painter.drawLine(QPointF(c.x() - k, c.y() + k), QPointF(c.x() + k, c.y() - k))
        elif role == "parallel":
            d = k * math.sqrt(2)
            painter.drawLine(QPointF(c.x(), c.y() - d), QPointF(c.x(), c.y() + d))
            painter.drawLine(QPointF(c.x() - d, c.y()), QPointF(c.x() + d, c.y()))
        else:
            painter.setPen(QPen(QColor(lk.INK), 2.4))
            painter.drawEllipse(c, k * 1.3, k * 1.3)

    def _kpi_mark(self, painter: QPainter, w: float) -> None:
        """A small gauge tab at the top right: this step's time comes from a KPI."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(lk.SELECTED))
        painter.drawEllipse(QRectF(w - 13, 3, 10, 10))

    def _label(self, painter: QPainter) -> None:
        s = self.spec
        if not s.text:
            return
        painter.setFont(self.look.font(painter.font()))
        painter.setPen(QColor(lk.INK))
        w, h = s.box.w, s.box.h
        wrap = Qt.TextFlag.TextWordWrap
        if s.role in ("task", "subprocess"):
            bottom = 16 if s.collapsed else 4
            painter.drawText(QRectF(5, 4, w - 10, h - 4 - bottom),
                             Qt.AlignmentFlag.AlignCenter | wrap, s.text)
        elif s.role == "annotation":
            painter.drawText(QRectF(6, 2, w - 8, h - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | wrap,
                             s.text)
        else:
            r = self._bounds
            painter.drawText(QRectF(r.left() + 2, h + 3, r.width() - 4, r.bottom() - h - 3),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | wrap,
                             s.text)
