"""User text reaches Qt as plain text.

Qt guesses: a QLabel (and a QMessageBox, a tooltip) left at ``Qt.AutoText`` renders any
text that looks like HTML as HTML, so a KPI named ``<h1>0 problems</h1><img src=...>``
would show as a heading and load a file. ``install`` makes every label in the app plain
text unless its code asks for rich text (``setTextFormat(Qt.RichText)``), and then the
code escapes each user string with ``rich``; ``tip`` makes a tooltip that shows its text
as written. pyqtgraph draws titles and axis labels as HTML: those get ``rich`` too.
"""

from __future__ import annotations

import html
from typing import overload

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QApplication, QLabel


class _PlainLabels(QObject):
    """An application event filter: a label still guessing is made plain as it is polished
    (before it is first shown), so no label is ever drawn with a guess."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Polish and isinstance(watched, QLabel)
                and watched.textFormat() == Qt.TextFormat.AutoText):
            watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


def install(app: QApplication) -> None:
    """Once per application; later calls do nothing."""
    if app.property("opsdesk_plain_labels"):
        return
    guard = _PlainLabels(app)
    app.installEventFilter(guard)
    app.setProperty("opsdesk_plain_labels", True)


def rich(text: str) -> str:
    """A user string for rich text (a RichText label, a pyqtgraph title): escaped."""
    return html.escape(text, quote=False) if text else text


@overload
def tip(text: str) -> str: ...
@overload
def tip(text: str | None) -> str | None: ...
def tip(text: str | None) -> str | None:
    """A tooltip showing ``text`` as written (tooltips guess rich text too)."""
    if text and QtGui.mightBeRichText(text):
        return QtGui.convertFromPlainText(text)
    return text
