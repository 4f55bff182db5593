"""Date axes: a day's label never runs into a month's ("29" against "Oct" read "29Oct" on
the shaft-diameter chart, from 19 September to 25 November 2025, 700 px wide)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from opsdesk.ui.widgets.chart_axes import DateAxis


def _t(month: int, day: int) -> float:
    return datetime(2025, month, day, tzinfo=UTC).timestamp()


def test_day_ticks_keep_clear_of_month_ticks(qtbot: Any) -> None:
    import pyqtgraph as pg

    axis = DateAxis(orientation="bottom", utcOffset=0)
    plot = pg.PlotWidget(axisItems={"bottom": axis})  # the axis measures its labels' font
    qtbot.addWidget(plot)
    plot.resize(760, 300)
    plot.show()
    qtbot.waitExposed(plot)
    plot.grab()  # a paint: the axis takes its font's metrics then
    lo, hi, size = _t(9, 19), _t(11, 25), 700.0
    levels = axis.tickValues(lo, hi, size)
    months, days = levels[0][1], [v for _, values in levels[1:] for v in values]
    assert _t(10, 1) in months and _t(11, 1) in months
    per_px = (hi - lo) / size
    for day in days:
        assert all(abs(day - m) / per_px >= DateAxis.ROOM for m in months), \
            datetime.fromtimestamp(day, UTC)
    # far from the months' ticks, the days keep theirs
    assert _t(10, 14) in days or _t(10, 15) in days
