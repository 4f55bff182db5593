"""Available time, daily demand and takt, with the conventions of Learning to See.

Available time per shift is the shift length less its breaks (Rother & Shook count
breaks out, not lunch inside a shift; a planned meeting is a break). Daily demand is the
period's demand over its working days. Takt is available time per day over daily demand,
per product family too: a family's takt is the time the customer gives each of its pieces
when the line makes that family alone.
"""

from __future__ import annotations

from typing import NamedTuple

from opsdesk.core.maps.vsm_model import Demand

DAY_S = 86400.0  # a calendar day, as opsdesk.core.maps.units counts it


def available_s_per_shift(demand: Demand) -> float:
    """Shift length less the breaks taken in it, in seconds."""
    return demand.shift_length_s - demand.breaks_s


def available_s_per_day(demand: Demand) -> float:
    """Available time of all the day's shifts, in seconds."""
    return available_s_per_shift(demand) * demand.shifts


def daily_demand(demand: Demand) -> float:
    """Pieces a working day: the period's demand over its working days."""
    days = 1.0 if demand.per == "day" else demand.working_days
    return demand.quantity / days


def takt_s(demand: Demand) -> float:
    """Seconds of available time per piece the customer takes."""
    return available_s_per_day(demand) / daily_demand(demand)


def family_takts(demand: Demand) -> dict[str, float]:
    """Takt per family of the mix: available time per day over that family's daily demand."""
    days = 1.0 if demand.per == "day" else demand.working_days
    per_day = available_s_per_day(demand)
    return {f.name: per_day / (f.quantity / days) for f in demand.mix if f.quantity > 0}


def demand_problem(demand: Demand) -> str | None:
    """One sentence if the demand cannot give a takt, else None."""
    if demand.quantity <= 0:
        return "Customer demand must be more than zero."
    if demand.per != "day" and demand.working_days <= 0:
        return "Working days per period must be more than zero."
    if demand.shifts < 1:
        return "There must be at least one shift."
    if available_s_per_shift(demand) <= 0:
        return "Breaks must be shorter than the shift."
    return None


class Basis(NamedTuple):
    """The demand's figures worked out once, for the per-element metrics."""

    available_s_per_shift: float
    available_s_per_day: float
    daily_demand: float
    takt_s: float
    shifts: int
    parts: int  # families in the mix (one when none is given)


def basis(demand: Demand) -> Basis:
    daily = daily_demand(demand)
    per_day = available_s_per_day(demand)
    return Basis(available_s_per_shift(demand), per_day, daily, per_day / daily,
                 demand.shifts, max(len(demand.mix), 1))
