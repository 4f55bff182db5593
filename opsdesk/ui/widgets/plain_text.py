"""User text reaches Qt as plain text.

Qt guesses: a QLabel (and a QMessageBox, a tooltip) left at ``Qt.AutoText`` renders any
text that looks like HTML as HTML, so a KPI named ``<h1>0 problems</h1><img src=...>``
would show as a heading and load a file. ``install`` makes every label in the app plain
text unless its code asks for rich text (``setTextFormat(Qt.RichText)``), and then the
code escapes each user string with ``rich``; ``tip`` makes a tooltip that shows its text
as written. pyqtgraph draws titles and axis labels as HTML: those get ``rich`` too.
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

# The Qt namespace (``from PySide6.QtCore import Qt``) costs about 13 ms to load; the
# window's first paint goes without it, so this module loads it when first needed.


class _PlainLabels(QObject):
    """An application event filter: a label still guessing is made plain as it is polished
    (before it is first shown), so no label is ever drawn with a guess."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QLabel):
            _make_plain(watched)
        return False


def _make_plain(label: QLabel) -> None:
    from PySide6.QtCore import Qt

    if label.textFormat() == Qt.TextFormat.AutoText:
        label.setTextFormat(Qt.TextFormat.PlainText)


def install(app: QApplication) -> None:
    """Once per application; later calls do nothing. The labels made before it (the
    window's first paint goes without it) are made plain now."""
    if app.property("opsdesk_plain_labels"):
        return
    guard = _PlainLabels(app)
    app.installEventFilter(guard)
    app.setProperty("opsdesk_plain_labels", True)
    for widget in app.allWidgets():
        if isinstance(widget, QLabel):
            _make_plain(widget)


def rich(text: str) -> str:
    """A user string for rich text (a RichText label, a pyqtgraph title): escaped."""
    import html  # not at start-up

    return html.escape(text, quote=False) if text else text


def could_look_rich(text: str) -> bool:
    """False when Qt's guess (``Qt.mightBeRichText``) is sure to be "plain": it needs a
    tag or an "&lt;" to guess rich text. Cheap, and without the Qt namespace."""
    return "<" in text or "&" in text


@overload
def tip(text: str) -> str: ...
@overload
def tip(text: str | None) -> str | None: ...
def tip(text: str | None) -> str | None:
    """A tooltip showing ``text`` as written (tooltips guess rich text too)."""
    if not text or not could_look_rich(text):
        return text
    from PySide6.QtGui import Qt as QtGui

    if QtGui.mightBeRichText(text):
        return QtGui.convertFromPlainText(text)
    return text
