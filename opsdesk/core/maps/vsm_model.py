"""A value stream as Learning to See draws it: demand, the material flow, its data boxes.

The flow runs from the supplier to the customer: process boxes with their data boxes,
inventories (triangles, supermarkets, FIFO lanes) between them, delays (a wait given in
days: transport, queue) and parallel blocks whose branches each carry their own flow.
Times are seconds, fractions are in [0, 1], days are working days unless a metric says
otherwise. Every field but a name is optional: a map sketched in a workshop computes
what its data allow, and the metrics' warnings say what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from opsdesk.core.maps.vsm_info_model import Information

DemandPeriod = Literal["day", "week", "month"]
DEMAND_PERIODS: tuple[DemandPeriod, ...] = get_args(DemandPeriod)
# The data-box fields a KPI can feed (``vsm_links`` reads them): a process's times and
# shares, an inventory's quantity (a WIP count) or its days.
LinkField = Literal["cycle_time_s", "changeover_s", "uptime", "fpy", "quantity", "days"]
PROCESS_LINK_FIELDS: tuple[LinkField, ...] = ("cycle_time_s", "changeover_s", "uptime", "fpy")
INVENTORY_LINK_FIELDS: tuple[LinkField, ...] = ("quantity", "days")


@dataclass(frozen=True)
class KpiLink:
    """``field`` takes the value of KPI ``kpi_id`` (its latest judged period); the typed
    value stays underneath, used while the KPI has no value to give."""

    field: LinkField
    kpi_id: int


@dataclass(frozen=True)
class Family:
    """A product family (or part: LH, RH) and its demand per period, for the mix."""

    name: str
    quantity: float


@dataclass(frozen=True)
class Demand:
    """Customer demand per ``per`` and the working pattern that meets it.

    ``working_days`` is the number of working days in one ``per`` (1 for a day);
    ``breaks_s`` is the break time per shift, taken off ``shift_length_s``.
    """

    quantity: float
    per: DemandPeriod = "month"
    working_days: float = 20.0
    shifts: int = 1
    shift_length_s: float = 8 * 3600.0
    breaks_s: float = 0.0
    mix: tuple[Family, ...] = ()


@dataclass(frozen=True)
class Process:
    """A process box and its data box.

    ``uptime`` and ``fpy`` are fractions; ``epe_days`` is every-part-every interval in
    working days (changeovers are taken off capacity only where it is given).
    ``work_content_s`` is the operators' work per piece (defaults to the cycle time);
    ``shifts`` defaults to the demand's.
    """

    name: str
    cycle_time_s: float | None = None
    changeover_s: float = 0.0
    uptime: float = 1.0
    operators: float | None = None
    shifts: int | None = None
    batch: float | None = None
    epe_days: float | None = None
    fpy: float | None = None
    scrap: float | None = None
    work_content_s: float | None = None
    shared: bool = False
    links: tuple[KpiLink, ...] = ()

    @property
    def work_s(self) -> float | None:
        """Work content per piece: ``work_content_s``, else the cycle time."""
        return self.work_content_s if self.work_content_s is not None else self.cycle_time_s


@dataclass(frozen=True)
class Inventory:
    """Stock waiting between steps: its quantity (or by part), or days given outright.

    ``days`` given overrides every computing method. ``kind`` is the icon drawn.
    """

    name: str = ""
    quantity: float | None = None
    by_part: tuple[Family, ...] = ()
    days: float | None = None
    kind: Literal["inventory", "supermarket", "fifo", "safety"] = "inventory"
    links: tuple[KpiLink, ...] = ()

    @property
    def total(self) -> float | None:
        """The quantity, or the sum of its parts."""
        if self.quantity is not None:
            return self.quantity
        if self.by_part:
            return sum(p.quantity for p in self.by_part)
        return None


@dataclass(frozen=True)
class Delay:
    """A wait given in working days (transport, queue) that holds no counted stock."""

    name: str
    days: float


@dataclass(frozen=True)
class Parallel:
    """Branches that run side by side (each a flow); the lead time follows the longest."""

    name: str
    branches: tuple[tuple[Element, ...], ...]


Element = Process | Inventory | Delay | Parallel


@dataclass(frozen=True)
class Shipment:
    """A truck (or other) shipment and how many it makes per working day."""

    name: str
    per_day: float | None = None
    frequency: str = ""


@dataclass(frozen=True)
class KaizenBurst:
    """An improvement the map calls for, drawn as a burst at element ``at`` (its key, as
    ``StoredStream.keys`` names it): what is to change, who owns it, and the improvement
    project that carries it (``project_id``, None while there is none). ``id`` is its
    number within the map (``vsm_bursts`` hands them out)."""

    id: int
    at: str
    text: str
    owner: str = ""
    project_id: int | None = None


@dataclass(frozen=True)
class ValueStream:
    """One value stream: who it serves, who supplies it, its demand, its flow, the
    information flows stored with it and the kaizen bursts on it (mostly on a future
    state)."""

    name: str
    customer: str = "Customer"
    supplier: str = "Supplier"
    demand: Demand | None = None
    flow: tuple[Element, ...] = ()
    shipments: tuple[Shipment, ...] = field(default_factory=tuple)
    bursts: tuple[KaizenBurst, ...] = ()
    # Stored information flows (``vsm_info_model``); none stored: the automatic ones.
    information: Information = field(default_factory=Information)
