"""The KPI trend chart as a ChartSpec: actuals, stepping target, status bands, control
limits with signals, the forecast with its interval, and annotations."""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np

from opsdesk.core.charts.spec import (
    Annotation,
    Axis,
    Band,
    ChartSpec,
    Marker,
    Panel,
    RefLine,
    Role,
    Series,
)
from opsdesk.core.kpi.aggregate import PeriodValues, period_values
from opsdesk.core.kpi.definitions import Kpi, load_kpis
from opsdesk.core.kpi.forecast import FIT_PERIODS, MIN_PERIODS, NOT_ENOUGH, fit_best, predict
from opsdesk.core.kpi.natural_range import natural_range, range_text
from opsdesk.core.kpi.periods import end_of, key_of, label, shift, start_of
from opsdesk.core.kpi.signals import ChartOf, individuals
from opsdesk.core.kpi.stages import Shift, likely_shifts, shift_text, stage_labels
from opsdesk.core.kpi.status import red_threshold
from opsdesk.core.spc.chart_spec import test_keys
from opsdesk.core.spc.rules import SET_NAMES

_EPOCH_ORDINAL = datetime(1970, 1, 1, tzinfo=UTC).toordinal()


def stamp(day: date) -> float:
    """Midnight UTC of ``day`` as a POSIX timestamp (whole days: exact in a float, the
    same value as ``datetime(..., tzinfo=UTC).timestamp()`` without building one)."""
    return float((day.toordinal() - _EPOCH_ORDINAL) * 86400)


def _steps(kpi: Kpi, starts: list[date]) -> dict[str, list[float | None]]:
    """Target, red threshold and band edges per period, for step lines and bands."""
    out: dict[str, list[float | None]] = {k: [] for k in ("target", "red", "low", "high", "margin")}
    for start in starts:
        t = kpi.target_on(start)
        out["target"].append(t.target if t else None)
        out["red"].append(red_threshold(kpi, t))
        out["low"].append(t.band_low if t else None)
        out["high"].append(t.band_high if t else None)
        out["margin"].append((t.band_margin or 0.0) if t else None)
    return out


def _stepped(xs: list[float], ys: list[float | None]) -> tuple[list[float], list[float]]:
    """A line as steps: each period's value held from its start to the next start."""
    sx: list[float] = []
    sy: list[float] = []
    for i, y in enumerate(ys[:-1]):
        if y is None:
            continue
        sx += [xs[i], xs[i + 1]]
        sy += [y, y]
    return sx, sy


Edge = list[float | None]


def _status_bands(kpi: Kpi, xs: list[float], steps: dict[str, Edge],
                  lo: float, hi: float) -> list[Band]:
    def band(name: str, role: Role, low: Edge, high: Edge) -> Band | None:
        # A period lacking either edge (no target in force) gets no band.
        both = [None if a is None or b is None else (a, b) for a, b in zip(low, high, strict=True)]
        x, low_s = _stepped(xs, [None if p is None else p[0] for p in both])
        _, high_s = _stepped(xs, [None if p is None else p[1] for p in both])
        return Band(name, low_s, high_s, role, x) if x else None

    n = len(xs)
    top: Edge = [hi] * n
    bottom: Edge = [lo] * n
    t, r = steps["target"], steps["red"]
    if kpi.direction == "none":  # no better way known: no colours until one is set
        return []
    if kpi.direction == "band":
        low, high, m = steps["low"], steps["high"], steps["margin"]
        amber_lo = [None if a is None or c is None else a - c for a, c in zip(low, m, strict=True)]
        amber_hi = [None if a is None or c is None else a + c for a, c in zip(high, m, strict=True)]
        parts = [band("green", "good", low, high), band("amber", "warning", amber_lo, low),
                 band("amber", "warning", high, amber_hi), band("red", "bad", amber_hi, top),
                 band("red", "bad", bottom, amber_lo)]
    elif kpi.direction == "higher":
        parts = [band("green", "good", t, top), band("amber", "warning", r, t),
                 band("red", "bad", bottom, r)]
    else:
        parts = [band("green", "good", bottom, t), band("amber", "warning", t, r),
                 band("red", "bad", r, top)]
    return [p for p in parts if p is not None]


@dataclass(frozen=True)
class TrendChart:
    spec: ChartSpec
    shifts: tuple[Shift, ...] = ()      # where the data say the process has likely shifted
    periods: tuple[date, ...] = ()      # the start of each completed period (the points)


def trend_spec(conn: sqlite3.Connection, kpi_id: int, as_of: date | None = None, *,
               kpi: Kpi | None = None, values_by_id: Mapping[int, PeriodValues] | None = None,
               chart_of: ChartOf = individuals) -> ChartSpec:
    """The trend chart of one KPI as of a day (``trend_chart``'s spec)."""
    return trend_chart(conn, kpi_id, as_of, kpi=kpi, values_by_id=values_by_id,
                       chart_of=chart_of).spec


def trend_chart(conn: sqlite3.Connection, kpi_id: int, as_of: date | None = None, *,
                kpi: Kpi | None = None, values_by_id: Mapping[int, PeriodValues] | None = None,
                chart_of: ChartOf = individuals) -> TrendChart:
    """The trend chart of one KPI as of a day, with the shifts it shows.

    Work that draws many KPIs can pass what it already has: ``kpi`` (the definition),
    ``values_by_id`` (``period_values`` up to the same ``as_of``, for these KPIs or more)
    and ``chart_of`` (an ``IndividualsMemo``), instead of two queries and a chart per KPI.
    """
    if as_of is None:
        from opsdesk.core.kpi.review_date import review_date

        as_of = review_date(conn)
    kpi = kpi or load_kpis(conn, [kpi_id])[0]
    freq = kpi.frequency
    if values_by_id is None:
        values_by_id = period_values(conn, [kpi], as_of)
    pv = values_by_id.get(kpi.id)
    unit = f" ({kpi.unit})" if kpi.unit else ""
    notes: list[str] = []
    if pv is None:
        return TrendChart(ChartSpec(kpi.name, (Panel(y_axis=Axis(kpi.name + unit)),),
                                    subtitle="No observations yet."))
    current = start_of(as_of, freq)
    done = bisect_left(pv.keys, key_of(current))
    starts = [pv.start(i) for i in range(len(pv.keys))]
    values = pv.values[:done]
    x = [stamp(s) for s in starts]
    series = [Series("Actual", x[:done], values.tolist(), "data")]
    if done < len(starts):
        series.append(Series(f"{label(current, freq)} to date", x[done:], pv.values[done:].tolist(),
                             "secondary", line=False, hollow=(True,)))
    markers: list[Marker] = []
    refs: list[RefLine] = []
    warnings: list[str] = []
    staging = stage_labels(kpi, starts[:done])
    chart = chart_of(values, kpi.rule_set, staging.labels) if done else None
    shifts: list[Shift] = []
    if chart is not None:
        rules = SET_NAMES.get(kpi.rule_set, kpi.rule_set)
        if len(chart.stages) > 1:  # limits step from stage to stage
            for name, role, style, side in (("Centre", "center", "solid", "center"),
                                            ("UCL", "limit", "dash", "ucl"),
                                            ("LCL", "limit", "dash", "lcl")):
                ys = [getattr(st, side) for st in chart.stages for _ in range(st.start, st.stop)]
                series.append(Series(name, x[:done], ys, role, style=style,  # type: ignore[arg-type]
                                     marker="none", step=True))
            refs += [RefLine("", at_x=(x[st.start - 1] + x[st.start]) / 2, role="neutral",
                             style="dash") for st in chart.stages[1:]]
            notes.append(f"Control limits: individuals chart of the period values, computed "
                         f"for each of its {len(chart.stages)} stages, {rules} rules; "
                         + "; ".join(chart.stage_notes) + ".")
        else:
            refs = [RefLine("Centre", chart.center, role="center"),
                    RefLine("UCL", chart.ucl, role="limit", style="dash"),
                    RefLine("LCL", chart.lcl, role="limit", style="dash")]
            notes.append(f"Control limits: individuals chart of the period values, "
                         f"{rules} rules; {chart.sigma_statement}.")
        notes += staging.notes
        for index, tests, reasons in chart.signals:
            markers.append(Marker(x[index], float(values[index]), "\n".join(reasons),
                                  text=",".join(str(t) for t in tests)))
        shifts = likely_shifts(values, chart)
        for found in shifts:
            refs.append(RefLine("likely shift", at_x=(x[found.index - 1] + x[found.index]) / 2,
                                role="bad", style="dot"))
            warnings.append(shift_text(kpi, found, label(starts[found.index], freq)))
    # The forecast runs to the end of the current quarter (at least three periods).
    horizon_end = start_of(end_of(start_of(as_of, "quarterly"), "quarterly"), freq)
    future: list[date] = []
    if done:
        cursor = shift(starts[done - 1], freq)
        while cursor <= horizon_end or len(future) < 3:
            future.append(cursor)
            cursor = shift(cursor, freq)
    if done >= MIN_PERIODS:
        fit = fit_best(values[-FIT_PERIODS:])
        bounds = natural_range(kpi, values.tolist())
        preds = [predict(fit, h, bounds=bounds) for h in range(1, len(future) + 1)]
        fx = [x[done - 1]] + [stamp(d) for d in future]
        fy = [float(values[-1])] + [p[0] for p in preds]
        series.append(Series("Forecast", fx, fy, "forecast", style="dash", marker="none"))
        refs_band = Band("95 % prediction interval", [fy[0]] + [p[1] for p in preds],
                         [fy[0]] + [p[2] for p in preds], "forecast", fx)
        chosen = ("chosen over the linear trend by its lower AICc" if fit.damped
                  else "the damped trend's AICc is not lower")
        kept = range_text(kpi, bounds)
        notes.append(f"Forecast: {fit.statement()}; {chosen}; shaded: 95 % prediction "
                     "interval" + (f", kept {kept}." if kept else "."))
    else:
        refs_band = None
        notes.append(NOT_ENOUGH)
    # Target and status bands step across history and forecast alike.
    all_starts = sorted({*starts, *future})
    ax = [stamp(s) for s in all_starts] + [stamp(shift(all_starts[-1], freq))]
    steps = _steps(kpi, [*all_starts, shift(all_starts[-1], freq)])
    finite = [v for v in (*values.tolist(), *pv.values[done:].tolist()) if np.isfinite(v)]
    limits = [v for st in chart.stages for v in (st.lcl, st.ucl)] if chart is not None else []
    edges = [v for v in (*steps["target"], *steps["red"], *steps["low"], *steps["high"],
                         *limits) if v is not None and np.isfinite(v)]
    lo, hi = min(finite + edges), max(finite + edges)
    if refs_band is not None:  # show the interval, but not so wide that data go flat
        span = hi - lo
        lo = min(lo, max(min(refs_band.low), lo - span))  # type: ignore[arg-type]
        hi = max(hi, min(max(refs_band.high), hi + span))  # type: ignore[arg-type]
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1.0
    bands = _status_bands(kpi, ax, steps, lo - pad, hi + pad)
    if refs_band is not None:
        bands.append(refs_band)
    if kpi.direction != "band" and any(t is not None for t in steps["target"]):
        sx, sy = _stepped(ax, steps["target"])
        # After "Actual": the first series is the one clicks on the chart refer to.
        series.insert(1, Series("Target", sx, sy, "target", style="dash", marker="none"))
    annotations = tuple(
        Annotation(stamp(date.fromisoformat(str(ts)[:10])), text)
        for ts, text in conn.execute(
            "SELECT ts, text FROM annotations WHERE kpi_id = ? AND ts IS NOT NULL ORDER BY ts",
            (kpi.id,)))
    panel = Panel(x_axis=Axis("Period", "date"), y_axis=Axis(kpi.name + unit, min=lo - pad,
                  max=hi + pad), series=tuple(series), ref_lines=tuple(refs), bands=tuple(bands),
                  markers=tuple(markers), annotations=annotations)
    subtitle = (f"{freq.capitalize()} values ({kpi.aggregation} of observations), "
                f"{label(starts[0], freq)} to {label(starts[-1], freq)}")
    k = dict(chart.tests) if chart else {}
    keys = test_keys((t, k[t]) for _, tests, _ in (chart.signals if chart else ())
                     for t in tests if t in k)
    spec = ChartSpec(kpi.name, (panel,), subtitle=subtitle, notes=tuple(notes),
                     warnings=tuple(warnings), keys=keys)
    return TrendChart(spec, tuple(shifts), tuple(starts[:done]))
