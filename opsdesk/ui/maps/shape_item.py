"""A node of the diagram spec as a scene item: the BPMN shape its role names.

The item is at the shape box's top-left corner and paints in box-local coordinates.
Tasks and sub-processes hold their label; events, gateways and data carry it below.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QStaticText,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from opsdesk.core.maps.diagram_spec import Shape
from opsdesk.ui.maps import look as lk

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
        self._text: QStaticText | None = None  # the label, laid out at its first paint
        self._text_font = ""
        self._paint_state: tuple[bool, QPen, QBrush] | None = None
        self._outline = self._outline_path()
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

    def _outline_path(self) -> QPainterPath:
        """The shape's outline, made once per spec (a repaint only draws it)."""
        s = self.spec
        w, h = s.box.w, s.box.h
        path = QPainterPath()
        if s.role in ("task", "subprocess"):
            path.addRoundedRect(QRectF(0, 0, w, h), 8, 8)
        elif s.role in lk.EVENT_FILLS:
            path.addEllipse(QRectF(0, 0, w, h))
        elif s.role in ("exclusive", "parallel", "inclusive"):
            path.addPolygon(QPolygonF([QPointF(w / 2, 0), QPointF(w, h / 2), QPointF(w / 2, h),
                                       QPointF(0, h / 2)]))
            path.closeSubpath()
        elif s.role == "data":
            fold = min(w, h) * 0.3
            path.addPolygon(QPolygonF([QPointF(0, 0), QPointF(w - fold, 0), QPointF(w, fold),
                                       QPointF(w, h), QPointF(0, h)]))
            path.closeSubpath()
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        s = self.spec
        w, h = s.box.w, s.box.h
        rect = QRectF(0, 0, w, h)
        selected = self.isSelected()
        if self._paint_state is None or self._paint_state[0] != selected:  # made once per state
            self._paint_state = (selected, self._pen(), QBrush(self._fill()))
        painter.setPen(self._paint_state[1])
        painter.setBrush(self._paint_state[2])
        role = s.role
        if role != "annotation":
            painter.drawPath(self._outline)
        if role in ("task", "subprocess"):
            if role == "subprocess" and s.collapsed:
                self._plus(painter, QRectF(w / 2 - 6, h - 15, 12, 12))
            if s.marker == "transaction":
                painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 6, 6)
        elif role in lk.EVENT_FILLS:
            if role in ("intermediate", "boundary", "wait"):
                painter.drawEllipse(rect.adjusted(3, 3, -3, -3))
            if role == "wait" or s.marker == "timer":
                self._clock(painter, rect.adjusted(7, 7, -7, -7))
        elif role in ("exclusive", "parallel", "inclusive"):
            self._gateway_mark(painter, role, rect)
        elif role == "annotation":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(QPolygonF([QPointF(12, 0), QPointF(0, 0), QPointF(0, h),
                                            QPointF(12, h)]))
        if s.linked_kpi:
            self._kpi_mark(painter, w)
        self._label(painter)
        if self.isSelected():  # the corner that resizes
            painter.setPen(QPen(QColor(lk.SELECTED), 1))
            painter.setBrush(QColor("white"))
            painter.drawRect(QRectF(w - 4, h - 4, 8, 8))

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

    def _label_box(self) -> tuple[QRectF, Qt.AlignmentFlag, bool]:
        """Where the label goes: its box, horizontal alignment, and whether it is centred
        vertically in the box (else it hangs from its top)."""
        s = self.spec
        w, h = s.box.w, s.box.h
        if s.role in ("task", "subprocess"):
            bottom = 16 if s.collapsed else 4
            return QRectF(5, 4, w - 10, h - 4 - bottom), Qt.AlignmentFlag.AlignHCenter, True
        if s.role == "annotation":
            return QRectF(6, 2, w - 8, h - 4), Qt.AlignmentFlag.AlignLeft, True
        r = self._bounds
        return (QRectF(r.left() + 2, h + 3, r.width() - 4, r.bottom() - h - 3),
                Qt.AlignmentFlag.AlignHCenter, False)

    def _label(self, painter: QPainter) -> None:
        s = self.spec
        if not s.text:
            return
        font = self.look.font(painter.font())
        painter.setFont(font)
        painter.setPen(QColor(lk.INK))
        rect, align, centred = self._label_box()
        # The wrapped lines are laid out once and kept: a pan repaints without layout.
        if self._text is None or self._text_font != font.key():
            text = QStaticText(s.text)
            option = QTextOption(align)
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            text.setTextOption(option)
            text.setTextWidth(rect.width())
            text.prepare(QTransform(), font)
            self._text, self._text_font = text, font.key()
        height = self._text.size().height()
        top = rect.top() + (rect.height() - height) / 2 if centred else rect.top()
        painter.drawStaticText(QPointF(rect.left(), top), self._text)
