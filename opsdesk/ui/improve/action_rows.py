"""The Actions tab's rows, worked out once in the pool (``improve_data.work_data``): every
action's display row in core's order (``sort_actions``: most urgent first), with the key
of its owner and whether it is overdue beside it, so that the tab's filters ("my actions",
overdue only) are a pass over ready rows on the GUI thread, not a sort and a formatting of
every action. No Qt here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from opsdesk.core.improve.actions import (
    OPEN,
    Action,
    ActionCounts,
    person_key,
    sort_actions,
)


def action_row(a: Action, as_of: date) -> dict[str, Any]:
    """The row a table of actions shows: due date with the days overdue, the source named."""
    late = a.status in OPEN and a.due is not None and a.due < as_of  # a.overdue(as_of)
    due = a.due.isoformat() if a.due else "—"
    if late and a.due is not None:
        due = f"{due} ({(as_of - a.due).days} d overdue)"
    source = f"{a.source.kind}: {a.source.label}" if a.source.label else a.source.kind
    return {"id": a.id, "title": a.title, "owner": a.owner, "due": due, "status": a.status,
            "priority": a.priority, "source": source, "_overdue": late}


@dataclass(frozen=True)
class ActionRows:
    rows: list[dict[str, Any]]   # every action's row, most urgent first
    owner_keys: list[str]        # each row's owner as ``person_key`` has it
    counts: ActionCounts         # open, overdue and done among all
    owners: frozenset[str]       # every owner named, as stored (for "my actions")


def action_rows(actions: Sequence[Action], as_of: date) -> ActionRows:
    """The rows of ``actions`` as of ``as_of`` in ``sort_actions``'s order, and their counts
    (``actions.counts``)."""
    ordered = sort_actions(actions, as_of)
    rows = [action_row(a, as_of) for a in ordered]
    keys: dict[str, str] = {}
    owner_keys = []
    for a in ordered:
        key = keys.get(a.owner)
        if key is None:
            key = keys[a.owner] = person_key(a.owner)
        owner_keys.append(key)
    open_ = sum(a.status in OPEN for a in ordered)
    overdue = sum(bool(r["_overdue"]) for r in rows)
    done = sum(a.status == "done" for a in ordered)
    return ActionRows(rows, owner_keys, ActionCounts(open_, overdue, done),
                      frozenset(keys))


def shown_rows(table: ActionRows, owner: str | None = None, overdue: bool | None = None
               ) -> list[dict[str, Any]]:
    """The rows ``filter_actions(actions, as_of, owner=owner, overdue=overdue)`` keeps, in
    its order (the order is total, so filtering sorted rows keeps it)."""
    if owner is None and overdue is None:
        return list(table.rows)
    wanted = None if owner is None else person_key(owner)
    return [r for r, key in zip(table.rows, table.owner_keys, strict=True)
            if (wanted is None or key == wanted)
            and (overdue is None or r["_overdue"] == overdue)]
