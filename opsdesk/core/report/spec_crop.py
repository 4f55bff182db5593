"""Cut a ChartSpec to an x range (a report shows its period of a longer history)."""

from __future__ import annotations

import math
from dataclasses import replace

from opsdesk.core.charts import Axis, Band, ChartSpec, Series


def _keep(xs: list[float], lo: float, hi: float) -> list[int]:
    """Indexes from the last point before ``lo`` to the first after ``hi``, so lines
    enter from the left edge and leave at the right one."""
    first = next((i for i, x in enumerate(xs) if x >= lo), len(xs))
    past = next((i for i, x in enumerate(xs) if x > hi), len(xs))
    return list(range(max(0, first - 1), min(len(xs), past + 1)))


def _series(series: Series, lo: float, hi: float) -> Series:
    index = _keep(list(series.x), lo, hi)
    if not series.step:  # a sloped line cannot be moved to the edge; stay inside
        index = [i for i in index if lo <= series.x[i] <= hi]
    hollow = [series.hollow[i] for i in index if i < len(series.hollow)]
    return replace(series, x=[min(hi, max(lo, series.x[i])) for i in index],
                   y=[series.y[i] for i in index], hollow=tuple(hollow))


def _band(band: Band, lo: float, hi: float) -> Band:
    if len(band.x) == 0:
        return band
    index = _keep(list(band.x), lo, hi)
    low = band.low if isinstance(band.low, int | float) else [band.low[i] for i in index]
    high = band.high if isinstance(band.high, int | float) else [band.high[i] for i in index]
    return replace(band, x=[min(hi, max(lo, band.x[i])) for i in index], low=low, high=high)


def crop(spec: ChartSpec, lo: float, hi: float = math.inf) -> ChartSpec:
    """Keep what lies from ``lo`` to ``hi`` (POSIX times on date axes); the axis spans
    the data inside that range."""
    panels = []
    data = [float(x) for p in spec.panels for s in p.series if s.role == "data"
            for x in s.x if lo <= x <= hi]
    start = min(data, default=lo)  # a KPI whose data begin later starts there
    end = hi if math.isinf(hi) else max(data, default=hi)  # likewise, ending earlier
    for p in spec.panels:
        axis = p.x_axis
        top = axis.max if math.isinf(hi) else end

        def inside(x: float) -> bool:
            return start <= x <= end

        panels.append(replace(
            p,
            x_axis=Axis(axis.label, axis.kind, axis.categories, start, top),
            series=tuple(_series(s, start, end) for s in p.series),
            y2_series=tuple(_series(s, start, end) for s in p.y2_series),
            bands=tuple(_band(b, start, end) for b in p.bands),
            markers=tuple(m for m in p.markers if inside(m.x)),
            annotations=tuple(a for a in p.annotations if inside(a.x)),
            ref_lines=tuple(r for r in p.ref_lines if r.at_x is None or inside(r.at_x)),
        ))
    return replace(spec, panels=tuple(panels))
