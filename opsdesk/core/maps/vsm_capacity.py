"""Capacity, utilisation against takt, the constraint, operators needed, yamazumi.

Capacity per shift = (available time × uptime − changeover time per shift) ÷ cycle time.
Changeovers are taken off only where the EPE is given: a step that makes every part every
``epe_days`` changes over once per part (the demand's mix, or one part) in that many
working days of its shifts. Utilisation = demand per shift ÷ capacity per shift (with
full uptime and no changeovers this is cycle time ÷ takt). Operators needed = Σ work
content ÷ takt, not rounded (Rother & Shook's future-state cell: 187 s ÷ 60 s = 3.12).
"""

from __future__ import annotations

from typing import NamedTuple, cast

from opsdesk.core.maps.vsm_demand import Basis
from opsdesk.core.maps.vsm_model import Process


class StepMetrics(NamedTuple):
    """One process's figures; None where its data or the demand are missing."""

    name: str
    cycle_time_s: float | None
    changeover_s: float
    uptime: float
    capacity_per_shift: float | None
    utilisation: float | None
    constraint: bool = False


class YamazumiBar(NamedTuple):
    """One step's work content stacked against takt, split over its operators."""

    name: str
    work_s: float
    operators: float
    per_operator_s: float


def step_metrics(step: Process, demand: Basis | None) -> StepMetrics:
    """The step's capacity per shift and its utilisation against the demand."""
    ct = step.cycle_time_s
    if demand is None or ct is None or ct <= 0:
        return StepMetrics(step.name, ct, step.changeover_s, step.uptime, None, None)
    shifts = step.shifts or demand.shifts
    productive = demand.available_s_per_shift * step.uptime
    if step.epe_days:
        productive -= demand.parts / (step.epe_days * shifts) * step.changeover_s
    capacity = productive / ct if productive > 0 else 0.0
    need = demand.daily_demand / shifts
    utilisation = need / capacity if capacity > 0 else float("inf")
    return StepMetrics(step.name, ct, step.changeover_s, step.uptime, capacity, utilisation)


def _load(s: StepMetrics) -> float:
    if s.utilisation is not None:
        return s.utilisation
    if s.cycle_time_s is not None and s.uptime > 0:
        return s.cycle_time_s / s.uptime
    return -1.0


def mark_constraint(steps: list[StepMetrics]) -> list[StepMetrics]:
    """The same steps with the constraint marked: highest utilisation (or, without demand,
    the longest cycle time per unit of uptime)."""
    if not steps:
        return steps
    known = [s.utilisation for s in steps]
    loads = cast(list[float], known) if None not in known else list(map(_load, steps))
    worst = max(range(len(steps)), key=loads.__getitem__)
    if _load(steps[worst]) >= 0:
        steps[worst] = steps[worst]._replace(constraint=True)
    return steps


def operators_needed(bars: list[YamazumiBar], takt: float) -> float:
    """Σ work content ÷ takt, unrounded."""
    return sum(b.work_s for b in bars) / takt


def yamazumi(steps: list[Process]) -> list[YamazumiBar]:
    """Work content per step and per operator (one operator where none is given)."""
    bars: list[YamazumiBar] = []
    add = bars.append
    for s in steps:
        work = s.cycle_time_s if s.work_content_s is None else s.work_content_s
        if work is not None:
            ops = s.operators or 1.0
            add(YamazumiBar(s.name, work, ops, work / ops))
    return bars
