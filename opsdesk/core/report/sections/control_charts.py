"""Control charts with their signals listed (point, rule, meaning) and the sigma method."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Spacer

from opsdesk.core.report import spc_source
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.doc import ChartFlowable
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table

MAX_SIGNAL_ROWS = 30


def _signals(ctx: BuildContext, chart: spc_source.ReportChart, since: float,
             until: float) -> list[Any]:
    """The signals of the points dated in the reporting period [since, until)."""
    result = chart.result
    assert result is not None and chart.x is not None
    rows = []
    for panel in result.panels:
        for index, tests in panel.signals():
            if not since <= chart.x[index] < until:
                continue
            rows.append([cell(result.label(index)), cell(panel.title or panel.name),
                         cell(", ".join(str(t) for t in tests), "center"),
                         cell("; ".join(panel.reasons(index)))])
    if not rows:
        return [ctx.m("No signals: every point is consistent with common-cause variation "
                      "under the tests applied.", "small")]
    w = ctx.width
    shown = rows[:MAX_SIGNAL_ROWS]
    out: list[Any] = [data_table(["Point", "Panel", "Tests", "Meaning"], shown,
                                 [w * 0.2, w * 0.14, w * 0.08, w * 0.58],
                                 ["left", "left", "center", "left"])]
    if len(rows) > len(shown):
        out.append(ctx.m(f"… and {len(rows) - len(shown)} more signals, not listed.", "note"))
    return out


def build(ctx: BuildContext) -> list[Any] | None:
    from datetime import timedelta

    from opsdesk.core.kpi.trend_spec import stamp
    from opsdesk.core.report.chart_render import render
    from opsdesk.core.report.spec_crop import crop
    from opsdesk.core.spc.chart_spec import control_chart_spec

    charts = spc_source.report_charts(ctx)
    if not charts:
        return None
    out: list[Any] = [ctx.section_heading(TITLES["control_charts"])]
    if not any(c.saved for c in charts):
        out.append(ctx.m("No control charts are saved in the workspace, so each KPI with "
                         "subgrouped or counted data is shown on the chart suited to it.",
                         "small"))
    for n, chart in enumerate(charts):
        if n:
            out.append(PageBreak())
        out.append(ctx.sub_heading(chart.name))
        if chart.result is None:
            out.append(ctx.p(f"This chart could not be drawn: {chart.problem}"))
            continue
        spec = control_chart_spec(chart.result, chart.kpi_name, chart.x)
        since, until = stamp(ctx.start), stamp(ctx.end + timedelta(days=1))
        outside = chart.x is not None and len(chart.x) and (
            float(chart.x[0]) < since or float(chart.x[-1]) >= until)
        if outside:
            # the last second of the period's last day: points at midnight after it are out
            spec = crop(spec, since, until - 1)
            out.append(ctx.m("Limits come from all of the chart's data, as on screen; only "
                             "the points of the reporting period are drawn and listed.",
                             "small"))
        height = 320 if len(spec.panels) > 1 else 230
        out.append(ChartFlowable(render(spec, ctx.width, height)))
        sigma = chart.result.sigma
        if sigma is not None:
            constants = ", ".join(f"{k} = {v:.4g}" for k, v in sigma.constants.items())
            out.append(ctx.p(f"Sigma: {sigma.statement}" + (f" (constants: {constants})"
                                                             if constants else ""), "note"))
        out += [ctx.p(note, "note") for note in spec.notes if note != getattr(sigma, "statement",
                                                                                None)]
        out.append(Spacer(1, 4))
        out.append(ctx.m("Signals", "h3"))
        out += _signals(ctx, chart, since, until)
    return out


register(Section("control_charts", TITLES["control_charts"], "", build))
