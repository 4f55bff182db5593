"""The document frame: page templates, running header and footer, TOC, outline, passes.

Layout runs in passes because the table of contents needs page numbers: the first pass
lays out the pages without drawing the charts (their size is known, their ink is not
needed) to learn where every heading falls; the second draws everything with the right
page numbers and "page N of M". A further pass runs only if the numbers moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from opsdesk.core.report import fonts, styles
from opsdesk.core.report.draw_text import draw_runs

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


class Heading(Paragraph):  # type: ignore[misc]
    """A numbered heading that becomes a TOC line and a PDF bookmark."""

    def __init__(self, markup: str, style: Any, level: int, plain: str, key: str) -> None:
        super().__init__(markup, style)
        self.level = level
        self.plain = plain
        self.key = key


class ChartFlowable(Flowable):  # type: ignore[misc]
    """A reportlab Drawing that is only inked on the drawing pass."""

    def __init__(self, drawing: Any) -> None:
        super().__init__()
        self.drawing = drawing
        self.width = drawing.width
        self.height = drawing.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        doc = getattr(self.canv, "_ops_doc", None)
        if doc is not None and doc.layout_only:
            return
        from reportlab.graphics import renderPDF

        renderPDF.draw(self.drawing, self.canv, 0, 0, showBoundary=False)


class ReviewDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: Any, info: DocInfo, *, invariant: bool,
                 progress: Callable[[float, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        size = PAPERS[info.paper]
        super().__init__(
            target, pagesize=size, title=info.title, author=info.author,
            subject=info.subject, creator="opsdesk", producer="opsdesk (ReportLab)",
            keywords=["operations review", info.client], invariant=int(invariant),
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, lang="en",
        )
        self.info = info
        self.layout_only = False
        self.total_pages = 0
        self.landscape_pages: set[int] = set()
        self._progress = progress
        self._cancelled = cancelled
        self._flowables_done = 0
        self._flowables_total = 1
        self._pass_share = (0.0, 1.0)
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

    # -- passes --------------------------------------------------------------------
    def build_passes(self, story: list[Flowable], toc: TableOfContents,
                     max_passes: int = 5) -> int:
        """Lay out, then draw; returns the number of passes."""
        # Prefill the TOC with its final lines so the first pass gives it its real size.
        toc._entries = [(h.level, h.plain, 9999, h.key) for h in story if isinstance(h, Heading)]
        self._indexingFlowables = [toc]
        self._doSave = 0
        self._flowables_total = max(1, len(story))
        passes = 0
        self.layout_only = True
        # reportlab records the flowable attributes a pass changes (keepWithNext) here,
        # to be put back before the next pass, as its multiBuild does.
        edits: list[tuple[Any, ...]] = []
        self._multiBuildEdits = edits.append
        while True:
            passes += 1
            self._pass_share = (0.0, 0.35) if self.layout_only else (0.35, 0.6)
            toc.beforeBuild()
            self._flowables_done = 0
            self.build(story[:], canvasmaker=self._canvas)
            toc.afterBuild()
            settled = toc.isSatisfied() and self.page == self.total_pages
            if settled and not self.layout_only:
                self._doSave = 0
                self.canv.save()
                return passes
            if passes >= max_passes:
                raise RuntimeError("The table of contents did not settle.")
            self.total_pages = self.page
            self.layout_only = False
            while edits:
                edit = edits.pop(0)
                edit[0](*edit[1:])

    def _canvas(self, *args: Any, **kw: Any) -> Canvas:
        canvas = Canvas(*args, **kw)
        canvas._ops_doc = self
        return canvas

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if self._cancelled is not None and self._cancelled():
            from opsdesk.core.report.errors import BuildCancelled

            raise BuildCancelled("The report build was cancelled.")
        super().handle_flowable(flowables)
        self._flowables_done += 1
        if self._progress is not None and self._flowables_done % 25 == 0:
            start, share = self._pass_share
            fraction = min(1.0, self._flowables_done / self._flowables_total)
            what = "Laying out pages" if self.layout_only else "Drawing pages"
            self._progress(start + share * fraction, f"{what} ({self.page})")

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.plain, flowable.key, level=flowable.level,
                                      closed=flowable.level > 0)
            self.notify("TOCEntry", (flowable.level, flowable.plain, self.page, flowable.key))

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
        total = self.total_pages or self.page
        draw_runs(canvas, width - MARGIN_X, footer, f"Page {self.page} of {total}", 7.5,
                  align="right")
        canvas.restoreState()
