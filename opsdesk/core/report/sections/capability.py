"""Process capability: indices against the KPI's specs, with the histogram."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak

from opsdesk.core.report import spc_source
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.doc import ChartFlowable
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table
from opsdesk.core.report.text import para


def _num(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}".replace("-", "−")


def _ppm(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def build(ctx: BuildContext) -> list[Any] | None:
    from opsdesk.core.report.chart_render import render
    from opsdesk.core.spc.capability import capability
    from opsdesk.core.spc.chart_spec import histogram_spec
    from opsdesk.core.spc.stability import stability_warning

    charts = [c for c in spc_source.report_charts(ctx) if c.result is not None
              and c.result.sigma is not None and (c.lsl is not None or c.usl is not None)
              and c.chart_type in ("xbar-r", "xbar-s", "i-mr") and c.values is not None]
    if not charts:
        return None
    out: list[Any] = [ctx.section_heading(TITLES["capability"])]
    w = ctx.width
    for n, chart in enumerate(charts):
        assert chart.result is not None and chart.result.sigma is not None
        assert chart.values is not None
        if n:
            out.append(PageBreak())
        out.append(ctx.sub_heading(chart.name))
        cap = capability(chart.values, chart.result.sigma.value, chart.lsl, chart.usl,
                         chart.spec_target)
        ci = (f" (95 % CI {_num(cap.cpk_ci[0], 2)}–{_num(cap.cpk_ci[1], 2)})"
              if cap.cpk_ci else "")
        rows = [
            [cell("Specification"), cell(f"LSL {_num(cap.lsl, 4)} · target "
                                         f"{_num(cap.target, 4)} · USL {_num(cap.usl, 4)}")],
            [cell("Sample"), cell(f"n = {cap.n}, mean {_num(cap.mean, 4)}")],
            [cell("σ within / overall"), cell(f"{_num(cap.sigma_within, 5)} / "
                                              f"{_num(cap.sigma_overall, 5)}")],
            [cell("Cp · Cpk (within)"), cell(f"{_num(cap.cp, 2)} · {_num(cap.cpk, 2)}{ci}")],
            [cell("Pp · Ppk (overall)"), cell(f"{_num(cap.pp, 2)} · {_num(cap.ppk, 2)}")],
            [cell("Cpm"), cell(_num(cap.cpm, 2))],
            [cell("PPM out of spec"), cell(
                f"observed {_ppm(cap.ppm_observed.total)} · expected within "
                f"{_ppm(cap.ppm_expected_within.total)} · expected overall "
                f"{_ppm(cap.ppm_expected_overall.total)}")],
            [cell("Sigma level (Z bench, within)"), cell(_num(cap.z_bench_within, 2))],
        ]
        warning = stability_warning(chart.result)
        if warning:  # before the numbers, as a reader meets them
            out.append(ctx.m(f"<b>Not in statistical control.</b> {para(warning)}", "warning"))
        out.append(data_table(["Measure", "Value"], rows, [w * 0.3, w * 0.7]))
        out.append(ctx.p(f"σ within: {chart.result.sigma.statement}", "note"))
        out += [ctx.p(note, "note") for note in cap.notes]
        spec = histogram_spec(chart.values, f"{chart.kpi_name}: distribution", chart.lsl,
                              chart.usl, chart.spec_target, chart.result.sigma.value)
        out.append(ChartFlowable(render(spec, w, 240)))
    return out


register(Section("capability", TITLES["capability"], "", build))
