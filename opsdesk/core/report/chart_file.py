"""One ChartSpec to a file (PDF, SVG or PNG), drawn as the PDF review draws it.

The same reportlab Drawing (``chart_render.render``) goes out three ways:

- PDF: one page the chart's size, drawn by the review's own drawer (``chart_pdf``);
- SVG: reportlab's SVG renderer, the bundled font names replaced by the families they
  are (DejaVu Sans, Droid Sans Fallback) so another program's SVG viewer finds them;
- PNG: that PDF page rasterised by PDFium (pypdfium2, already there for the Reports
  page's preview) and encoded by Pillow (which reportlab depends on). reportlab's own
  rasteriser, renderPM, needs rlPyCairo and the system's cairo library, which a plain
  install does not have; PDFium's rendering is the PDF exactly, fonts included.

Every file goes through ``output_file`` (a temporary file renamed into place: a failed
write leaves no half file).
"""

from __future__ import annotations

import re
from pathlib import Path

from opsdesk.core.charts import ChartSpec
from opsdesk.core.errors import OpsdeskError

FORMATS = ("png", "svg", "pdf")
WIDTH = 640.0              # points; the review draws its charts about this wide on A4
HEIGHT = 400.0             # two panels (a chart and its spread); one panel: SINGLE_HEIGHT
SINGLE_HEIGHT = 320.0
PNG_DPI = 144              # 1280 x 800 pixels at the default size: sharp on a slide
MARGIN = 12.0              # white space round the chart (the review's page has its own)

_FONT_FAMILIES = {
    "OpsSans": "font-family: 'DejaVu Sans', Verdana, sans-serif;",
    "OpsSans-Bold": "font-family: 'DejaVu Sans', Verdana, sans-serif; font-weight: bold;",
    "OpsSans-Italic": "font-family: 'DejaVu Sans', Verdana, sans-serif; font-style: italic;",
    "OpsSans-BoldItalic": "font-family: 'DejaVu Sans', Verdana, sans-serif; "
                          "font-weight: bold; font-style: italic;",
    "OpsHan": "font-family: 'Droid Sans Fallback', 'Noto Sans CJK SC', sans-serif;",
}
_FONT_STYLE = re.compile(r"font-family: (OpsSans(?:-Bold|-Italic|-BoldItalic)?|OpsHan);")
# reportlab writes an unfilled polyline as "fill: None": browsers read CSS keywords in any
# case, but Qt's SVG renderer (and so a Qt app's import) fills the data line black
_NO_PAINT = re.compile(r"\b(fill|stroke): None;")
# reportlab clips the drawing to its own page: nothing lies outside it, and SVG Tiny
# renderers (Qt's) without clipPath paint the clip's rectangle black over the chart
_PAGE_CLIP = re.compile(r'\s*<clipPath id="clip">\s*<rect [^>]*/>\s*</clipPath>'
                        r'| style="clip-path: url\(#clip\)"')


def chart_format(path: Path) -> str:
    """The format a file name asks for, or one sentence saying which ones there are."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise OpsdeskError(f"{path.name}: give a file name ending in .png, .svg or .pdf "
                           "for the chart.")
    return kind


def chart_size(spec: ChartSpec) -> tuple[float, float]:
    """The default size of ``spec`` in points: taller when it stacks panels."""
    return WIDTH, HEIGHT if len(spec.panels) > 1 else SINGLE_HEIGHT


def chart_bytes(spec: ChartSpec, kind: str, width: float, height: float,
                dpi: int = PNG_DPI) -> bytes:
    """``spec`` drawn ``width`` x ``height`` points as a ``kind`` ("png", "svg", "pdf")."""
    from reportlab.graphics.shapes import Drawing, Group

    from opsdesk.core.report.chart_render import render

    chart = render(spec, width - 2 * MARGIN, height - 2 * MARGIN)
    framed = Group(*chart.contents)
    framed.transform = (1, 0, 0, 1, MARGIN, MARGIN)
    drawing = Drawing(width, height)
    drawing.add(framed)
    if kind == "svg":
        return svg_text(drawing, spec.title, spec.subtitle).encode("utf-8")
    pdf = pdf_bytes(drawing, spec.title, spec.subtitle)
    return pdf if kind == "pdf" else png_bytes(pdf, dpi / 72.0)


def write_chart(spec: ChartSpec, path: Path, size: tuple[float, float] | None = None,
                dpi: int = PNG_DPI) -> None:
    """Write ``spec`` to ``path``, its format from the file's suffix."""
    from opsdesk.core import output_file

    kind = chart_format(path)
    output_file.check_target(path, "chart")  # before the drawing is made
    width, height = size or chart_size(spec)
    output_file.write_bytes(path, chart_bytes(spec, kind, width, height, dpi), "chart")


def pdf_bytes(drawing: object, title: str, subject: str) -> bytes:
    """A reportlab Drawing as a one-page PDF of its size (process maps use it too)."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    from opsdesk.core.report import chart_pdf

    out = BytesIO()
    width, height = drawing.width, drawing.height  # type: ignore[attr-defined]
    canvas = Canvas(out, pagesize=(width, height), invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setSubject(subject)
    canvas.setCreator("opsdesk")
    chart_pdf.draw(drawing, canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def svg_text(drawing: object, title: str, description: str) -> str:
    """A reportlab Drawing as SVG text, with real font families."""
    from io import StringIO

    from reportlab.graphics.renderSVG import LINE_STYLES, SVGCanvas, draw, transformNode

    class OpenLines(SVGCanvas):  # type: ignore[misc]
        """reportlab closes each line's path ("M a L b Z"): the way back drawn over a
        dashed line fills its gaps, so limits looked solid. An open path is the line."""

        def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
            if self._strokeColor is not None:
                self.currGroup.appendChild(transformNode(
                    self.doc, "path", d=f"M {self.cfp_str(x1, y1)} L {self.cfp_str(x2, y2)}",
                    style=self._formatStyle(LINE_STYLES)))

    width, height = drawing.width, drawing.height  # type: ignore[attr-defined]
    canvas = OpenLines((width, height))
    for tag, text in (("title", title), ("desc", description)):
        canvas.svg.getElementsByTagName(tag)[0].firstChild.data = text  # escaped on save
    draw(drawing, canvas)
    out = StringIO()
    canvas.save(out)
    text = _PAGE_CLIP.sub("", _NO_PAINT.sub(lambda m: f"{m.group(1)}: none;", out.getvalue()))
    return _FONT_STYLE.sub(lambda m: _FONT_FAMILIES[m.group(1)], text)


def png_bytes(pdf: bytes, scale: float) -> bytes:
    """The first page of ``pdf`` as a PNG, ``scale`` pixels per point."""
    from io import BytesIO

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil()
        out = BytesIO()
        image.save(out, format="PNG", optimize=True, dpi=(scale * 72, scale * 72))
        bitmap.close()
        page.close()
        return out.getvalue()
    finally:
        document.close()
