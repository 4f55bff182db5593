"""The scene of one map canvas: it draws a ``DiagramSpec`` and nothing else.

``show`` takes a new spec and brings the items in line with it: an item whose part of
the spec did not change is left alone, so an edit repaints only what it touched and the
selection survives it. Items know no gestures; interactions (``interactions``) read them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from opsdesk.core.maps.diagram_spec import DiagramSpec
from opsdesk.ui.maps.band_item import BandItem
from opsdesk.ui.maps.connector_item import ConnectorItem
from opsdesk.ui.maps.look import Look, Overlays
from opsdesk.ui.maps.shape_item import ShapeItem

Item = TypeVar("Item", bound=QGraphicsItem)
Part = TypeVar("Part")


class MapScene(QGraphicsScene):
    def __init__(self, look: Look | None = None) -> None:
        super().__init__()
        self.setBackgroundBrush(QColor("#ffffff"))
        # Items only move by edits: a scene index would be rebuilt on every one.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.look = look or Look()
        self.overlays = Overlays()
        self.spec: DiagramSpec | None = None
        self.shapes: dict[str, ShapeItem] = {}
        self.containers: dict[str, ShapeItem] = {}
        self.connectors: dict[str, ConnectorItem] = {}
        self.bands: dict[str, BandItem] = {}
        self._shown_selected: set[ShapeItem | ConnectorItem] = set()
        self.selectionChanged.connect(self._restyle_selection)

    def show(self, spec: DiagramSpec, look: Look | None = None,
             overlays: Overlays | None = None) -> None:
        self.look = look or self.look
        self.overlays = overlays or self.overlays
        self.spec = spec
        lanes = [b for b in spec.bands if b.role == "lane"]
        stripe = {b.id: i for i, b in enumerate(lanes)}
        self._sync(self.bands, spec.bands, lambda b: b.id,
                   lambda b: BandItem(b, self.look, stripe.get(b.id, 0)),
                   lambda item, b: item.update_spec(b, self.look, stripe.get(b.id, 0)))
        self._sync(self.containers, spec.containers, lambda s: s.id,
                   lambda s: self._container(ShapeItem(s, self.look, self.overlays)),
                   lambda item, s: item.update_spec(s, self.look, self.overlays))
        self._sync(self.connectors, spec.connectors, lambda c: c.id,
                   lambda c: ConnectorItem(c, self.look, self.overlays),
                   lambda item, c: item.update_spec(c, self.look, self.overlays))
        self._sync(self.shapes, spec.shapes, lambda s: s.id,
                   lambda s: ShapeItem(s, self.look, self.overlays),
                   lambda item, s: item.update_spec(s, self.look, self.overlays))
        margin = 40.0
        self.setSceneRect(QRectF(-margin, -margin, spec.width + 2 * margin,
                                 spec.height + 2 * margin))

    def map_rect(self) -> QRectF:
        """What the map covers, from its spec (asking every item would take long)."""
        spec = self.spec
        return QRectF() if spec is None else QRectF(0.0, 0.0, spec.width, spec.height)

    @staticmethod
    def _container(item: ShapeItem) -> ShapeItem:
        item.setZValue(4)  # behind its contents and their flows
        return item

    def _sync(self, items: dict[str, Item], parts: Iterable[Part], key: Callable[[Part], str],
              make: Callable[[Part], Item], update: Callable[[Item, Part], None]) -> None:
        seen: set[str] = set()
        for part in parts:
            part_id = key(part)
            seen.add(part_id)
            item = items.get(part_id)
            if item is None:
                item = items[part_id] = make(part)
                self.addItem(item)
            else:
                update(item, part)
        for gone in [k for k in items if k not in seen]:
            self.removeItem(items.pop(gone))

    def _restyle_selection(self) -> None:
        """Items draw their selection with their children's pens: restyle those whose
        selection changed (an item's own change hook would run for every child added)."""
        now = {i for i in self.selectedItems() if isinstance(i, ShapeItem | ConnectorItem)}
        for item in now ^ self._shown_selected:
            if item.scene() is self:
                item.restyle()
        self._shown_selected = now

    # -- lookups for interactions ----------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        return [item.node_id for item in self.selectedItems() if isinstance(item, ShapeItem)]

    def selected_flow_ids(self) -> list[str]:
        return [item.flow_id for item in self.selectedItems()
                if isinstance(item, ConnectorItem)]

    def select(self, node_ids: Iterable[str] = (), flow_ids: Iterable[str] = ()) -> None:
        self.clearSelection()
        for node_id in node_ids:
            item = self.shapes.get(node_id) or self.containers.get(node_id)
            if item is not None:
                item.setSelected(True)
        for flow_id in flow_ids:
            if flow_id in self.connectors:
                self.connectors[flow_id].setSelected(True)

    def shape_at(self, x: float, y: float) -> ShapeItem | None:
        """The topmost shape (or expanded sub-process) under a scene point."""
        from PySide6.QtCore import QPointF

        for item in self.items(QPointF(x, y)):
            if isinstance(item, ShapeItem) and item.box_rect().contains(QPointF(x, y)):
                return item
        return None

    def band_at(self, x: float, y: float) -> BandItem | None:
        """The deepest lane (else pool) under a scene point."""
        from PySide6.QtCore import QPointF

        found = [item for item in self.items(QPointF(x, y)) if isinstance(item, BandItem)]
        lanes = [b for b in found if b.spec.role == "lane"]
        pick = lanes or found
        return max(pick, key=lambda b: b.spec.depth) if pick else None
