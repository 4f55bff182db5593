"""The PDF places a chart's texts as the screen does: limit labels, notes and rule numbers
keep off the data points and each other, a point's rule numbers show once, and the legend
names the tests."""

from __future__ import annotations

from reportlab.graphics.shapes import Rect, String

from opsdesk.core.charts import Annotation, Axis, ChartSpec, Marker, Panel, RefLine, Series
from opsdesk.core.report.chart_render import Scale, render, x_extent, y_extent
from opsdesk.core.report.draw_text import text_width


def _walk(group: object) -> list[object]:
    out = []
    for item in getattr(group, "contents", []):
        out.append(item)
        out += _walk(item)
    return out


def _spec() -> ChartSpec:
    # As tests/ui/test_chart_view_labels.py: 60 points zig-zagging through the centre
    # line, a run of signals at the end with stacked rule numbers, a note mid-chart.
    x = [float(i) for i in range(60)]
    y = [25.0 + 0.004 * ((-1) ** i) * (1 + i % 4) / 2 for i in range(48)]
    y += [25.009 + 0.002 * (i % 3) for i in range(12)]
    texts = ["1,5", "1,2,5,6,8", "2,6", "1,5,6"]
    markers = [Marker(x[i], y[i], "Test 1\nTest 5", text=texts[i % 4]) for i in range(48, 60)]
    markers.append(Marker(x[48], y[48], "Note", role="neutral", shape="diamond", text="1,5"))
    panel = Panel("", Axis("x"), Axis("X̄", min=24.985, max=25.02),
                  series=(Series("data", x, y),),
                  ref_lines=(RefLine("CL = 25.00141", value=25.0, role="center"),
                             RefLine("UCL = 25.01202", value=25.008, role="limit"),
                             RefLine("LCL = 24.99080", value=24.992, role="limit")),
                  markers=tuple(markers),
                  annotations=(Annotation(x[30], "Tool wear: insert change overdue", y[30]),))
    keys = (("1", "1 point more than 3σ from the centre line"),
            ("2", "9 points in a row on the same side of the centre line"))
    return ChartSpec("Shaft diameter", (panel,), keys=keys)


def test_pdf_labels_keep_off_the_points_and_each_other() -> None:
    spec = _spec()
    drawing = render(spec, 480, 240)
    shapes = _walk(drawing)
    frame = next(r for r in shapes if isinstance(r, Rect) and r.fillColor is None
                 and r.strokeColor is not None)
    panel = spec.panels[0]
    s = Scale(*x_extent(spec.panels), *y_extent(panel), frame.x, frame.y, frame.width,
              frame.height)
    inside = [t for t in shapes if isinstance(t, String)
              and frame.x <= t.x <= frame.x + frame.width
              and frame.y <= t.y <= frame.y + frame.height]
    boxes = [(t.x, t.y - 0.22 * t.fontSize, t.x + text_width(t.text, t.fontSize),
              t.y - 0.22 * t.fontSize + t.fontSize * 1.15, t.text) for t in inside]
    texts = [b[4] for b in boxes]
    assert {"CL = 25.00141", "UCL = 25.01202", "LCL = 24.99080",
            "Tool wear: insert change overdue"} <= set(texts)
    assert texts.count("1,5") <= 3  # the note on point 48 did not repeat its numbers
    # data points (radius 1.9 + pen) and signal markers (radius 3)
    dots = [(s.x(px), s.y(py), 2.4) for px, py in zip(panel.series[0].x, panel.series[0].y,
                                                       strict=True)]
    dots += [(s.x(m.x), s.y(m.y), 3.3) for m in panel.markers]

    def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    for i, box in enumerate(boxes):
        for cx, cy, r in dots:
            assert not overlap(box[:4], (cx - r, cy - r, cx + r, cy + r)), box[4]
        # ... nor touch: more than a space apart (the layout keeps 4 pt between texts)
        apart = (box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3)
        for other in boxes[i + 1:]:
            assert not overlap(apart, other[:4]), (box[4], other[4])


def test_pdf_legend_names_the_tests() -> None:
    texts = [t.text for t in _walk(render(_spec(), 480, 240)) if isinstance(t, String)]
    assert "1 point more than 3σ from the centre line" in texts
    assert "9 points in a row on the same side of the centre line" in texts
