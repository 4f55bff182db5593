"""ChartSpecs for control charts, capability and Pareto (DESIGN.md rule 5).

Per-point arrays may be numpy arrays (renderers accept any sequence; NaN leaves a gap).
Limits that vary are step series: each value is held from halfway to the previous point
to halfway to the next. Excluded points are drawn hollow and carry their reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, cast

import numpy as np

from opsdesk.core.charts import (
    Annotation,
    Axis,
    Band,
    Bar,
    ChartSpec,
    Marker,
    Panel,
    RefLine,
    Series,
)
from opsdesk.core.spc.model import CHART_NAMES, ChartResult, PanelResult
from opsdesk.core.spc.rules import RULES_APPLIED, describe

if TYPE_CHECKING:  # scipy behind it: loaded when a fit is asked for
    from opsdesk.core.spc.fitted import Fit

MAX_MARKERS = 5000          # beyond this the chart notes how many signals were left unmarked
MAX_CATEGORY_LABELS = 2000  # more points than this: a numeric axis 1..n
SIGNIFICANT = 4             # digits of the spread of a panel's levels (Minitab: UCL=0.03889)


def _seq(a: np.ndarray) -> Sequence[float]:
    return cast(Sequence[float], a)


def _constant(a: np.ndarray) -> float | None:
    if a.ndim == 1 and a.size and (a.strides[0] == 0 or bool(np.all(a == a[0]))):
        value = float(a[0])
        return value if np.isfinite(value) else None
    return None


def level_texts(values: Sequence[float]) -> list[str]:
    """Values shown side by side (one panel's limits, a histogram's spec lines) with the
    same decimals: enough for SIGNIFICANT digits of their spread (of the largest value
    when they are equal), less the trailing zeros they all share; zero prints as 0."""
    finite = [v for v in values if math.isfinite(v)]
    if not any(finite):
        return [f"{v:g}" for v in values]
    spread = (max(finite) - min(finite)) or max(abs(v) for v in finite)
    decimals = min(12, max(0, SIGNIFICANT - 1 - math.floor(math.log10(spread))))
    nonzero = [v for v in finite if v != 0]
    while decimals > 0 and all(f"{v:.{decimals}f}".endswith("0") for v in nonzero):
        decimals -= 1
    return ["0" if v == 0 else f"{v:.{decimals}f}" if math.isfinite(v) else f"{v:g}"
            for v in values]


def _levels(panel: list[Series], refs: list[RefLine], x: np.ndarray,
            levels: Sequence[tuple[np.ndarray, str, str, str]]) -> None:
    """Horizontal levels (y, label, role, style): a reference line each when constant,
    its value printed like the panel's other constant levels; else a step series."""
    constants = [_constant(y) for y, *_ in levels]
    texts = iter(level_texts([v for v in constants if v is not None]))
    for value, (y, label, role, style) in zip(constants, levels, strict=True):
        if value is not None:
            refs.append(RefLine(f"{label} = {next(texts)}", value=value, role=role,  # type: ignore[arg-type]
                                style=style))  # type: ignore[arg-type]
        elif np.any(np.isfinite(y)):
            panel.append(Series(label, _seq(x), _seq(y), role=role,  # type: ignore[arg-type]
                                style=style, marker="none", step=True))  # type: ignore[arg-type]


def _medians(series: list[Series], refs: list[RefLine], result: ChartResult,
             p: PanelResult, x: np.ndarray) -> None:
    """A run chart's median: one line per stage over that stage's points, labelled with
    its value and drawn as a signal when Anhøj's rules find one in that stage."""
    stages = result.stages
    signal = [r.signal for r in result.runs] or [False] * len(stages)
    values = [float(p.center[s.start]) for s in stages]
    if len(stages) == 1:
        refs.append(RefLine(f"Median = {level_texts(values)[0]}", value=values[0],
                            role="bad" if signal[0] else "center"))
        return
    for stage, text, bad in zip(stages, level_texts(values), signal, strict=True):
        xs = _seq(x[stage.start:stage.stop])
        series.append(Series(f"Median {stage.name} = {text}", xs,
                             _seq(p.center[stage.start:stage.stop]),
                             role="bad" if bad else "center", marker="none", step=True))


def test_keys(found: Iterable[tuple[int, float]]) -> tuple[tuple[str, str], ...]:
    """The legend of the tests that marked points fail, by number: (number, meaning in
    short) from (test, its K) pairs; the first K given for a test is the one shown."""
    meaning: dict[int, str] = {}
    for test, k in found:
        meaning.setdefault(test, describe(test, k, short=True))
    return tuple((str(t), meaning[t]) for t in sorted(meaning))


def panel_spec(result: ChartResult, p: PanelResult, x: np.ndarray, x_axis: Axis,
               point_notes: Mapping[int, str] | None = None) -> Panel:
    series: list[Series] = []
    refs: list[RefLine] = []
    bands: list[Band] = []
    markers: list[Marker] = []
    hollow = _seq(result.excluded) if result.excluded.any() else ()
    series.append(Series(p.title, _seq(x), _seq(p.values), role="data",
                         hollow=cast(Sequence[bool], hollow)))
    if p.name == "run":
        _medians(series, refs, result, p, x)
    else:
        _levels(series, refs, x, ((p.center, "CL", "center", "solid"),
                                  (p.ucl, "UCL", "limit", "dash"),
                                  (p.lcl, "LCL", "limit", "dash")))
    if p.zones and np.any(np.isfinite(p.sigma)):
        for k in (2.0, 1.0):
            low, high = p.center - k * p.sigma, p.center + k * p.sigma
            lo_c, hi_c = _constant(low), _constant(high)
            if lo_c is not None and hi_c is not None:
                bands.append(Band(f"±{k:g}σ", lo_c, hi_c, role="zone"))
            else:
                bands.append(Band(f"±{k:g}σ", _seq(low), _seq(high), role="zone", x=_seq(x)))
    signals = p.signals()
    for i, tests in signals[:MAX_MARKERS]:
        # beyond-limits-only panels (EWMA, CUSUM) need no test numbers beside the points
        text = "" if p.limit_text else ",".join(str(t) for t in tests)
        markers.append(Marker(float(x[i]), float(p.values[i]), "\n".join(p.reasons(i)),
                              role="bad", text=text))
    for i, reason in sorted(result.exclusion_reasons.items()):
        if np.isfinite(p.values[i]):
            markers.append(Marker(float(x[i]), float(p.values[i]),
                                  f"Excluded from the limits: {reason}", role="excluded",
                                  shape="none"))
    annotations: list[Annotation] = []
    for i, text in sorted((point_notes or {}).items()):
        if 0 <= i < len(x) and np.isfinite(p.values[i]):
            annotations.append(Annotation(float(x[i]), text, float(p.values[i])))
            markers.append(Marker(float(x[i]), float(p.values[i]), f"Note: {text}",
                                  role="neutral", shape="diamond"))
    if len(result.stages) > 1:
        for stage in result.stages:
            if stage.start > 0:
                at = (float(x[stage.start - 1]) + float(x[stage.start])) / 2
                # unlabelled: the stage's annotation names it
                refs.append(RefLine("", at_x=at, role="neutral", style="dash"))
            annotations.append(Annotation(float(x[stage.start]), stage.name))
    if result.estimated.any() and not result.estimated.all():
        last = int(np.flatnonzero(result.estimated)[-1])
        if last + 1 < result.n_points and not result.excluded[last + 1]:
            at = (float(x[last]) + float(x[last + 1])) / 2
            refs.append(RefLine("end of baseline", at_x=at, role="neutral", style="dot"))
    return Panel(p.title, x_axis, Axis(p.y_label), tuple(series), (), tuple(refs),
                 tuple(bands), tuple(markers), tuple(annotations),
                 height_ratio=1.0 if p is result.panels[0] else 0.6)


def control_chart_spec(result: ChartResult, title: str = "",
                       x: Sequence[float] | np.ndarray | None = None,
                       x_label: str = "", point_notes: Mapping[int, str] | None = None
                       ) -> ChartSpec:
    """The spec of a computed chart. ``x`` (POSIX seconds) gives a date axis;
    ``point_notes`` (point index -> text) are drawn on the first panel."""
    n = result.n_points
    if x is not None:
        xs = np.asarray(x, dtype=float)
        x_axis = Axis(x_label or "Date", kind="date")
    elif n <= MAX_CATEGORY_LABELS:
        xs = np.arange(n, dtype=float)
        x_axis = Axis(x_label or "Subgroup", kind="category", categories=tuple(result.labels()))
    else:
        xs = np.arange(1, n + 1, dtype=float)
        x_axis = Axis(x_label or "Observation")
    panels = tuple(panel_spec(result, p, xs, x_axis, point_notes if k == 0 else None)
                   for k, p in enumerate(result.panels))
    notes = list(result.notes)
    total = sum(len(p.signals()) for p in result.panels)
    if any(len(p.signals()) > MAX_MARKERS for p in result.panels):
        notes.append(f"{total} signals; the first {MAX_MARKERS} per panel are marked.")
    rules = RULES_APPLIED.get(result.rule_set, result.rule_set)
    # the tests named beside the marked points, described with each panel's own K
    keys = test_keys((t, p.tests[t]) for p, panel in zip(result.panels, panels, strict=True)
                     for t in {int(n) for m in panel.markers if m.text
                               for n in m.text.split(",")} if t in p.tests)
    excluded = int(result.excluded.sum())
    subtitle = f"{CHART_NAMES[result.chart]} · {rules} · {n} points"
    if excluded:
        subtitle += f" · {excluded} excluded"
    return ChartSpec(title or CHART_NAMES[result.chart], panels, subtitle, tuple(notes),
                     keys=keys)


def histogram_spec(values: np.ndarray, title: str, lsl: float | None = None,
                   usl: float | None = None, target: float | None = None,
                   sigma_within: float | None = None, fitted: Fit | None = None) -> ChartSpec:
    """Histogram with fitted normal curves (overall solid, within dashed) and spec lines;
    with ``fitted``, that distribution's curve instead (the percentile method's)."""
    from scipy.stats import norm

    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    counts, edges = np.histogram(x, bins="sturges")
    width = float(edges[1] - edges[0])
    centres = (edges[:-1] + edges[1:]) / 2
    mean, sd = float(np.mean(x)), float(np.std(x, ddof=1)) if len(x) > 1 else 0.0
    lo = min([float(edges[0])] + [v for v in (lsl, usl) if v is not None])
    hi = max([float(edges[-1])] + [v for v in (lsl, usl) if v is not None])
    pad = (hi - lo) * 0.05
    grid = np.linspace(lo - pad, hi + pad, 200)
    curves: list[Series] = []
    if fitted is not None:
        curves.append(Series(f"{fitted.distribution.capitalize()} fit", _seq(grid),
                             _seq(len(x) * width * fitted.pdf(grid)), role="fit",
                             marker="none"))
    elif sd > 0:
        curves.append(Series("Normal fit (overall)", _seq(grid),
                             _seq(len(x) * width * norm.pdf(grid, mean, sd)), role="fit",
                             marker="none"))
    if sigma_within and fitted is None:
        curves.append(Series("Normal fit (within)", _seq(grid),
                             _seq(len(x) * width * norm.pdf(grid, mean, sigma_within)),
                             role="fit", style="dash", marker="none"))
    specs = [(name, v, role, style)
             for name, v, role, style in (("LSL", lsl, "spec", "dash"),
                                          ("USL", usl, "spec", "dash"),
                                          ("Target", target, "target", "dot"))
             if v is not None]
    texts = level_texts([v for _, v, _, _ in specs])
    refs = [RefLine(f"{name} = {text}", at_x=v, role=role, style=style)  # type: ignore[arg-type]
            for (name, v, role, style), text in zip(specs, texts, strict=True)]
    panel = Panel("", Axis("Value"), Axis("Frequency"), tuple(curves),
                  (Bar("Count", _seq(centres), _seq(counts.astype(float)), width=width * 0.95),),
                  tuple(refs))
    return ChartSpec(title, (panel,), f"{len(x)} values, {len(counts)} bins (Sturges)")


def probability_plot_spec(normality: object, title: str = "Normal probability plot") -> ChartSpec:
    from opsdesk.core.spc.normality import Normality

    assert isinstance(normality, Normality)
    nm = normality
    z_line = np.array([float(nm.z[0]), float(nm.z[-1])])
    fit = Series("Normal line", _seq(nm.mean + nm.sd * z_line), _seq(z_line), role="fit",
                 marker="none")
    points = Series("Data", _seq(nm.sorted_values), _seq(nm.z), role="data", line=False)
    panel = Panel("", Axis("Value"), Axis("Normal score (z)"), (fit, points))
    return ChartSpec(title, (panel,), nm.verdict())


def fitted_probability_plot_spec(values: np.ndarray, fitted: Fit, title: str) -> ChartSpec:
    """The probability plot of a fitted distribution: each sorted value against the fitted
    quantile at its plotting position (Benard's median ranks, as the normal plot's), so
    that the points lie on the line y = x as far as the distribution fits. For a normal
    fit it is the normal plot with its z axis read in the data's units."""
    x = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    n = len(x)
    quantiles = fitted.quantiles((np.arange(1, n + 1) - 0.3) / (n + 0.4))
    ends = [float(min(x[0], quantiles[0])), float(max(x[-1], quantiles[-1]))]
    name = fitted.distribution.capitalize()
    line = Series(f"{name} fit", ends, ends, role="fit", marker="none")
    points = Series("Data", _seq(x), _seq(quantiles), role="data", line=False)
    panel = Panel("", Axis("Value"), Axis("Fitted quantile"), (line, points))
    return ChartSpec(title, (panel,), f"Anderson-Darling A² = {fitted.ad:.3f}: the nearer the "
                                      "line, the better the fit")


def pareto_spec(result: object, title: str = "Pareto chart") -> ChartSpec:
    from opsdesk.core.spc.pareto import ParetoResult

    assert isinstance(result, ParetoResult)
    x = [float(i) for i in range(len(result.categories))]
    panel = Panel(
        # counts 0..total on the left line up with 0..100 % on the right
        "", Axis("", kind="category", categories=tuple(result.categories)),
        Axis("Count", min=0.0, max=result.total),
        bars=(Bar("Count", x, result.counts, width=0.8),),
        y2_axis=Axis("Cumulative %", min=0.0, max=100.0),
        y2_series=(Series("Cumulative %", x, result.cumulative_percent, role="secondary"),),
    )
    note = f"Total {result.total:g}"
    if result.other_members:
        note += f"; Other = {', '.join(result.other_members)}"
    return ChartSpec(title, (panel,), note)
