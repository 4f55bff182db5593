"""Inventory days by the method a map states; a value given on the map overrides all.

- ``demand`` (the default; Rother & Shook, *Learning to See*, as on the Acme Stamping
  current-state map: 7,000 brackets at 920 a day are 7.6 days): quantity ÷ daily demand,
  in working days.
- ``next-step``: the time the next process needs to consume the stock, quantity × its
  cycle time, in working days of available time. Finished goods (no next process) fall
  back to quantity ÷ daily demand.
- ``minitab``: Minitab Workspace's "takt time equation". Its help page "Map and timeline
  calculations" (support.minitab.com/en-us/workspace/value-stream-maps/
  map-and-timeline-calculations/) shows its equations as images only; its text says that
  inventory time comes from the takt time equation (or a cycle time equation for an
  inventory before a step) and that finished goods always use the takt one, and it prints
  the result on the timeline as a plain duration (hr, min). We read that as quantity ×
  takt expressed as elapsed time, 24 h to a day; the page publishes no formula in text to
  confirm it.
"""

from __future__ import annotations

from typing import Literal, get_args

from opsdesk.core.maps.vsm_demand import DAY_S, Basis
from opsdesk.core.maps.vsm_model import Inventory, Process

InventoryMethod = Literal["demand", "next-step", "minitab"]
INVENTORY_METHODS: tuple[InventoryMethod, ...] = get_args(InventoryMethod)


def inventory_days(item: Inventory, quantity: float | None, next_step: Process | None,
                   demand: Basis | None, method: InventoryMethod) -> float | None:
    """Days ``item`` (holding ``quantity``) holds by ``method``; None when its data or the
    demand are missing."""
    if item.days is not None:
        return item.days
    if quantity is None or demand is None:
        return None
    if method == "next-step" and next_step is not None and next_step.cycle_time_s is not None:
        return quantity * next_step.cycle_time_s / demand.available_s_per_day
    if method == "minitab":
        return quantity * demand.takt_s / DAY_S
    return quantity / demand.daily_demand
