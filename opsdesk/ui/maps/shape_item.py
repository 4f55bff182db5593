"""A node of the diagram spec as a scene item: the BPMN shape its role names.

The item is at the shape box's top-left corner and draws nothing itself
(``ItemHasNoContents``): it is what is selected, dragged and hit. What shows is Qt's stock
items as its children, in box-local coordinates, made once per spec: the outline, the
role's marks (an event's inner ring, a gateway's cross, a timer's clock, a collapsed
sub-process's plus), the KPI tag, the label's lines and, while selected, the resize
corner. A repaint never calls into Python; selection and the overlays restyle the
children.
Tasks and sub-processes hold their label; events, gateways and data carry it below.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shiboken6 import delete

from opsdesk.core.maps.diagram_spec import Shape
from opsdesk.core.maps.model import Box
from opsdesk.ui.maps import look as lk
from opsdesk.ui.maps.label_lines import Align, Place, add_lines

INSIDE = frozenset({"task", "subprocess", "annotation"})  # roles whose label is inside
GATEWAYS = frozenset({"exclusive", "parallel", "inclusive"})
LABEL_W = 120.0  # the width of a caption core did not place (captions.WIDTH)
PEN = 2.0  # half the widest pen a shape is drawn with, and a little more


class _Path(QGraphicsPathItem):
    """A stock path item whose outline for hit tests (and so its bounds) is its box and
    the widest pen, made once, not the path stroked anew at each test."""

    def __init__(self, path: QPainterPath) -> None:
        super().__init__(path)
        self._shape = QPainterPath()
        self._shape.addRect(path.controlPointRect().adjusted(-PEN, -PEN, PEN, PEN))

    def shape(self) -> QPainterPath:
        return self._shape


def _part(item: Any, parent: QGraphicsItem) -> Any:
    """A child that shows part of the shape; the shape item is what the mouse meets."""
    item.setParentItem(parent)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    return item


class ShapeItem(QGraphicsItem):
    def __init__(self, shape: Shape, look: lk.Look, overlays: lk.Overlays) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(10)
        self.look, self.overlays = look, overlays
        self.spec = shape
        self._parts: list[QGraphicsItem] = []
        self._set(shape)

    # -- state ---------------------------------------------------------------------
    def _set(self, shape: Shape) -> None:
        self.prepareGeometryChange()
        for part in self._parts:  # gone from the scene with their C++ objects
            delete(part)
        self.spec = shape
        self.setPos(shape.box.x, shape.box.y)
        w, h = shape.box.w, shape.box.h
        self._bounds = QRectF(-4, -4, w + 8, h + 8)
        if shape.role not in INSIDE and shape.text:  # and the caption beside it
            self._bounds = self._bounds.united(self._label_box()[0].adjusted(-2, -2, 2, 2))
        self.outline = _part(_Path(self._outline_path()), self)
        marks = self._marks_path()  # drawn with the outline's pen
        self.marks = _part(_Path(marks), self) if not marks.isEmpty() else None
        self.gateway = _part(_Path(self._gateway_path()), self) if shape.role in GATEWAYS \
            or shape.role == "wait" or shape.marker == "timer" else None
        self._parts = [p for p in (self.outline, self.marks, self.gateway) if p is not None]
        if shape.linked_kpi:  # a small gauge tab at the top right: the time is a KPI's
            tag = _part(QGraphicsEllipseItem(QRectF(w - 13, 3, 10, 10)), self)
            tag.setPen(QPen(Qt.PenStyle.NoPen))
            tag.setBrush(QColor(lk.SELECTED))
            self._parts.append(tag)
        self.label = self._label() if shape.text else []
        self._parts += self.label
        self.corner: QGraphicsRectItem | None = None  # made when first selected
        self.restyle()

    def update_spec(self, shape: Shape, look: lk.Look, overlays: lk.Overlays) -> None:
        if shape == self.spec and look == self.look and overlays == self.overlays:
            return
        same_parts = shape == self.spec and look == self.look
        self.look, self.overlays = look, overlays
        if same_parts:
            self.restyle()  # only the overlays changed: the same parts, restyled
        else:
            self._set(shape)

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

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Nothing: the children show the shape (never called, as the item has no
        contents)."""

    # -- looks ---------------------------------------------------------------------
    def restyle(self) -> None:
        """The children's pens and fills for the spec, the overlays and the selection
        (the scene calls this when the selection changes)."""
        pen = self._pen()
        self.outline.setPen(pen)
        self.outline.setBrush(QBrush(self._fill()))
        if self.marks is not None:
            self.marks.setPen(pen)
            self.marks.setBrush(Qt.BrushStyle.NoBrush)
        if self.gateway is not None:
            width = 1.2 if self.spec.role not in GATEWAYS else (
                2.4 if self.spec.role == "inclusive" else 3.0)
            mark = QPen(QColor(lk.INK), width)
            mark.setCapStyle(Qt.PenCapStyle.RoundCap if self.spec.role in GATEWAYS
                             else Qt.PenCapStyle.SquareCap)
            self.gateway.setPen(mark)
            self.gateway.setBrush(Qt.BrushStyle.NoBrush)
        if self.isSelected() and self.corner is None:  # the corner that resizes
            b = self.spec.box
            self.corner = _part(QGraphicsRectItem(QRectF(b.w - 4, b.h - 4, 8, 8)), self)
            self.corner.setPen(QPen(QColor(lk.SELECTED), 1))
            self.corner.setBrush(QColor("white"))
            self._parts.append(self.corner)
        if self.corner is not None:
            self.corner.setVisible(self.isSelected())

    def _fill(self) -> QColor:
        s, o = self.spec, self.overlays
        if o.heat and s.heat is not None and s.role in INSIDE:
            return lk.heat_color(s.heat)
        if o.value_class and s.value_class in lk.VALUE_FILLS:
            return QColor(lk.VALUE_FILLS[s.value_class])
        if s.role in lk.EVENT_FILLS:
            return QColor(lk.EVENT_FILLS[s.role])
        if s.role in GATEWAYS:
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

    # -- geometry, made once per spec ----------------------------------------------
    def _outline_path(self) -> QPainterPath:
        """The shape's outline (an annotation has none: its bracket is a mark)."""
        s = self.spec
        w, h = s.box.w, s.box.h
        path = QPainterPath()
        if s.role in ("task", "subprocess"):
            path.addRoundedRect(QRectF(0, 0, w, h), 8, 8)
        elif s.role in lk.EVENT_FILLS:
            path.addEllipse(QRectF(0, 0, w, h))
        elif s.role in GATEWAYS:
            path.addPolygon(QPolygonF([QPointF(w / 2, 0), QPointF(w, h / 2), QPointF(w / 2, h),
                                       QPointF(0, h / 2)]))
            path.closeSubpath()
        elif s.role == "data":
            fold = min(w, h) * 0.3
            path.addPolygon(QPolygonF([QPointF(0, 0), QPointF(w - fold, 0), QPointF(w, fold),
                                       QPointF(w, h), QPointF(0, h)]))
            path.closeSubpath()
        return path

    def _marks_path(self) -> QPainterPath:
        """What is drawn in the outline's pen inside the shape."""
        s = self.spec
        w, h = s.box.w, s.box.h
        rect = QRectF(0, 0, w, h)
        path = QPainterPath()
        if s.role == "subprocess" and s.collapsed:  # the plus of a collapsed sub-process
            r = QRectF(w / 2 - 6, h - 15, 12, 12)
            path.addRect(r)
            c = r.center()
            path.moveTo(c.x(), r.top() + 3)
            path.lineTo(c.x(), r.bottom() - 3)
            path.moveTo(r.left() + 3, c.y())
            path.lineTo(r.right() - 3, c.y())
        if s.role in ("task", "subprocess") and s.marker == "transaction":
            path.addRoundedRect(rect.adjusted(3, 3, -3, -3), 6, 6)
        if s.role in ("intermediate", "boundary", "wait"):
            path.addEllipse(rect.adjusted(3, 3, -3, -3))
        if s.role == "annotation":  # the open bracket on its left
            path.moveTo(12, 0)
            path.lineTo(0, 0)
            path.lineTo(0, h)
            path.lineTo(12, h)
        return path

    def _gateway_path(self) -> QPainterPath:
        """A gateway's mark, or a timer's clock, drawn in ink whatever the state."""
        s = self.spec
        rect = QRectF(0, 0, s.box.w, s.box.h)
        path = QPainterPath()
        if s.role in GATEWAYS:
            c, k = rect.center(), min(rect.width(), rect.height()) * 0.18
            if s.role == "exclusive":
                path.moveTo(c.x() - k, c.y() - k)
                path.lineTo(c.x() + k, c.y() + k)
                path.moveTo(c.x() - k, c.y() + k)
                path.lineTo(c.x() + k, c.y() - k)
            elif s.role == "parallel":
                d = k * math.sqrt(2)
                path.moveTo(c.x(), c.y() - d)
                path.lineTo(c.x(), c.y() + d)
                path.moveTo(c.x() - d, c.y())
                path.lineTo(c.x() + d, c.y())
            else:
                path.addEllipse(c, k * 1.3, k * 1.3)
        else:  # the clock of a wait or a timer event
            r = rect.adjusted(7, 7, -7, -7)
            c = r.center()
            path.addEllipse(r)
            path.moveTo(c)
            path.lineTo(c.x(), r.top() + 2)
            path.moveTo(c)
            path.lineTo(r.right() - 3, c.y())
        return path

    def _label_box(self) -> tuple[QRectF, Align, Place]:
        """Where the label goes, in the item's coordinates: inside a task, or the caption
        core placed beside a small shape (``captions``)."""
        s = self.spec
        w, h = s.box.w, s.box.h
        if s.role in ("task", "subprocess"):
            bottom = 16 if s.collapsed else 4
            return QRectF(5, 4, w - 10, h - 4 - bottom), "centre", "middle"
        if s.role == "annotation":
            return QRectF(6, 2, w - 8, h - 4), "left", "middle"
        c = s.caption or Box(s.box.cx - LABEL_W / 2, s.box.bottom + 3, LABEL_W, 45)
        # larger type (presentation) wraps to more lines, growing away from the shape
        ch = c.h * self.look.text_scale
        x0, y0 = c.x - s.box.x, c.y - s.box.y  # the caption in item coordinates
        cy = y0 + c.h / 2
        if s.caption_side == "top":
            return QRectF(x0, y0 + c.h - ch, c.w, ch), "centre", "bottom"
        if s.caption_side == "right":
            return QRectF(x0, cy - ch / 2, c.w, ch), "left", "middle"
        if s.caption_side == "left":
            return QRectF(x0, cy - ch / 2, c.w, ch), "right", "middle"
        return QRectF(x0, y0, c.w, ch), "centre", "top"

    def _label(self) -> list[QGraphicsSimpleTextItem]:
        """The label as plain text, wrapped at spaces within its box (laid out once: a
        pan repaints without layout)."""
        rect, align, place = self._label_box()
        inside = self.spec.role in INSIDE  # the type shrinks to fit the shape's box
        return add_lines(self, self.spec.text, self.look, lk.INK, rect, align, place,
                         fit=inside)
