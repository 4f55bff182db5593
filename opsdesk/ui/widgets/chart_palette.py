"""Colours, dashes and symbols for ChartSpec roles on screen (the spec holds no colours)."""

from __future__ import annotations

from PySide6.QtCore import Qt

ROLE_COLORS: dict[str, str] = {
    "data": "#1f5f99",
    "secondary": "#d9822b",
    "center": "#2e7d32",
    "limit": "#c62828",
    "zone": "#90a4ae",
    "target": "#6a1b9a",
    "spec": "#ad1457",
    "forecast": "#7e57c2",
    "good": "#2e7d32",
    "warning": "#f9a825",
    "bad": "#d32f2f",
    "neutral": "#607d8b",
    "excluded": "#78909c",
    "fit": "#37474f",
}

BAND_ALPHA: dict[str, int] = {"zone": 28, "good": 40, "warning": 40, "bad": 40}

PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
}

SYMBOLS = {"circle": "o", "square": "s", "triangle": "t", "diamond": "d", "cross": "x",
           "none": None}


def color(role: str) -> str:
    return ROLE_COLORS.get(role, ROLE_COLORS["data"])
