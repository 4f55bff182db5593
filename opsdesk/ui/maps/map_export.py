"""Export the map shown on the page, as the canvas draws it (overlays included): PNG, or
SVG (vectors)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from opsdesk.core.errors import OpsdeskError
from opsdesk.ui.maps.map_image import save_png

if TYPE_CHECKING:
    from opsdesk.ui.pages.process_maps_page import ProcessMapsPage


def _choose(page: ProcessMapsPage, suffix: str, kind: str) -> Path | None:
    name = (page.pmap.name if page.pmap else "map") or "map"
    path, _ = QFileDialog.getSaveFileName(page, f"Export the map as {kind}",
                                          f"{name}.{suffix}", f"{kind} (*.{suffix})")
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == f".{suffix}" else target.with_suffix(f".{suffix}")


def export_png(page: ProcessMapsPage, path: Path | None = None) -> None:
    path = path or _choose(page, "png", "PNG image")
    if path is None:
        return
    try:
        save_png(page.canvas.scene, path)
    except OpsdeskError as error:
        page.ctx.show_error(str(error))


def export_svg(page: ProcessMapsPage, path: Path | None = None) -> None:
    """The map as vectors, as the canvas draws it (texts kept as text)."""
    from opsdesk.ui.maps.map_svg import save_svg

    path = path or _choose(page, "svg", "SVG drawing")
    if path is None or page.pmap is None:
        return
    try:
        save_svg(page, path)
    except OpsdeskError as error:
        page.ctx.show_error(str(error))
