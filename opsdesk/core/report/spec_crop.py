"""Cut a ChartSpec to an x range (a report shows its period of a longer history)."""

from __future__ import annotations

from dataclasses import replace

from opsdesk.core.charts import Axis, Band, ChartSpec, Series


def _keep(xs: list[float], lo: float) -> list[int]:
    """Indexes from the last point before ``lo`` on, so lines enter from the left edge."""
    first = next((i for i, x in enumerate(xs) if x >= lo), len(xs))
    return list(range(max(0, first - 1), len(xs)))


def _series(series: Series, lo: float) -> Series:
    index = _keep(list(series.x), lo)
    if not series.step:  # a sloped line cannot be moved to the edge; start inside
        index = [i for i in index if series.x[i] >= lo]
    hollow = [series.hollow[i] for i in index if i < len(series.hollow)]
    return replace(series, x=[max(lo, series.x[i]) for i in index],
                   y=[series.y[i] for i in index], hollow=tuple(hollow))


def _band(band: Band, lo: float) -> Band:
    if len(band.x) == 0:
        return band
    index = _keep(list(band.x), lo)
    low = band.low if isinstance(band.low, int | float) else [band.low[i] for i in index]
    high = band.high if isinstance(band.high, int | float) else [band.high[i] for i in index]
    return replace(band, x=[max(lo, band.x[i]) for i in index], low=low, high=high)


def crop(spec: ChartSpec, lo: float) -> ChartSpec:
    """Drop what lies left of ``lo`` (a POSIX time on date axes); the axis starts there."""
    panels = []
    data = [float(x) for p in spec.panels for s in p.series if s.role == "data"
            for x in s.x if x >= lo]
    start = min(data, default=lo)  # a KPI whose data begin later starts there
    for p in spec.panels:
        axis = p.x_axis
        panels.append(replace(
            p,
            x_axis=Axis(axis.label, axis.kind, axis.categories, start, axis.max),
            series=tuple(_series(s, start) for s in p.series),
            y2_series=tuple(_series(s, start) for s in p.y2_series),
            bands=tuple(_band(b, start) for b in p.bands),
            markers=tuple(m for m in p.markers if m.x >= start),
            annotations=tuple(a for a in p.annotations if a.x >= start),
            ref_lines=tuple(r for r in p.ref_lines if r.at_x is None or r.at_x >= start),
        ))
    return replace(spec, panels=tuple(panels))

