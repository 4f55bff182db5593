"""Writing goals and their links, as commands (DESIGN.md rule 3), each with its exact inverse.

    AddGoal(goal)                       a new goal (its id back); ``goal.id`` and links ignored
    EditGoal(goal_id, changes)          fields of a goal: ``goal_store.GOAL_COLUMNS``
    DeleteGoals(ids)                    its links go with it; goals serving it serve none
    LinkGoal(goal_id, kpi_id=..|project_id=.., strength)   link (or re-mark) a KPI or project
    UnlinkGoal(goal_id, kpi_id=..|project_id=..)

The goal as it would be after the command is checked first (``strategy.check_goal``
against the other goals), so a refused one changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.goal_store import GOAL_COLUMNS, goal_link_id, goal_values, list_goals
from opsdesk.core.improve.people_store import spelled
from opsdesk.core.improve.strategy import Goal, Strength, check_goal
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow


def _goal(tx: Transaction, goal_id: int) -> tuple[Goal, list[Goal]]:
    goals = list_goals(tx.conn)
    found = next((g for g in goals if g.id == goal_id), None)
    if found is None:
        raise OpsdeskError(f"There is no goal {goal_id}; nothing was changed.")
    return found, goals


@dataclass(frozen=True)
class AddGoal:
    goal: Goal
    title: str = "Add goal"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new goal's id."""
        goal = dataclasses.replace(self.goal, owner=spelled(tx.conn, self.goal.owner))
        check_goal(goal, list_goals(tx.conn))
        row = {**goal_values(goal), "created_at": tx.at, "updated_at": tx.at}
        goal_id = InsertRows("goals", (row,), self.title).apply(tx).result[0]
        return Applied(DeleteRows("goals", (goal_id,), self.title), Changes.GOALS, goal_id)


@dataclass(frozen=True)
class EditGoal:
    goal_id: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Edit goal"

    def apply(self, tx: Transaction) -> Applied[None]:
        unknown = set(self.changes) - set(GOAL_COLUMNS)
        if unknown:
            raise OpsdeskError(f"A goal has no field {sorted(unknown)[0]!r}.")
        goal, goals = _goal(tx, self.goal_id)
        changes = dict(self.changes)
        if "owner" in changes:
            changes["owner"] = spelled(tx.conn, str(changes["owner"]))
        if isinstance(changes.get("target_date"), str):
            try:
                changes["target_date"] = date.fromisoformat(changes["target_date"])
            except ValueError:
                raise OpsdeskError(f"A goal's target date is a date like 2027-12-31, not "
                                   f"{changes['target_date']!r}.") from None
        after = dataclasses.replace(goal, **changes)
        if after.serves == after.id:
            raise OpsdeskError(f"The goal {after.title!r} cannot serve itself.")
        check_goal(after, [g for g in goals if g.id != goal.id])
        values = {k: v for k, v in goal_values(after).items() if k in changes}
        return UpdateRow("goals", self.goal_id, {**values, "updated_at": tx.at},
                         self.title).apply(tx)


@dataclass(frozen=True)
class DeleteGoals:
    ids: tuple[int, ...]
    title: str = "Delete goal"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("goals", self.ids, self.title).apply(tx)


def _target(tx: Transaction, kpi_id: int | None, project_id: int | None) -> None:
    if (kpi_id is None) == (project_id is None):
        raise OpsdeskError("A goal's link names one KPI or one project.")
    table, ref = ("kpis", kpi_id) if kpi_id is not None else ("projects", project_id)
    if tx.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (ref,)).fetchone() is None:
        what = "KPI" if table == "kpis" else "project"
        raise OpsdeskError(f"There is no {what} {ref}; nothing was changed.")


@dataclass(frozen=True)
class LinkGoal:
    """Link a KPI that measures the goal or a project that moves it; linked already, the
    link takes the new strength."""

    goal_id: int
    kpi_id: int | None = None
    project_id: int | None = None
    strength: Strength = "strong"
    title: str = "Link goal"

    def apply(self, tx: Transaction) -> Applied[int]:
        _goal(tx, self.goal_id)
        _target(tx, self.kpi_id, self.project_id)
        if self.strength not in ("strong", "weak"):
            raise OpsdeskError(f"A link is strong or weak, not {self.strength!r}.")
        held = goal_link_id(tx.conn, self.goal_id, self.kpi_id, self.project_id)
        if held is not None:
            applied = UpdateRow("goal_links", held, {"strength": self.strength},
                                self.title).apply(tx)
            return Applied(applied.inverse, applied.changes, held)
        row = {"goal_id": self.goal_id, "kpi_id": self.kpi_id, "project_id": self.project_id,
               "strength": self.strength}
        link = InsertRows("goal_links", (row,), self.title).apply(tx).result[0]
        return Applied(DeleteRows("goal_links", (link,), self.title), Changes.GOALS, link)


@dataclass(frozen=True)
class UnlinkGoal:
    goal_id: int
    kpi_id: int | None = None
    project_id: int | None = None
    title: str = "Unlink goal"

    def apply(self, tx: Transaction) -> Applied[None]:
        held = goal_link_id(tx.conn, self.goal_id, self.kpi_id, self.project_id)
        if held is None:
            raise OpsdeskError("The goal has no such link; nothing was changed.")
        return DeleteRows("goal_links", (held,), self.title).apply(tx)
