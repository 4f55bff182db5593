"""The ChartSpec renderer: scales, ticks, steps and what ends up in the drawing."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, PolyLine, Rect, String

from opsdesk.core.charts import Axis, Band, ChartSpec, Marker, Panel, RefLine, Series
from opsdesk.core.report.chart_axes import nice_step, number_ticks
from opsdesk.core.report.chart_render import Scale, render


def _walk(group: object) -> list[object]:
    out = []
    for item in getattr(group, "contents", []):
        out.append(item)
        out += _walk(item)
    return out


def test_scale_maps_data_to_the_plot_box() -> None:
    s = Scale(0.0, 10.0, 100.0, 200.0, left=50, bottom=20, width=200, height=100)
    # x = 5 is halfway: 50 + 200 / 2 = 150; y = 150 is halfway: 20 + 100 / 2 = 70.
    assert s.x(5) == 150 and s.y(150) == 70


def test_nice_steps_are_1_2_2_5_5_times_a_power_of_ten() -> None:
    # 0..10 in about 5 intervals: raw step 2 -> 2; 0..1 in 4: raw 0.25 -> 0.25.
    assert nice_step(10, 5) == 2
    assert nice_step(1, 4) == 0.25
    ticks, decimals = number_ticks(0.0, 1.0, 4)
    assert ticks == [0, 0.25, 0.5, 0.75, 1.0] and decimals == 2


def test_drawing_holds_the_line_limits_and_labels() -> None:
    spec = ChartSpec("Scrap <rate>", (Panel(
        x_axis=Axis("Week"), y_axis=Axis("%"),
        series=(Series("Actual", [0, 1, 2, 3], [1.0, None, 2.0, 3.0]),),
        ref_lines=(RefLine("UCL = 4", 4.0, role="limit", style="dash"),),
        bands=(Band("zone", 1.5, 2.5),),
        markers=(Marker(3, 3.0, "Test 1", text="1"),)),), notes=("sigma = MR-bar / d2",))
    drawing = render(spec, 400, 200)
    shapes = _walk(drawing)
    texts = [s.text for s in shapes if isinstance(s, String)]
    assert "Scrap <rate>" in texts  # drawn as text, never parsed as markup
    assert "UCL = 4" in texts and "Actual" in texts
    lines = [s for s in shapes if isinstance(s, PolyLine)]
    # The gap at x = 1 splits the series: a lone point, then a two-point segment.
    assert len(lines) == 1 and len(lines[0].points) == 4


def test_centred_steps_hold_each_value_halfway_to_the_neighbours() -> None:
    spec = ChartSpec("", (Panel(x_axis=Axis(min=0, max=4), y_axis=Axis(min=0, max=10),
                                series=(Series("UCL", [1, 3], [5.0, 6.0], role="limit",
                                               step=True, marker="none"),)),))
    drawing = render(spec, 400, 200)
    line = next(s for s in _walk(drawing) if isinstance(s, PolyLine))
    xs = line.points[0::2]
    # Edges for x = 1, 3: 0 (half a gap before), 2 (the middle), 4 (half a gap after);
    # the plot spans x 0..4, so the steps run from its left edge to its right edge.
    assert xs[0] == min(xs) and xs[-1] == max(xs)
    assert xs[1] == xs[2] == (xs[0] + xs[-1]) / 2



def _ink_above(drawing: Drawing, top: float, rgb: tuple[int, int, int]) -> int:
    """Pixels of colour ``rgb`` (within 40 per channel) above the height ``top`` (points)
    on the drawing drawn on a PDF page and rasterised."""
    from io import BytesIO

    import numpy as np
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    from opsdesk.core.report import chart_pdf

    out = BytesIO()
    canvas = Canvas(out, pagesize=(drawing.width, drawing.height))
    chart_pdf.draw(drawing, canvas)
    canvas.showPage()
    canvas.save()
    scale = 3
    image = np.asarray(pdfium.PdfDocument(out.getvalue())[0].render(scale=scale).to_pil())
    near = (np.abs(image[:, :, :3].astype(int) - np.array(rgb)) <= 40).all(axis=2)
    rows_above = int((drawing.height - top) * scale) - 2  # image rows grow downwards
    return int(near[:rows_above].sum())


def test_lines_and_bands_beyond_a_set_axis_range_stop_at_the_frame() -> None:
    # The y axis is set to 0..10 (a trend chart keeps a wide interval from flattening the
    # data); the forecast line climbs to 40 and its interval to 60: both must end at the
    # plot frame, not run over the title and the margin above it.
    from opsdesk.core.report import chart_style as cs

    spec = ChartSpec("Forecast", (Panel(
        x_axis=Axis("x"), y_axis=Axis("y", min=0.0, max=10.0),
        series=(Series("Actual", [0, 1, 2, 3], [4.0, 5.0, 6.0, 7.0]),
                Series("Forecast", [3, 4, 5, 6], [7.0, 20.0, 30.0, 40.0], role="forecast",
                       marker="none")),
        bands=(Band("interval", [7.0, 10.0, 30.0, 60.0], [7.0, 30.0, 40.0, 60.0], "forecast",
                    [3, 4, 5, 6]),)),))
    drawing = render(spec, 300, 200)
    frame = next(r for r in _walk(drawing) if isinstance(r, Rect) and r.fillColor is None
                 and r.strokeColor is not None)
    colour = cs.ROLE_COLOR["forecast"]
    rgb = (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
    assert _ink_above(drawing, frame.y + frame.height, rgb) == 0


def test_a_long_series_without_a_line_is_drawn_as_its_markers() -> None:
    from reportlab.graphics.shapes import Path

    n = 300  # past MARKERS_UP_TO: a line series would be drawn as its line alone
    points = Series("Data", list(range(n)), [float(i % 17) for i in range(n)], line=False)
    drawing = render(ChartSpec("Probability plot", (Panel(series=(points,)),)), 400, 200)
    markers = [s for s in _walk(drawing) if isinstance(s, Path) and s.fillColor is not None]
    # each circle marker is a move and four curves: every point is there
    assert sum(op == 0 for m in markers for op in m.operators) == n  # 0: moveTo
