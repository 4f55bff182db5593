"""Lane gestures: reorder a lane by dragging its title strip, resize it by its border."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtWidgets import QGraphicsLineItem

from opsdesk.ui.maps import look as lk
from opsdesk.ui.maps.interactions import EditTarget, Interaction, feedback_pen

if TYPE_CHECKING:
    from opsdesk.ui.maps.band_item import BandItem
    from opsdesk.ui.maps.map_scene import MapScene


class LaneDragInteraction(Interaction):
    """Drag a lane by its title strip across its siblings: one ``move_lane``."""

    def __init__(self, scene: MapScene, edits: EditTarget, lane: BandItem) -> None:
        super().__init__(scene, edits)
        self.lane = lane
        self.marker = QGraphicsLineItem()
        self.marker.setPen(feedback_pen(lk.SELECTED, dashed=False))
        self.marker.setZValue(100)
        self.before: str | None = None

    def _siblings(self) -> list[BandItem]:
        spec = self.lane.spec
        same = [b for b in self.scene.bands.values() if b.spec.role == "lane"
                and b.spec.depth == spec.depth and self._parent(b) == self._parent(self.lane)]
        horizontal = spec.orientation == "horizontal"
        return sorted(same, key=lambda b: b.spec.box.y if horizontal else b.spec.box.x)

    def _parent(self, band: BandItem) -> str | None:
        """The band that holds ``band`` one level up (its parent lane or its pool)."""
        box = band.spec.box
        holders = [b for b in self.scene.bands.values() if b is not band
                   and b.spec.box.contains(box) and b.spec.depth <= band.spec.depth]
        if not holders:
            return None
        return max(holders, key=lambda b: (b.spec.depth, b.spec.role == "lane")).band_id

    def _slot(self, at: QPointF) -> tuple[str | None, QLineF]:
        horizontal = self.lane.spec.orientation == "horizontal"
        siblings = self._siblings()
        for b in siblings:
            box = b.spec.box
            middle = box.cy if horizontal else box.cx
            if (at.y() if horizontal else at.x()) < middle:
                line = (QLineF(box.x, box.y, box.right, box.y) if horizontal
                        else QLineF(box.x, box.y, box.x, box.bottom))
                return b.band_id, line
        last = siblings[-1].spec.box
        line = (QLineF(last.x, last.bottom, last.right, last.bottom) if horizontal
                else QLineF(last.right, last.y, last.right, last.bottom))
        return None, line

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        self.scene.addItem(self.marker)
        self.move(at)
        return True

    def move(self, at: QPointF) -> None:
        self.before, line = self._slot(at)
        self.marker.setLine(line)

    def release(self, at: QPointF) -> None:
        self.move(at)
        self.cancel()
        siblings = [b.band_id for b in self._siblings()]
        me = siblings.index(self.lane.band_id)
        after = siblings[me + 1] if me + 1 < len(siblings) else None
        if self.before not in (self.lane.band_id, after):
            self.edits.move_lane(self.lane.band_id, self.before)

    def cancel(self) -> None:
        if self.marker.scene() is not None:
            self.scene.removeItem(self.marker)


class LaneResizeInteraction(Interaction):
    """Drag a lane's far border (bottom, or right when vertical): one ``resize_lane``."""

    def __init__(self, scene: MapScene, edits: EditTarget, lane: BandItem) -> None:
        super().__init__(scene, edits)
        self.lane = lane
        self.marker = QGraphicsLineItem()
        self.marker.setPen(feedback_pen())
        self.marker.setZValue(100)

    def _size(self, at: QPointF) -> float:
        b = self.lane.spec.box
        horizontal = self.lane.spec.orientation == "horizontal"
        return max(40.0, (at.y() - b.y) if horizontal else (at.x() - b.x))

    def press(self, at: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        self.scene.addItem(self.marker)
        self.move(at)
        return True

    def move(self, at: QPointF) -> None:
        b = self.lane.spec.box
        size = self._size(at)
        if self.lane.spec.orientation == "horizontal":
            self.marker.setLine(QLineF(b.x, b.y + size, b.right, b.y + size))
        else:
            self.marker.setLine(QLineF(b.x + size, b.y, b.x + size, b.bottom))

    def release(self, at: QPointF) -> None:
        self.cancel()
        size = self._size(at)
        b = self.lane.spec.box
        if abs(size - (b.h if self.lane.spec.orientation == "horizontal" else b.w)) >= 1:
            self.edits.resize_lane(self.lane.band_id, size)

    def cancel(self) -> None:
        if self.marker.scene() is not None:
            self.scene.removeItem(self.marker)
