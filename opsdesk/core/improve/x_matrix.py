"""The Hoshin Kanri X-matrix: goals, projects, KPIs and owners, and how they correlate.

The arms, as Jackson lays the matrix out (*Hoshin Kanri for the Lean Enterprise*, 2006):
south the breakthrough objectives (goals of 3–5 and 5+ years), west the annual
objectives (1–2 years), north the improvement priorities (projects), east the targets
to improve (KPIs), and right of them the resources (owners). The four corners mark the
correlations, strong or weak: breakthrough × annual (an annual goal serving a longer
one), annual × projects (a goal's project links), projects × KPIs (the KPIs a project is
to move: strong), KPIs × breakthrough (a long-term goal's KPI links). The owners' block
marks who leads a project (primary) and who else is on it (secondary).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from opsdesk.core.improve.project import Project
from opsdesk.core.improve.strategy import Goal, Strength

Responsibility = Literal["primary", "secondary"]


@dataclass(frozen=True)
class XItem:
    id: int
    label: str


@dataclass(frozen=True)
class XMatrix:
    breakthrough: tuple[XItem, ...]    # south
    annual: tuple[XItem, ...]          # west
    projects: tuple[XItem, ...]        # north
    kpis: tuple[XItem, ...]            # east
    owners: tuple[str, ...]            # far east
    breakthrough_annual: Mapping[tuple[int, int], Strength]   # (breakthrough, annual)
    annual_projects: Mapping[tuple[int, int], Strength]       # (annual goal, project)
    projects_kpis: Mapping[tuple[int, int], Strength]         # (project, KPI)
    kpis_breakthrough: Mapping[tuple[int, int], Strength]     # (KPI, breakthrough goal)
    projects_owners: Mapping[tuple[int, str], Responsibility]
    notes: tuple[str, ...] = ()       # links the matrix cannot show, and gaps


def x_matrix(goals: Iterable[Goal], projects: Iterable[Project],
             kpi_names: Mapping[int, str]) -> XMatrix:
    """The X-matrix of ``goals`` and the ``projects`` they link; ``kpi_names`` names the
    KPIs (id -> name) that goals and projects refer to."""
    goal_list = sorted(goals, key=lambda g: g.id)
    long_term = [g for g in goal_list if g.long_term]
    annual = [g for g in goal_list if not g.long_term]
    annual_ids = {g.id for g in annual}
    notes: list[str] = []
    ba: dict[tuple[int, int], Strength] = {(g.serves, g.id): "strong" for g in annual
                                           if g.serves is not None}
    ap: dict[tuple[int, int], Strength] = {}
    for g in goal_list:
        for link in g.projects:
            if g.id in annual_ids:
                ap[(g.id, link.ref)] = link.strength
    linked = {ref for _, ref in ap}
    project_list = [p for p in sorted(projects, key=lambda p: p.id)
                    if p.id in linked or any(any(link.ref == p.id for link in g.projects)
                                             for g in goal_list)]
    for p in project_list:
        direct = [g.title for g in long_term if any(link.ref == p.id for link in g.projects)]
        if direct and p.id not in linked:
            notes.append(f"{p.name} serves {direct[0]!r} directly; the X-matrix links projects "
                         "through an annual objective (1-2 years), so it shows no goal for it.")
    pk: dict[tuple[int, int], Strength] = {(p.id, k.kpi_id): "strong" for p in project_list
                                           for k in p.kpis}
    kb: dict[tuple[int, int], Strength] = {(link.ref, g.id): link.strength for g in long_term
                                           for link in g.kpis}
    kpi_ids = sorted({k for _, k in pk} | {k for k, _ in kb})
    owners: list[str] = []
    po: dict[tuple[int, str], Responsibility] = {}
    for p in project_list:
        for member in p.charter.team:
            key = (p.id, member.name)
            if member.role == "leader":
                po[key] = "primary"
            else:
                po.setdefault(key, "secondary")
            if member.name not in owners:
                owners.append(member.name)
    for g in annual:
        if not any(a == g.id for a, _ in ap):
            notes.append(f"The annual objective {g.title!r} has no project.")
    return XMatrix(
        tuple(XItem(g.id, g.title) for g in long_term),
        tuple(XItem(g.id, g.title) for g in annual),
        tuple(XItem(p.id, p.name) for p in project_list),
        tuple(XItem(k, kpi_names.get(k, f"KPI {k}")) for k in kpi_ids),
        tuple(owners), ba, ap, pk, kb, po, tuple(notes))
