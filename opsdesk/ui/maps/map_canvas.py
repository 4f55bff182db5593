"""The canvas of one map: its scene and view, drawing the map's diagram spec.

``show_map`` draws a ``ProcessMap`` (laid out first where it lacks geometry) with the
overlays asked for; gestures on the view go to ``edits`` (the editor, which turns each
into one command). The canvas keeps no copy of the map beyond what it last drew.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from opsdesk.core.maps.analysis import Analysis
from opsdesk.core.maps.diagram import diagram_spec
from opsdesk.core.maps.diagram_spec import DiagramSpec
from opsdesk.core.maps.model import ProcessMap
from opsdesk.ui.maps.interactions import EditTarget
from opsdesk.ui.maps.look import (
    CRITICAL,
    HANDOFF,
    VALUE_FILLS,
    VALUE_NAMES,
    Look,
    Overlays,
    heat_color,
)
from opsdesk.ui.maps.map_scene import MapScene
from opsdesk.ui.maps.map_view import MapView
from opsdesk.ui.maps.overview import Overview

OVERVIEW_W, OVERVIEW_H = 220, 120


class MapCanvas(QWidget):
    def __init__(self, edits: EditTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = MapScene()
        self.scene.setParent(self)  # it goes with the canvas, and with it its signals
        self.view = MapView(self.scene, edits, self)
        self.pmap: ProcessMap | None = None
        self.analysis: Analysis | None = None
        self.canvas: str | None = None  # None: the map itself; else a sub-process's id
        self.show_overview = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.overview = Overview(self.view, self)  # an inset at the top right corner
        self.legend = QLabel(self)  # what the overlays' colours mean, bottom left
        self.legend.setObjectName("mapLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # fixed words only, no user text
        self.legend.setStyleSheet("QLabel#mapLegend { background: rgba(255, 255, 255, 235);"
                                  " border: 1px solid #c5ced8; padding: 4px 8px; }")
        self.legend.hide()
        self.view.zoomed.connect(self._view_moved)
        self.view.horizontalScrollBar().rangeChanged.connect(self._view_moved)
        self.view.verticalScrollBar().rangeChanged.connect(self._view_moved)

    def _view_moved(self, *_: object) -> None:
        self.place_overview()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place_overview()

    def place_overview(self) -> None:
        w = min(OVERVIEW_W, self.width() // 3)
        h = min(OVERVIEW_H, self.height() // 4)
        bar = self.view.verticalScrollBar()
        right = self.width() - (bar.width() if bar.isVisible() else 0) - 8
        self.overview.setGeometry(right - w, 8, w, h)
        drawn = self.scene.spec is not None and bool(self.scene.spec.shapes)
        # only while part of the map is out of view: else it would repeat the canvas
        whole = self.view.visible_scene_rect().contains(self.scene.map_rect())
        self.overview.setVisible(self.show_overview and drawn and not whole
                                 and w > 80 and h > 50)
        self.overview.fit()
        bar = self.view.horizontalScrollBar()
        bottom = self.height() - (bar.height() if bar.isVisible() else 0) - 8
        room = max(120, right - 8)  # the legend wraps to the canvas's width
        self.legend.setWordWrap(False)
        wide = self.legend.sizeHint().width()
        self.legend.setWordWrap(wide > room)
        width = min(wide, room)
        self.legend.resize(width, self.legend.heightForWidth(width) if wide > room
                           else self.legend.sizeHint().height())
        self.legend.move(8, bottom - self.legend.height())

    def show_map(self, pmap: ProcessMap, analysis: Analysis | None = None,
                 overlays: Overlays | None = None, look: Look | None = None) -> DiagramSpec:
        first = self.pmap is None or self.pmap.id != pmap.id
        self.pmap, self.analysis = pmap, analysis
        if self.canvas is not None and self.canvas not in pmap.node_by_id:
            self.canvas = None
        spec = diagram_spec(pmap, self.canvas, analysis)
        self.scene.show(spec, look, overlays)
        self._legend(self.scene.overlays)
        if first:
            self.view.fit()
        self.place_overview()
        return spec

    def _legend(self, overlays: Overlays) -> None:
        parts = []
        if overlays.value_class:
            parts += [f"<span style='background:{VALUE_FILLS[k]}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
                      f"&nbsp;{VALUE_NAMES[k]}" for k in VALUE_FILLS]
        if overlays.heat:
            ramp = "".join(f"<span style='background:{heat_color(k / 4).name()}'>&nbsp;&nbsp;"
                           "</span>" for k in range(5))
            parts.append(f"{ramp}&nbsp;Wait: none … the longest")
        if overlays.critical:
            parts.append(f"<span style='color:{CRITICAL}'>━━</span>&nbsp;Critical path")
        if overlays.handoffs:
            parts.append(f"<span style='color:{HANDOFF}'>━━</span>&nbsp;Handoff")
        # a plain space between entries: a narrow canvas wraps the legend between them
        self.legend.setText("&nbsp;&nbsp; ".join(parts))
        self.legend.setVisible(bool(parts))
        self.place_overview()

    def clear(self) -> None:
        self.pmap = self.analysis = None
        self.scene.show(DiagramSpec("", 0.0, 0.0))
        self.place_overview()
