"""Writing actions, as commands (DESIGN.md rule 3), each with its exact inverse.

    AddAction(action)               a new action (its id back); ``action.id`` is ignored
    EditAction(action_id, changes)  fields of an action: title, owner, due, status,
                                    priority, done_on, notes, source
    DeleteActions(ids)

The action as it would be after the command is checked first (``actions.check_action``,
and that its source exists), so a refused one changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_store import action_values, get_action
from opsdesk.core.improve.actions import Action, check_action
from opsdesk.core.improve.people_store import spelled
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

EDITABLE = ("title", "owner", "due", "status", "priority", "done_on", "notes", "source")
_TABLES = {"project": "projects", "incident review": "incidents", "kaizen burst": "map_nodes",
           "alert": "alerts"}


def _check(tx: Transaction, action: Action) -> None:
    check_action(action)
    ref = action.source.ref
    if ref is not None:
        table = _TABLES[action.source.kind]
        if tx.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (ref,)).fetchone() is None:
            raise OpsdeskError(f"The {action.source.kind} {ref} this action comes from does "
                               "not exist; nothing was changed.")
    elif action.source.kind == "incident review":
        raise OpsdeskError("An action from an incident review names its incident.")


@dataclass(frozen=True)
class AddAction:
    action: Action
    title: str = "Add action"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new action's id."""
        action = dataclasses.replace(self.action, owner=spelled(tx.conn, self.action.owner))
        _check(tx, action)
        row = {**action_values(action), "created_at": tx.at, "updated_at": tx.at}
        inserted = InsertRows("actions", (row,), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, inserted.result[0])


@dataclass(frozen=True)
class EditAction:
    action_id: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Edit action"

    def apply(self, tx: Transaction) -> Applied[None]:
        unknown = sorted(set(self.changes) - set(EDITABLE))
        if unknown:
            raise OpsdeskError(f"An action has no field {unknown[0]!r}; use one of "
                               f"{', '.join(EDITABLE)}.")
        old = get_action(tx.conn, self.action_id)
        if old is None:
            raise OpsdeskError("That action no longer exists; nothing was changed.")
        new = dataclasses.replace(old, **self.changes)
        if "owner" in self.changes:
            new = dataclasses.replace(new, owner=spelled(tx.conn, new.owner))
        _check(tx, new)
        before, after = action_values(old), action_values(new)
        values = {c: v for c, v in after.items() if before[c] != v}
        if not values:  # as it was: nothing to write, nothing to undo
            return Applied(Batch(self.title, ()), Changes.NONE, None)
        return UpdateRow("actions", self.action_id, {**values, "updated_at": tx.at},
                         self.title).apply(tx)


@dataclass(frozen=True)
class DeleteActions:
    ids: tuple[int, ...]
    title: str = "Delete actions"

    def apply(self, tx: Transaction) -> Applied[None]:
        for action_id in self.ids:
            if get_action(tx.conn, action_id) is None:
                raise OpsdeskError(f"Action {action_id} no longer exists; nothing was changed.")
        return DeleteRows("actions", self.ids, self.title).apply(tx)
