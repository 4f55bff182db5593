"""Capacity, utilisation against takt, the constraint, operators needed, yamazumi.

Capacity per shift = (available time × uptime − changeover time per shift) ÷ cycle time.
Changeovers are taken off only where the EPE is given: a step that makes every part every
``epe_days`` changes over once per part (the demand's mix, or one part) in that many
working days of its shifts. Utilisation = demand per shift ÷ capacity per shift (with
full uptime and no changeovers this is cycle time ÷ takt). Operators needed = Σ work
content ÷ takt, not rounded (Rother & Shook's future-state cell: 187 s ÷ 60 s = 3.12).
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.core.maps.vsm_demand import available_s_per_shift, daily_demand
from opsdesk.core.maps.vsm_model import Demand, Process


@dataclass(frozen=True)
class StepMetrics:
    """One process's figures; None where its data or the demand are missing."""

    name: str
    cycle_time_s: float | None
    changeover_s: float
    uptime: float
    capacity_per_shift: float | None
    utilisation: float | None
    constraint: bool = False


@dataclass(frozen=True)
class YamazumiBar:
    """One step's work content stacked against takt, split over its operators."""

    name: str
    work_s: float
    operators: float
    per_operator_s: float


def step_metrics(step: Process, demand: Demand | None) -> StepMetrics:
    """The step's capacity per shift and its utilisation against the demand."""
    capacity = utilisation = None
    ct = step.cycle_time_s
    if demand is not None and ct is not None and ct > 0:
        shifts = step.shifts or demand.shifts
        productive = available_s_per_shift(demand) * step.uptime
        if step.epe_days:
            parts = max(len(demand.mix), 1)
            productive -= parts / (step.epe_days * shifts) * step.changeover_s
        capacity = max(productive, 0.0) / ct
        need = daily_demand(demand) / shifts
        utilisation = need / capacity if capacity > 0 else float("inf")
    return StepMetrics(step.name, ct, step.changeover_s, step.uptime, capacity, utilisation)


def mark_constraint(steps: list[StepMetrics]) -> list[StepMetrics]:
    """The same steps with the constraint marked: highest utilisation (or, without demand,
    the longest cycle time per unit of uptime)."""
    def load(s: StepMetrics) -> float:
        if s.utilisation is not None:
            return s.utilisation
        if s.cycle_time_s is not None and s.uptime > 0:
            return s.cycle_time_s / s.uptime
        return -1.0

    if not steps:
        return steps
    worst = max(range(len(steps)), key=lambda i: load(steps[i]))
    if load(steps[worst]) < 0:
        return steps
    return [StepMetrics(s.name, s.cycle_time_s, s.changeover_s, s.uptime,
                        s.capacity_per_shift, s.utilisation, i == worst)
            for i, s in enumerate(steps)]


def operators_needed(steps: list[Process], takt: float) -> float:
    """Σ work content ÷ takt, unrounded."""
    return sum(s.work_s or 0.0 for s in steps) / takt


def yamazumi(steps: list[Process]) -> list[YamazumiBar]:
    """Work content per step and per operator (one operator where none is given)."""
    bars = []
    for s in steps:
        if s.work_s is None:
            continue
        ops = s.operators if s.operators else 1.0
        bars.append(YamazumiBar(s.name, s.work_s, ops, s.work_s / ops))
    return bars
