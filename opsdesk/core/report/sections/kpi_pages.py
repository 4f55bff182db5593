"""A page per chosen KPI: facts, trend chart, the last twelve periods, the owner's comment."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from opsdesk.core.report import kpi_source, styles
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.doc import ChartFlowable
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import (
    cell,
    data_table,
    ink_commands,
    inked,
    lay_out,
    plain_style,
    status_cell,
)
from opsdesk.core.report.text import para

TABLE_PERIODS = 12
TREND = {"improving": "↑ improving", "worsening": "↓ worsening", "flat": "→ flat"}


def _facts(ctx: BuildContext, s: Any) -> Table:
    k = s.kpi
    pairs = [
        ("Status", status_cell(s.status)),
        ("Latest period", cell(f"{s.period or '–'}: {kpi_source.fmt(k, s.value, unit=True)}")),
        ("Target", cell(kpi_source.target_text(k, s.target, unit=True))),
        ("Change", cell(f"{kpi_source.signed(k, s.change, s.value, unit=True)}  "
                        f"{TREND.get(s.trend or '', '')}")),
        ("Owner", cell(k.owner or "–")),
        ("Data source", cell(k.data_source or "–")),
        ("Direction", cell(kpi_source.direction_text(k))),
        ("Frequency", cell(f"{k.frequency}, {k.aggregation} of observations")),
    ]
    rows = []
    inks: list[tuple[Any, ...]] = []
    w = ctx.width
    widths = [w * 0.13, w * 0.37, w * 0.13, w * 0.37]
    # Plain strings with colour and weight set per cell, not Paragraphs: a Paragraph
    # is parsed as markup and wrapped twice (measure and draw), for a one-line label.
    for y, i in enumerate(range(0, len(pairs), 2)):
        row: list[Any] = []
        for key, value in pairs[i:i + 2]:
            for part in (inked(key, styles.MUTED, bold=False), value):
                x = len(row)
                row.append(lay_out(part, widths[x]))
                inks += ink_commands(x, y, part)
        rows.append(row)
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([
        *plain_style(),
        *inks,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, _rule()),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _rule() -> Any:
    from reportlab.lib import colors

    return colors.HexColor(styles.RULE)


def _period_table(ctx: BuildContext, s: Any, pv: Any) -> Table:
    from opsdesk.core.kpi.status import judge

    k = s.kpi
    last = len(pv.keys)
    if s.period_start is not None:
        last = sum(1 for i in range(len(pv.keys)) if pv.start(i) <= s.period_start)
    rows, fills = [], []
    for r, i in enumerate(range(max(0, last - TABLE_PERIODS), last)):
        start = pv.start(i)
        target = k.target_on(start)
        value = float(pv.values[i])
        status = judge(k, value, target)
        change = value - float(pv.values[i - 1]) if i > 0 else None
        rows.append([cell(pv.label(i)), cell(kpi_source.fmt(k, value), "right"),
                     cell(kpi_source.target_text(k, target), "right"), status_cell(status),
                     cell(kpi_source.signed(k, change, value), "right")])
        fills.append((3, r, styles.STATUS_FILL.get(status, styles.STATUS_FILL["no data"])))
    w = ctx.width
    return data_table(["Period", "Value", "Target", "Status", "Change on the period before"],
                      rows, [w * 0.2, w * 0.18, w * 0.22, w * 0.18, w * 0.22],
                      ["left", "right", "right", "left", "right"], fills)


def build(ctx: BuildContext) -> list[Any] | None:
    from opsdesk.core.kpi.trend_spec import stamp
    from opsdesk.core.report.chart_render import render
    from opsdesk.core.report.spec_crop import crop

    statuses = kpi_source.statuses(ctx)
    if not statuses:
        return None
    until_end: dict[int, Any] | None = None  # values up to the period's end, if needed
    out: list[Any] = [ctx.section_heading(TITLES["kpi_pages"])]
    for n, s in enumerate(statuses):
        if n:
            out.append(PageBreak())
        k = s.kpi
        out.append(ctx.sub_heading(k.name))
        if k.description:
            out.append(ctx.p(k.description, "small"))
        out.append(_facts(ctx, s))
        if k.comment:  # the owner's word first: it is what the meeting discusses
            out.append(Spacer(1, 6))
            out.append(ctx.m(f"<b>Owner's comment.</b> {para(k.comment)}", "callout"))
        out.append(Spacer(1, 6))
        if s.period_start is not None:
            # The table stops at the judged period, which ended by the end of the
            # reporting period: the shared values (to the status date) hold the same.
            pv = kpi_source.values_as_of(ctx).get(k.id)
        else:
            if until_end is None:
                until_end = kpi_source.period_values(ctx, [s.kpi for s in statuses])
            pv = until_end.get(k.id)
        if pv is None:
            out.append(ctx.m("No observations up to the end of the reporting period."))
            continue
        spec = crop(kpi_source.trend_chart(ctx, k), stamp(ctx.start))
        out.append(ChartFlowable(render(spec, ctx.width, 230)))
        out += [ctx.m(f"<b>Likely shift.</b> {para(w)}", "warning") for w in spec.warnings]
        out += [ctx.p(note, "note") for note in spec.notes]
        out.append(ctx.m("Periods", "h3"))
        out.append(_period_table(ctx, s, pv))
    return out


register(Section("kpi_pages", TITLES["kpi_pages"], "", build))
