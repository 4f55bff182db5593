"""Writing root causes, as commands (DESIGN.md rule 3), each with its exact inverse.

    AddCause(owner, category, cause, parent_id, evidence, status)   the new cause's id
    EditCause(cause_id, changes)    category, cause, status, evidence, whys, parent_id
    MoveCause(cause_id, step)       up (-1) or down (+1) among its siblings
    DeleteCauses(ids)               with their sub-causes (ON DELETE CASCADE); undo
                                    brings the whole subtree back, and actions' links

A sub-cause is under its parent's category: adding one under a parent, or moving a
cause under another, gives it (and what is below it) the parent's category. Everything
is checked before anything is written, so a refused command changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.fishbone import STATUSES, CauseStatus, check_text
from opsdesk.core.improve.five_whys import MAX_STEPS, Why
from opsdesk.core.improve.root_cause_store import (
    CauseOwner,
    StoredCause,
    category_names,
    descendants,
    get_cause,
    owner_exists,
    siblings,
    whys_json,
)
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Command, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

EDITABLE = ("category", "cause", "status", "evidence", "whys", "parent_id")
NOTHING = "nothing was changed"


def _status(value: str) -> CauseStatus:
    for status in STATUSES:
        if value == status:
            return status
    raise OpsdeskError(f"A cause is {', '.join(STATUSES)}; not {value!r}, so {NOTHING}.")


def _category(tx: Transaction, owner: CauseOwner, name: str) -> str:
    """The category as first spelt (the 6M's, or the owner's own); a new one as given."""
    clean = check_text(name, "A category")
    known = category_names(tx.conn, owner)
    return next((n for n in known if n.casefold() == clean.casefold()), clean)


def _found(tx: Transaction, cause_id: int) -> tuple[CauseOwner, StoredCause]:
    found = get_cause(tx.conn, cause_id)
    if found is None:
        raise OpsdeskError(f"There is no cause {cause_id} (deleted meanwhile?); {NOTHING}.")
    return found


def _parent(tx: Transaction, owner: CauseOwner, parent_id: int) -> StoredCause:
    found = get_cause(tx.conn, parent_id)
    if found is None:
        raise OpsdeskError(f"There is no cause {parent_id} to put this one under; {NOTHING}.")
    if found[0] != owner:
        raise OpsdeskError(f"Cause {parent_id} is a cause of another {found[0].kind}; a "
                           f"sub-cause stays with its own {owner.kind}'s causes, so {NOTHING}.")
    return found[1]


def _confirmable(status: str, evidence: str, text: str) -> None:
    if status == "confirmed" and not evidence.strip():
        raise OpsdeskError(f"Confirming {text!r} needs its evidence (what showed it); "
                           f"{NOTHING}.")


def _chain(value: Any) -> tuple[Why, ...]:
    """Five whys as the table keeps them: the problem, then each answer, with evidence."""
    steps = tuple(value or ())
    if len(steps) > MAX_STEPS + 1:
        raise OpsdeskError(f"A chain of {MAX_STEPS} whys is long enough: act on its last "
                           f"answer, or split the problem; {NOTHING}.")
    out = []
    for n, step in enumerate(steps):
        if not isinstance(step, Why):
            raise OpsdeskError(f"Step {n + 1} of the whys is not an answer with its "
                               f"evidence; {NOTHING}.")
        answer = " ".join(step.answer.split())
        if not answer:
            what = "The problem" if n == 0 else f"Why {n}"
            raise OpsdeskError(f"{what} of the chain needs an answer; {NOTHING}.")
        out.append(Why(answer, step.evidence.strip()))
    return tuple(out)


def _end(tx: Transaction, owner: CauseOwner, parent_id: int | None, category: str) -> int:
    """The position after the last of these siblings."""
    return max((p for _, p in siblings(tx.conn, owner, parent_id, category)), default=-1) + 1


def _done(applied: Applied[Any]) -> Applied[None]:
    return Applied(applied.inverse, applied.changes, None)


@dataclass(frozen=True)
class AddCause:
    """A new cause under ``category`` (or under the cause ``parent_id``, in its category)."""

    owner: CauseOwner
    category: str
    cause: str
    parent_id: int | None = None
    evidence: str = ""
    status: str = "open"
    title: str = "Add cause"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new cause's id."""
        if not owner_exists(tx.conn, self.owner):
            raise OpsdeskError(f"There is no {self.owner.kind} {self.owner.id} (deleted "
                               f"meanwhile?); {NOTHING}.")
        text = check_text(self.cause)
        status = _status(self.status)
        evidence = self.evidence.strip()
        _confirmable(status, evidence, text)
        if self.parent_id is not None:
            category = _parent(tx, self.owner, self.parent_id).category
        else:
            category = _category(tx, self.owner, self.category)
        row = {self.owner.column: self.owner.id, "category": category, "cause": text,
               "whys": "[]", "parent_id": self.parent_id, "status": status,
               "evidence": evidence, "created_at": tx.at,
               "position": _end(tx, self.owner, self.parent_id, category)}
        inserted = InsertRows("root_causes", (row,), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, inserted.result[0])


@dataclass(frozen=True)
class EditCause:
    cause_id: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Edit cause"

    def apply(self, tx: Transaction) -> Applied[None]:
        unknown = sorted(set(self.changes) - set(EDITABLE))
        if unknown:
            raise OpsdeskError(f"A cause has no field {unknown[0]!r}; use one of "
                               f"{', '.join(EDITABLE)}.")
        owner, old = _found(tx, self.cause_id)
        ch = self.changes
        text = check_text(ch["cause"]) if "cause" in ch else old.cause
        status = _status(ch["status"]) if "status" in ch else old.status
        evidence = str(ch["evidence"]).strip() if "evidence" in ch else old.evidence
        if (status, evidence) != (old.status, old.evidence):  # not for a file's own
            _confirmable(status, evidence, text)
        parent_id = ch.get("parent_id", old.parent_id)
        category = old.category
        if parent_id is not None:
            parent = self._new_parent(tx, owner, parent_id) if parent_id != old.parent_id \
                else _parent(tx, owner, parent_id)
            if "category" in ch and ch["category"].casefold() != parent.category.casefold():
                raise OpsdeskError(f"A sub-cause is under its parent's category "
                                   f"({parent.category}); make it a top cause to give it "
                                   f"another, so {NOTHING}.")
            category = parent.category
        elif "category" in ch:
            category = _category(tx, owner, ch["category"])
        values: dict[str, Any] = {"cause": text, "status": status, "evidence": evidence,
                                  "category": category, "parent_id": parent_id}
        if "whys" in ch:
            values["whys"] = whys_json(_chain(ch["whys"]))
        before = {"cause": old.cause, "status": old.status, "evidence": old.evidence,
                  "category": old.category, "parent_id": old.parent_id,
                  "whys": whys_json(old.chain)}
        values = {k: v for k, v in values.items() if before[k] != v}
        if not values:  # as it was: nothing to write, nothing to undo
            return Applied(Batch(self.title, ()), Changes.NONE, None)
        if "parent_id" in values or ("category" in values and category.casefold()
                                     != old.category.casefold()):
            values["position"] = _end(tx, owner, parent_id, category)  # last of its new siblings
        commands: list[Command[None]] = [UpdateRow("root_causes", old.id, values, self.title)]
        if "category" in values:  # what is below it follows it
            for below in descendants(tx.conn, old.id):
                commands.append(UpdateRow("root_causes", below, {"category": category},
                                          self.title))
        return _done(Batch(self.title, tuple(commands)).apply(tx))

    def _new_parent(self, tx: Transaction, owner: CauseOwner, parent_id: int) -> StoredCause:
        parent = _parent(tx, owner, parent_id)
        if parent_id == self.cause_id:
            raise OpsdeskError(f"A cause cannot be its own sub-cause; {NOTHING}.")
        if parent_id in descendants(tx.conn, self.cause_id):
            raise OpsdeskError(f"Cause {parent_id} is below this one, so putting this one "
                               f"under it would make a loop; {NOTHING}.")
        return parent


@dataclass(frozen=True)
class MoveCause:
    """One place up (``step`` -1) or down (+1) among the causes beside it."""

    cause_id: int
    step: int
    title: str = "Move cause"

    def apply(self, tx: Transaction) -> Applied[None]:
        if self.step not in (-1, 1):
            raise OpsdeskError(f"A cause moves one place up (-1) or down (1), not "
                               f"{self.step}; {NOTHING}.")
        owner, cause = _found(tx, self.cause_id)
        order = [i for i, _ in siblings(tx.conn, owner, cause.parent_id, cause.category)]
        here = order.index(cause.id)
        there = here + self.step
        if not 0 <= there < len(order):
            where = "first" if self.step < 0 else "last"
            raise OpsdeskError(f"{cause.cause!r} is already the {where} of its siblings; "
                               f"{NOTHING}.")
        order[here], order[there] = order[there], order[here]
        # renumber all of them: siblings may share a position (rows written by others)
        stored = dict(siblings(tx.conn, owner, cause.parent_id, cause.category))
        commands: list[Command[None]] = [
            UpdateRow("root_causes", i, {"position": n}, self.title)
            for n, i in enumerate(order) if stored[i] != n]
        return _done(Batch(self.title, tuple(commands)).apply(tx))


@dataclass(frozen=True)
class DeleteCauses:
    ids: Sequence[int]
    title: str = "Delete causes"

    def apply(self, tx: Transaction) -> Applied[None]:
        if not self.ids:
            raise OpsdeskError(f"Choose a cause to delete; {NOTHING}.")
        for cause_id in self.ids:
            _found(tx, cause_id)
        return DeleteRows("root_causes", tuple(dict.fromkeys(self.ids)), self.title).apply(tx)
