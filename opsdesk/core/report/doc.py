"""The document frame: page templates, running header and footer, outline, one pass.

"Page N of M" and the contents' page numbers are PDF forms referenced while the pages
are laid out and defined once the build knows the numbers (``_define_forms``), so the
document is laid out once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from opsdesk.core.report import fonts, styles
from opsdesk.core.report.draw_text import draw_runs
from opsdesk.core.report.parsed_paragraph import ParsedParagraph
from opsdesk.core.task_state import TaskState

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm


@dataclass(frozen=True)
class DocInfo:
    title: str
    client: str
    author: str
    subject: str
    confidentiality: str
    paper: str = "a4"


class Heading(ParsedParagraph):
    """A numbered heading that becomes a TOC line and a PDF bookmark."""

    def __init__(self, markup: str, style: Any, level: int, plain: str, key: str) -> None:
        super().__init__(markup, style)
        self.level = level
        self.plain = plain
        self.key = key


class ChartFlowable(Flowable):  # type: ignore[misc]
    """A reportlab Drawing as a flowable of its own size."""

    def __init__(self, drawing: Any) -> None:
        super().__init__()
        self.drawing = drawing
        self.width = drawing.width
        self.height = drawing.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from opsdesk.core.report import chart_pdf

        chart_pdf.draw(self.drawing, self.canv)


class ReviewDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: Any, info: DocInfo, *, invariant: bool,
                 task: TaskState | None = None) -> None:
        size = PAPERS[info.paper]
        super().__init__(
            target, pagesize=size, title=info.title, author=info.author,
            subject=info.subject, creator="opsdesk", producer="opsdesk (ReportLab)",
            keywords=["operations review", info.client], invariant=int(invariant),
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, lang="en",
        )
        self.info = info
        self.heading_pages: dict[str, int] = {}
        self._task = task or TaskState()
        self._flowables_done = 0
        self._flowables_total = 1
        portrait = size
        wide = landscape(size)
        self.addPageTemplates([
            PageTemplate("cover", [self._frame(portrait, cover=True)], onPage=self._on_cover,
                         pagesize=portrait),
            PageTemplate("portrait", [self._frame(portrait)], onPage=self._on_page,
                         pagesize=portrait),
            PageTemplate("landscape", [self._frame(wide)], onPage=self._on_page,
                         pagesize=wide),
        ])

    @staticmethod
    def _frame(size: tuple[float, float], cover: bool = False) -> Frame:
        width, height = size
        top = 0 if cover else MARGIN_TOP
        return Frame(MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X,
                     height - top - MARGIN_BOTTOM, id="body", leftPadding=0, rightPadding=0,
                     topPadding=0, bottomPadding=0)

    # -- building ------------------------------------------------------------------
    def build_once(self, story: list[Flowable], contents: list[Any]) -> None:
        """Lay out and draw ``story``, then define the page-number forms and save."""
        self._doSave = 0
        self._flowables_total = max(1, len(story))
        self.heading_pages.clear()
        self.build(story, canvasmaker=self._canvas)
        self._define_forms(contents)
        self.canv.save()

    def _define_forms(self, contents: list[Any]) -> None:
        from opsdesk.core.report.toc import Contents, form_name

        canvas = self.canv
        total = self.page
        muted = colors.HexColor(styles.MUTED)
        for number in range(1, total + 1):
            canvas.beginForm(f"opsPage_{number}", lowerx=-200, lowery=-4, upperx=0, uppery=10)
            canvas.setFillColor(muted)
            canvas.setFont(fonts.BODY, 7.5)
            canvas.drawRightString(0, 0, f"Page {number} of {total}")
            canvas.endForm()
        ink = colors.HexColor(styles.INK)
        for flowable in contents:
            if not isinstance(flowable, Contents):
                continue
            for entry in flowable.entries:
                font, size = flowable.number_font(entry.level)
                canvas.beginForm(form_name(entry.key), lowerx=-60, lowery=-4, upperx=0,
                                 uppery=12)
                canvas.setFillColor(ink)
                canvas.setFont(font, size)
                canvas.drawRightString(0, 0, str(self.heading_pages.get(entry.key, "")))
                canvas.endForm()

    def _canvas(self, *args: Any, **kw: Any) -> Canvas:
        canvas = Canvas(*args, **kw)
        canvas._ops_doc = self
        return canvas

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self._task.check()
        super().handle_flowable(flowables)
        self._flowables_done += 1
        if self._flowables_done % 25 == 0:
            fraction = min(1.0, self._flowables_done / self._flowables_total)
            self._task.progress(0.3 + 0.65 * fraction, f"Laying out page {self.page}")

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.plain, flowable.key, level=flowable.level,
                                      closed=flowable.level > 0)
            self.heading_pages[flowable.key] = self.page

    # -- page decoration ----------------------------------------------------------
    def _on_cover(self, canvas: Canvas, doc: Any) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(styles.ACCENT))
        canvas.rect(0, height * 0.55, width, height * 0.45, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor("#8fb3d9"))
        canvas.rect(0, height * 0.55 - 4, width, 4, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor(styles.MUTED))
        draw_runs(canvas, MARGIN_X, MARGIN_BOTTOM, self.info.confidentiality, 8)
        canvas.restoreState()

    def _on_page(self, canvas: Canvas, doc: Any) -> None:
        width, height = canvas._pagesize
        muted = colors.HexColor(styles.MUTED)
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(styles.RULE))
        canvas.setLineWidth(0.5)
        top = height - MARGIN_TOP + 8 * mm
        canvas.line(MARGIN_X, top - 3, width - MARGIN_X, top - 3)
        canvas.line(MARGIN_X, MARGIN_BOTTOM - 6 * mm, width - MARGIN_X, MARGIN_BOTTOM - 6 * mm)
        canvas.setFillColor(colors.HexColor(styles.ACCENT))
        draw_runs(canvas, MARGIN_X, top + 2, self.info.title, 8, font=fonts.BOLD)
        canvas.setFillColor(muted)
        draw_runs(canvas, width - MARGIN_X, top + 2, self.info.client, 8, align="right")
        footer = MARGIN_BOTTOM - 6 * mm - 10
        draw_runs(canvas, MARGIN_X, footer, self.info.confidentiality, 7.5)
        canvas.translate(width - MARGIN_X, footer)
        canvas.doForm(f"opsPage_{self.page}")  # "Page N of M", defined at the end
        canvas.restoreState()
