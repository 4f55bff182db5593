"""The lean chart drawer puts the same ink on the page as reportlab's renderPDF."""

from __future__ import annotations

from io import BytesIO

from reportlab.graphics.shapes import Drawing, Ellipse, Group, Path, Rect, String, Wedge
from reportlab.lib import colors

from opsdesk.core.charts import Axis, Band, ChartSpec, Marker, Panel, RefLine, Series
from opsdesk.core.report import chart_pdf, fonts
from opsdesk.core.report.chart_render import render


def _pixels(draw_on_canvas: object, drawing: Drawing) -> bytes:
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out, pagesize=(drawing.width, drawing.height))
    draw_on_canvas(drawing, canvas)  # type: ignore[operator]
    canvas.showPage()
    canvas.save()
    page = pdfium.PdfDocument(out.getvalue())[0]
    return bytes(page.render(scale=3).buffer)


def _reportlab(drawing: Drawing, canvas: object) -> None:
    from reportlab.graphics import renderPDF

    renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)


def _spec() -> ChartSpec:
    x = [float(i) for i in range(40)]
    y = [10 + (i % 7) * 0.8 - (i % 3) for i in range(40)]
    return ChartSpec("Scrap rate", (Panel(
        x_axis=Axis("Week"), y_axis=Axis("%"),
        series=(Series("Actual", x, y), Series("Target", x, [11.0] * 40, role="target",
                                               style="dash", marker="none", step=True)),
        ref_lines=(RefLine("UCL", 15.0, role="limit", style="dash"),
                   RefLine("Centre", 11.0, role="center")),
        bands=(Band("green", [0.0] * 40, [11.0] * 40, "good", x), Band("zone", 12.0, 13.0)),
        markers=(Marker(5, y[5], "Test 1", text="1"), Marker(20, y[20], "Test 5", text="5")),
    ),), subtitle="Weekly values")


def test_same_pixels_as_renderpdf_for_a_chart() -> None:
    fonts.register()
    drawing = render(_spec(), 400, 220)
    assert chart_pdf._lean_enough(drawing)  # the lean path is the one under test
    assert _pixels(chart_pdf.draw, drawing) == _pixels(_reportlab, drawing)


def test_a_diagrams_shapes_as_renderpdf_draws_them() -> None:
    # What the process maps and value streams hold: rounded boxes (tasks), ellipses
    # (VSM icons), and texts anchored at their end or middle (lane titles, captions).
    fonts.register()
    drawing = Drawing(200, 120)
    group = Group()
    group.add(Rect(10, 10, 80, 40, rx=4, ry=4, fillColor=colors.beige,
                   strokeColor=colors.black, strokeWidth=0.8))
    group.add(Ellipse(140, 40, 30, 20, fillColor=colors.red, strokeColor=colors.navy))
    group.add(String(190, 100, "Review end", fontName=fonts.BODY, fontSize=8,
                     textAnchor="end"))
    group.add(String(100, 80, "Middle", fontName=fonts.BOLD, fontSize=7,
                     textAnchor="middle", fillColor=colors.blue))
    drawing.add(group)
    assert chart_pdf._lean_enough(drawing)
    assert _pixels(chart_pdf.draw, drawing) == _pixels(_reportlab, drawing)


def test_unknown_shapes_go_to_renderpdf_whole() -> None:
    drawing = Drawing(100, 100)
    group = Group()
    group.add(Wedge(50, 50, 30, 0, 120, fillColor=colors.red))
    drawing.add(group)
    assert not chart_pdf._lean_enough(drawing)
    assert _pixels(chart_pdf.draw, drawing) == _pixels(_reportlab, drawing)


def test_a_clip_path_cuts_the_rest_of_its_group_as_in_renderpdf() -> None:
    drawing = Drawing(100, 100)
    group = Group()
    clip = Path(isClipPath=1, strokeColor=None, fillColor=None)
    clip.moveTo(0, 0)
    clip.lineTo(50, 0)
    clip.lineTo(50, 50)
    clip.closePath()
    group.add(clip)
    group.add(Rect(10, 10, 80, 80, fillColor=colors.blue, strokeColor=None))
    drawing.add(group)
    drawing.add(Rect(60, 60, 30, 30, fillColor=colors.green, strokeColor=None))  # not clipped
    assert chart_pdf._lean_enough(drawing)
    assert _pixels(chart_pdf.draw, drawing) == _pixels(_reportlab, drawing)


def test_texts_and_plain_shapes_leave_no_state_to_the_next_node() -> None:
    # Texts and shapes with no dash, cap, join or opacity are drawn without a save and
    # restore of their own: what they set (font, fill, stroke, width) must not show in
    # the nodes after them, dashed, translucent or plain, nor after the drawing.
    from reportlab.graphics.shapes import Circle, Line, PolyLine

    fonts.register()
    drawing = Drawing(160, 120)
    drawing.add(String(5, 100, "Label", fontName=fonts.BOLD, fontSize=9,
                       fillColor=colors.Color(1, 0, 0, alpha=0.4)))
    drawing.add(Rect(5, 70, 40, 20, fillColor=colors.blue, strokeColor=None))
    drawing.add(Line(5, 60, 150, 60, strokeColor=colors.green, strokeWidth=3,
                     strokeDashArray=[4, 2], strokeLineCap=1))
    drawing.add(Line(5, 50, 150, 50, strokeColor=colors.black, strokeWidth=0.5))
    drawing.add(Rect(60, 70, 40, 20, fillColor=colors.orange, fillOpacity=0.5,
                     strokeColor=colors.navy, strokeWidth=2))
    drawing.add(Circle(130, 80, 10, fillColor=colors.purple, strokeColor=None))
    drawing.add(PolyLine([5, 20, 50, 40, 100, 10, 150, 30], strokeColor=colors.grey,
                         strokeWidth=1.5))
    drawing.add(String(150, 5, "end", fontName=fonts.BODY, fontSize=7, textAnchor="end"))
    assert chart_pdf._lean_enough(drawing)
    assert _pixels(chart_pdf.draw, drawing) == _pixels(_reportlab, drawing)


def test_chart_strings_are_the_shapes_reportlab_makes() -> None:
    from opsdesk.core.report.draw_text import string_shapes

    fonts.register()
    shape = string_shapes(12.5, 7.0, "Target", 6.5, colors.navy, font=fonts.BOLD)[0]
    made = String(12.5, 7.0, "Target", fontName=fonts.BOLD, fontSize=6.5,
                  fillColor=colors.navy)
    assert type(shape) is String
    assert shape.getProperties() == made.getProperties()
