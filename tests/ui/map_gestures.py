"""Real mouse gestures on a map canvas's viewport (QTest press, moves, release)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from opsdesk.core.maps.model import Box
from opsdesk.ui.maps.map_view import MapView


class Recorder:
    """An edit target that writes down what each gesture asked for."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def move_nodes(self, moves: dict[str, tuple[float, float]]) -> None:
        self.calls.append(("move_nodes", moves))

    def resize_node(self, node_id: str, box: Box) -> None:
        self.calls.append(("resize_node", node_id, box))

    def connect_nodes(self, source: str, target: str) -> None:
        self.calls.append(("connect_nodes", source, target))

    def reconnect(self, flow_id: str, end: str, node_id: str) -> None:
        self.calls.append(("reconnect", flow_id, end, node_id))

    def move_lane(self, lane_id: str, before: str | None) -> None:
        self.calls.append(("move_lane", lane_id, before))

    def resize_lane(self, lane_id: str, size: float) -> None:
        self.calls.append(("resize_lane", lane_id, size))

    def place(self, kind: str, x: float, y: float) -> None:
        self.calls.append(("place", kind, x, y))


def on_screen(view: MapView, x: float, y: float) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def drag(view: MapView, start: tuple[float, float], end: tuple[float, float],
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, steps: int = 5,
         release: bool = True) -> None:
    """Press at ``start`` (scene coordinates), move there in steps, release at ``end``."""
    port = view.viewport()
    a, b = on_screen(view, *start), on_screen(view, *end)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, modifiers, a)
    for i in range(1, steps + 1):
        p = a + (b - a) * (i / steps)
        QTest.mouseMove(port, p)
    if release:
        QTest.mouseRelease(port, Qt.MouseButton.LeftButton, modifiers, b)


def click(view: MapView, x: float, y: float,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers,
                     on_screen(view, x, y))
