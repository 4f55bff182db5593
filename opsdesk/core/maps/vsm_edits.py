"""A data-box or demand value typed by the user, read as the table import reads its cells.

``edited_process(process, field, text)`` and ``edited_demand(demand, field, text)`` give
the element with that one value changed (the page then runs ``SetElement`` or
``SetDemand``); a value that makes no sense raises one sentence naming the field and the
value, and nothing changes. Times take a unit (``46 s``, ``10 min``, ``1 h``; a bare
number is seconds), shares ``85%`` or ``0.85``; an empty optional field clears it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_model import (
    DEMAND_PERIODS,
    INVENTORY_LINK_FIELDS,
    PROCESS_LINK_FIELDS,
    Demand,
    Inventory,
    KpiLink,
    Process,
)
from opsdesk.core.maps.vsm_table import _Bad, _count, _share, _time_s

# field -> (label, kind): what a data box can be typed into, in the order it is shown.
PROCESS_FIELDS: dict[str, tuple[str, str]] = {
    "cycle_time_s": ("Cycle time", "time"),
    "changeover_s": ("Changeover", "time"),
    "uptime": ("Uptime", "share"),
    "operators": ("Operators", "count"),
    "shifts": ("Shifts", "whole"),
    "batch": ("Batch", "count"),
    "epe_days": ("EPE (days)", "count"),
    "fpy": ("First-pass yield", "share"),
}
DEMAND_FIELDS: dict[str, tuple[str, str]] = {
    "quantity": ("Demand", "count"),
    "per": ("Per", "period"),
    "working_days": ("Working days a period", "count"),
    "shifts": ("Shifts", "whole"),
    "shift_length_s": ("Shift length", "time"),
    "breaks_s": ("Breaks a shift", "time"),
}
# An empty field sets these instead of clearing them.
_EMPTY = {"changeover_s": 0.0, "uptime": 1.0}
_REQUIRED = {"quantity", "per", "working_days", "shifts", "shift_length_s", "breaks_s"}


def _read(kind: str, text: str) -> float | str:
    if kind == "time":
        return _time_s(text, "", "s")[0]
    if kind == "share":
        return _share(text, "", True)
    if kind == "period":
        if text not in DEMAND_PERIODS:
            raise _Bad(f"must be one of {', '.join(DEMAND_PERIODS)}")
        return text
    value = _count(text)
    if kind == "whole":
        if value != int(value) or value < 1:
            raise _Bad("must be a whole number of 1 or more")
        return int(value)
    return value


def _value(fields: dict[str, tuple[str, str]], field: str, text: str, where: str
           ) -> float | str | None:
    label, kind = fields[field]
    text = text.strip()
    if not text:
        if field in _EMPTY:
            return _EMPTY[field]
        if field in _REQUIRED:
            raise OpsdeskError(f"{label} of {where} cannot be empty; nothing was changed.")
        return None
    if kind == "share" and text.replace(".", "", 1).isdigit() and float(text) > 1:
        text += "%"  # a data box's "85" is 85 %
    try:
        return _read(kind, text)
    except _Bad as bad:
        raise OpsdeskError(f"{label} of {where}: {text!r} {bad.reason}; nothing was "
                           "changed.") from None


def edited_process(process: Process, field: str, text: str) -> Process:
    """``process`` with ``field`` typed as ``text``."""
    value = _value(PROCESS_FIELDS, field, text, process.name)
    if field == "cycle_time_s" and value == 0:
        raise OpsdeskError(f"Cycle time of {process.name} must be more than zero; nothing "
                           "was changed.")
    changes: dict[str, Any] = {field: value}
    return dataclasses.replace(process, **changes)


def edited_demand(demand: Demand | None, field: str, text: str) -> Demand:
    """``demand`` (a new one when None) with ``field`` typed as ``text``."""
    value = _value(DEMAND_FIELDS, field, text, "the customer demand")
    changes: dict[str, Any] = {field: value}
    return dataclasses.replace(demand or Demand(0.0), **changes)


def relinked(element: Process | Inventory, field: str, kpi_id: int | None
             ) -> Process | Inventory:
    """``element`` with ``field`` fed by KPI ``kpi_id`` (None: typed again)."""
    fields = PROCESS_LINK_FIELDS if isinstance(element, Process) else INVENTORY_LINK_FIELDS
    what = "a process" if isinstance(element, Process) else "an inventory"
    if field not in fields:
        raise OpsdeskError(f"{what.capitalize()}'s {field.replace('_s', '')!r} cannot be fed "
                           f"by a KPI (it can: {', '.join(f.removesuffix('_s') for f in fields)}"
                           "); nothing was changed.")
    kept = tuple(k for k in element.links if k.field != field)
    if kpi_id is not None:
        kept += (KpiLink(field, kpi_id),)
    return dataclasses.replace(element, links=kept)
