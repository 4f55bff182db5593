"""A KPI's natural range: the values it can take, which forecasts and their prediction
intervals are kept inside (an OEE cannot be forecast at 104 %, nor a backlog below 0).

In order of precedence:

1. The KPI's own lowest and highest possible value (``min_value``, ``max_value``),
   either or both.
2. What its unit implies:
   - percent (``%``, ``percent``, ``pct``): 0 to 100; a percent KPI stores percent points
     (89.2 for 89.2 %), as the KPI packs and the demo do;
   - a ratio (``ratio``, ``fraction``, ``proportion``, ``share``): 0 to 1;
   - counts, durations and other amounts that cannot be negative (``count``, ``pcs``,
     ``units``, ``defects``, ``tickets``, ``ppm``, ``days``, ``h``, ``min``, ``ms``,
     ``kWh``, ...): 0 and up.

   A side the unit implies is dropped when the KPI's own values lie beyond it (a
   "% of plan" at 112): its data show that it is not this KPI's range.
3. Otherwise no bound (money, scores and unknown units can take any value).
"""

from __future__ import annotations

from collections.abc import Iterable

from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.formatting import with_unit

Bounds = tuple[float | None, float | None]

PERCENT = frozenset({"%", "percent", "pct"})
RATIO = frozenset({"ratio", "fraction", "proportion", "share"})
NOT_NEGATIVE = frozenset({
    # counts
    "count", "counts", "#", "no.", "pcs", "pc", "pieces", "units", "unit", "items", "parts",
    "orders", "tickets", "cases", "calls", "incidents", "defects", "defectives", "events",
    "complaints", "people", "fte", "ppm", "ppb", "dpmo", "turns",
    # durations
    "ms", "s", "sec", "secs", "seconds", "min", "mins", "minutes", "h", "hr", "hrs", "hours",
    "d", "day", "days", "wk", "wks", "weeks", "months", "years",
    # energy and mass
    "wh", "kwh", "mwh", "kg", "t",
})


def unit_range(unit: str) -> Bounds:
    """The range a unit implies (see the module's rules)."""
    key = " ".join(unit.split()).casefold()
    if key in PERCENT:
        return 0.0, 100.0
    if key in RATIO:
        return 0.0, 1.0
    if key in NOT_NEGATIVE:
        return 0.0, None
    return None, None


def natural_range(kpi: Kpi, values: Iterable[float] = ()) -> Bounds:
    """The KPI's range, given the values it has taken (see the module's rules)."""
    low, high = unit_range(kpi.unit)
    seen = list(values)
    if low is not None and seen and min(seen) < low:
        low = None
    if high is not None and seen and max(seen) > high:
        high = None
    return (kpi.min_value if kpi.min_value is not None else low,
            kpi.max_value if kpi.max_value is not None else high)


def range_text(kpi: Kpi, bounds: Bounds) -> str:
    """"within 0–100 %", "at 0 min or more": the range in words, for a chart's notes."""
    low, high = bounds
    if low is not None and high is not None:
        return f"within {with_unit(kpi, f'{low:g}–{high:g}')}"
    if low is not None:
        return f"at {with_unit(kpi, f'{low:g}')} or more"
    if high is not None:
        return f"at {with_unit(kpi, f'{high:g}')} or less"
    return ""
