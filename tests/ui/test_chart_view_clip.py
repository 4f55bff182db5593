"""ChartView keeps every drawing inside its plot frame: a forecast and its interval that
run past the set y range end at the frame's edge, on screen as in the PDF."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtGui import QColor

from opsdesk.core.charts import Axis, Band, ChartSpec, Panel, Series
from opsdesk.ui.widgets.chart_palette import color
from opsdesk.ui.widgets.chart_view import ChartView


def test_a_forecast_past_the_axis_range_is_cut_at_the_frame(qtbot: Any) -> None:
    spec = ChartSpec("Forecast", (Panel(
        x_axis=Axis("x"), y_axis=Axis("y", min=0.0, max=10.0),
        series=(Series("Actual", [0, 1, 2, 3], [4.0, 5.0, 6.0, 7.0]),
                Series("Forecast", [3, 4, 5, 6], [7.0, 20.0, 30.0, 40.0], role="forecast",
                       marker="none")),
        bands=(Band("interval", [7.0, 10.0, 30.0, 60.0], [7.0, 30.0, 40.0, 60.0], "forecast",
                    [3, 4, 5, 6]),)),))
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(600, 360)
    view.set_spec(spec)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    pixels = np.array([[QColor(image.pixel(x, y)).getRgb()[:3] for x in range(image.width())]
                       for y in range(image.height())], dtype=int)
    target = QColor(color("forecast")).getRgb()[:3]
    ink = (np.abs(pixels - np.array(target)) <= 30).all(axis=2)
    box = view.plots[0].vb.sceneBoundingRect()
    top_left = view.graphics.mapTo(view, view.graphics.mapFromScene(box.topLeft()))
    top = top_left.y()
    assert ink[top + 4:].any()  # the forecast line is drawn inside ...
    assert not ink[:top - 1].any()  # ... and nothing of it above the frame


def test_bars_stand_on_zero_as_in_the_pdf(qtbot: Any) -> None:
    from opsdesk.core.charts import Bar

    spec = ChartSpec("Histogram", (Panel(
        x_axis=Axis("Value"), y_axis=Axis("Frequency"),
        bars=(Bar("Count", [1.0, 2.0, 3.0], [1.0, 13.0, 4.0]),)),))
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.set_spec(spec)
    view.show()
    qtbot.waitExposed(view)
    box = view.plots[0].vb
    qtbot.waitUntil(lambda: box.viewRange()[1][1] >= 13.0)  # auto-ranged to the bars
    assert box.viewRange()[1][0] == 0.0  # and no negative frequencies under them
