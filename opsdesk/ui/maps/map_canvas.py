"""The canvas of one map: its scene and view, drawing the map's diagram spec.

``show_map`` draws a ``ProcessMap`` (laid out first where it lacks geometry) with the
overlays asked for; gestures on the view go to ``edits`` (the editor, which turns each
into one command). The canvas keeps no copy of the map beyond what it last drew.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from opsdesk.core.maps.analysis import Analysis
from opsdesk.core.maps.diagram import diagram_spec
from opsdesk.core.maps.diagram_spec import DiagramSpec
from opsdesk.core.maps.model import ProcessMap
from opsdesk.ui.maps.interactions import EditTarget
from opsdesk.ui.maps.look import Look, Overlays
from opsdesk.ui.maps.map_scene import MapScene
from opsdesk.ui.maps.map_view import MapView


class MapCanvas(QWidget):
    def __init__(self, edits: EditTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = MapScene()
        self.view = MapView(self.scene, edits, self)
        self.pmap: ProcessMap | None = None
        self.analysis: Analysis | None = None
        self.canvas: str | None = None  # None: the map itself; else a sub-process's id
        self._fitted_once = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_map(self, pmap: ProcessMap, analysis: Analysis | None = None,
                 overlays: Overlays | None = None, look: Look | None = None) -> DiagramSpec:
        first = self.pmap is None or self.pmap.id != pmap.id
        self.pmap, self.analysis = pmap, analysis
        if self.canvas is not None and self.canvas not in pmap.node_by_id:
            self.canvas = None
        spec = diagram_spec(pmap, self.canvas, analysis)
        self.scene.show(spec, look, overlays)
        if first:
            self.view.fit()
        return spec

    def clear(self) -> None:
        self.pmap = self.analysis = None
        self.scene.show(DiagramSpec("", 0.0, 0.0))
