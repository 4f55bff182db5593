"""The capability sixpack: six views of one process, the stability verdict first.

As Minitab's Capability Sixpack lays them out: the X̄ (or I) chart, the R, S (or MR)
chart, the last 25 subgroups, the capability histogram with the normal curves of the
overall and the within sigma, the normal probability plot, and the capability plot
(the within and overall mean ± 3σ intervals against the spec limits). The verdict comes
first because capability indices describe a stable process only (see stability.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from opsdesk.core.charts import Axis, ChartSpec, Panel, RefLine, Series
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability import Capability, capability
from opsdesk.core.spc.capability_view import capability_charts
from opsdesk.core.spc.chart_spec import control_chart_spec, level_texts
from opsdesk.core.spc.compute import control_chart
from opsdesk.core.spc.model import CHART_NAMES, ChartOptions, ChartResult
from opsdesk.core.spc.normality import Normality, anderson_darling
from opsdesk.core.spc.rules import RULES_APPLIED
from opsdesk.core.spc.stability import stability_warning
from opsdesk.core.spc.subgroups import group_codes

SIXPACK_CHARTS = ("xbar-r", "xbar-s", "i-mr")
LAST = 25


@dataclass(frozen=True)
class Sixpack:
    verdict: str                   # first: in statistical control, or not and why
    in_control: bool
    result: ChartResult
    capability: Capability
    normality: Normality
    charts: tuple[ChartSpec, ...]  # the six views, in Minitab's order


def default_chart(labels: Sequence[str] | None) -> str:
    """X̄-R for subgroups up to 8, X̄-S above (Minitab's sixpack), I-MR for individuals."""
    if labels is None or len(set(labels)) == len(labels):
        return "i-mr"
    _, codes = group_codes(labels)
    return "xbar-r" if int(np.bincount(codes).max()) <= 8 else "xbar-s"


def _verdict(result: ChartResult) -> tuple[str, bool]:
    warning = stability_warning(result)
    if warning:
        return warning, False
    rules = RULES_APPLIED.get(result.rule_set, result.rule_set)
    return (f"The process is in statistical control: none of the {result.n_points} points "
            f"signals under the {rules} tests, so the capability indices describe what it "
            "will make.", True)


def _last_subgroups(values: np.ndarray, labels: Sequence[str] | None,
                    result: ChartResult) -> ChartSpec:
    names = result.labels()
    if labels is None or result.chart == "i-mr":
        start = max(len(values) - LAST, 0)
        xs = [float(i) for i in range(len(values) - start)]
        panel = Panel("", Axis("Observation", kind="category",
                               categories=tuple(names[start:])), Axis("Value"),
                      (Series("Values", xs, [float(v) for v in values[start:]]),))
        return ChartSpec(f"Last {len(xs)} observations", (panel,),
                         "Look for a pattern, a shift or an outlier")
    _, codes = group_codes(labels)
    first = max(result.n_points - LAST, 0)
    keep = codes >= first
    xs = [float(c - first) for c in codes[keep]]
    panel = Panel("", Axis("Subgroup", kind="category", categories=tuple(names[first:])),
                  Axis("Value"), (Series("Values", xs, [float(v) for v in values[keep]],
                                         line=False),),
                  ref_lines=(RefLine("Mean", value=float(np.mean(values)), role="center"),))
    return ChartSpec(f"Last {result.n_points - first} subgroups", (panel,),
                     "The spread within each subgroup should look alike")


def capability_plot_spec(cap: Capability) -> ChartSpec:
    """Within and overall mean ± 3σ against the spec limits (Minitab's capability plot)."""
    rows = [("Within", cap.sigma_within), ("Overall", cap.sigma_overall)]
    series = [Series(f"{name}: mean ± 3σ", [cap.mean - 3 * s, cap.mean + 3 * s],
                     [float(k), float(k)], role="data" if k == 2 else "secondary",
                     marker="square")
              for k, (name, s) in zip((2, 1), rows, strict=True)]
    refs: list[RefLine] = []
    limits = [(n, v) for n, v in (("LSL", cap.lsl), ("USL", cap.usl), ("Target", cap.target))
              if v is not None]
    texts = level_texts([v for _, v in limits])
    for (name, v), text in zip(limits, texts, strict=True):
        refs.append(RefLine(f"{name} = {text}", at_x=v,
                            role="target" if name == "Target" else "spec",
                            style="dot" if name == "Target" else "dash"))
    if cap.lsl is not None and cap.usl is not None:
        series.append(Series("Specs", [cap.lsl, cap.usl], [0.0, 0.0], role="spec",
                             marker="diamond"))
    panel = Panel("", Axis("Value"), Axis("", kind="category",
                                          categories=("Specs", "Overall", "Within")),
                  tuple(series), ref_lines=tuple(refs))

    def show(name: str, v: float | None) -> str:
        return f"{name} {v:.2f}" if v is not None else ""

    within = " · ".join(t for t in (show("Cp", cap.cp), show("Cpk", cap.cpk)) if t)
    overall = " · ".join(t for t in (show("Pp", cap.pp), show("Ppk", cap.ppk),
                                     show("Cpm", cap.cpm)) if t)
    return ChartSpec("Capability plot", (panel,), f"Within: {within} — Overall: {overall}")


def sixpack(values: Sequence[float] | np.ndarray, labels: Sequence[str] | None = None, *,
            lsl: float | None = None, usl: float | None = None, target: float | None = None,
            chart: str | None = None, options: ChartOptions | None = None,
            title: str = "", fit: str | None = None) -> Sixpack:
    """The sixpack of ``values`` (one per row; rows with the same label form a subgroup);
    with ``fit``, the histogram and probability plot of that distribution (or the best)
    in place of the normal ones."""
    chart = chart or default_chart(labels)
    if chart not in SIXPACK_CHARTS:
        raise OpsdeskError(f"A capability sixpack draws an X̄-R, X̄-S or I-MR chart, not "
                           f"{CHART_NAMES.get(chart, chart)}.")
    x = np.asarray(values, dtype=float)
    result = control_chart(chart, x, labels=labels, options=options)
    assert result.sigma is not None
    keep = np.ones(len(x), dtype=bool)
    if result.excluded.any() and labels is not None:
        _, codes = group_codes(labels)
        keep = ~result.excluded[codes]
    elif result.excluded.any():
        keep = ~result.excluded
    dof = None
    if result.sizes is not None and chart != "i-mr":
        dof = int(np.sum(result.sizes[~result.excluded] - 1))
    cap = capability(x[keep], result.sigma.value, lsl, usl, target, dof_within=dof)
    normality = anderson_darling(x[keep])
    verdict, stable = _verdict(result)
    spec = control_chart_spec(result, title or CHART_NAMES[chart])
    name = title or "Process"
    control = ChartSpec(spec.panels[0].title, (spec.panels[0],), spec.subtitle, spec.notes)
    spread = ChartSpec(spec.panels[1].title, (spec.panels[1],), spec.subtitle)
    charts = (control, spread, _last_subgroups(x, labels if chart != "i-mr" else None, result),
              *capability_charts(x[keep], lsl, usl, cap.target, result.sigma.value,
                                 f"{name}: capability histogram", fit, normality),
              capability_plot_spec(cap))
    return Sixpack(verdict, stable, result, cap, normality, charts)
