"""Editing a project's charter and links, as one command per edit (DESIGN.md rule 3).

    EditProject(project_id, changes)   fields of the project, each by its name in
                                       ``EDITABLE``; undo restores the row as it was

The project as it would be after the edit is checked first, so a refused edit changes
nothing. The leader and the sponsor are team members like the others: the first of each
is kept in the columns every list shows (``project_store``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.people_store import directory
from opsdesk.core.improve.project import ROLES, STATUSES, LinkedKpi, Project
from opsdesk.core.improve.project_store import (
    kpi_id_named,
    name_taken,
    project_columns,
    project_from_row,
    project_row,
)
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Transaction
from opsdesk.core.workspace.row_commands import UpdateRow

CHARTER = ("problem", "goal", "business_case", "scope_in", "scope_out", "team", "milestones")
PROJECT = ("name", "status", "started_on", "due_on", "implemented_on")
LINK = ("kpi", "baseline", "target", "value_per_unit", "benefit_kind")
EDITABLE = CHARTER + PROJECT + LINK  # benefits: per month, benefit_commands


def _linked(tx: Transaction, old: Project, changes: Mapping[str, Any]) -> tuple[LinkedKpi, ...]:
    link = old.kpis[0] if old.kpis else None
    if "kpi" in changes:
        name = str(changes["kpi"] or "").strip()
        if not name:
            link = None
        else:
            kpi_id = kpi_id_named(tx.conn, name)
            if kpi_id is None:
                raise OpsdeskError(f"There is no KPI {name!r} to link; nothing was changed.")
            if link is None or link.kpi_id != kpi_id:  # another KPI: its own baseline
                link = LinkedKpi(kpi_id)
    if "benefit_kind" in changes and changes["benefit_kind"] not in ("hard", "soft"):
        raise OpsdeskError(f"The KPI's benefit is hard or soft, not {changes['benefit_kind']!r}; "
                           "nothing was changed.")
    for key in ("baseline", "target", "value_per_unit", "benefit_kind"):
        if key in changes:
            if link is None:
                raise OpsdeskError(f"Link a KPI before giving its {key}; nothing was changed.")
            link = dataclasses.replace(link, **{key: changes[key]})
    return () if link is None else (link,)


def _check(tx: Transaction, p: Project) -> None:
    if not p.name:
        raise OpsdeskError("A project needs a name; nothing was changed.")
    if name_taken(tx.conn, p.name, besides=p.id):
        raise OpsdeskError(f"There is a project called {p.name!r} already; choose another "
                           "name. Nothing was changed.")
    if p.status not in STATUSES:
        raise OpsdeskError(f"A project is {', '.join(STATUSES)}; not {p.status!r}.")
    if p.started_on and p.due_on and p.due_on < p.started_on:
        raise OpsdeskError(f"The project would be due ({p.due_on}) before it starts "
                           f"({p.started_on}); nothing was changed.")
    team = p.charter.team
    for member in team:
        if not member.name.strip():
            raise OpsdeskError("Every team member needs a name; nothing was changed.")
        if member.role not in ROLES:
            raise OpsdeskError(f"A team member is a {', '.join(ROLES)}; not {member.role!r}.")
    for role in ("leader", "sponsor"):
        if sum(m.role == role for m in team) > 1:
            raise OpsdeskError(f"A project has one {role}; name the others as members.")
    for milestone in p.charter.milestones:
        if not milestone.name.strip():
            raise OpsdeskError("Every milestone needs a name; nothing was changed.")
        if not isinstance(milestone.due, date):
            raise OpsdeskError(f"The milestone {milestone.name!r} needs a due date.")


@dataclass(frozen=True)
class EditProject:
    project_id: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Edit project"

    def apply(self, tx: Transaction) -> Applied[None]:
        unknown = sorted(set(self.changes) - set(EDITABLE))
        if unknown:
            raise OpsdeskError(f"A project has no field {unknown[0]!r}; use one of "
                               f"{', '.join(EDITABLE)}.")
        row = project_row(tx.conn, self.project_id)
        if row is None:
            raise OpsdeskError("That project no longer exists; nothing was changed.")
        old = project_from_row(row)
        changes = dict(self.changes)
        if "team" in changes:  # each member as the directory spells them
            people = directory(tx.conn)
            changes["team"] = tuple(dataclasses.replace(m, name=people.spelling(m.name))
                                    for m in changes["team"])
        text = {k: " ".join(str(v).split()) if k == "name" else str(v).strip()
                for k, v in changes.items() if k in ("name", "problem", "goal",
                                                     "business_case")}
        charter = dataclasses.replace(old.charter, **{
            k: text.get(k, v) for k, v in changes.items() if k in CHARTER})
        new = dataclasses.replace(old, charter=charter, kpis=_linked(tx, old, changes),
                                  **{k: text.get(k, v) for k, v in changes.items()
                                     if k in PROJECT})
        _check(tx, new)
        # compared as core reads them, so an edit back to the stored value writes nothing
        before = project_columns(old, row["data"])
        after = project_columns(new, row["data"])
        values = {c: v for c, v in after.items() if before[c] != v}
        if not values:  # as it was: nothing to write, nothing to undo
            return Applied(Batch(self.title, ()), Changes.NONE, None)
        return UpdateRow("projects", self.project_id, {**values, "updated_at": tx.at},
                         self.title).apply(tx)
