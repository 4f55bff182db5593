"""Draw the charts' reportlab Drawings on the PDF canvas, lean.

``renderPDF`` tracks an SVG-like state stack for every node: it reads every property of
each shape, works out the change from its parent and replays it, which costs about
twenty microseconds a node; a review's charts hold thousands of nodes (tick labels, grid
lines, markers). Our drawings use a handful of shape kinds, each carrying its own full
style and nothing inherited from its groups, so each node is drawn here from its own
properties inside a save/restore of the graphics state, as ``renderPDF`` does, with the
same canvas calls (for rounded rectangles, ellipses and texts anchored at their end or
middle too, placed as ``renderPDF`` places them: the maps' diagrams hold those). A clip
path (ink-less, a panel's frame) clips the rest of its group, as in ``renderPDF``. A
drawing holding anything else goes to ``renderPDF`` whole.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import (
    FILL_EVEN_ODD,
    Circle,
    Drawing,
    Ellipse,
    Group,
    Line,
    Path,
    Polygon,
    PolyLine,
    Rect,
    String,
    _renderPath,
)
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

_IDENTITY = (1, 0, 0, 1, 0, 0)
_KINDS = (Group, String, Line, Rect, Circle, Ellipse, Polygon, PolyLine, Path)
_ANCHORS = ("start", "inherited", "end", "middle")


def draw(drawing: Drawing, canvas: Any) -> None:
    """Draw ``drawing`` with its origin at the canvas's current origin."""
    if not _lean_enough(drawing):
        from reportlab.graphics import renderPDF

        renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
        return
    canvas.saveState()
    # renderPDF's starting state: black ink, width 1, butt caps, mitre joins, even-odd.
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(1)
    canvas.setLineCap(0)
    canvas.setLineJoin(0)
    canvas.setFillColor(colors.black)
    canvas._fillMode = FILL_EVEN_ODD
    if tuple(drawing.transform) != _IDENTITY:
        canvas.transform(*drawing.transform)
    for node in drawing.contents:
        _node(canvas, node)
    canvas.restoreState()


def _lean_enough(group: Any) -> bool:
    if getattr(group, "renderScale", 1.0) != 1.0:
        return False
    for node in group.contents:
        if type(node) not in _KINDS:
            return False
        if isinstance(node, String) and (node.textAnchor not in _ANCHORS
                                         or getattr(node, "textRenderMode", 0) != 0):
            return False
        if isinstance(node, Path) and (node.autoclose or (node.isClipPath and (
                node.strokeColor is not None or node.fillColor is not None))):
            return False
        if isinstance(node, Group) and not _lean_enough(node):
            return False
    return True


def _node(canvas: Any, node: Any) -> None:
    if isinstance(node, Path) and node.isClipPath:
        # as renderPDF: no save/restore of its own, so the clip holds for the rest of the
        # group (whose restore ends it)
        path = canvas.beginPath()
        _renderPath(node, (path.moveTo, path.lineTo, path.curveTo, path.close))
        canvas.clipPath(path, stroke=0, fill=0, fillMode=node.fillMode)
        return
    if isinstance(node, String):
        # Only the font and the fill change, and every later node that draws sets its own:
        # no save/restore of its own (a third of a chart's nodes are texts).
        canvas.setFont(node.fontName, node.fontSize)
        if node.fillColor is not None:
            canvas.setFillColor(node.fillColor)
            canvas.drawString(_anchored_x(node), node.y, node.text)
        return
    own_state = not _plain(node)
    if own_state:
        canvas.saveState()
    if isinstance(node, Group):
        if tuple(node.transform) != _IDENTITY:
            canvas.transform(*node.transform)
        for child in node.contents:
            _node(canvas, child)
    else:
        stroke, fill = _style(canvas, node)
        if isinstance(node, Line):
            if stroke:
                canvas.line(node.x1, node.y1, node.x2, node.y2)
        elif isinstance(node, Rect):
            if node.rx == node.ry == 0:
                canvas.rect(node.x, node.y, node.width, node.height, stroke=stroke, fill=fill)
            else:  # as renderPDF: rounded by rx alone
                canvas.roundRect(node.x, node.y, node.width, node.height, node.rx,
                                 stroke=stroke, fill=fill)
        elif isinstance(node, Circle):
            canvas.circle(node.cx, node.cy, node.r, stroke=stroke, fill=fill)
        elif isinstance(node, Ellipse):
            canvas.ellipse(node.cx - node.rx, node.cy - node.ry, node.cx + node.rx,
                           node.cy + node.ry, stroke=stroke, fill=fill)
        elif isinstance(node, Polygon | PolyLine):
            _poly(canvas, node.points, isinstance(node, Polygon), stroke, fill)
        else:  # Path, drawn as renderPDF draws one without autoclose
            path = canvas.beginPath()
            closed = _renderPath(node, (path.moveTo, path.lineTo, path.curveTo, path.close))
            canvas.drawPath(path, fill=fill if closed else 0, stroke=stroke,
                            fillMode=node.fillMode)
    if own_state:
        canvas.restoreState()


def _plain(node: Any) -> bool:
    """A shape that sets only its stroke colour, line width and fill colour, which every
    later node that strokes or fills sets for itself: drawn without a save/restore. A
    dash, a cap, a join or an opacity would outlive it, and a group's transform too."""
    if isinstance(node, Group):
        return False
    return not (node.strokeDashArray or node.strokeLineCap or node.strokeLineJoin
                or node.strokeOpacity is not None
                or getattr(node, "fillOpacity", None) is not None)


def _anchored_x(node: String) -> float:
    """Where the text starts, as renderPDF places an ``end`` or ``middle`` anchor."""
    if node.textAnchor in ("start", "inherited"):
        return float(node.x)
    width = stringWidth(node.text, node.fontName, node.fontSize, node.encoding)
    return float(node.x - width if node.textAnchor == "end" else node.x - width * 0.5)


def _style(canvas: Any, node: Any) -> tuple[int, int]:
    """Set the node's stroke and fill on the canvas; say which of them it has."""
    stroke = fill = 0
    if node.strokeColor is not None:
        stroke = 1
        canvas.setStrokeColor(node.strokeColor)
        canvas.setLineWidth(node.strokeWidth)
        if node.strokeLineCap:
            canvas.setLineCap(node.strokeLineCap)
        if node.strokeLineJoin:
            canvas.setLineJoin(node.strokeLineJoin)
        if node.strokeDashArray:
            canvas.setDash(node.strokeDashArray, 0)
        if node.strokeOpacity is not None:
            canvas.setStrokeAlpha(node.strokeOpacity)
    if getattr(node, "fillColor", None) is not None:
        fill = 1
        canvas.setFillColor(node.fillColor)
        if node.fillOpacity is not None:
            canvas.setFillAlpha(node.fillOpacity)
    return stroke, fill


def _poly(canvas: Any, points: list[float], closed: bool, stroke: int, fill: int) -> None:
    if closed or stroke:
        path = canvas.beginPath()
        path.moveTo(points[0], points[1])
        for i in range(2, len(points) - 1, 2):
            path.lineTo(points[i], points[i + 1])
        if closed:
            path.close()
            canvas.drawPath(path, stroke=stroke, fill=fill)
        else:  # a polyline is never filled
            canvas.drawPath(path, stroke=stroke, fill=0)
