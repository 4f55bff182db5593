"""Demo report templates: the monthly review the consultant hands over, and a quality
deep-dive on US Letter for the client's American parent."""

from __future__ import annotations

import sqlite3
from typing import Any

from opsdesk.core.report.config import ReportConfig

MONTHLY_KPIS = ("OEE", "Lead time", "First-pass yield", "Scrap rate", "On-time delivery",
                "CSAT", "Ticket backlog", "Cost per unit", "Lost-time injuries",
                "Model accuracy")
QUALITY_KPIS = ("First-pass yield", "Scrap rate", "Customer complaints",
                "Supplier defect rate", "Shaft diameter", "Defective units", "Board defects")


def seed(conn: sqlite3.Connection, rng: Any, ctx: dict[str, Any]) -> None:
    ids: dict[str, int] = ctx["kpi_ids"]
    stamp = ctx["now"]
    today = ctx["today"]
    month_end = today.replace(day=1).toordinal() - 1  # the last complete month
    from datetime import date

    end = date.fromordinal(month_end)
    start = date(end.year - 1, end.month % 12 + 1, 1) if end.month != 12 else \
        date(end.year, 1, 1)
    monthly = ReportConfig(
        title="Monthly operations review", client="Northwind Components",
        author="Continuous Improvement Office", subtitle=f"{end:%B %Y}", currency="EUR",
        period_from=start.isoformat(), period_to=end.isoformat(),
        kpi_ids=tuple(ids[n] for n in MONTHLY_KPIS if n in ids),
        summary_text=(
            "Line 2 OEE held above its new 78 % target for a third month after the infeed "
            "jam fix; lead time and changeover time remain off track and are the focus of "
            "the next quarter. The service-desk backlog rose sharply after the ERP upgrade "
            "in August; the triage rota has started to bring it down."),
    )
    quality = ReportConfig(
        title="Quality deep-dive", client="Northwind Components",
        author="Continuous Improvement Office", paper="letter", currency="EUR",
        sections=("summary", "scorecard", "kpi_pages", "control_charts", "capability",
                  "pareto", "projects", "appendix"),
        kpi_ids=tuple(ids[n] for n in QUALITY_KPIS if n in ids),
        confidentiality="Confidential — Northwind Components and its parent company only",
    )
    conn.executemany(
        "INSERT INTO report_templates (name, config, created_at, updated_at)"
        " VALUES (?, ?, ?, ?)",
        [("Monthly operations review", monthly.to_json(), stamp, stamp),
         ("Quality deep-dive", quality.to_json(), stamp, stamp)])
