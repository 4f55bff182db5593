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
from typing import Literal, NamedTuple, get_args

from opsdesk.core.maps.vsm_capacity import (
    StepMetrics,
    YamazumiBar,
    mark_constraint,
    operators_needed,
    step_metrics,
    yamazumi,
)
from opsdesk.core.maps.vsm_demand import DAY_S, Basis, basis, demand_problem, family_takts
from opsdesk.core.maps.vsm_inventory import InventoryMethod, inventory_days
from opsdesk.core.maps.vsm_model import (
    Delay,
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


class InventoryMetrics(NamedTuple):
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

    def __init__(self, demand: Basis | None, settings: VsmSettings, customer: str) -> None:
        self.demand, self.settings, self.customer = demand, settings, customer
        self.processes: list[Process] = []
        self.inventories: list[InventoryMetrics] = []
        self.add = self.inventories.append

    def path(self, flow: tuple[Element, ...], after: Process | None) -> Timeline:
        """The flow's timeline; ``after`` is the process the flow's last stock feeds."""
        days = processing = 0.0
        branches: list[tuple[Timeline, ...]] = []
        # Stock waits here until the process it feeds is met (its name, its cycle time).
        pending: list[Inventory | Delay] = []
        processes = self.processes
        for i, e in enumerate(flow):
            if isinstance(e, Process):
                if pending:
                    days += self.flush(pending, e)
                processes.append(e)
                processing += e.cycle_time_s or 0.0
            elif isinstance(e, (Inventory, Delay)):
                pending.append(e)
            else:
                beyond = _first_process(flow[i + 1:]) or after
                if pending:
                    days += self.flush(pending, _first_process((e,)) or beyond)
                lines = tuple(self.path(b, beyond) for b in e.branches)
                branches.append(lines)
                if lines:
                    longest = max(lines, key=lambda t: (t.lead_time_days, t.processing_time_s))
                    days += longest.lead_time_days
                    processing += longest.processing_time_s
        if pending:
            days += self.flush(pending, after)
        return Timeline(days, processing, tuple(branches))

    def flush(self, pending: list[Inventory | Delay], feeds: Process | None) -> float:
        """Record the stock waiting before ``feeds`` (None: the customer); its days."""
        demand, method, add = self.demand, self.settings.inventory_method, self.add
        before = feeds.name if feeds is not None else self.customer
        total = 0.0
        for e in pending:
            if isinstance(e, Delay):
                add(InventoryMetrics(e.name, before, None, e.days))
                total += e.days
                continue
            quantity = e.total
            d = inventory_days(e, quantity, feeds, demand, method)
            add(InventoryMetrics(e.name, before, quantity, d))
            total += d or 0.0
        pending.clear()
        return total


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
    base = basis(demand) if demand is not None else None
    walk = _Walk(base, settings, stream.customer)
    timeline = walk.path(stream.flow, None)
    takt = base.takt_s if base is not None else None
    steps = mark_constraint([step_metrics(p, base) for p in walk.processes])

    day_s: float | None = DAY_S
    if settings.day_basis == "available":
        day_s = base.available_s_per_day if base is not None else None
    lead = timeline.lead_time_days
    if settings.lead_time_includes_processing and day_s:
        lead += timeline.processing_time_s / day_s
    pce = timeline.processing_time_s / (lead * day_s) if lead > 0 and day_s else None

    yields = [p.fpy for p in walk.processes if p.fpy is not None]
    rolled = math.prod(yields) if yields else None

    for inv in walk.inventories:
        if inv.days is None and base is not None:
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
    bars = yamazumi(walk.processes)
    return VsmMetrics(
        settings=settings,
        available_s_per_shift=base.available_s_per_shift if base else None,
        available_s_per_day=base.available_s_per_day if base else None,
        daily_demand=base.daily_demand if base else None,
        takt_s=takt,
        family_takt_s=family_takts(demand) if demand else {},
        steps=steps,
        inventories=walk.inventories,
        lead_time_days=lead,
        processing_time_s=timeline.processing_time_s,
        pce=pce,
        rolled_yield=rolled,
        operators_needed=operators_needed(bars, takt) if takt else None,
        yamazumi=bars,
        timeline=timeline,
        warnings=warnings,
    )
