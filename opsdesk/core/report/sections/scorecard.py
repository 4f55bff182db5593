"""The KPI scorecard: one row per KPI, status by colour, symbol and word (landscape)."""

from __future__ import annotations

from typing import Any

from opsdesk.core.report import kpi_source, styles
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table, markup_cell, status_cell
from opsdesk.core.report.text import para

TREND = {"improving": "↑ improving", "worsening": "↓ worsening", "flat": "→ flat"}
HEADER = ["KPI", "Pillar", "Period", "Value", "Target", "Status", "Change", "Trend",
          "Signals", "Last data", "Owner"]
SHARES = (0.19, 0.105, 0.08, 0.07, 0.075, 0.1, 0.06, 0.09, 0.06, 0.08, 0.09)


def build(ctx: BuildContext) -> list[Any] | None:
    statuses = kpi_source.statuses(ctx)
    out: list[Any] = [ctx.section_heading(TITLES["scorecard"])]
    if not statuses:
        out.append(ctx.m("The workspace holds no KPIs yet."))
        return out
    out.append(ctx.m(
        f"Each KPI as of {ctx.end.day} {ctx.end:%B %Y}: the latest completed period, its "
        "value against the target in force then, the change on the period before, and "
        "any control-chart signal on the latest period (test numbers as in the appendix).",
        "small"))
    rows, fills = [], []
    ordered = sorted(statuses, key=lambda s: (s.kpi.pillar, s.kpi.sort_order, s.kpi.name.lower()))
    for r, s in enumerate(ordered):
        k = s.kpi
        unit = f' <font color="{styles.MUTED}">({para(k.unit)})</font>' if k.unit else ""
        signals = ", ".join(str(t) for t in s.signals) if s.signals else "–"
        rows.append([
            markup_cell(f"<b>{para(k.name)}</b>{unit}"), cell(kpi_source.pillar(k)),
            cell(s.period or "–"), cell(kpi_source.fmt(k, s.value), "right"),
            cell(kpi_source.target_text(k, s.target), "right"), status_cell(s.status),
            cell(kpi_source.signed(k, s.change, s.value), "right"),
            cell(TREND.get(s.trend or "", "–")), cell(signals, "center"), cell(s.last_date or "–"),
            cell(k.owner),
        ])
        fills.append((5, r, styles.STATUS_FILL.get(s.status, styles.STATUS_FILL["no data"])))
    align = ["left", "left", "left", "right", "right", "left", "right", "left", "center",
             "left", "left"]
    out.append(data_table(HEADER, rows, [ctx.width * f for f in SHARES], align, fills))
    shown = {s.status for s in statuses}
    legend = "   ".join(f"{styles.STATUS_SYMBOL[s]} {styles.STATUS_WORD[s]}"
                        for s in styles.STATUS_ORDER if s in styles.STATUS_ORDER[:5] or s in shown)
    out.append(ctx.m(f"Status key: {legend}. Forecasts are on each KPI's page.", "note"))
    return out


register(Section("scorecard", TITLES["scorecard"], "", build, landscape=True))
