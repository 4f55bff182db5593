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
    Source,
    person_key,
    sort_actions,
)


def _due_text(due: date | None, late: bool, as_of: date) -> str:
    text = due.isoformat() if due else "—"
    return f"{text} ({(as_of - due).days} d overdue)" if late and due is not None else text


def _source_text(source: Source) -> str:
    return f"{source.kind}: {source.label}" if source.label else source.kind


def action_row(a: Action, as_of: date) -> dict[str, Any]:
    """The row a table of actions shows: due date with the days overdue, the source named."""
    late = a.status in OPEN and a.due is not None and a.due < as_of  # a.overdue(as_of)
    return _row(a, _due_text(a.due, late, as_of), _source_text(a.source), late)


def _row(a: Action, due: str, source: str, late: bool) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "owner": a.owner, "due": due, "status": a.status,
            "priority": a.priority, "source": source, "_overdue": late}


@dataclass(frozen=True)
class ActionRows:
    rows: list[dict[str, Any]]   # every action's row, most urgent first
    owner_keys: list[str]        # each row's owner as ``person_key`` has it
    counts: ActionCounts         # open, overdue and done among all
    owners: frozenset[str]       # every owner named, as stored (for "my actions")


def action_rows(actions: Sequence[Action], as_of: date) -> ActionRows:
    """The rows of ``actions`` as of ``as_of`` (``action_row``'s) in ``sort_actions``'s
    order, and their counts (``actions.counts``'s)."""
    # thousands of actions share a few hundred due days, a source per project and a few
    # dozen owners: each formatted once
    dues: dict[tuple[date | None, bool], str] = {}
    sources: dict[int, str] = {}  # by the source's id(): actions read together share it
    keys: dict[str, str] = {}
    rows, owner_keys = [], []
    open_ = overdue = done = 0
    for a in sort_actions(actions, as_of):
        due, status = a.due, a.status
        is_open = status in OPEN
        late = is_open and due is not None and due < as_of  # a.overdue(as_of)
        due_text = dues.get((due, late))
        if due_text is None:
            due_text = dues[(due, late)] = _due_text(due, late, as_of)
        source = sources.get(id(a.source))
        if source is None:
            source = sources[id(a.source)] = _source_text(a.source)
        key = keys.get(a.owner)
        if key is None:
            key = keys[a.owner] = person_key(a.owner)
        rows.append(_row(a, due_text, source, late))
        owner_keys.append(key)
        open_ += is_open
        overdue += late
        done += status == "done"
    return ActionRows(rows, owner_keys, ActionCounts(open_, overdue, done), frozenset(keys))


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
