"""A control chart from a table: the work behind ``opsdesk spc``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from opsdesk.core import ranges
from opsdesk.core.charts import ChartSpec
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability import Capability, capability
from opsdesk.core.spc.compute import ATTRIBUTE_CHARTS, control_chart
from opsdesk.core.spc.export import chart_dict
from opsdesk.core.spc.model import ChartOptions, ChartResult
from opsdesk.core.spc.rules import RuleConfig
from opsdesk.core.spc.table_input import Table, parse_tests, select_points


@dataclass(frozen=True)
class SpcRequest:
    chart: str
    value: str
    subgroup: str | None = None
    size: str | None = None
    baseline: str | None = None
    exclude: str | None = None
    stage: str | None = None
    rules: str = "nelson"
    tests: str | None = None
    mu: float | None = None
    sigma: float | None = None
    lam: float = 0.2
    limit_width: float = 3.0
    k: float = 0.5
    h: float = 5.0
    lsl: float | None = None
    usl: float | None = None
    target: float | None = None
    part: str | None = None          # Z-MR: the part (product) column
    span: int = 3                    # moving average
    distribution: str = "weibull"    # t chart
    z_sigma: str = "default"         # Z-MR: "default" (one sigma) or "by-part"
    transform: str | None = None     # capability on "box-cox" or "johnson" transformed data
    fit: str | None = None           # capability by the percentile method on a distribution


def _values(table: Table, req: SpcRequest) -> list[float] | np.ndarray:
    columns = [c.strip() for c in req.value.split(",") if c.strip()]
    if req.chart == "t2":
        if len(columns) < 2:
            raise OpsdeskError("A T² chart needs 2 or more value columns (--value A,B,...).")
        return np.column_stack([table.numbers(c) for c in columns])
    if len(columns) > 1:
        raise OpsdeskError("Several --value columns go with --chart t2 only.")
    return table.numbers(req.value)


def run_request(table: Table, req: SpcRequest
                ) -> tuple[ChartResult, Capability | None, dict[str, Any]]:
    values = _values(table, req)
    labels = table.labels(req.subgroup) if req.subgroup else None
    sizes = table.numbers(req.size) if req.size else None
    if sizes is not None:
        for index, n in enumerate(sizes):
            if n <= 0:
                raise OpsdeskError(f"Row {table.row_number(index)}, column {req.size!r} holds "
                                   f"a sample size of {n:g}; sample sizes must be more than 0.")
    if labels is not None and req.chart in ("xbar-r", "xbar-s"):
        counts: dict[str, int] = {}
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
        for index, label in enumerate(labels):
            if counts[label] == 1:
                chart = "X̄-R" if req.chart == "xbar-r" else "X̄-S"
                raise OpsdeskError(
                    f"Row {table.row_number(index)}: subgroup {label!r} (column "
                    f"{req.subgroup!r}) has only 1 value; an {chart} chart needs at least 2 "
                    "values per subgroup.")
    stages = table.text(req.stage) if req.stage else None
    known = list(dict.fromkeys(labels)) if labels is not None else [
        str(i + 1) for i in range(len(values))]
    baseline = select_points(req.baseline, known, "Baseline")
    exclude = select_points(req.exclude, known, "Excluded")
    for flag in ("lsl", "usl", "target"):  # the chart's own numbers are checked by the engine
        ranges.check_optional(getattr(req, flag), f"--{flag}")
    options = ChartOptions(
        rules=RuleConfig(req.rules, tests=parse_tests(req.tests)),
        baseline=frozenset(baseline),
        exclusions={label: "excluded on the command line" for label in exclude},
        mu=req.mu, sigma=req.sigma, lam=req.lam, limit_width=req.limit_width, k=req.k,
        h=req.h, span=req.span, distribution=req.distribution, sigma_method=req.z_sigma,
    )
    if (req.mu is None) != (req.sigma is None) and req.chart not in MU_ONLY_CHARTS:
        raise OpsdeskError("Give both --mu and --sigma for historical limits.")
    parts = table.labels(req.part) if req.part else None
    result = control_chart(req.chart, values, labels=labels, sizes=sizes, row_stages=stages,
                           options=options, parts=parts)
    cap = None
    extra: dict[str, Any] = {}
    if req.lsl is not None or req.usl is not None:
        if req.chart in NO_CAPABILITY or result.sigma is None:
            raise OpsdeskError("Capability (--lsl/--usl) needs a variables chart of one "
                               "process (xbar-r, xbar-s, i-mr, i-mr-r, i-mr-s, ewma, cusum "
                               "or ma).")
        x = _capability_values(values, labels, result)
        dof = None
        if result.sizes is not None and req.chart in ("xbar-r", "xbar-s"):
            dof = int(np.sum(result.sizes - 1))
        cap = capability(x, result.sigma.value, req.lsl, req.usl, req.target, dof_within=dof)
        extra = non_normal(req, x, values, labels, options, dof)
    elif req.transform or req.fit:
        raise OpsdeskError("--transform and --fit judge capability: give --lsl or --usl.")
    payload = chart_dict(result, cap)
    if extra:
        payload["capability"].update(extra)
    return result, cap, payload


MU_ONLY_CHARTS = (*ATTRIBUTE_CHARTS, "g")  # a historical centre needs no sigma
NO_CAPABILITY = (*ATTRIBUTE_CHARTS, "g", "t", "z-mr", "t2", "run")


def non_normal(req: SpcRequest, x: np.ndarray, values: list[float] | np.ndarray,
                labels: list[str] | None, options: ChartOptions, dof: int | None
                ) -> dict[str, Any]:
    """Capability on transformed data (--transform) or a fitted distribution (--fit)."""
    from dataclasses import replace

    from opsdesk.core.spc.fitted import percentile_capability
    from opsdesk.core.spc.transformed_capability import transformed_capability

    out: dict[str, Any] = {}
    if req.transform:
        plain = replace(options, mu=None, sigma=None)

        def within(transform: Callable[[np.ndarray], np.ndarray]) -> float:
            sigma = control_chart(req.chart, transform(np.asarray(values, dtype=float)),
                                  labels=labels, options=plain).sigma
            assert sigma is not None
            return sigma.value

        out["transformed"] = transformed_capability(x, req.lsl, req.usl, req.target,
                                                    req.transform, within, dof).as_dict()
    if req.fit:
        out["percentile"] = percentile_capability(x, req.lsl, req.usl, req.fit).as_dict()
    return out


def capability_charts_for(table: Table, req: SpcRequest, result: ChartResult,
                          cap: Capability) -> tuple[ChartSpec, ChartSpec]:
    """The histogram and probability plot of the data ``run_request`` judged capability
    on (with --lsl/--usl): the normal ones, or with --fit that distribution's."""
    from opsdesk.core.spc.capability_view import capability_charts

    labels = table.labels(req.subgroup) if req.subgroup else None
    x = _capability_values(_values(table, req), labels, result)
    return capability_charts(x, req.lsl, req.usl, cap.target, cap.sigma_within,
                             f"{req.value}: capability", req.fit)


def _capability_values(values: list[float] | np.ndarray, labels: list[str] | None,
                       result: ChartResult) -> np.ndarray:
    """The values capability is judged on: the rows of excluded points stay out."""
    x = np.asarray(values, dtype=float)
    if result.excluded.any():
        x = x[~result.excluded[_point_of_row(labels, len(values))]]
    return x


def _point_of_row(labels: list[str] | None, n: int) -> np.ndarray:
    if labels is None:
        return np.arange(n)
    order: dict[str, int] = {}
    return np.array([order.setdefault(label, len(order)) for label in labels])
