"""Value-stream metrics, each with its convention stated in ``VsmSettings``.

- Production lead time = Σ inventory and delay days along the flow (Rother & Shook's
  timeline); with ``lead_time_includes_processing`` (eVSM's setting) plus the processing
  time in days of the stated day basis. Where the flow splits, each branch has its own
  timeline and the lead time follows the longest branch; so does the processing time.
- Processing time = Σ cycle times along that same path (the timeline's lower rungs).
- PCE = processing time ÷ lead time, both in seconds, a lead-time day being 24 h
  (``calendar``) or the day's available time (``available`` = shifts × (shift length −
  breaks)).
- Rolled first-pass yield = the product of the steps' first-pass yields.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal, get_args

from opsdesk.core.maps.vsm_capacity import (
    StepMetrics,
    YamazumiBar,
    mark_constraint,
    operators_needed,
    step_metrics,
    yamazumi,
)
from opsdesk.core.maps.vsm_demand import (
    DAY_S,
    available_s_per_day,
    available_s_per_shift,
    daily_demand,
    demand_problem,
    family_takts,
    takt_s,
)
from opsdesk.core.maps.vsm_inventory import InventoryMethod, inventory_days
from opsdesk.core.maps.vsm_model import (
    Delay,
    Demand,
    Element,
    Inventory,
    Parallel,
    Process,
    ValueStream,
)

DayBasis = Literal["calendar", "available"]
DAY_BASES: tuple[DayBasis, ...] = get_args(DayBasis)


@dataclass(frozen=True)
class VsmSettings:
    """The conventions a map's metrics follow; printed with them."""

    inventory_method: InventoryMethod = "demand"
    lead_time_includes_processing: bool = False
    day_basis: DayBasis = "calendar"


@dataclass(frozen=True)
class InventoryMetrics:
    """An inventory (or delay) and the days it adds, before the step it feeds."""

    name: str
    before: str
    quantity: float | None
    days: float | None


@dataclass(frozen=True)
class Timeline:
    """One path's ladder: its waits (upper rungs) and processing times (lower rungs)."""

    lead_time_days: float
    processing_time_s: float
    branches: tuple[tuple[Timeline, ...], ...] = ()


@dataclass(frozen=True)
class VsmMetrics:
    settings: VsmSettings
    available_s_per_shift: float | None
    available_s_per_day: float | None
    daily_demand: float | None
    takt_s: float | None
    family_takt_s: dict[str, float]
    steps: list[StepMetrics]
    inventories: list[InventoryMetrics]
    lead_time_days: float
    processing_time_s: float
    pce: float | None
    rolled_yield: float | None
    operators_needed: float | None
    yamazumi: list[YamazumiBar]
    timeline: Timeline
    warnings: list[str] = field(default_factory=list)


def _first_process(flow: tuple[Element, ...]) -> Process | None:
    for e in flow:
        if isinstance(e, Process):
            return e
        if isinstance(e, Parallel) and e.branches:
            found = _first_process(e.branches[0])
            if found is not None:
                return found
    return None


class _Walk:
    """One pass over the flow in order, collecting steps, inventories and timelines."""

    def __init__(self, demand: Demand | None, settings: VsmSettings, customer: str) -> None:
        self.demand, self.settings, self.customer = demand, settings, customer
        self.processes: list[Process] = []
        self.inventories: list[InventoryMetrics] = []

    def path(self, flow: tuple[Element, ...], after: Process | None) -> Timeline:
        days = processing = 0.0
        branches: list[tuple[Timeline, ...]] = []
        for i, e in enumerate(flow):
            if isinstance(e, Process):
                self.processes.append(e)
                processing += e.cycle_time_s or 0.0
            elif isinstance(e, (Inventory, Delay)):
                nxt = _first_process(flow[i + 1:]) or after
                if isinstance(e, Delay):
                    d: float | None = e.days
                    quantity = None
                else:
                    d = inventory_days(e, nxt, self.demand, self.settings.inventory_method)
                    quantity = e.total
                before = nxt.name if nxt is not None else self.customer
                self.inventories.append(InventoryMetrics(e.name, before, quantity, d))
                days += d or 0.0
            else:
                nxt = _first_process(flow[i + 1:]) or after
                lines = tuple(self.path(b, nxt) for b in e.branches)
                branches.append(lines)
                if lines:
                    longest = max(lines, key=lambda t: (t.lead_time_days, t.processing_time_s))
                    days += longest.lead_time_days
                    processing += longest.processing_time_s
        return Timeline(days, processing, tuple(branches))


def compute(stream: ValueStream, settings: VsmSettings = VsmSettings()) -> VsmMetrics:
    """Every metric of ``stream`` by ``settings``; what cannot be computed is None and said."""
    warnings: list[str] = []
    demand = stream.demand
    if demand is not None and (problem := demand_problem(demand)) is not None:
        warnings.append(problem + " Takt and the figures that need demand are not computed.")
        demand = None
    elif demand is None:
        warnings.append("Customer demand is missing, so takt, inventory days from "
                        "quantities, utilisation and operators needed are not computed.")
    walk = _Walk(demand, settings, stream.customer)
    timeline = walk.path(stream.flow, None)
    takt = takt_s(demand) if demand is not None else None
    steps = mark_constraint([step_metrics(p, demand) for p in walk.processes])

    day_s: float | None = DAY_S
    if settings.day_basis == "available":
        day_s = available_s_per_day(demand) if demand is not None else None
    lead = timeline.lead_time_days
    if settings.lead_time_includes_processing and day_s:
        lead += timeline.processing_time_s / day_s
    pce = timeline.processing_time_s / (lead * day_s) if lead > 0 and day_s else None

    yields = [p.fpy for p in walk.processes if p.fpy is not None]
    rolled = math.prod(yields) if yields else None

    for inv in walk.inventories:
        if inv.days is None and demand is not None:
            where = f"'{inv.name}'" if inv.name else f"before {inv.before}"
            warnings.append(f"The inventory {where} has neither a quantity nor days, "
                            "so it adds nothing to the lead time.")
    if pce is not None and pce > 1:
        warnings.append(f"Process cycle efficiency is {pce:.0%}, over 100 %: the lead time "
                        "is shorter than the processing time, so a wait or a time is wrong.")
    if takt is not None:
        for p in walk.processes:
            if p.cycle_time_s is not None and p.cycle_time_s > takt:
                warnings.append(f"{p.name}'s cycle time ({p.cycle_time_s:g} s) is over takt "
                                f"({takt:g} s): it cannot keep up with the customer.")
    return VsmMetrics(
        settings=settings,
        available_s_per_shift=available_s_per_shift(demand) if demand else None,
        available_s_per_day=available_s_per_day(demand) if demand else None,
        daily_demand=daily_demand(demand) if demand else None,
        takt_s=takt,
        family_takt_s=family_takts(demand) if demand else {},
        steps=steps,
        inventories=walk.inventories,
        lead_time_days=lead,
        processing_time_s=timeline.processing_time_s,
        pce=pce,
        rolled_yield=rolled,
        operators_needed=operators_needed(walk.processes, takt) if takt else None,
        yamazumi=yamazumi(walk.processes),
        timeline=timeline,
        warnings=warnings,
    )
