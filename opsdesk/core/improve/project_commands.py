"""Writing improvement projects, as commands (DESIGN.md rule 3).

    AddProject(new)    a project in its methodology's first phase (its id back)

Phase moves through the gates (``phase_moves``) and charter edits come as commands of
their own; this module starts with the one the headless ``opsdesk project add`` needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.benefit_commands import SetBenefit
from opsdesk.core.improve.methodology import methodology
from opsdesk.core.improve.people_store import spelled
from opsdesk.core.improve.project import STATUSES
from opsdesk.core.improve.project_store import kpi_id_named, name_taken
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import InsertRows


@dataclass(frozen=True)
class NewProject:
    name: str
    methodology: str = "DMAIC"
    owner: str = ""          # the project leader
    sponsor: str = ""
    problem: str = ""
    goal: str = ""
    kpi: str = ""            # a KPI's name ('' for none)
    status: str = "active"
    started_on: date | None = None
    due_on: date | None = None
    expected_benefit: float | None = None   # booked as a hard benefit in the start month


@dataclass(frozen=True)
class AddProject:
    new: NewProject
    title: str = "Add project"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new project's id."""
        p = self.new
        name = " ".join(p.name.split())
        if not name:
            raise OpsdeskError("A project needs a name; nothing was changed.")
        if name_taken(tx.conn, name):
            raise OpsdeskError(f"There is a project called {name!r} already; choose another "
                               "name. Nothing was changed.")
        method = methodology(p.methodology)
        if p.status not in STATUSES:
            raise OpsdeskError(f"A project is {', '.join(STATUSES)}; not {p.status!r}.")
        kpi_id = None
        if p.kpi.strip():
            kpi_id = kpi_id_named(tx.conn, p.kpi)
            if kpi_id is None:
                raise OpsdeskError(f"There is no KPI {p.kpi!r} to link; nothing was changed.")
        if p.started_on and p.due_on and p.due_on < p.started_on:
            raise OpsdeskError(f"The project is due ({p.due_on}) before it starts "
                               f"({p.started_on}); nothing was changed.")
        row = {"name": name, "methodology": method.name, "phase": method.phases[0].name,
               "status": p.status, "owner": spelled(tx.conn, p.owner),
               "sponsor": spelled(tx.conn, p.sponsor), "problem": p.problem.strip(),
               "goal": p.goal.strip(), "kpi_id": kpi_id,
               "started_on": p.started_on.isoformat() if p.started_on else None,
               "due_on": p.due_on.isoformat() if p.due_on else None,
               "data": json.dumps({}),
               "created_at": tx.at, "updated_at": tx.at}
        inserted = InsertRows("projects", (row,), self.title).apply(tx)
        project_id = inserted.result[0]
        applied = Applied(inserted.inverse, inserted.changes, project_id)
        if p.expected_benefit is None:
            return applied
        start = p.started_on or date.fromisoformat(tx.at[:10])
        return applied.then(tx, SetBenefit(project_id, start.replace(day=1), "hard",
                                           {"expected": p.expected_benefit}, self.title))
