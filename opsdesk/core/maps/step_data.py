"""What a step of a process map carries besides its shape: times, cost, value, quality.

All fields are optional: a map drawn in a workshop has labels only, and the analyses
report what they can from the data that is there. Values are checked in ``model.validate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from opsdesk.core.maps.units import TimeUnit, convert

ValueClass = Literal["value_adding", "business_necessary", "waste"]
VALUE_CLASSES: tuple[ValueClass, ...] = get_args(ValueClass)
# The eight wastes of lean (TIMWOODS), as value class "waste" names them.
WasteKind = Literal[
    "transport", "inventory", "motion", "waiting", "over_processing", "over_production",
    "defects", "unused_skill",
]
WASTE_KINDS: tuple[WasteKind, ...] = get_args(WasteKind)


@dataclass(frozen=True)
class Duration:
    """A time in ``unit``: its expected ``value`` and, optionally, a triangular spread.

    ``low``/``mode``/``high`` are the minimum, most likely and maximum that the
    simulation draws from; without them every case takes ``value``. ``mode`` defaults
    to ``value`` when only ``low`` and ``high`` are given.
    """

    value: float
    unit: TimeUnit = "min"
    low: float | None = None
    mode: float | None = None
    high: float | None = None

    @property
    def spread(self) -> tuple[float, float, float] | None:
        """(low, mode, high) in ``unit`` when a spread is given, else None."""
        if self.low is None or self.high is None:
            return None
        return (self.low, self.value if self.mode is None else self.mode, self.high)

    def expected(self, unit: TimeUnit) -> float:
        """The expected time in ``unit``: ``value``, or the triangle's mean when spread."""
        spread = self.spread
        mean = self.value if spread is None else sum(spread) / 3.0
        return convert(mean, self.unit, unit)


@dataclass(frozen=True)
class StepData:
    """Step data, typed and unit-aware. Probabilities are fractions in [0, 1].

    ``performer`` names who does the step when that is not the lane (a role inside it).
    ``rework_probability`` is the chance the step's output is defective and must be
    redone; ``first_pass_yield`` the share that passes first time. They describe quality;
    the time analyses count rework through the loops drawn on the map, so a rework path
    is never counted twice. ``kpi_id`` links the step's time to a KPI's newest value.
    """

    performer: str = ""
    processing: Duration | None = None
    wait: Duration | None = None
    cost: float | None = None  # per execution, in the workspace's currency
    value_class: ValueClass | None = None
    waste: WasteKind | None = None  # only with value_class "waste"
    rework_probability: float | None = None
    first_pass_yield: float | None = None
    resources: tuple[str, ...] = ()
    kpi_id: int | None = None
    notes: str = ""

    def time(self, unit: TimeUnit) -> float:
        """Expected processing plus wait time of one execution, in ``unit``."""
        return self.processing_time(unit) + self.wait_time(unit)

    def processing_time(self, unit: TimeUnit) -> float:
        return 0.0 if self.processing is None else self.processing.expected(unit)

    def wait_time(self, unit: TimeUnit) -> float:
        return 0.0 if self.wait is None else self.wait.expected(unit)


NO_DATA = StepData()
