"""Incident metrics per period: the values incident KPIs take, period by period.

Periods are the KPI register's (``kpi.periods``: days, ISO weeks, months, quarters), in
UTC; an incident belongs to the period it started in. Per period: the count of incidents
(a c chart's counts), and the mean time to restore of those restored (an I-MR chart's
values), with how many it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_table import IncidentColumns, seconds
from opsdesk.core.kpi.periods import label, shift, start_of

MAX_PERIODS = 100_000


@dataclass(frozen=True)
class PeriodValue:
    start: date
    label: str
    incidents: int
    restored: int                    # incidents with a restore time, of those
    mean_restore_min: float | None   # None when none was restored


def incident_series(incidents: IncidentColumns, first: date, last: date,
                    frequency: str) -> list[PeriodValue]:
    """One value per period from the one holding ``first`` to the one holding ``last``."""
    if last < first:
        raise OpsdeskError("The last period comes before the first.")
    starts = [start_of(first, frequency)]
    while starts[-1] < start_of(last, frequency):
        starts.append(shift(starts[-1], frequency))
        if len(starts) > MAX_PERIODS:
            raise OpsdeskError(f"That is more than {MAX_PERIODS:,} periods; choose a "
                               "longer frequency or a shorter span.")
    edges = np.array([seconds(datetime(d.year, d.month, d.day))
                      for d in [*starts, shift(starts[-1], frequency)]])
    slot = np.searchsorted(edges, incidents.started, side="right") - 1
    inside = (slot >= 0) & (slot < len(starts)) & ~np.isnan(incidents.started)
    k = len(starts)
    counts = np.bincount(slot[inside], minlength=k)
    restore = (incidents.restored - incidents.started) / 60.0
    ok = inside & ~np.isnan(restore)
    n_restored = np.bincount(slot[ok], minlength=k)
    total = np.bincount(slot[ok], weights=restore[ok], minlength=k)
    return [PeriodValue(s, label(s, frequency), int(counts[i]), int(n_restored[i]),
                        float(total[i] / n_restored[i]) if n_restored[i] else None)
            for i, s in enumerate(starts)]
