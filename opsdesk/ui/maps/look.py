"""Colours, pens and type for the process-map canvas (the diagram spec holds none).

One ``Look`` serves the page and presentation mode: ``text_scale`` makes the type larger
for a projector without moving any shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont

INK = "#22303c"
MUTED = "#52606d"
SELECTED = "#1f5f99"
LANE_FILLS = ("#f7f9fc", "#eef2f7")  # alternate lanes, so bands read apart
HEADER_FILL = "#dfe6ee"
POOL_HEADER_FILL = "#cfd8e3"
BORDER = "#8a97a6"
TASK_FILL = "#ffffff"
EVENT_FILLS = {"start": "#e8f5e9", "end": "#fdecea", "intermediate": "#fff8e1",
               "boundary": "#fff8e1", "wait": "#fff8e1"}
GATEWAY_FILL = "#fffde7"
ARTIFACT_FILL = "#fafafa"
# Value classes: the usual lean traffic colours, light enough to read text on.
VALUE_FILLS = {"value_adding": "#c8e6c9", "business_necessary": "#fff3c4",
               "waste": "#ffcdd2"}
VALUE_NAMES = {"value_adding": "Value-adding", "business_necessary": "Business-necessary",
               "waste": "Waste"}
CRITICAL = "#c62828"
HANDOFF = "#ef6c00"
PROBLEM = "#6a1b9a"
GUIDE = "#e91e63"


def heat_color(heat: float) -> QColor:
    """Wait-time heat, from pale yellow (none) to deep orange-red (the longest wait)."""
    h = min(max(heat, 0.0), 1.0)
    low, high = (255, 249, 196), (230, 74, 25)
    return QColor(*(round(a + (b - a) * h) for a, b in zip(low, high, strict=True)))


@dataclass(frozen=True)
class Overlays:
    """What the canvas colours and marks besides the map itself."""

    value_class: bool = False
    heat: bool = False
    critical: bool = False
    handoffs: bool = False

    @property
    def any(self) -> bool:
        return self.value_class or self.heat or self.critical or self.handoffs


@dataclass(frozen=True)
class Look:
    text_scale: float = 1.0
    font_family: str = ""
    point_size: float = 10.0

    @property
    def label_size(self) -> float:
        return self.point_size * self.text_scale

    def font(self, base: QFont, factor: float = 1.0, bold: bool = False) -> QFont:
        """The label font: ``base`` in the look's family at its size times ``factor``."""
        font = QFont(base)
        if self.font_family:
            font.setFamily(self.font_family)
        font.setPointSizeF(self.label_size * factor)
        font.setBold(bold)
        return font
