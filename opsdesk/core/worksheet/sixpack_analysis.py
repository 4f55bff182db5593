"""A capability sixpack of a worksheet column: the six views of ``spc.sixpack`` and the
lines ``opsdesk spc`` prints for the same chart and limits, the stability verdict first
(capability indices describe a stable process only)."""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.worksheet.analysis import Analysis, filled_to, table_of
from opsdesk.core.worksheet.grid import Grid


@dataclass(frozen=True)
class SixpackRequest:
    value: str
    subgroup: str | None = None  # rows with the same label form a subgroup
    lsl: float | None = None
    usl: float | None = None
    target: float | None = None
    transform: str | None = None  # capability also on "box-cox" or "johnson" data
    fit: str | None = None        # and by the percentile method on a fitted distribution


def sixpack_analysis(grid: Grid, name: str, req: SixpackRequest) -> Analysis:
    from opsdesk.core.spc.sixpack import sixpack
    from opsdesk.core.spc.summary import summary_lines

    if req.lsl is None and req.usl is None:
        raise OpsdeskError("A capability sixpack needs a specification limit: give the LSL, "
                           "the USL or both.")
    for what, limit in (("LSL", req.lsl), ("USL", req.usl), ("target", req.target)):
        ranges.check_optional(limit, what)
    if req.lsl is not None and req.usl is not None and not req.lsl < req.usl:
        raise OpsdeskError(f"The LSL ({req.lsl:g}) must be below the USL ({req.usl:g}).")
    table = table_of(filled_to(grid, (req.value, req.subgroup)), name)
    values = table.numbers(req.value)
    labels = table.labels(req.subgroup) if req.subgroup else None
    pack = sixpack(values, labels, lsl=req.lsl, usl=req.usl, target=req.target,
                   title=req.value, fit=req.fit)
    lines = (pack.verdict, *summary_lines(pack.result, pack.capability),
             f"Normality: {pack.normality.verdict()}")
    if req.transform or req.fit:
        lines += tuple(_non_normal_lines(req, values, labels, pack.result.chart))
    return Analysis(pack.charts, lines)


def _non_normal_lines(req: SixpackRequest, values: list[float], labels: list[str] | None,
                      chart: str) -> list[str]:
    """The lines ``opsdesk spc --transform/--fit`` prints for the sixpack's chart."""
    import numpy as np

    from opsdesk.core.spc.model import ChartOptions
    from opsdesk.core.spc.run_spc import SpcRequest, non_normal
    from opsdesk.core.spc.subgroups import group_codes
    from opsdesk.core.spc.summary import non_normal_lines

    spc = SpcRequest(chart=chart, value=req.value, subgroup=req.subgroup, lsl=req.lsl,
                     usl=req.usl, target=req.target, transform=req.transform, fit=req.fit)
    x = np.asarray(values, dtype=float)
    dof = None
    if chart != "i-mr" and labels is not None:
        dof = int(np.sum(np.bincount(group_codes(labels)[1]) - 1))
    return non_normal_lines(non_normal(spc, x, values, labels, ChartOptions(), dof))
