"""The map shown on the page as an SVG drawing (vectors, texts kept as text)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from opsdesk.core import output_file
from opsdesk.core.errors import OpsdeskError

if TYPE_CHECKING:
    from opsdesk.ui.pages.process_maps_page import ProcessMapsPage


def save_svg(page: ProcessMapsPage, path: Path) -> None:
    scene = page.canvas.scene
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    selected = scene.selectedItems()
    scene.clearSelection()
    with output_file.replacing(path, "drawing") as temp:
        generator = QSvgGenerator()
        generator.setFileName(str(temp))
        generator.setSize(QSize(round(rect.width()), round(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(page.pmap.name if page.pmap else "")
        generator.setDescription("A process map drawn by opsdesk")
        painter = QPainter()
        if not painter.begin(generator):
            raise OpsdeskError(f"Could not write {path}.")
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
    for item in selected:
        item.setSelected(True)
