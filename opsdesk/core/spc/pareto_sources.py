"""What the Control charts page can draw a Pareto of, from the workspace's own data."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from opsdesk.core.ranges import sql_in_range
from opsdesk.core.spc.model import ChartResult


@dataclass(frozen=True)
class ParetoSource:
    title: str
    categories: list[str]
    counts: list[float]


def chart_sources(conn: sqlite3.Connection, kpi_id: int | None, kpi_name: str,
                  result: ChartResult | None) -> list[ParetoSource]:
    """Sources with something to count, most specific first."""
    out: list[ParetoSource] = []
    if result is not None:
        from opsdesk.core.spc.rules import describe

        tally: dict[str, float] = {}
        for panel in result.panels:
            for test, hits in panel.failed.items():
                n = int(hits.sum())
                if n:
                    text = describe(test, panel.tests[test]).split(":")[0]
                    tally[text] = tally.get(text, 0) + n
        if tally:
            out.append(ParetoSource("Signals by test (this chart)", list(tally),
                                    list(tally.values())))
    if kpi_id is not None:
        seg = conn.execute(
            "SELECT segment, SUM(value) FROM observations WHERE kpi_id = ? AND segment IS NOT"
            f" NULL AND segment != '' AND {sql_in_range('value')} GROUP BY segment"
            " ORDER BY MIN(id)", (kpi_id,)).fetchall()
        if seg:
            out.append(ParetoSource(f"{kpi_name} by segment", [r[0] for r in seg],
                                    [float(r[1] or 0) for r in seg]))
    reasons = conn.execute(
        "SELECT reason, COUNT(*) FROM chart_exclusions GROUP BY reason ORDER BY MIN(id)"
    ).fetchall()
    if reasons:
        out.append(ParetoSource("Excluded points by reason (all charts)",
                                [r[0] for r in reasons], [float(r[1]) for r in reasons]))
    services = conn.execute(
        "SELECT CASE WHEN service = '' THEN '(no service)' ELSE service END, COUNT(*)"
        " FROM incidents GROUP BY 1 ORDER BY MIN(id)").fetchall()
    if services:
        out.append(ParetoSource("Incidents by service", [r[0] for r in services],
                                [float(r[1]) for r in services]))
    return out
