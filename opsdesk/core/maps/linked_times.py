"""Step times read from KPIs: a step linked to a KPI takes that KPI's newest period value.

A step's ``kpi_id`` names a KPI whose unit is a time ("min", "h", "days", ...): its value
for the newest period with data (aggregated as the KPI says, up to the review date) is
the step's processing time, in that unit. The spread the step had is dropped, since it
described the old figure. A KPI that is gone, has no data, or is not in a unit of time
leaves the step as it was; ``linked`` says which steps took a KPI's value.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from opsdesk.core.maps.model import ProcessMap
from opsdesk.core.maps.step_data import Duration
from opsdesk.core.maps.units import TimeUnit, parse_unit


def kpi_times(conn: sqlite3.Connection, kpi_ids: set[int], until: date | None = None
              ) -> dict[int, Duration]:
    """The newest period value (up to ``until``, default the review date) of each KPI
    whose unit is a time, as a Duration."""
    from opsdesk.core.kpi.aggregate import period_values
    from opsdesk.core.kpi.definitions import load_kpis
    from opsdesk.core.kpi.review_date import review_date

    if not kpi_ids:
        return {}
    kpis = load_kpis(conn, kpi_ids)
    units: dict[int, TimeUnit] = {}
    for kpi in kpis:
        try:
            units[kpi.id] = parse_unit(kpi.unit)
        except ValueError:
            continue
    timed = [k for k in kpis if k.id in units]
    if not timed:
        return {}
    values = period_values(conn, timed, until or review_date(conn))
    return {kpi_id: Duration(float(v.values[-1]), units[kpi_id])
            for kpi_id, v in values.items() if len(v.values)}


def with_kpi_times(conn: sqlite3.Connection, pmap: ProcessMap, until: date | None = None
                   ) -> ProcessMap:
    """``pmap`` with each KPI-linked step's processing time read from its KPI."""
    wanted = {n.step.kpi_id for n in pmap.nodes if n.step.kpi_id is not None}
    times = kpi_times(conn, {k for k in wanted if k is not None}, until)
    if not times:
        return pmap
    nodes = tuple(
        replace(n, step=replace(n.step, processing=times[n.step.kpi_id]))
        if n.step.kpi_id in times else n for n in pmap.nodes)
    return replace(pmap, nodes=nodes)

