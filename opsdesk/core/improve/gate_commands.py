"""A project's gate, as commands: ticking its checklist and moving through it.

    TickGateItem(project_id, phase, item, ticked)   one item of a phase's gate checklist
    MoveProject(project_id, to_phase, reason)       forward through a complete gate, or
                                                    back with a reason (``phase_moves``)

A move is recorded twice: in the project's history (what its page shows) and in the
audit trail as the ``Transition``'s own entry. Passing the last gate makes the project
done (closed that day); moving a done project back reopens it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.methodology import DONE, methodology
from opsdesk.core.improve.phase_moves import Refusal, move
from opsdesk.core.improve.project import Project
from opsdesk.core.improve.project_store import project_columns, project_from_row, project_row
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import UpdateRow


def _write(tx: Transaction, project_id: int, row: dict[str, object], old: Project,
           new: Project, title: str) -> Applied[None]:
    before = project_columns(old, str(row["data"]))
    after = project_columns(new, str(row["data"]))
    values = {c: v for c, v in after.items() if before[c] != v}
    return UpdateRow("projects", project_id, {**values, "updated_at": tx.at}, title).apply(tx)


def _project(tx: Transaction, project_id: int) -> tuple[dict[str, object], Project]:
    row = project_row(tx.conn, project_id)
    if row is None:
        raise OpsdeskError("That project no longer exists; nothing was changed.")
    return row, project_from_row(row)


@dataclass(frozen=True)
class TickGateItem:
    project_id: int
    phase: str
    item: str       # the gate item's id (``methodology.GateItem.id``)
    ticked: bool = True
    title: str = "Tick gate item"

    def apply(self, tx: Transaction) -> Applied[None]:
        row, old = _project(tx, self.project_id)
        phase = methodology(old.methodology).phase(self.phase)  # one sentence if unknown
        if self.item not in {i.id for i in phase.gate}:
            raise OpsdeskError(f"The {phase.name} gate has no item {self.item!r}.")
        ids = set(old.ticked_in(phase.name))
        (ids.add if self.ticked else ids.discard)(self.item)
        new = dataclasses.replace(old, ticked={**old.ticked, phase.name: frozenset(ids)})
        return _write(tx, self.project_id, row, old, new, self.title)


@dataclass(frozen=True)
class MoveProject:
    project_id: int
    to_phase: str
    reason: str = ""  # needed to move back
    title: str = "Move project"

    def apply(self, tx: Transaction) -> Applied[None]:
        row, old = _project(tx, self.project_id)
        method = methodology(old.methodology)
        at = datetime.fromisoformat(tx.at)
        outcome = move(method, old.phase, self.to_phase, old.ticked_in(old.phase),
                       by=tx.user, at=at, reason=self.reason)
        if isinstance(outcome, Refusal):
            raise OpsdeskError(outcome.sentence + " Nothing was changed.")
        status, closed = old.status, old.closed_on
        if outcome.to_phase == DONE:
            status, closed = "done", date.fromisoformat(tx.at[:10])
        elif old.phase == DONE:
            status, closed = "active", None
        new = dataclasses.replace(old, phase=outcome.to_phase, status=status,
                                  closed_on=closed, history=(*old.history, outcome))
        applied = _write(tx, self.project_id, row, old, new, self.title)
        tx.audit("projects", self.project_id, "phase move", after=outcome.audit())
        return applied
