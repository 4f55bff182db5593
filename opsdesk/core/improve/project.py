"""An improvement project: its charter, team, milestones, linked KPIs and phase.

Plain frozen data; edits make a new value (``dataclasses.replace``). What a project needs
before it may pass the Define gate (or the first gate of any methodology) is what
``charter_missing`` lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from opsdesk.core.improve.methodology import DONE, methodology
from opsdesk.core.improve.phase_moves import Transition

Role = Literal["sponsor", "champion", "leader", "member"]
ROLES: tuple[Role, ...] = ("sponsor", "champion", "leader", "member")
Status = Literal["proposed", "active", "on hold", "done", "cancelled"]
STATUSES: tuple[Status, ...] = ("proposed", "active", "on hold", "done", "cancelled")


@dataclass(frozen=True)
class TeamMember:
    name: str  # as in the people directory
    role: Role


@dataclass(frozen=True)
class Milestone:
    name: str
    due: date
    done_on: date | None = None

    def late(self, as_of: date) -> bool:
        """Not done and due before ``as_of`` (the review date)."""
        return self.done_on is None and self.due < as_of


@dataclass(frozen=True)
class Charter:
    problem: str = ""
    goal: str = ""
    scope_in: tuple[str, ...] = ()
    scope_out: tuple[str, ...] = ()
    business_case: str = ""
    team: tuple[TeamMember, ...] = ()
    milestones: tuple[Milestone, ...] = ()

    def people(self, role: Role) -> tuple[str, ...]:
        return tuple(m.name for m in self.team if m.role == role)

    @property
    def leader(self) -> str:
        leaders = self.people("leader")
        return leaders[0] if leaders else ""


@dataclass(frozen=True)
class LinkedKpi:
    """A KPI the project is to move: where it stood (baseline) and where it should go."""

    kpi_id: int
    baseline: float | None = None
    target: float | None = None
    # money per unit of KPI improvement per month, for the KPI-derived benefit estimate
    value_per_unit: float | None = None
    benefit_kind: Literal["hard", "soft"] = "hard"


@dataclass(frozen=True)
class Project:
    id: int
    name: str
    methodology: str
    phase: str
    status: Status = "active"
    charter: Charter = field(default_factory=Charter)
    kpis: tuple[LinkedKpi, ...] = ()
    implemented_on: date | None = None   # the change: before/after splits the KPI here
    started_on: date | None = None
    due_on: date | None = None
    closed_on: date | None = None
    ticked: Mapping[str, frozenset[str]] = field(default_factory=dict)  # phase -> item ids
    history: tuple[Transition, ...] = ()

    @property
    def done(self) -> bool:
        return self.phase == DONE

    def ticked_in(self, phase: str) -> frozenset[str]:
        return self.ticked.get(phase, frozenset())

    def progress(self) -> float:
        """How far through its phases the project is, 0 to 1 (1 when done)."""
        method = methodology(self.methodology)
        return method.index(self.phase) / len(method.phases)


def charter_missing(charter: Charter) -> list[str]:
    """What a charter still lacks, one short phrase each (empty: complete)."""
    out = []
    for text, what in ((charter.problem, "a problem statement"),
                       (charter.goal, "a goal statement"),
                       (charter.business_case, "a business case")):
        if not text.strip():
            out.append(what)
    if not charter.scope_in:
        out.append("what is in scope")
    if not charter.scope_out:
        out.append("what is out of scope")
    needed: tuple[Role, ...] = ("sponsor", "leader")
    for role in needed:
        if not charter.people(role):
            out.append(f"a {role}")
    if not charter.milestones:
        out.append("milestones with dates")
    return out


def charter_sentence(charter: Charter) -> str | None:
    """One sentence for an incomplete charter, or None."""
    missing = charter_missing(charter)
    if not missing:
        return None
    listed = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
    return f"The charter still needs {listed}."
