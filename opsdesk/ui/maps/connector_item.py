"""A flow of the diagram spec as a scene item: its routed polyline, arrow and label.

The item itself draws nothing (``ItemHasNoContents``): it is what is selected and hit,
with a pick outline made once per spec. What shows is Qt's stock items as its children,
a path for the line, a polygon for the arrow head, and the message flow's start circle,
the default flow's slash and the label where the flow has them, so a repaint never calls
into Python. Selection and the overlays restyle the children's pens.
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
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shiboken6 import delete

from opsdesk.core.maps.diagram_spec import Connector
from opsdesk.ui.maps import look as lk
from opsdesk.ui.maps.label_lines import add_lines

HEAD = 10.0  # arrow head length
PICK = 8.0  # how wide a flow is to the mouse
LABEL_HALF = 70.0  # a label wraps within twice this, centred on its point (times the scale)


def polyline(points: list[QPointF]) -> QPainterPath:
    path = QPainterPath()
    if points:
        path.moveTo(points[0])
        for p in points[1:]:
            path.lineTo(p)
    return path


class _Line(QGraphicsPathItem):
    """The line: a stock path item whose outline for hit tests is made once, not at each
    test (Qt strokes the path anew every time it is asked)."""

    def __init__(self, path: QPainterPath, pick: QPainterPath, parent: QGraphicsItem) -> None:
        super().__init__(path, parent)
        self._pick = pick

    def shape(self) -> QPainterPath:
        return self._pick


def _part(item: Any) -> Any:
    """A child that shows part of the flow; the flow item is what the mouse meets."""
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    return item


class ConnectorItem(QGraphicsItem):
    def __init__(self, connector: Connector, look: lk.Look, overlays: lk.Overlays) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(5)
        self.look, self.overlays = look, overlays
        self._parts: list[QGraphicsItem] = []
        self._set(connector)

    def _set(self, connector: Connector) -> None:
        self.prepareGeometryChange()
        for part in self._parts:  # gone from the scene with their C++ objects
            delete(part)
        self.spec = connector
        self.points = [QPointF(p.x, p.y) for p in connector.points]
        self._path = polyline(self.points)
        stroker = QPainterPathStroker()
        stroker.setWidth(PICK)
        self._pick = stroker.createStroke(self._path)
        bounds = self._path.boundingRect().adjusted(-HEAD, -HEAD, HEAD, HEAD)
        self.line = _part(_Line(self._path, self._pick, self))
        self.head: QGraphicsPolygonItem | None = None
        self.start: QGraphicsEllipseItem | None = None
        self.slash: QGraphicsLineItem | None = None
        self.label: list[QGraphicsSimpleTextItem] = []
        self._parts = [self.line]
        if len(self.points) >= 2:
            if connector.arrow != "none":
                self.head = _part(QGraphicsPolygonItem(_head(*self.points[-2:]), self))
                self._parts.append(self.head)
            if connector.start_mark == "circle":
                self.start = _part(QGraphicsEllipseItem(
                    QRectF(self.points[0] - QPointF(4, 4), self.points[0] + QPointF(4, 4)),
                    self))
                self.start.setBrush(QColor("white"))
                self._parts.append(self.start)
            if connector.default:
                a, b = _slash(self.points[0], self.points[1])
                self.slash = _part(QGraphicsLineItem(a.x(), a.y(), b.x(), b.y(), self))
                self._parts.append(self.slash)
        if connector.label and connector.label_at is not None:
            self.label = self._label(connector)
            self._parts += self.label
            for line in self.label:
                bounds = bounds.united(line.mapRectToParent(line.boundingRect()))
        self._bounds = bounds
        self.restyle()

    def _label(self, connector: Connector) -> list[QGraphicsSimpleTextItem]:
        """The label wrapped within its width: centred just above its point on a level
        leg, starting at it beside an upright one."""
        at = connector.label_at
        assert at is not None
        scale = self.look.text_scale
        if connector.label_side == "right":
            box = QRectF(at.x, at.y - 15 * scale, 2 * LABEL_HALF * scale, 30 * scale)
            return add_lines(self, connector.label, self.look, lk.MUTED, box, "left",
                             "middle", 0.9)
        box = QRectF(at.x - LABEL_HALF * scale, at.y - 28 * scale, 2 * LABEL_HALF * scale,
                     28 * scale)
        return add_lines(self, connector.label, self.look, lk.MUTED, box, "centre", "bottom",
                         0.9)

    def restyle(self) -> None:
        """The children's pens and fills for the spec, the overlays and the selection
        (the scene calls this when the selection changes)."""
        pen = self._pen()
        self.line.setPen(pen)
        self.line.setBrush(Qt.BrushStyle.NoBrush)
        solid = QPen(pen)
        solid.setStyle(Qt.PenStyle.SolidLine)
        if self.head is not None:
            self.head.setPen(solid)
            fill = pen.color() if self.spec.arrow == "filled" else QColor("white")
            self.head.setBrush(QBrush(fill))
        for part in (self.start, self.slash):
            if part is not None:
                part.setPen(solid)

    def update_spec(self, connector: Connector, look: lk.Look, overlays: lk.Overlays) -> None:
        if connector == self.spec and look == self.look and overlays == self.overlays:
            return
        same_parts = connector == self.spec and look == self.look
        self.look, self.overlays = look, overlays
        if same_parts:
            self.restyle()  # only the overlays changed: the same parts, restyled
        else:
            self._set(connector)

    @property
    def flow_id(self) -> str:
        return self.spec.id

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._pick

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Nothing: the children show the flow (never called, as the item has no
        contents)."""

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


def _head(a: QPointF, b: QPointF) -> QPolygonF:
    angle = math.atan2(b.y() - a.y(), b.x() - a.x())
    left = QPointF(b.x() - HEAD * math.cos(angle - 0.4), b.y() - HEAD * math.sin(angle - 0.4))
    right = QPointF(b.x() - HEAD * math.cos(angle + 0.4), b.y() - HEAD * math.sin(angle + 0.4))
    return QPolygonF([b, left, right])


def _slash(a: QPointF, b: QPointF) -> tuple[QPointF, QPointF]:
    """The default flow's mark: a short slash across its first segment, near its start."""
    length = math.hypot(b.x() - a.x(), b.y() - a.y()) or 1.0
    ux, uy = (b.x() - a.x()) / length, (b.y() - a.y()) / length
    c = QPointF(a.x() + ux * 10, a.y() + uy * 10)
    nx, ny = -uy, ux
    return (QPointF(c.x() + (nx - ux) * 5, c.y() + (ny - uy) * 5),
            QPointF(c.x() - (nx - ux) * 5, c.y() - (ny - uy) * 5))
