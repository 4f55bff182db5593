"""The canvas as an image on the clipboard (the files are core's drawing: ``map_files``).

The map is rendered from the scene (what the canvas shows, overlays included) at twice
its size, on white, without the selection and with nothing outside the map.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from opsdesk.ui.maps.map_scene import MapScene

SCALE = 2.0
LARGEST = 16000  # pixels along the longer side; a huge map is scaled down to fit


def map_image(scene: MapScene, scale: float = SCALE) -> QImage:
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    if rect.isEmpty():
        rect = QRectF(0, 0, 200, 100)
    scale = min(scale, LARGEST / max(rect.width(), rect.height()))
    image = QImage(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    selected = scene.selectedItems()
    scene.clearSelection()
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    for item in selected:
        item.setSelected(True)
    return image


def copy_image(scene: MapScene) -> None:
    QGuiApplication.clipboard().setImage(map_image(scene))
