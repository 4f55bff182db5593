"""The cover page: title and client on the navy band, the facts of the report below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from opsdesk.core.report import styles
from opsdesk.core.report.text import para


@dataclass(frozen=True)
class CoverFacts:
    title: str
    client: str
    subtitle: str
    period: str
    author: str
    date: str
    data_as_of: str
    logo: bytes | None = None


class Cover(Flowable):  # type: ignore[misc]
    """Fills the cover frame; draws at absolute positions within it."""

    def __init__(self, facts: CoverFacts) -> None:
        super().__init__()
        self.facts = facts

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height
        return avail_width, avail_height - 1

    def draw(self) -> None:
        sheet = styles.sheet()
        canvas = self.canv
        page_h = canvas._pagesize[1]
        # Local y = 0 is page height minus this flowable's height; the band starts at 55 %.
        band_bottom = page_h * 0.55 - (page_h - self.height)
        top = self.height
        kicker = Paragraph('<font color="#b9cde3">OPERATIONS REVIEW</font>', sheet["small"])
        kicker.wrapOn(canvas, self.width, 20)
        kicker.drawOn(canvas, 0, top - 40 * mm)
        y = top - 46 * mm
        title = Paragraph(para(self.facts.title), sheet["cover_title"])
        _, h = title.wrapOn(canvas, self.width * 0.85, 200)
        y -= h
        title.drawOn(canvas, 0, y)
        for text in (self.facts.client, self.facts.subtitle):
            if text:
                sub = Paragraph(para(text), sheet["cover_sub"])
                _, h = sub.wrapOn(canvas, self.width * 0.85, 100)
                y -= h + 4
                sub.drawOn(canvas, 0, y)
        period = Paragraph(f'<font color="#dbe6f2">{para(self.facts.period)}</font>',
                           sheet["cover_sub"])
        period.wrapOn(canvas, self.width, 40)
        period.drawOn(canvas, 0, band_bottom + 14 * mm)
        self._facts_block(canvas, band_bottom - 22 * mm)
        if self.facts.logo:
            self._logo(canvas, band_bottom - 14 * mm)

    def _facts_block(self, canvas: Any, y: float) -> None:
        sheet = styles.sheet()
        pairs = [("Client", self.facts.client), ("Reporting period", self.facts.period),
                 ("Prepared by", self.facts.author), ("Date", self.facts.date),
                 ("Data as of", self.facts.data_as_of)]
        for key, value in pairs:
            if not value:
                continue
            label = Paragraph(para(key.upper()), sheet["cover_key"])
            label.wrapOn(canvas, 60 * mm, 20)
            label.drawOn(canvas, 0, y + 14)
            text = Paragraph(para(value), sheet["cover_value"])
            _, h = text.wrapOn(canvas, self.width * 0.6, 60)
            text.drawOn(canvas, 0, y + 14 - h - 1)
            canvas.setStrokeColor(colors.HexColor(styles.RULE))
            canvas.setLineWidth(0.4)
            canvas.line(0, y + 14 - h - 6, self.width * 0.6, y + 14 - h - 6)
            y -= h + 24

    def _logo(self, canvas: Any, top: float) -> None:
        from io import BytesIO

        from reportlab.lib.utils import ImageReader

        assert self.facts.logo is not None
        image = ImageReader(BytesIO(self.facts.logo))
        w, h = image.getSize()
        scale = min(45 * mm / w, 25 * mm / h)
        canvas.drawImage(image, self.width - w * scale, top - h * scale, w * scale, h * scale,
                         mask="auto")

