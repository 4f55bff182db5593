"""Writing the post-incident review, as one command (DESIGN.md rule 3).

    SaveReview(incident_id, fields, retraining_action_due)   the review written or updated

``fields`` are the review's (``REVIEW_FIELDS``: ``incident_reviews`` columns) and the
incident's summary, impact and owner (``INCIDENT_FIELDS``, columns of ``incidents``); only
the fields given change. The incident's owner and the review's facilitator are stored as
the people directory spells them (``people_store.spelled``), as every owner field is.
The feedback into the model's retraining schedule is a field of the review and, when a
due date is given, a due action of the incident ("Retrain <model>: <first line of the
feedback>"), unless the incident has an open "Retrain" action already.
Everything is checked before anything is written; the rows are written through the row
commands, so the step is audited and undone exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_commands import AddAction
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.incident_review_store import (
    RETRAIN_PREFIX,
    ReviewEntry,
    open_retraining_action,
)
from opsdesk.core.improve.people_store import spelled
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Command, Transaction
from opsdesk.core.workspace.row_commands import InsertRows, UpdateRow

TEXT_FIELDS = ("facilitator", "went_well", "went_wrong", "where_lucky",
               "contributing_factors", "lessons", "retraining")
REVIEW_FIELDS = ("held_on", "timeline", *TEXT_FIELDS)
INCIDENT_FIELDS = ("summary", "impact", "owner")
PERSON_FIELDS = ("owner", "facilitator")  # stored as the people directory spells them
FIELDS = (*INCIDENT_FIELDS, *REVIEW_FIELDS)
# what a review row holds before anything is written in it (the schema's defaults)
_EMPTY: dict[str, Any] = {"held_on": None, "timeline": "[]", **dict.fromkeys(TEXT_FIELDS, "")}
TITLE_LINE = 100  # the action's title takes this much of the feedback's first line


@dataclass(frozen=True)
class ReviewSaved:
    review_id: int | None           # None: no review row (nothing of it was given)
    retraining_action: int | None   # the due action added, if one was


def _held_on(value: Any) -> str | None:
    if isinstance(value, date):
        return date(value.year, value.month, value.day).isoformat()
    text = "" if value is None else str(value).strip()
    if not text:
        return None  # not held yet
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise OpsdeskError(f"The review's date must be a date like 2026-10-08 (or empty: "
                           f"not held yet), not {value!r}; nothing was changed.") from None


def _entry(n: int, item: Any) -> ReviewEntry:
    if isinstance(item, ReviewEntry):
        at, what = item.at, item.what
    elif isinstance(item, Mapping):
        at, what = item.get("at", ""), item.get("what", "")
    elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
        at, what = item
    else:
        raise OpsdeskError(f"Timeline entry {n} must be a time and what happened, not "
                           f"{item!r}; nothing was changed.")
    if not isinstance(at, str) or not isinstance(what, str) or not what.strip():
        raise OpsdeskError(f"Timeline entry {n} needs what happened, as text; nothing was "
                           "changed.")
    return ReviewEntry(at.strip(), what.strip())


def timeline_json(items: Any) -> str:
    """The stored form of a timeline: a JSON list of {at, what}, or one sentence."""
    import json

    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise OpsdeskError("The timeline must be a list of entries, each a time and what "
                           "happened; nothing was changed.")
    entries = [_entry(n, item) for n, item in enumerate(items, start=1)]
    return json.dumps([{"at": e.at, "what": e.what} for e in entries], ensure_ascii=False)


def clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The columns to write for ``fields``, checked, or one sentence."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise OpsdeskError(f"A post-incident review has no field {unknown[0]!r}; use one of "
                           f"{', '.join(FIELDS)}.")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "held_on":
            out[name] = _held_on(value)
        elif name == "timeline":
            out[name] = timeline_json(value)
        elif not isinstance(value, str):
            raise OpsdeskError(f"The review's {name.replace('_', ' ')} must be text, not "
                               f"{value!r}; nothing was changed.")
        else:
            out[name] = value.strip()
    return out


def retraining_title(model: str, feedback: str) -> str:
    first = next((line.strip() for line in feedback.splitlines() if line.strip()), "")
    if len(first) > TITLE_LINE:
        first = first[:TITLE_LINE - 1].rstrip() + "…"
    return f"{RETRAIN_PREFIX} {model.strip() or 'the model'}: {first}"


def _row(tx: Transaction, sql: str, incident_id: int) -> dict[str, Any] | None:
    cursor = tx.conn.execute(sql, (incident_id,))
    row = cursor.fetchone()
    return None if row is None else dict(zip([d[0] for d in cursor.description], row,
                                             strict=True))


@dataclass(frozen=True)
class SaveReview:
    """The incident's review written (inserted or updated) with ``fields``; with
    ``retraining_action_due`` the retraining feedback becomes a due action too. The
    result says which review row and which action (if any were written)."""

    incident_id: int
    fields: Mapping[str, Any] = field(default_factory=dict)
    retraining_action_due: date | None = None
    title: str = "Save post-incident review"

    def apply(self, tx: Transaction) -> Applied[ReviewSaved]:
        clean = clean_fields(self.fields)
        clean.update({k: spelled(tx.conn, clean[k]) for k in PERSON_FIELDS if k in clean})
        incident = _row(tx, "SELECT id, model, summary, impact, owner FROM incidents"
                        " WHERE id = ?", self.incident_id)
        if incident is None:
            raise OpsdeskError("That incident no longer exists; nothing was changed.")
        review = _row(tx, "SELECT id, " + ", ".join(REVIEW_FIELDS) + " FROM incident_reviews"
                      " WHERE incident_id = ?", self.incident_id)
        steps: list[Command[object]] = []
        told = {k: v for k, v in clean.items() if k in INCIDENT_FIELDS and incident[k] != v}
        if told:
            steps.append(UpdateRow("incidents", self.incident_id, {**told, "updated_at": tx.at},
                                   self.title))
        before = _EMPTY if review is None else review
        changed = {k: v for k, v in clean.items() if k in REVIEW_FIELDS and before[k] != v}
        inserted_at = None  # where the new review's row is among the steps
        if changed and review is not None:
            steps.append(UpdateRow("incident_reviews", review["id"],
                                   {**changed, "updated_at": tx.at}, self.title))
        elif changed:
            inserted_at = len(steps)
            steps.append(InsertRows("incident_reviews", ({
                "incident_id": self.incident_id, **changed, "created_at": tx.at,
                "updated_at": tx.at},), self.title))
        action = self._retraining_action(tx, str(incident["model"] or ""),
                                         {**before, **changed}["retraining"])
        if action is not None:
            steps.append(AddAction(action, self.title))
        review_id = None if review is None else int(review["id"])
        if not steps:  # as it was: nothing to write, nothing to undo
            return Applied(Batch(self.title, ()), Changes.NONE, ReviewSaved(review_id, None))
        applied = Batch(self.title, tuple(steps)).apply(tx)
        if inserted_at is not None:
            review_id = applied.result[inserted_at][0]  # type: ignore[index]
        added = applied.result[-1] if action is not None else None
        return Applied(applied.inverse, applied.changes,
                       ReviewSaved(review_id, added if isinstance(added, int) else None))

    def _retraining_action(self, tx: Transaction, model: str, feedback: str) -> Action | None:
        """The due action to add, or None (no date given, or one is open already)."""
        due = self.retraining_action_due
        if due is None:
            return None
        if not isinstance(due, date):
            raise OpsdeskError(f"The retraining action's due date must be a date, not "
                               f"{due!r}; nothing was changed.")
        if not feedback.strip():
            raise OpsdeskError("A retraining action needs the review's retraining feedback: "
                               "write what the retraining takes from it; nothing was changed.")
        if open_retraining_action(tx.conn, self.incident_id) is not None:
            return None
        return Action(0, retraining_title(model, feedback), "",
                      Source("incident review", self.incident_id), due, notes=feedback)
