"""Open alerts: those raised on KPIs and not yet acknowledged."""

from __future__ import annotations

from typing import Any

from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table

KINDS = {"red": "Off track", "signal": "Control-chart signal", "stale": "Stale data",
         "forecast_miss": "Forecast to miss target"}


def build(ctx: BuildContext) -> list[Any] | None:
    rows = ctx.rows(
        "SELECT k.name AS kpi, a.kind, a.period, a.message, a.raised_at FROM alerts a"
        " JOIN kpis k ON k.id = a.kpi_id WHERE a.acknowledged_at IS NULL"
        " AND substr(a.raised_at, 1, 10) <= ? ORDER BY a.raised_at DESC, a.id DESC",
        (ctx.end.isoformat(),))
    out: list[Any] = [ctx.section_heading(TITLES["alerts"])]
    if not rows:
        out.append(ctx.m("There are no open alerts: every alert raised up to the end of the "
                         "reporting period has been acknowledged."))
        return out
    out.append(ctx.m(f"{len(rows)} alert{'s' if len(rows) != 1 else ''} raised and not yet "
                     "acknowledged, newest first.", "small"))
    w = ctx.width
    body = [[cell(r["kpi"]), cell(KINDS.get(r["kind"], r["kind"])), cell(r["period"]),
             cell(r["message"]), cell(str(r["raised_at"])[:10])] for r in rows]
    out.append(data_table(["KPI", "Kind", "Period", "Message", "Raised"], body,
                          [w * 0.2, w * 0.16, w * 0.1, w * 0.42, w * 0.12]))
    return out


register(Section("alerts", TITLES["alerts"], "", build))
