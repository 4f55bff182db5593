"""The process-map canvas, each figure next to its floor measured in the same run.

The map: 1,000 tasks in 10 lanes and 100 columns, 1,500 routed sequence flows (each task
to the next in its lane, and 510 to the next column of the lane below). The floor is a
bare QGraphicsScene holding the same items as Qt's stock items: a rounded rectangle and
a text item per task, a path and an arrow-head polygon per flow, a rectangle per lane.
The canvas's shapes and flows are stock items too, children of an item that draws
nothing (it is what is selected and hit), so the difference is the lines of each label,
the lanes' own painting and the view's settings.

1. Built and painted: the diagram spec made from the map, the scene filled from it, and
   a 1400x900 view fitted to the whole map painted once; against the bare scene filled
   and painted in the same view. Goal: under 1 s.
2. Repaint after a pan: the view at actual size scrolled by 300 pixels and painted;
   against the bare scene. Goal: ratio <= 2.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from tests.bench.timing import median_seconds, ratio_line

LANES, COLUMNS, CROSS = 10, 100, 510


def canvas_map() -> Any:
    from opsdesk.core.maps.model import Box, Flow, Lane, Node, ProcessMap
    from opsdesk.core.maps.routing import route_all

    lanes = tuple(Lane(f"L{i}", f"Lane {i + 1}", position=i,
                       box=Box(20, 20 + i * 140, 60 + COLUMNS * 150, 140))
                  for i in range(LANES))
    nodes = tuple(Node(f"t{i}_{j}", "task", f"Step {i}.{j} of the work", lane_id=f"L{i}",
                       box=Box(80 + j * 150, 50 + i * 140, 100, 80))
                  for i in range(LANES) for j in range(COLUMNS))
    flows = [Flow(f"f{i}_{j}", "sequence", f"t{i}_{j}", f"t{i}_{j + 1}")
             for i in range(LANES) for j in range(COLUMNS - 1)]
    for k in range(CROSS):
        i, j = k % (LANES - 1), (k // (LANES - 1)) % (COLUMNS - 1)
        flows.append(Flow(f"x{k}", "sequence", f"t{i}_{j}", f"t{i + 1}_{j + 1}"))
    return route_all(ProcessMap("bench", "Bench", lanes=lanes, nodes=nodes,
                                flows=tuple(flows)))


def bare_scene(spec: Any) -> Any:
    """The same items as the canvas draws, as Qt's stock items."""
    import math

    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
    from PySide6.QtWidgets import (
        QGraphicsPathItem,
        QGraphicsPolygonItem,
        QGraphicsRectItem,
        QGraphicsScene,
        QGraphicsSimpleTextItem,
    )

    scene = QGraphicsScene()
    pen = QPen(QColor("#22303c"), 1.4)
    for band in spec.bands:
        b = band.box
        item = QGraphicsRectItem(QRectF(b.x, b.y, b.w, b.h))
        item.setBrush(QBrush(QColor("#f7f9fc")))
        scene.addItem(item)
    for c in spec.connectors:
        path = QPainterPath(QPointF(c.points[0].x, c.points[0].y))
        for p in c.points[1:]:
            path.lineTo(p.x, p.y)
        line = QGraphicsPathItem(path)
        line.setPen(pen)
        scene.addItem(line)
        a, b = c.points[-2], c.points[-1]
        angle = math.atan2(b.y - a.y, b.x - a.x)
        head = QGraphicsPolygonItem(QPolygonF([
            QPointF(b.x, b.y),
            QPointF(b.x - 10 * math.cos(angle - 0.4), b.y - 10 * math.sin(angle - 0.4)),
            QPointF(b.x - 10 * math.cos(angle + 0.4), b.y - 10 * math.sin(angle + 0.4))]))
        head.setBrush(QBrush(QColor("#22303c")))
        scene.addItem(head)
    for s in spec.shapes:
        b = s.box
        path = QPainterPath()
        path.addRoundedRect(QRectF(b.x, b.y, b.w, b.h), 8, 8)
        shape = QGraphicsPathItem(path)
        shape.setPen(pen)
        shape.setBrush(QBrush(QColor("#ffffff")))
        scene.addItem(shape)
        text = QGraphicsSimpleTextItem(s.text)
        text.setPos(b.x + 5, b.y + b.h / 2 - 8)
        scene.addItem(text)
    return scene


def _view(scene: Any) -> Any:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QGraphicsView

    view = QGraphicsView(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view.resize(1400, 900)
    view.show()
    return view


def run() -> list[str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from opsdesk.core.maps.diagram import diagram_spec
    from opsdesk.ui.maps.map_canvas import MapCanvas
    from tests.ui.map_gestures import Recorder

    app = QApplication.instance() or QApplication([])
    pmap = canvas_map()
    spec = diagram_spec(pmap)
    kept: list[Any] = []

    def ours_build() -> object:
        canvas = MapCanvas(Recorder())
        canvas.resize(1400, 900)
        canvas.show()
        canvas.show_map(pmap)
        kept.append(canvas)
        return canvas.view.viewport().grab()

    def bare_build() -> object:
        scene = bare_scene(diagram_spec(pmap))
        view = _view(scene)
        view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        kept.append((scene, view))
        return view.viewport().grab()

    def cleanup() -> None:
        for thing in kept:
            for part in thing if isinstance(thing, tuple) else (thing,):
                if hasattr(part, "close"):
                    part.close()
                part.deleteLater()
        kept.clear()
        app.processEvents()

    build = median_seconds(ours_build, repeat=5)
    cleanup()
    bare = median_seconds(bare_build, repeat=5)
    cleanup()

    canvas = MapCanvas(Recorder())
    canvas.resize(1400, 900)
    canvas.show()
    canvas.show_map(pmap)
    canvas.view.set_zoom(1.0)
    scene = bare_scene(spec)
    view = _view(scene)

    def panner(target: Any) -> Callable[[], object]:
        bar = target.horizontalScrollBar()
        bar.setValue(bar.minimum())

        def pan() -> object:
            bar.setValue(bar.value() + 300 if bar.value() + 300 <= bar.maximum()
                         else bar.minimum())
            return target.viewport().grab()

        return pan

    pan_ours = median_seconds(panner(canvas.view), repeat=15, warmup=2)
    pan_bare = median_seconds(panner(view), repeat=15, warmup=2)
    verdict = "met" if build < 1.0 else "MISSED"
    return [
        ratio_line(f"{len(spec.shapes):,}-step, {len(spec.connectors):,}-flow map built and "
                   "painted", build, bare),
        f"  median {build:.3f} s (goal < 1 s: {verdict})",
        ratio_line("repaint after a 300-pixel pan at actual size", pan_ours, pan_bare,
                   goal=2.0),
    ]
