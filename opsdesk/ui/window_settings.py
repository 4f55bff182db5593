"""The window's own settings (geometry, zoom, sidebar), in the user data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from opsdesk.core import paths


def settings() -> QSettings:
    """How the window looks only; everything else lives in the workspace or the data folder."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def store(key: str, value: object) -> None:
    """Set ``key``, writing the file only when its value changed: each write saves the whole
    file again (some 10 ms, paid at every quit for a window that did not move)."""
    stored = settings()
    if stored.value(key) != value:
        stored.setValue(key, value)
