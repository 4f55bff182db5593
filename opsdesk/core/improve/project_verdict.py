"""A project's before/after, read from the workspace: its linked KPI's period values split
at the project's implementation date (``before_after``), or the sentence saying why there
is none yet. The A3 report and the PDF review's projects section print the same one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date

from opsdesk.core.charts import ChartSpec
from opsdesk.core.improve.before_after import BeforeAfter, before_after
from opsdesk.core.improve.project import Project


@dataclass(frozen=True)
class ProjectVerdict:
    sentence: str                     # the verdict, or why there is none
    result: BeforeAfter | None = None  # None: no KPI, no implementation date, no data

    @property
    def evidence(self) -> tuple[str, ...]:
        return () if self.result is None else self.result.evidence()

    def chart(self) -> ChartSpec | None:
        """The staged chart with its individuals panel only (a summary has no room for the
        moving ranges), or None."""
        if self.result is None or self.result.chart is None:
            return None
        return replace(self.result.chart, panels=self.result.chart.panels[:1])


def project_verdict(conn: sqlite3.Connection, project: Project, until: date
                    ) -> ProjectVerdict:
    """The before/after of ``project``'s first linked KPI, judging the periods with data
    up to ``until`` (inclusive; the day before the review date)."""
    from opsdesk.core.kpi.aggregate import period_values
    from opsdesk.core.kpi.definitions import load_kpis

    if not project.kpis:
        return ProjectVerdict("No KPI is linked to the project, so there is no before/after.")
    kpis = load_kpis(conn, [project.kpis[0].kpi_id])
    if not kpis:
        return ProjectVerdict("The project's KPI no longer exists, so there is no "
                              "before/after.")
    kpi = kpis[0]
    if project.implemented_on is None:
        return ProjectVerdict(f"The change is not yet implemented (no implementation date), "
                              f"so {kpi.name} has no before/after yet.")
    values = period_values(conn, [kpi], until).get(kpi.id)
    if values is None or not len(values.keys):
        return ProjectVerdict(f"{kpi.name} has no data yet, so there is no before/after.")
    periods = [values.start(i) for i in range(len(values.keys))]
    result = before_after(kpi, periods, [float(v) for v in values.values],
                          project.implemented_on)
    return ProjectVerdict(result.sentence, result)
