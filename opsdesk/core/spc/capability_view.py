"""Capability of a saved chart's data: indices, histogram, probability plot, Box-Cox;
and the non-normal methods of ``opsdesk spc --transform/--fit`` (Johnson, fitted
distributions by the ISO 22514-2 percentile method) in the lines the command prints."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from opsdesk.core.charts import ChartSpec
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability import Capability, capability
from opsdesk.core.spc.chart_spec import histogram_spec, probability_plot_spec
from opsdesk.core.spc.compute import ATTRIBUTE_CHARTS, control_chart
from opsdesk.core.spc.model import ChartOptions
from opsdesk.core.spc.normality import BoxCox, Normality, anderson_darling, box_cox
from opsdesk.core.spc.saved import Computed, point_labels
from opsdesk.core.spc.stability import stability_warning

# Capability of data that are not normal, as the pages offer it: (text, method), the
# method a transformation (--transform) or a distribution (--fit) of ``opsdesk spc``.
NON_NORMAL = (("Normal only", ""), ("Box-Cox transformation", "box-cox"),
              ("Johnson transformation", "johnson"),
              ("Best fit (Anderson-Darling)", "best"),
              ("Lognormal fit", "lognormal"), ("Weibull fit", "weibull"),
              ("Gamma fit", "gamma"), ("Exponential fit", "exponential"))


def non_normal_method(method: object) -> tuple[str | None, str | None]:
    """A NON_NORMAL method as (transform, fit) of ``opsdesk spc``; ("", None: neither)."""
    if method in ("box-cox", "johnson"):
        return str(method), None
    return None, (str(method) if method else None)


@dataclass(frozen=True)
class CapabilityView:
    capability: Capability
    normality: Normality
    histogram: ChartSpec
    probability: ChartSpec
    box_cox: BoxCox | None  # set when the indices are computed on transformed data
    notes: list[str]
    stability: str | None = None  # the process is not in statistical control: say so


def spec_limits(comp: Computed) -> tuple[float | None, float | None, float | None]:
    p = comp.chart.params
    return (p.get("lsl", comp.points.lsl), p.get("usl", comp.points.usl),
            p.get("target", comp.points.target))


def capability_for(comp: Computed, use_box_cox: bool = False) -> CapabilityView:
    """Raises OpsdeskError with the reason when capability does not apply."""
    if comp.chart.chart_type in ATTRIBUTE_CHARTS:
        raise OpsdeskError("Capability applies to measurements; this is an attributes chart.")
    lsl, usl, target = spec_limits(comp)
    if lsl is None and usl is None:
        raise OpsdeskError(f"{comp.points.name} has no spec limits (LSL/USL); set them on the "
                           "KPI to see its capability.")
    keep = ~comp.result.excluded[comp.row_point]
    values = comp.values[keep]
    # the chart's own sigma (baseline, historical sigma) unless it has none to give
    own = comp.result.sigma
    sigma = own.value if own is not None and comp.result.chart != "run" else _sigma_within(
        comp, comp.values)
    notes: list[str] = []
    bc: BoxCox | None = None
    if use_box_cox:
        bc = box_cox(values)
        transformed = np.array([bc.apply(v) for v in comp.values])
        values = transformed[keep]
        sigma = _sigma_within(comp, transformed)
        lsl = bc.apply(lsl) if lsl is not None else None
        usl = bc.apply(usl) if usl is not None else None
        target = bc.apply(target) if target is not None else None
        notes.append(bc.statement())
    dof = None
    if comp.result.sizes is not None and comp.chart.chart_type in ("xbar-r", "xbar-s"):
        kept = ~comp.result.excluded
        dof = int(np.sum(comp.result.sizes[kept] - 1))  # sum of (n_i - 1)
    cap = capability(values, sigma, lsl, usl, target, dof_within=dof)
    normality = anderson_darling(values)
    name = comp.points.name + (" (Box-Cox)" if bc else "")
    hist, probability = capability_charts(values, lsl, usl, cap.target, sigma,
                                          f"{name}: capability", normality=normality)
    return CapabilityView(cap, normality, hist, probability, bc, notes + cap.notes,
                          stability_warning(comp.result))


def non_normal_for(comp: Computed, transform: str | None = None,
                   fit: str | None = None) -> list[str]:
    """The lines ``opsdesk spc --transform T --fit F`` prints for the chart's data: the
    indices on Johnson (or Box-Cox) transformed data, or by the percentile method on the
    named or best-fitting distribution (Anderson-Darling). Raises OpsdeskError."""
    from opsdesk.core.spc.fitted import percentile_capability
    from opsdesk.core.spc.summary import non_normal_lines
    from opsdesk.core.spc.transformed_capability import transformed_capability

    capability_for(comp)  # the same refusals: attributes, no spec limits
    lsl, usl, target = spec_limits(comp)
    keep = ~comp.result.excluded[comp.row_point]
    x = comp.values[keep]
    out: dict[str, object] = {}
    if transform:
        out["transformed"] = transformed_capability(
            x, lsl, usl, target, transform,
            lambda f: _sigma_within(comp, np.asarray(f(comp.values), dtype=float))).as_dict()
    if fit:
        out["percentile"] = percentile_capability(x, lsl, usl, fit).as_dict()
    return non_normal_lines(out)


def fitted_views(comp: Computed, fit: str) -> tuple[ChartSpec, ChartSpec]:
    """The capability histogram and probability plot of the chart's data as the percentile
    method sees them, on distribution ``fit`` (or the best by Anderson-Darling) in place
    of the normal. Raises OpsdeskError."""
    lsl, usl, target = spec_limits(comp)
    x = comp.values[~comp.result.excluded[comp.row_point]]
    return capability_charts(x, lsl, usl, target, None, f"{comp.points.name}: capability",
                             fit)


def capability_charts(x: np.ndarray, lsl: float | None, usl: float | None,
                      target: float | None, sigma_within: float | None, title: str,
                      fit: str | None = None, normality: Normality | None = None,
                      ) -> tuple[ChartSpec, ChartSpec]:
    """(histogram, probability plot) of the data capability is judged on, every page's
    and the sixpack's: the normal curves (overall, and within when ``sigma_within``) and
    the normal plot; with ``fit``, distribution ``fit`` (or "best") instead, the one the
    percentile indices come from. Raises OpsdeskError."""
    if not fit:
        return (histogram_spec(x, title, lsl, usl, target, sigma_within),
                probability_plot_spec(normality or anderson_darling(x)))
    from opsdesk.core.spc.chart_spec import fitted_probability_plot_spec
    from opsdesk.core.spc.fitted import percentile_capability

    chosen = percentile_capability(x, lsl, usl, fit).fit
    return (histogram_spec(x, f"{title}, {chosen.distribution} fit", lsl, usl, target,
                           fitted=chosen),
            fitted_probability_plot_spec(x, chosen, f"{chosen.distribution.capitalize()} "
                                                    "probability plot"))


def _sigma_within(comp: Computed, values: np.ndarray) -> float:
    """Sigma within by the chart's own method, on these (maybe transformed) values."""
    chart_type = comp.chart.chart_type
    if chart_type not in ("xbar-r", "xbar-s", "i-mr"):
        grouped = len(set(comp.row_point.tolist())) < len(comp.row_point)
        chart_type = "xbar-r" if grouped else "i-mr"
    labels = point_labels(chart_type, comp.points.rows)
    options = replace(_options(comp), stages=None)
    result = control_chart(chart_type, values, labels=labels, options=options)
    assert result.sigma is not None
    return result.sigma.value


def _options(comp: Computed) -> ChartOptions:
    known = set(comp.result.labels())
    return ChartOptions(
        baseline=frozenset(b for b in comp.chart.baseline if b in known),
        exclusions={k: v for k, v in comp.chart.exclusions.items() if k in known})
