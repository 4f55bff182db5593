"""The report's door to the SPC engine: saved control charts, or charts suggested for
KPIs that hold subgrouped or counted data, computed on the reporting period's data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from opsdesk.core.errors import OpsdeskError

if TYPE_CHECKING:
    from opsdesk.core.report.context import BuildContext
    from opsdesk.core.spc.model import ChartResult


@dataclass(frozen=True)
class ReportChart:
    name: str
    kpi_name: str
    chart_type: str
    result: ChartResult | None  # None: the data could not be charted
    x: np.ndarray | None  # POSIX seconds per point, for a date axis
    problem: str = ""
    saved: bool = True
    lsl: float | None = None
    usl: float | None = None
    spec_target: float | None = None
    values: np.ndarray | None = None  # the individual measurements (capability)


def _observations(ctx: BuildContext, kpi_id: int) -> list[dict[str, Any]]:
    return ctx.rows(
        "SELECT ts, value, subgroup, sample_size FROM observations WHERE kpi_id = ?"
        " AND substr(ts, 1, 10) BETWEEN ? AND ? ORDER BY ts, id",
        (kpi_id, ctx.start.isoformat(), ctx.end.isoformat()))


def _stamp(ts: str) -> float:
    from datetime import UTC, datetime

    moment = datetime.fromisoformat(ts[:19])
    return moment.replace(tzinfo=UTC).timestamp()


def _compute(chart_type: str, rows: list[dict[str, Any]], options: Any) -> tuple[Any, Any]:
    from opsdesk.core.spc import control_chart

    values = np.array([float(r["value"]) for r in rows])
    grouped = chart_type in ("xbar-r", "xbar-s") or (
        chart_type in ("ewma", "cusum", "p", "np", "c", "u") and any(r["subgroup"] for r in rows))
    if grouped:
        labels = [str(r["subgroup"] or r["ts"]) for r in rows]
    else:
        labels = [f"{r['ts']}" if i == 0 or r["ts"] != rows[i - 1]["ts"] else f"{r['ts']} #{i}"
                  for i, r in enumerate(rows)]
    sizes = None
    if chart_type in ("p", "np", "u"):
        sizes = [float(r["sample_size"] or 0) for r in rows]
    result = control_chart(chart_type, values, labels=labels, sizes=sizes, options=options)
    first: dict[str, float] = {}
    for label, row in zip(labels, rows, strict=True):
        first.setdefault(label, _stamp(row["ts"]))
    x = np.array([first[label] for label in result.labels()])
    return result, x


def _suggested_type(rows: list[dict[str, Any]]) -> str | None:
    from opsdesk.core.spc.compute import suggest_chart

    with_groups = [r["subgroup"] for r in rows if r["subgroup"]]
    sizes = [r["sample_size"] for r in rows if r["sample_size"]]
    if not with_groups and not sizes:
        return None  # plain KPIs are charted on their own pages
    values = [float(r["value"]) for r in rows]
    integer = all(v.is_integer() for v in values)
    counts: dict[str, int] = {}
    for g in with_groups:
        counts[g] = counts.get(g, 0) + 1
    if sizes and any(float(r["value"]) > float(r["sample_size"] or 0) for r in rows):
        return "u"  # more defects than units: defects per unit, not a proportion
    return suggest_chart(bool(with_groups), bool(sizes), integer, max(counts.values(), default=1))


def _saved_chart(ctx: BuildContext, c: dict[str, Any]) -> ReportChart:
    """A saved chart computed exactly as the Control charts page computes it (stages,
    parameters, baseline, exclusions), on all of its data."""
    from opsdesk.core.spc.saved import compute, load_chart

    try:
        computed = compute(ctx.conn, load_chart(ctx.conn, c["id"]))
    except (OpsdeskError, ValueError) as error:
        return ReportChart(c["name"], c["kpi_name"], c["chart_type"], None, None,
                           problem=str(error))
    params, points = computed.chart.params, computed.points
    return ReportChart(c["name"], c["kpi_name"], c["chart_type"], computed.result, computed.x,
                       lsl=params.get("lsl", points.lsl), usl=params.get("usl", points.usl),
                       spec_target=params.get("target", points.target),
                       values=computed.values)


def report_charts(ctx: BuildContext) -> list[ReportChart]:
    """The saved charts chosen by the template (all when none chosen); with no saved
    charts at all, a suggested chart for each KPI with subgrouped or counted data."""
    if "spc_charts" in ctx.cache:
        cached: list[ReportChart] = ctx.cache["spc_charts"]
        return cached
    from opsdesk.core.spc import ChartOptions, RuleConfig

    saved = ctx.rows(
        "SELECT c.id, c.name, c.chart_type, k.name AS kpi_name FROM charts c"
        " JOIN kpis k ON k.id = c.kpi_id ORDER BY c.sort_order, c.id")
    if ctx.config.chart_ids:
        chosen = set(ctx.config.chart_ids)
        saved = [c for c in saved if c["id"] in chosen]
    out: list[ReportChart] = []
    for c in saved:
        out.append(_saved_chart(ctx, c))
    if not saved and not ctx.config.chart_ids:
        kpis = ctx.rows("SELECT id, name, rule_set, lsl, usl, spec_target FROM kpis"
                        " WHERE archived = 0 ORDER BY sort_order, name")
        chosen_kpis = set(ctx.config.kpi_ids)
        for k in kpis:
            if chosen_kpis and k["id"] not in chosen_kpis:
                continue
            rows = _observations(ctx, k["id"])
            chart_type = _suggested_type(rows) if rows else None
            if chart_type is None:
                continue
            try:
                result, x = _compute(chart_type, rows, ChartOptions(rules=RuleConfig(
                    k["rule_set"] or "nelson")))
            except OpsdeskError as error:
                out.append(ReportChart(k["name"], k["name"], chart_type, None, None,
                                       problem=str(error), saved=False))
                continue
            out.append(ReportChart(k["name"], k["name"], chart_type, result, x, saved=False,
                                   lsl=k["lsl"], usl=k["usl"], spec_target=k["spec_target"],
                                   values=np.array([float(r["value"]) for r in rows])))
    ctx.cache["spc_charts"] = out
    return out
