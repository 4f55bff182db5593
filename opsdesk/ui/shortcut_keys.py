"""Shortcuts written as text until they are bound: naming QKeySequence and its standard
keys loads some 100 Qt enums, which start-up leaves until after the first paint."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence

# A shortcut's text names a platform's standard key so: f"{STANDARD}Undo" (else "Ctrl+Y").
STANDARD = "standard:"


def key_sequence(text: str) -> QKeySequence:
    """The key sequence a shortcut's text names (``STANDARD`` + a standard key's name)."""
    from PySide6.QtGui import QKeySequence

    if text.startswith(STANDARD):
        return QKeySequence(QKeySequence.StandardKey[text.removeprefix(STANDARD)])
    return QKeySequence(text)


def bind(shortcuts: Iterable[tuple[QAction, tuple[str, ...]]]) -> None:
    """Give each action its shortcuts, each once: a platform's standard key may equal the
    one given beside it."""
    for action, keys in shortcuts:
        unique = {k.toString(): k for k in map(key_sequence, keys)}
        action.setShortcuts([k for k in unique.values() if not k.isEmpty()])
