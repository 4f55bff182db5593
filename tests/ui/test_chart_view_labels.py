"""ChartView lays out its texts: rule labels never overlap, annotations stay inside the
view, vertical-line labels keep off the horizontal lines' labels and above the data."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QPointF, QRectF

from opsdesk.core.charts import Annotation, Axis, ChartSpec, Marker, Panel, RefLine, Series
from opsdesk.ui.widgets.chart_labels import INSET
from opsdesk.ui.widgets.chart_view import ChartView


def _glyphs(item: Any) -> QRectF:
    return item.sceneBoundingRect().adjusted(INSET, INSET, -INSET, -INSET)  # type: ignore[no-any-return]


def _show(qtbot: Any, spec: ChartSpec) -> ChartView:
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(700, 380)
    view.set_spec(spec)
    view.show()
    qtbot.waitExposed(view)
    layout = view.label_layouts[0]
    with qtbot.waitSignal(layout.timer.timeout, timeout=2000, raising=False):
        pass  # the pass queued by showing and sizing the view
    layout.layout()  # and once more, on the final geometry
    view.graphics.viewport().repaint()  # text items take their view transform when painted
    return view


def test_dense_rule_labels_do_not_overlap(qtbot: Any) -> None:
    # 40 signals 1 x-unit apart on a 700 px view: about 15 px per point, while
    # "1,2,5,6,8" is some 60 px wide: the labels stack above and below their points, or
    # are left out where there is no room; the ones shown never overlap.
    x = [float(i) for i in range(40)]
    y = [10.0 + (i % 3) * 0.2 for i in range(40)]
    markers = tuple(Marker(xi, yi, "Test 1; Test 2", text="1,2,5,6,8")
                    for xi, yi in zip(x, y, strict=True))
    view = _show(qtbot, ChartSpec("T", (Panel("p", Axis("x"), Axis("y"),
                                              series=(Series("data", x, y),),
                                              markers=markers),)))
    shown = [t.item for t in view.label_layouts[0].marks if t.item.isVisible()]
    assert 0 < len(shown) <= len(markers)
    rects = [_glyphs(item) for item in shown]
    for i, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[i + 1:])
    # every marked point keeps its tests in the tooltip data, shown or not
    assert len(view.marker_items[0].points()) == 40


def test_annotation_near_the_right_edge_stays_inside(qtbot: Any) -> None:
    x = [float(i) for i in range(20)]
    note = Annotation(18.0, "Tool wear: insert change overdue", 10.0)
    view = _show(qtbot, ChartSpec("T", (Panel("p", Axis("x"), Axis("y"),
                                              series=(Series("data", x, [10.0] * 20),),
                                              annotations=(note,)),)))
    text = view.label_layouts[0].notes[0].item
    box = view.plots[0].vb.sceneBoundingRect()
    assert box.contains(_glyphs(text))
    assert _glyphs(text).right() <= box.right()


def test_vertical_label_clears_the_limit_label_and_the_data(qtbot: Any) -> None:
    # the vertical line sits where the UCL label is drawn (2 % along the x range)
    x = [float(i) for i in range(50)]
    y = [0.02 + 0.0189 * (i % 2) for i in range(50)]  # up to the UCL
    panel = Panel("R", Axis("x"), Axis("R"), series=(Series("data", x, y),),
                  ref_lines=(RefLine("UCL = 0.03889", value=0.0389, role="limit"),
                             RefLine("end of baseline", at_x=1.5, role="neutral")))
    view = _show(qtbot, ChartSpec("T", (panel,)))
    layout = view.label_layouts[0]
    vertical = _glyphs(layout.verticals[0][0].item)
    assert not vertical.intersects(_glyphs(layout.h_refs[0][1]))
    data_top = view.plots[0].vb.mapViewToScene(QPointF(0.0, max(y))).y()
    assert vertical.bottom() <= data_top  # scene y grows downwards: above the data


def _segment_hits(rect: QRectF, a: QPointF, b: QPointF) -> bool:
    """Whether the segment a-b passes through ``rect`` (sampled every half pixel)."""
    steps = max(2, int(max(abs(b.x() - a.x()), abs(b.y() - a.y())) * 2))
    return any(rect.contains(QPointF(a.x() + (b.x() - a.x()) * k / steps,
                                     a.y() + (b.y() - a.y()) * k / steps))
               for k in range(steps + 1))


def test_labels_keep_off_the_data_points_the_line_and_each_other(qtbot: Any) -> None:
    # A shaft-diameter-like X-bar panel: 60 points zig-zagging through the centre line
    # (where pyqtgraph put "CL = ..." on top of them), a run of signals at the end with
    # stacked rule numbers, and a note on a point in the middle of the rising line.
    x = [float(i) for i in range(60)]
    y = [25.0 + 0.004 * ((-1) ** i) * (1 + i % 4) / 2 for i in range(48)]
    y += [25.009 + 0.002 * (i % 3) for i in range(12)]
    markers = [Marker(x[i], y[i], "Test 1: 1 point more than 3σ\nTest 5: 2 out of 3 ...",
                      text=["1,5", "1,2,5,6,8", "2,6", "1,5,6"][i % 4]) for i in range(48, 60)]
    markers.append(Marker(x[30], y[30], "Note: Tool wear", role="neutral", shape="diamond"))
    panel = Panel("Subgroup mean", Axis("x"), Axis("X̄"), series=(Series("data", x, y),),
                  ref_lines=(RefLine("CL = 25.00141", value=25.0, role="center"),
                             RefLine("UCL = 25.01202", value=25.008, role="limit"),
                             RefLine("LCL = 24.99080", value=24.992, role="limit")),
                  markers=tuple(markers),
                  annotations=(Annotation(x[30], "Tool wear: insert change overdue", y[30]),))
    view = _show(qtbot, ChartSpec("T", (panel,)))
    layout = view.label_layouts[0]
    vb = view.plots[0].vb

    def at(px: float, py: float) -> QPointF:
        return vb.mapViewToScene(QPointF(px, py))  # type: ignore[no-any-return]

    texts = [item for _, item in layout.h_refs] + [t.item for t in layout.notes]
    texts += [t.item for t in layout.marks if t.item.isVisible()]
    assert all(item.isVisible() for _, item in layout.h_refs)  # limits always labelled
    boxes = [_glyphs(item) for item in texts]
    # data markers (size 6 and the pen) and the signal markers (size 9 and the pen)
    dots = [QRectF(at(px, py) - QPointF(3.6, 3.6), at(px, py) + QPointF(3.6, 3.6))
            for px, py in zip(x, y, strict=True)]
    dots += [QRectF(at(m.x, m.y) - QPointF(5.3, 5.3), at(m.x, m.y) + QPointF(5.3, 5.3))
             for m in markers]
    for i, box in enumerate(boxes):
        assert not any(box.intersects(d) for d in dots), texts[i].toPlainText()
        assert not any(box.intersects(other) for other in boxes[i + 1:]), texts[i].toPlainText()
        # ... nor touch: more than a space apart, so "2,6" by "CL = ..." reads as two texts
        apart = box.adjusted(-3, -3, 3, 3)
        assert not any(apart.intersects(other) for other in boxes[i + 1:]), \
            texts[i].toPlainText()
    # the note does not cover the line; no limit label crosses it either
    note = _glyphs(layout.notes[0].item)
    line = [at(px, py) for px, py in zip(x, y, strict=True)]
    for box in [note] + [_glyphs(item) for _, item in layout.h_refs]:
        assert not any(_segment_hits(box, a, b) for a, b in pairwise(line))
    # a point's rule numbers show once: one label per signalled point
    assert len(layout.marks) == 12


def test_a_category_value_axis_names_its_rows(qtbot: Any) -> None:
    # the sixpack's capability plot: mean ± 3σ within and overall above the specs, one
    # row each, named on the left axis as Minitab names them (not 0, 1, 2)
    rows = ("Specs", "Overall", "Within")
    series = tuple(Series(name, [497.0 + k, 504.0 - k], [float(k), float(k)])
                   for k, name in enumerate(rows))
    panel = Panel("", Axis("Value"), Axis("", kind="category", categories=rows), series)
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(560, 320)
    view.set_spec(ChartSpec("Capability plot", (panel,)))
    view.show()
    qtbot.waitExposed(view)
    axis = view.plots[0].getAxis("left")
    assert axis.tickStrings([0.0, 1.0, 2.0], 1.0, 1.0) == list(rows)
