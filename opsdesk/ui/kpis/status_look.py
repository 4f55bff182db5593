"""How a status looks: a colour, a symbol and a word (colour is never the only cue)."""

from __future__ import annotations

from PySide6.QtGui import QColor

# status -> (symbol, background, text colour)
LOOK: dict[str, tuple[str, str, str]] = {
    "green": ("●", "#d8f0dc", "#1b5e20"),
    "amber": ("▲", "#fff1c7", "#7a4f00"),
    "red": ("■", "#fbd9d7", "#9b1c1c"),
    "stale": ("◌", "#e6e9ed", "#3e4c59"),
    "no data": ("–", "#f0f3f7", "#52606d"),
    "no target": ("○", "#f0f3f7", "#52606d"),
    "no direction": ("◇", "#f0f3f7", "#52606d"),
}
# A strong colour per status for sparkline ends and dashboard tiles.
STRONG = {"green": "#2e7d32", "amber": "#c77700", "red": "#c62828", "stale": "#7b8794",
          "no data": "#9aa5b1", "no target": "#9aa5b1", "no direction": "#9aa5b1"}
TREND_ARROWS = {"improving": "↗ improving", "worsening": "↘ worsening", "flat": "→ flat"}


def status_text(status: str | None) -> str:
    if status is None:
        return ""
    return f"{LOOK[status][0]} {status}"


def background(status: str | None) -> QColor | None:
    return None if status is None else QColor(LOOK[status][1])


def foreground(status: str | None) -> QColor | None:
    return None if status is None else QColor(LOOK[status][2])
