"""The look: Fusion with a calm light palette and a navigation rail."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1f5f99"

STYLESHEET = """
QListWidget#navigation {
    background: #22303c; color: #dce3ea; border: none; font-size: 14px;
    padding-top: 8px; outline: 0;
}
QListWidget#navigation::item { padding: 10px 18px; border-left: 3px solid transparent; }
QListWidget#navigation::item:selected {
    background: #2f4152; color: white; border-left: 3px solid #6fb1f2;
}
QListWidget#navigation::item:hover:!selected { background: #2a3946; }
QLabel#brand {
    background: #22303c; color: white; font-size: 18px; font-weight: 600;
    padding: 16px 18px 8px 18px;
}
QLabel#emptyHeading { font-size: 20px; font-weight: 600; color: #22303c; }
QLabel#emptyBody { font-size: 13px; color: #52606d; }
QLabel#pageTitle { font-size: 20px; font-weight: 600; color: #22303c; }
QStatusBar QLabel#readOnlyBadge {
    background: #fff4ce; color: #5c4500; border-radius: 3px; padding: 1px 6px;
}
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f5f7fa"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f3f7"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
