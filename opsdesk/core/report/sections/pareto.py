"""Pareto charts: root-cause categories, and KPIs whose observations carry segments."""

from __future__ import annotations

from typing import Any

from opsdesk.core.ranges import sql_in_range
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.doc import ChartFlowable
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table

MIN_CATEGORIES = 2


def _sources(ctx: BuildContext) -> list[tuple[str, list[str], list[float], str]]:
    """(title, categories, counts, what is counted) for each Pareto worth drawing."""
    out = []
    segments = ctx.rows(
        "SELECT k.name, o.segment, sum(o.value) AS total FROM observations o"
        " JOIN kpis k ON k.id = o.kpi_id WHERE o.segment IS NOT NULL AND o.segment != ''"
        f" AND {sql_in_range('o.value')}"
        " AND k.archived = 0 AND substr(o.ts, 1, 10) BETWEEN ? AND ?"
        " GROUP BY k.id, o.segment ORDER BY k.sort_order, k.name",
        (ctx.start.isoformat(), ctx.end.isoformat()))
    by_kpi: dict[str, list[tuple[str, float]]] = {}
    for r in segments:
        by_kpi.setdefault(r["name"], []).append((r["segment"], float(r["total"] or 0)))
    for name, pairs in by_kpi.items():
        if len(pairs) >= MIN_CATEGORIES and sum(v for _, v in pairs) > 0:
            out.append((f"{name} by segment", [p[0] for p in pairs], [p[1] for p in pairs],
                        f"sum of {name} in the reporting period"))
    causes = ctx.rows("SELECT category, count(*) AS n FROM root_causes"
                      " WHERE category != '' GROUP BY category")
    if len(causes) >= MIN_CATEGORIES:
        out.append(("Root causes by category", [c["category"] for c in causes],
                    [float(c["n"]) for c in causes],
                    "root causes recorded on projects and incidents"))
    return out


def build(ctx: BuildContext) -> list[Any] | None:
    from opsdesk.core.report.chart_render import render
    from opsdesk.core.spc.chart_spec import pareto_spec
    from opsdesk.core.spc.pareto import pareto

    sources = _sources(ctx)
    if not sources:
        return None
    out: list[Any] = [ctx.section_heading(TITLES["pareto"])]
    w = ctx.width
    for title, categories, counts, what in sources:
        result = pareto(categories, counts)
        out.append(ctx.sub_heading(title))
        out.append(ctx.p(f"Counted: {what}.", "small"))
        out.append(ChartFlowable(render(pareto_spec(result, title), w, 230)))
        rows = [[cell(c), cell(f"{n:,.4g}", "right"), cell(f"{p:.1f} %", "right"),
                 cell(f"{cp:.1f} %", "right")]
                for c, n, p, cp in zip(result.categories, result.counts, result.percent,
                                       result.cumulative_percent, strict=True)]
        out.append(data_table(["Category", "Count", "Share", "Cumulative"], rows,
                              [w * 0.46, w * 0.18, w * 0.18, w * 0.18],
                              ["left", "right", "right", "right"]))
    return out


register(Section("pareto", TITLES["pareto"], "", build))
