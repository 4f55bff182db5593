"""Actions: who does what by when, wherever the need came from, in one list.

An action comes from a project, a post-incident review, a kaizen burst on a value
stream, or an alert on a KPI (``Source``). It is overdue when it is still open or in
progress and its due date is before the "as of" date, the day the workspace is judged
as of (``kpi.review_date.review_date``: today, or the review date the workspace pins),
so the actions list, the scorecard and the PDF agree on what is late. Due on that very
day is not yet overdue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from opsdesk.core.errors import OpsdeskError

ActionStatus = Literal["open", "in progress", "done", "cancelled"]
STATUSES: tuple[ActionStatus, ...] = ("open", "in progress", "done", "cancelled")
OPEN: frozenset[str] = frozenset({"open", "in progress"})
Priority = Literal["high", "medium", "low"]
PRIORITIES: tuple[Priority, ...] = ("high", "medium", "low")
SourceKind = Literal["project", "incident review", "kaizen burst", "alert"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("project", "incident review", "kaizen burst", "alert")


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    ref: int | None = None  # the project, incident, map node or alert it came from
    label: str = ""         # how to name it in a list ("Raise OEE on line 2")


@dataclass(frozen=True)
class Action:
    id: int
    title: str
    owner: str
    source: Source
    due: date | None = None
    status: ActionStatus = "open"
    priority: Priority = "medium"
    done_on: date | None = None
    notes: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def overdue(self, as_of: date) -> bool:
        return self.is_open and self.due is not None and self.due < as_of

    def days_overdue(self, as_of: date) -> int:
        return (as_of - self.due).days if self.overdue(as_of) and self.due else 0


def person_key(name: str) -> str:
    """A name as ``same_person`` compares it: spacing collapsed, case folded. Two names
    are the same person when their keys are equal (a list keyed once is filtered fast)."""
    return " ".join(name.split()).casefold()


def same_person(a: str, b: str) -> bool:
    """Owner names compared as people type them: case and spacing forgiven."""
    return person_key(a) == person_key(b)


def check_action(action: Action) -> None:
    """One sentence for an action that makes no sense."""
    if not action.title.strip():
        raise OpsdeskError("An action needs a title: what is to be done.")
    if action.status not in STATUSES:
        raise OpsdeskError(f"An action is {', '.join(STATUSES)}; not {action.status!r}.")
    if action.priority not in PRIORITIES:
        raise OpsdeskError(f"Priority is high, medium or low; not {action.priority!r}.")
    if action.source.kind not in SOURCE_KINDS:
        raise OpsdeskError(f"An action comes from a {', '.join(SOURCE_KINDS)}; not "
                           f"{action.source.kind!r}.")
    if action.status == "done" and action.done_on is None:
        raise OpsdeskError(f"The action {action.title!r} is done: give the day it was done.")


def filter_actions(actions: Iterable[Action], as_of: date, *, owner: str | None = None,
                   overdue: bool | None = None, statuses: Iterable[str] | None = None,
                   source: str | None = None, priority: str | None = None,
                   text: str = "") -> list[Action]:
    """The actions that pass every filter given, most urgent first: overdue ones (the
    longest overdue first), then the other open ones, then the closed ones, each by due
    date (none last), then by priority."""
    wanted = frozenset(statuses) if statuses is not None else None
    needle = text.strip().casefold()
    kept = [a for a in actions
            if (owner is None or same_person(a.owner, owner))
            and (overdue is None or a.overdue(as_of) == overdue)
            and (wanted is None or a.status in wanted)
            and (source is None or a.source.kind == source)
            and (priority is None or a.priority == priority)
            and (not needle or needle in a.title.casefold() or needle in a.notes.casefold())]
    return sort_actions(kept, as_of)


def my_actions(actions: Iterable[Action], me: str, as_of: date) -> list[Action]:
    """What ``me`` still has to do: their open and in-progress actions."""
    return filter_actions(actions, as_of, owner=me, statuses=OPEN)


def sort_actions(actions: Sequence[Action], as_of: date) -> list[Action]:
    rank = {p: i for i, p in enumerate(PRIORITIES)}

    def urgency(a: Action) -> tuple[bool, bool, bool, date, int, int]:
        due = a.due
        is_open = a.status in OPEN  # a.is_open and a.overdue, asked once
        late = is_open and due is not None and due < as_of
        return (not late, not is_open, due is None, due or date.max,
                rank.get(a.priority, 9), a.id)

    return sorted(actions, key=urgency)


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int
    done: int


def counts(actions: Iterable[Action], as_of: date) -> ActionCounts:
    items = list(actions)
    return ActionCounts(sum(a.is_open for a in items), sum(a.overdue(as_of) for a in items),
                        sum(a.status == "done" for a in items))
