"""The value-stream canvas: a scene built from core's ``VsmDiagram`` (DESIGN.md rule 10).

Each item of the spec becomes one graphics item that paints its primitives, exactly as
the PDF draws them; a process's item is selectable, and choosing it is how the page
knows which data box to edit. The view fits the map and zooms with Ctrl+wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from opsdesk.core.maps.vsm_diagram import VsmDiagram, VsmItem
from opsdesk.core.maps.vsm_icon_svg import TONES
from opsdesk.core.maps.vsm_icons import Ellipse, Poly, Prim, Rect, Text, Tone

SELECTED = "#1f5f99"
# What a click chooses to edit, and what the tooltip says it opens.
SELECTABLE = {"process": "its data box", "inventory": "its inventory box",
              "delay": "its wait", "kaizen_burst": "the burst"}


def _pen(stroke: Tone | None, width: float, dashed: bool) -> QPen:
    if stroke is None:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(QColor(TONES[stroke]), width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _brush(fill: Tone | None) -> QBrush:
    return QBrush(QColor(TONES[fill])) if fill else QBrush(Qt.BrushStyle.NoBrush)


def _font(p: Text) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(1, round(p.size)))
    font.setBold(p.bold)
    return font


def _text_rect(p: Text) -> QRectF:
    m = QFontMetricsF(_font(p))
    w = m.horizontalAdvance(p.text)
    x = p.at.x - (w / 2 if p.anchor == "middle" else w if p.anchor == "end" else 0)
    return QRectF(x, p.at.y - m.height() / 2, w, m.height())


def draw_prim(painter: QPainter, p: Prim) -> None:
    """One primitive, as ``report.vsm_render`` draws it in the PDF."""
    if isinstance(p, Text):
        painter.setFont(_font(p))
        painter.setPen(QColor(TONES[p.tone]))
        painter.drawText(_text_rect(p), Qt.AlignmentFlag.AlignCenter, p.text)
        return
    painter.setPen(_pen(p.stroke, p.width, p.dashed))
    painter.setBrush(_brush(p.fill))
    if isinstance(p, Poly):
        poly = QPolygonF([QPointF(q.x, q.y) for q in p.points])
        if p.closed:
            painter.drawPolygon(poly)
        else:
            painter.drawPolyline(poly)
    elif isinstance(p, Rect):
        painter.drawRect(QRectF(p.box.x, p.box.y, p.box.w, p.box.h))
    elif isinstance(p, Ellipse):
        painter.drawEllipse(QRectF(p.box.x, p.box.y, p.box.w, p.box.h))


def _bounds(item: VsmItem) -> QRectF:
    rect = QRectF(item.box.x, item.box.y, item.box.w, item.box.h)
    for p in item.prims:
        if isinstance(p, Text):
            rect = rect.united(_text_rect(p))
        elif isinstance(p, Poly):
            xs, ys = [q.x for q in p.points], [q.y for q in p.points]
            rect = rect.united(QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
        else:
            rect = rect.united(QRectF(p.box.x, p.box.y, p.box.w, p.box.h))
    return rect.adjusted(-2, -2, 2, 2)


class VsmItemGraphic(QGraphicsItem):
    """One spec item: its primitives, painted; selectable when it is a flow element."""

    def __init__(self, item: VsmItem) -> None:
        super().__init__()
        self.item = item
        self._bounds = _bounds(item)
        if item.role in SELECTABLE and item.key is not None:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(f"{item.text or item.role.capitalize()}: click to edit "
                            f"{SELECTABLE[item.role]}")

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        for p in self.item.prims:
            draw_prim(painter, p)
        if self.isSelected():
            b = self.item.box
            painter.setPen(QPen(QColor(SELECTED), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(b.x - 3, b.y - 3, b.w + 6, b.h + 6))


class VsmScene(QGraphicsScene):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics: dict[str, VsmItemGraphic] = {}  # by element key (selectable ones)

    def show_diagram(self, spec: VsmDiagram | None, selected: str | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        self.graphics = {}
        if spec is not None:
            self.addRect(QRectF(0, 0, spec.width, spec.height), QPen(Qt.PenStyle.NoPen),
                         QBrush(QColor("#ffffff")))
            for item in spec.items:
                g = VsmItemGraphic(item)
                self.addItem(g)
                if item.role in SELECTABLE and item.key is not None:
                    self.graphics[item.key] = g
            self.setSceneRect(QRectF(0, 0, spec.width, spec.height))
        if selected in self.graphics:
            self.graphics[selected].setSelected(True)
        self.blockSignals(False)

    def selected_key(self) -> str | None:
        for g in self.selectedItems():
            if isinstance(g, VsmItemGraphic):
                return g.item.key
        return None

    def select(self, key: str | None) -> None:
        self.clearSelection()
        if key in self.graphics:
            self.graphics[key].setSelected(True)


class VsmView(QGraphicsView):
    zoomed = Signal(float)

    def __init__(self, scene: VsmScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QColor("#f4f6f8"))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.fitted = True  # refit on resize until the user zooms

    def fit(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-10, -10, 10, 10), Qt.AspectRatioMode.KeepAspectRatio)
        self.fitted = True
        self.zoomed.emit(self.transform().m11())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.scale(step, step)
            self.fitted = False
            self.zoomed.emit(self.transform().m11())
            return
        super().wheelEvent(event)
