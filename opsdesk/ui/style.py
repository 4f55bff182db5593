"""The look: Fusion with a calm light palette and a navigation rail, at any zoom.

Every text size of the app lives here, as a role a widget takes by its object name
(``pageTitle``, ``heading``, ``hint``, ...), so View › Zoom scales all of them at once.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1f5f99"
BASE_POINT_SIZE = 10  # the application font at 100 %
RAIL_WIDTH = 168  # the navigation rail at 100 %: its longest entry and the padding

# {px(n)} is n pixels at 100 %, scaled by the zoom.
_SHEET = """
QListWidget#navigation {{
    background: #22303c; color: #dce3ea; border: none; font-size: {px14};
    padding-top: {px8}; outline: 0;
}}
QListWidget#navigation::item {{
    padding: {px10} {px18}; border-left: 3px solid transparent;
}}
QListWidget#navigation::item:selected {{
    background: #2f4152; color: white; border-left: 3px solid #6fb1f2;
}}
QListWidget#navigation::item:hover:!selected {{ background: #2a3946; }}
QLabel#brand {{
    background: #22303c; color: white; font-size: {px18}; font-weight: 600;
    padding: {px16} {px18} {px8} {px18};
}}
QLabel#emptyHeading {{ font-size: {px20}; font-weight: 600; color: #22303c; }}
QLabel#emptyBody {{ font-size: {px13}; color: #52606d; }}
QLabel#pageTitle {{ font-size: {px20}; font-weight: 600; color: #22303c; }}
QLabel#heading {{ font-size: {px14}; font-weight: 600; color: #22303c; }}
QLabel#secondary {{ color: #52606d; }}
QLabel#hint {{ font-size: {px11}; color: #52606d; }}
QLabel#warning {{
    background: #fdf3dc; color: #5c3d00; padding: {px4} {px6}; border-left: 3px solid #f9a825;
}}
QLabel#message {{ font-size: {px13}; color: #52606d; padding: {px12}; }}
QLabel#tileCount {{ font-size: {px28}; font-weight: 700; }}
QStatusBar QLabel#readOnlyBadge {{
    background: #fff4ce; color: #5c4500; border-radius: 3px; padding: 1px 6px;
}}
"""
# An application property: the app has the Fusion style (made with it, or given it once).
FUSION_SET = "opsdesk_fusion"
_SIZES = (4, 6, 8, 10, 11, 12, 13, 14, 16, 18, 20, 28)


def rail_width(scale: float = 1.0) -> int:
    """The navigation rail: its texts grow with the zoom, its padding less so."""
    return round(RAIL_WIDTH * (1 + 0.75 * (scale - 1)))


def stylesheet(scale: float = 1.0) -> str:
    return _SHEET.format(**{f"px{n}": f"{round(n * scale)}px" for n in _SIZES})


def apply(app: QApplication, scale: float = 1.0) -> None:
    """The style, palette, font and stylesheet at ``scale`` (1.0 is 100 %)."""
    # Once per application (not on each zoom). Not by asking app.style() its name: Python
    # meeting Qt's style object loads every style class to find its own (5 ms at start-up).
    if not app.property(FUSION_SET):
        app.setStyle("Fusion")
        app.setProperty(FUSION_SET, True)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f5f7fa"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f3f7"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(scale))
