"""The six graphs of a gage R&R study as ChartSpecs, as Minitab lays them out.

Components of variation (%contribution, %study variation, %tolerance per source); the R
chart and the X̄ chart by operator (limits D3 R̄, D4 R̄ and X̄̄ ± A2 R̄ from the
study's own ranges, Montgomery ISQC ch. 8); the measurements by part and by operator
with their means; and the operator × part interaction (each operator's mean per part).
A nested study has no interaction graph: each part meets one operator.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from opsdesk.core.charts import Annotation, Axis, Bar, ChartSpec, Panel, RefLine, Series
from opsdesk.core.msa.result import GageResult
from opsdesk.core.msa.study import GageStudy
from opsdesk.core.spc import constants as K
from opsdesk.core.spc.chart_spec import level_texts

SOURCES = (("gage_rr", "Gage R&R"), ("repeatability", "Repeat"),
           ("reproducibility", "Reprod"), ("part", "Part-to-part"))


def _floats(a: Sequence[float] | np.ndarray) -> list[float]:
    return [float(v) for v in a]


def components_spec(result: GageResult) -> ChartSpec:
    measures = [("pct_contribution", "% Contribution"), ("pct_study_var", "% Study var")]
    if result.tolerance:
        measures.append(("pct_tolerance", "% Tolerance"))
    width = 0.8 / len(measures)
    bars = []
    for k, (key, label) in enumerate(measures):
        offset = -0.4 + width * (k + 0.5)
        heights = []
        for name, _ in SOURCES:
            comp = result.components[name]
            value = getattr(comp, key) if comp is not None else None
            heights.append(float(value) if value is not None else 0.0)
        role = ("data", "secondary", "neutral")[k]
        bars.append(Bar(label, [i + offset for i in range(len(SOURCES))], heights,
                        width=width * 0.95, role=role))  # type: ignore[arg-type]
    panel = Panel("", Axis("", kind="category", categories=tuple(s for _, s in SOURCES)),
                  Axis("Percent", min=0.0), bars=tuple(bars))
    return ChartSpec("Components of variation", (panel,), result.verdict())


def _by_operator_axis(study: GageStudy) -> tuple[Axis, list[RefLine], list[Annotation]]:
    o, p, _ = study.shape
    cats = tuple(name for names in study.parts for name in names)
    refs = [RefLine("", at_x=i * p - 0.5, role="neutral", style="dash") for i in range(1, o)]
    notes = [Annotation(float(i * p), f"Operator {op}") for i, op in enumerate(study.operators)]
    return Axis("Part", kind="category", categories=cats), refs, notes


def _limits(center: float, ucl: float, lcl: float) -> list[RefLine]:
    texts = level_texts([center, ucl, lcl])
    return [RefLine(f"CL = {texts[0]}", value=center, role="center"),
            RefLine(f"UCL = {texts[1]}", value=ucl, role="limit", style="dash"),
            RefLine(f"LCL = {texts[2]}", value=lcl, role="limit", style="dash")]


def _per_operator_series(title: str, study: GageStudy, y: np.ndarray) -> list[Series]:
    _, p, _ = study.shape
    return [Series(f"{title} {op}", _floats(range(i * p, (i + 1) * p)), _floats(y[i]))
            for i, op in enumerate(study.operators)]


def range_chart_spec(study: GageStudy) -> ChartSpec:
    _, _, r = study.shape
    ranges = study.values.max(axis=2) - study.values.min(axis=2)
    r_bar = float(ranges.mean())
    axis, refs, notes = _by_operator_axis(study)
    panel = Panel("", axis, Axis("Sample range"), tuple(_per_operator_series("R", study, ranges)),
                  ref_lines=tuple(refs + _limits(r_bar, K.d4_factor(r) * r_bar,
                                                 K.d3_factor(r) * r_bar)),
                  annotations=tuple(notes))
    return ChartSpec("R chart by operator", (panel,),
                     f"{r} trials per part; points inside the limits: repeatability is "
                     "consistent across operators")


def xbar_chart_spec(study: GageStudy) -> ChartSpec:
    _, _, r = study.shape
    means = study.values.mean(axis=2)
    r_bar = float((study.values.max(axis=2) - study.values.min(axis=2)).mean())
    grand = float(study.values.mean())
    half = K.a2(r) * r_bar
    axis, refs, notes = _by_operator_axis(study)
    panel = Panel("", axis, Axis("Sample mean"),
                  tuple(_per_operator_series("X̄", study, means)),
                  ref_lines=tuple(refs + _limits(grand, grand + half, grand - half)),
                  annotations=tuple(notes))
    return ChartSpec("X̄ chart by operator", (panel,),
                     "Most points outside the limits: the parts vary more than the gauge")


def by_part_spec(study: GageStudy) -> ChartSpec:
    names = study.part_names
    if study.crossed:
        per_part = [study.values[:, j, :].ravel() for j in range(len(names))]
    else:  # operator by operator, as part_names lists them
        per_part = list(study.values.reshape(-1, study.shape[2]))
    xs = [float(j) for j, vals in enumerate(per_part) for _ in vals]
    ys = [float(v) for vals in per_part for v in vals]
    means = [float(np.mean(v)) for v in per_part]
    panel = Panel("", Axis("Part", kind="category", categories=tuple(names)),
                  Axis("Measurement"),
                  (Series("Measurements", xs, ys, role="secondary", line=False),
                   Series("Part mean", _floats(range(len(names))), means, role="data")))
    return ChartSpec("Measurements by part", (panel,), "The part means should differ widely")


def by_operator_spec(study: GageStudy) -> ChartSpec:
    o = len(study.operators)
    per_op = [study.values[i].ravel() for i in range(o)]
    xs = [float(i) for i, vals in enumerate(per_op) for _ in vals]
    ys = [float(v) for vals in per_op for v in vals]
    means = [float(np.mean(v)) for v in per_op]
    panel = Panel("", Axis("Operator", kind="category", categories=tuple(study.operators)),
                  Axis("Measurement"),
                  (Series("Measurements", xs, ys, role="secondary", line=False),
                   Series("Operator mean", _floats(range(o)), means, role="data")))
    return ChartSpec("Measurements by operator", (panel,),
                     "A level line of means: the operators agree on average")


def interaction_spec(study: GageStudy) -> ChartSpec:
    means = study.values.mean(axis=2)
    names = study.part_names
    markers = ("circle", "square", "triangle", "diamond", "cross")
    series = tuple(Series(f"Operator {op}", _floats(range(len(names))), _floats(means[i]),
                          role="data" if i == 0 else "secondary",
                          marker=markers[i % len(markers)])  # type: ignore[arg-type]
                   for i, op in enumerate(study.operators))
    panel = Panel("", Axis("Part", kind="category", categories=tuple(names)),
                  Axis("Average"), series)
    return ChartSpec("Operator × part interaction", (panel,),
                     "Parallel lines: no interaction; crossing lines: operators measure "
                     "some parts differently")


def gage_charts(study: GageStudy, result: GageResult) -> tuple[ChartSpec, ...]:
    """The study's graphs in Minitab's order (five for a nested study)."""
    charts = [components_spec(result), range_chart_spec(study), xbar_chart_spec(study),
              by_part_spec(study), by_operator_spec(study)]
    if study.crossed:
        charts.append(interaction_spec(study))
    return tuple(charts)
