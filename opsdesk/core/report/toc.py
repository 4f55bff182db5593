"""The contents page, laid out in one pass.

Every heading is known before layout starts, so the contents has its final size at once;
only the page numbers are unknown. Each is drawn as a reference to a PDF form that
``ReviewDoc`` defines at the end of the build, when the numbers are known, so the
document is laid out once instead of until the numbers settle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from opsdesk.core.report import fonts, styles
from opsdesk.core.report.draw_text import draw_runs, text_width

LEVEL = {0: (fonts.BOLD, 10.0, 0.0, 21.0), 1: (fonts.BODY, 8.5, 18.0, 12.5)}
NUMBER_COLUMN = 34.0


def form_name(key: str) -> str:
    return "opsToc_" + key.replace(".", "_")


@dataclass
class Entry:
    level: int
    text: str
    key: str


class Contents(Flowable):  # type: ignore[misc]
    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries  # filled in by the build once every heading is known

    def _height(self, entries: list[Entry]) -> float:
        return sum(LEVEL[min(e.level, 1)][3] for e in entries)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self._height(self.entries)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        used, cut = 0.0, 0
        for entry in self.entries:
            step = LEVEL[min(entry.level, 1)][3]
            if used + step > avail_height:
                break
            used += step
            cut += 1
        if cut == 0 or cut == len(self.entries):
            return []
        return [Contents(self.entries[:cut]), Contents(self.entries[cut:])]

    def draw(self) -> None:
        canvas = self.canv
        y = self._height(self.entries)
        ink, muted = colors.HexColor(styles.INK), colors.HexColor(styles.RULE)
        for entry in self.entries:
            font, size, indent, step = LEVEL[min(entry.level, 1)]
            y -= step
            base = y + 3
            room = self.width - indent - NUMBER_COLUMN - 6
            text = _fit(entry.text, font, size, room)
            canvas.setFillColor(ink)
            draw_runs(canvas, indent, base, text, size, font=font)
            if entry.level > 0:  # dot leader to the page number
                start = indent + text_width(text, size, font) + 4
                canvas.saveState()
                canvas.setStrokeColor(muted)
                canvas.setLineWidth(0.8)
                canvas.setLineCap(1)
                canvas.setDash([0.01, 3])
                canvas.line(start, base, self.width - NUMBER_COLUMN + 4, base)
                canvas.restoreState()
            canvas.saveState()
            canvas.translate(self.width, base)
            canvas.doForm(form_name(entry.key))
            canvas.restoreState()
            canvas.linkRect("", entry.key, (0, base - 3, self.width, base + size), relative=1,
                            thickness=0)

    def number_font(self, level: int) -> tuple[str, float]:
        font, size, _, _ = LEVEL[min(level, 1)]
        return font, size


def _fit(text: str, font: str, size: float, room: float) -> str:
    """``text``, cut with an ellipsis if it is wider than ``room``."""
    if text_width(text, size, font) <= room:
        return text
    while text and text_width(text + "…", size, font) > room:
        text = text[:-1]
    return text + "…"


def contents_story(entries: list[Entry]) -> list[Any]:
    from reportlab.platypus import Paragraph

    return [Paragraph("Contents", styles.sheet()["toc_title"]), Contents(entries)]
