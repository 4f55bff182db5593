"""A control chart from a table: the work behind ``opsdesk spc``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from opsdesk.core import ranges
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


def run_request(table: Table, req: SpcRequest
                ) -> tuple[ChartResult, Capability | None, dict[str, Any]]:
    values = table.numbers(req.value)
    labels = table.text(req.subgroup) if req.subgroup else None
    if labels is not None:
        for index, label in enumerate(labels):
            if not label:
                row = table.row_number(index)
                raise OpsdeskError(f"Row {row}, column {req.subgroup!r} is empty.")
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
        h=req.h,
    )
    if (req.mu is None) != (req.sigma is None) and req.chart not in ATTRIBUTE_CHARTS:
        raise OpsdeskError("Give both --mu and --sigma for historical limits.")
    result = control_chart(req.chart, values, labels=labels, sizes=sizes, row_stages=stages,
                           options=options)
    cap = None
    if req.lsl is not None or req.usl is not None:
        if req.chart in ATTRIBUTE_CHARTS or result.sigma is None:
            raise OpsdeskError("Capability (--lsl/--usl) needs a variables chart "
                               "(xbar-r, xbar-s, i-mr, ewma or cusum).")
        x = np.asarray(values, dtype=float)
        if result.excluded.any():  # rows of excluded points stay out of capability too
            point_of_row = _point_of_row(labels, len(values))
            x = x[~result.excluded[point_of_row]]
        dof = None
        if result.sizes is not None and req.chart in ("xbar-r", "xbar-s"):
            dof = int(np.sum(result.sizes - 1))
        cap = capability(x, result.sigma.value, req.lsl, req.usl, req.target, dof_within=dof)
    return result, cap, chart_dict(result, cap)


def _point_of_row(labels: list[str] | None, n: int) -> np.ndarray:
    if labels is None:
        return np.arange(n)
    order: dict[str, int] = {}
    return np.array([order.setdefault(label, len(order)) for label in labels])
