"""Strategy deployment: goals by horizon under the framework's pillars, and what serves them.

A goal has a horizon (1–2, 3–5 or 5+ years), a pillar, an owner and a target date; the
KPIs that measure it and the projects that move it are linked to it, each link marked
strong or weak (the X-matrix's correlation marks). A short-horizon goal may serve a
longer one (Hoshin Kanri's annual objective under a breakthrough objective).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from opsdesk.core.errors import OpsdeskError

Horizon = Literal["1-2 years", "3-5 years", "5+ years"]
HORIZONS: tuple[Horizon, ...] = ("1-2 years", "3-5 years", "5+ years")
# The operations-excellence framework's pillars, the AI-operations one included.
PILLARS = ("process", "quality", "service", "innovation", "people", "AI/ML operations")
Strength = Literal["strong", "weak"]
GoalStatus = Literal["on track", "at risk", "off track", "no data"]


@dataclass(frozen=True)
class Link:
    ref: int                      # a KPI id or a project id
    strength: Strength = "strong"


@dataclass(frozen=True)
class Goal:
    id: int
    title: str
    pillar: str
    horizon: Horizon
    owner: str
    target_date: date
    description: str = ""
    kpis: tuple[Link, ...] = ()      # the KPIs that measure it
    projects: tuple[Link, ...] = ()  # the projects that move it
    serves: int | None = None        # the longer-horizon goal it is a step towards

    @property
    def long_term(self) -> bool:
        return self.horizon != "1-2 years"


def horizon_of(target: date, as_of: date) -> Horizon:
    """The horizon a target date falls in, seen from ``as_of``."""
    years = (target - as_of).days / 365.25
    return "1-2 years" if years <= 2 else "3-5 years" if years <= 5 else "5+ years"


def check_goal(goal: Goal, goals: Iterable[Goal] = ()) -> None:
    """One sentence for a goal that makes no sense (against the other ``goals``)."""
    if not goal.title.strip():
        raise OpsdeskError("A goal needs a title.")
    if goal.pillar not in PILLARS:
        raise OpsdeskError(f"The goal {goal.title!r} is under {goal.pillar!r}; the pillars "
                           f"are {', '.join(PILLARS)}.")
    if goal.horizon not in HORIZONS:
        raise OpsdeskError(f"A goal's horizon is {', '.join(HORIZONS)}; not {goal.horizon!r}.")
    if goal.serves is not None:
        parent = next((g for g in goals if g.id == goal.serves), None)
        if parent is None:
            raise OpsdeskError(f"The goal {goal.title!r} serves goal {goal.serves}, which "
                               "does not exist.")
        if HORIZONS.index(parent.horizon) <= HORIZONS.index(goal.horizon):
            raise OpsdeskError(f"The goal {goal.title!r} ({goal.horizon}) cannot serve "
                               f"{parent.title!r} ({parent.horizon}): a goal serves one of a "
                               "longer horizon.")
    for kind, links in (("KPI", goal.kpis), ("project", goal.projects)):
        refs = [link.ref for link in links]
        if len(refs) != len(set(refs)):
            raise OpsdeskError(f"The goal {goal.title!r} links the same {kind} twice.")


def horizon_warning(goal: Goal, as_of: date) -> str | None:
    """A sentence when the target date lies outside the goal's horizon, else None."""
    implied = horizon_of(goal.target_date, as_of)
    if implied == goal.horizon or goal.target_date < as_of:
        return None
    return (f"The goal {goal.title!r} is set for {goal.horizon}, but its target date "
            f"{goal.target_date.isoformat()} is {implied} away.")


def goal_status(goal: Goal, kpi_status: Mapping[int, str], as_of: date) -> GoalStatus:
    """From the statuses of its KPIs (``kpi.status``): any red is off track, any amber at
    risk, all green on track; none judged, no data. Past its target date with a KPI not
    green, it is off track."""
    seen = [kpi_status.get(link.ref, "no data") for link in goal.kpis]
    judged = [s for s in seen if s in ("green", "amber", "red")]
    if not judged:
        return "no data"
    if "red" in judged or (goal.target_date < as_of and any(s != "green" for s in judged)):
        return "off track"
    return "at risk" if "amber" in judged else "on track"


def goals_of_project(goals: Iterable[Goal], project_id: int) -> list[Goal]:
    return [g for g in goals if any(link.ref == project_id for link in g.projects)]


def goals_of_kpi(goals: Iterable[Goal], kpi_id: int) -> list[Goal]:
    return [g for g in goals if any(link.ref == kpi_id for link in g.kpis)]
