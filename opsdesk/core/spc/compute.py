"""One entry point for every control chart: ``control_chart(chart, values, ...)``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.attributes import attribute_chart
from opsdesk.core.spc.between_within import between_within_chart
from opsdesk.core.spc.model import ALL_CHART_TYPES, CHART_NAMES, ChartOptions, ChartResult
from opsdesk.core.spc.moving_average import moving_average_chart
from opsdesk.core.spc.rare_events import g_chart, t_chart
from opsdesk.core.spc.rules import RuleConfig
from opsdesk.core.spc.run_chart import run_chart
from opsdesk.core.spc.short_run import z_mr_chart
from opsdesk.core.spc.subgroups import make_subgroups
from opsdesk.core.spc.timeweighted import cusum_chart, ewma_chart, individual_subgroups
from opsdesk.core.spc.variables import imr_chart, xbar_chart

ATTRIBUTE_CHARTS = ("p", "np", "c", "u", "laney-p", "laney-u")
SUBGROUP_CHARTS = ("xbar-r", "xbar-s", "i-mr-r", "i-mr-s")
ONE_VALUE_CHARTS = ("i-mr", "run", "g", "t", "z-mr")  # one value per point, never grouped


def control_chart(
    chart: str,
    values: Sequence[float] | np.ndarray,
    *,
    labels: Sequence[str] | None = None,
    sizes: Sequence[float] | np.ndarray | None = None,
    row_stages: Sequence[str] | None = None,
    options: ChartOptions | None = None,
    parts: Sequence[str] | None = None,
) -> ChartResult:
    """Compute a chart.

    ``values`` are measurements (variables charts) or counts of defectives/defects
    (attributes charts), one per row; ``labels`` label each row's point, and rows with the
    same label form one subgroup (X-bar charts need them; EWMA/CUSUM plot subgroup means;
    attributes charts add up counts and sizes). Without labels points are labelled 1..n.
    ``sizes`` are sample sizes or inspection units. ``row_stages`` gives a stage per row
    (the stage of a subgroup is that of its first row); ``options.stages`` one per point.
    ``parts``: the part (product) of each row, for a Z-MR chart. A T² chart takes
    ``values`` as rows of 2 or more columns.
    """
    options = options or ChartOptions()
    if chart == "t2":
        from opsdesk.core.spc.hotelling import hotelling_chart

        _check_options(options)
        result = hotelling_chart(np.asarray(values, dtype=float), labels, row_stages, options)
    else:
        result = _chart(chart, values, labels, sizes, row_stages, options, parts)
    result.notes.extend(_not_applied_notes(result, options.rules))
    return result


def _tests_text(tests: Sequence[int]) -> str:
    return ("Test " if len(tests) == 1 else "Tests ") + ", ".join(str(t) for t in tests)


def _not_applied_notes(result: ChartResult, rules: RuleConfig) -> list[str]:
    """Say which of the tests the user asked for a panel does not apply, and why."""
    if result.chart == "run":
        asked = list(rules.requested()) if rules.explicit else []
        return [f"{_tests_text(asked)} not applied: a run chart is judged by Anhøj's runs "
                "rules."] if asked else []
    notes = []
    first = result.panels[0]
    for panel in result.panels:
        if not panel.skipped:
            continue
        what = _tests_text(panel.skipped)
        if result.chart in ("ewma", "cusum", "ma"):
            notes.append(f"{what} not applied: each point of the {CHART_NAMES[result.chart]} "
                         "carries the ones before it, so only test 1 (beyond the limits) "
                         "applies.")
        elif result.chart == "t2":
            notes.append(f"{what} not applied: T² has no sides and no zones, so only test 1 "
                         "(above the limit) applies.")
        elif result.chart in ("g", "t"):
            notes.append(f"{what} not applied: the {CHART_NAMES[result.chart]} has skewed "
                         "probability limits, so it takes tests 1 to 4, as in Minitab.")
        else:  # R, S, MR: Minitab's tests 1-4
            notes.append(f"{what} applied to the {first.title} panel only: the "
                         f"{panel.title} panel takes tests 1 to 4, as in Minitab.")
    return notes


def _chart(chart: str, values: Sequence[float] | np.ndarray, labels: Sequence[str] | None,
           sizes: Sequence[float] | np.ndarray | None, row_stages: Sequence[str] | None,
           options: ChartOptions, parts: Sequence[str] | None) -> ChartResult:
    if chart not in ALL_CHART_TYPES:
        raise OpsdeskError(f"Unknown chart {chart!r}; use one of {', '.join(ALL_CHART_TYPES)}.")
    x = np.asarray(values, dtype=float)
    if x.ndim != 1 or len(x) == 0:
        raise OpsdeskError("There are no values to chart.")
    bad = np.flatnonzero(~np.isfinite(x))
    if len(bad):
        where = labels[bad[0]] if labels is not None else str(bad[0] + 1)
        raise OpsdeskError(f"Point {where!r} has no numeric value.")
    _check_range(x, "value", labels)
    if sizes is not None:
        _check_range(np.asarray(sizes, dtype=float), "sample size", labels)
    _check_options(options)
    grouped = labels is not None and len(set(labels)) != len(labels)
    if grouped or chart in SUBGROUP_CHARTS:
        if labels is None or not grouped:
            raise OpsdeskError(f"An {chart} chart needs subgroups: give each row a subgroup "
                               "label (--subgroup).")
        if chart in ONE_VALUE_CHARTS:
            dup = next(lab for i, lab in enumerate(labels) if lab in labels[:i])
            raise OpsdeskError(f"Label {dup!r} appears on more than one row; an {chart} chart "
                               "plots one value per point.")
        sg = make_subgroups(x, labels)
        if row_stages is not None:
            options = replace(options, stages=[str(row_stages[i]) for i in sg.first_row])
        if chart in ("xbar-r", "xbar-s"):
            return xbar_chart(chart[-1], sg, options)
        if chart in ("i-mr-r", "i-mr-s"):
            return between_within_chart(chart[-1], sg, options)
        if chart == "ma":
            return moving_average_chart(sg, options)
        if chart == "ewma":
            return ewma_chart(sg, options)
        if chart == "cusum":
            return cusum_chart(sg, options)
        size_sums = None
        if sizes is not None:
            size_sums = make_subgroups(np.asarray(sizes, dtype=float), labels).sums
        return attribute_chart(chart, sg.sums, size_sums, sg.labels, options)
    if row_stages is not None:
        options = replace(options, stages=[str(s) for s in row_stages])
    point_labels = list(labels) if labels is not None else None
    if chart == "i-mr":
        return imr_chart(x, point_labels, options)
    if chart == "run":
        return run_chart(x, point_labels, options)
    if chart == "ewma":
        return ewma_chart(individual_subgroups(x, point_labels), options)
    if chart == "cusum":
        return cusum_chart(individual_subgroups(x, point_labels), options)
    if chart == "ma":
        return moving_average_chart(individual_subgroups(x, point_labels), options)
    if chart == "g":
        return g_chart(x, point_labels, options)
    if chart == "t":
        return t_chart(x, point_labels, options)
    if chart == "z-mr":
        return z_mr_chart(x, parts, point_labels, options)
    size_arr = None if sizes is None else np.asarray(sizes, dtype=float)
    if size_arr is not None and len(size_arr) != len(x):
        raise OpsdeskError("The size column and the value column differ in length.")
    return attribute_chart(chart, x, size_arr, point_labels, options)


def _check_options(options: ChartOptions) -> None:
    for name, number in (("historical mean (mu)", options.mu),
                         ("historical sigma", options.sigma),
                         ("EWMA limit width (L)", options.limit_width),
                         ("CUSUM reference value (k)", options.k),
                         ("CUSUM decision interval (h)", options.h)):
        ranges.check_optional(number, f"The {name}")
    if options.sigma is not None and not options.sigma > 0:  # negative: limits reversed
        raise OpsdeskError(f"The historical sigma is {options.sigma:g}; it must be more "
                           "than 0.")


def _check_range(column: np.ndarray, name: str, labels: Sequence[str] | None) -> None:
    """One sentence for the first value outside ``ranges`` (the engine's own guard)."""
    outside = np.flatnonzero(~(np.abs(column) <= ranges.VALUE_LIMIT))
    if len(outside):
        i = int(outside[0])
        where = labels[i] if labels is not None and i < len(labels) else str(i + 1)
        ranges.check_value(float(column[i]), f"The {name} of point {where!r}")


def suggest_chart(has_subgroups: bool, has_sizes: bool, integer_counts: bool,
                  max_subgroup: int = 1) -> str:
    """A sensible default chart type for data of this shape."""
    if has_subgroups and max_subgroup > 1:
        return "xbar-s" if max_subgroup > 9 else "xbar-r"
    if has_sizes and integer_counts:
        return "p"
    if integer_counts and not has_sizes:
        return "c"
    return "i-mr"
