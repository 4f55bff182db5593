"""Render the app icon (resources/icons/opsdesk.svg) to the PNG sizes desktops use.

Run after changing the SVG: ``python packaging/icons/render_icons.py`` (offscreen Qt). The
PNGs land in packaging/icons/hicolor, laid out as an XDG icon theme, with the SVG as the
scalable size and as the icon of the workspace file type.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "resources" / "icons" / "opsdesk.svg"
THEME = ROOT / "packaging" / "icons" / "hicolor"
MIME_ICON = "application-x-opsdesk-workspace"


def render(svg: Path = SVG, theme: Path = THEME) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    written: list[Path] = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        for kind, name in (("apps", "opsdesk"), ("mimetypes", MIME_ICON)):
            target = theme / f"{size}x{size}" / kind / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(target), "PNG"):
                raise SystemExit(f"could not write {target}")
            written.append(target)
    for kind, name in (("apps", "opsdesk"), ("mimetypes", MIME_ICON)):
        target = theme / "scalable" / kind / f"{name}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(svg, target)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in render():
        print(path.relative_to(ROOT))
