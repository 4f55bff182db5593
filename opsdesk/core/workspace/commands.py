"""Commands (DESIGN.md rule 3): every change to a workspace is one of these.

A command is a small frozen dataclass with a ``title`` and an ``apply(tx)`` method that
checks its input and writes. ``Workspace.execute`` runs ``apply`` inside one
transaction; ``apply`` writes through ``tx.conn`` (never through sqlite-utils' write
helpers or ``with conn:``, which would commit early), records what it did with
``tx.audit``, and returns an ``Applied[T]``: the command that undoes it, the kinds of
thing it changed (``Changes``) and its result of type ``T`` (new ids, a summary; ``None``
when there is nothing to give back). Undo is running the inverse. docs/architecture.md
shows one to copy.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from opsdesk.core.task_state import TaskState
from opsdesk.core.workspace import audit
from opsdesk.core.workspace.changes import Changes

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Transaction:
    """The open transaction handed to ``Command.apply``.

    ``task`` is the long task it runs in: a command that writes many rows reports its
    progress there and stops when it is cancelled (the transaction then rolls back).
    """

    conn: sqlite3.Connection
    command_title: str
    user: str = ""  # the workspace author, else the login as the OS reports it
    at: str = field(default_factory=now_iso)
    task: TaskState = field(default_factory=TaskState)

    def __post_init__(self) -> None:
        if not self.user:
            self.user = audit.recorded_user(self.conn)

    def audit(
        self,
        entity: str,
        entity_id: object,
        action: str,
        before: Any = None,
        after: Any = None,
    ) -> None:
        audit.append(
            self.conn,
            at=self.at,
            user=self.user,
            command=self.command_title,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            action=action,
            before=before,
            after=after,
        )


@runtime_checkable
class Command(Protocol[T_co]):
    @property
    def title(self) -> str:
        """Shown in Edit > Undo <title>, and recorded in the audit log."""
        ...

    def apply(self, tx: Transaction) -> Applied[T_co]: ...


@dataclass(frozen=True)
class Applied(Generic[T_co]):
    inverse: Command[object]
    changes: Changes
    result: T_co

    def then(self, tx: Transaction, follow: Command[object]) -> Applied[T_co]:
        """This, followed by ``follow`` in the same transaction, as one step: undo takes
        ``follow`` back first. The result stays this one's."""
        after = follow.apply(tx)
        if not after.changes:  # it found nothing to do: nothing to take back
            return self
        return Applied(Batch(self.inverse.title, (after.inverse, self.inverse)),
                       self.changes | after.changes, self.result)


@dataclass(frozen=True)
class Batch(Generic[T]):
    """Several commands as one undoable step (applied in order, undone in reverse);
    the result is each one's, in order."""

    title: str
    commands: tuple[Command[T], ...]

    def apply(self, tx: Transaction) -> Applied[list[T]]:
        applied = [command.apply(tx) for command in self.commands]
        inverse = Batch(self.title, tuple(a.inverse for a in reversed(applied)))
        changes = Changes.NONE
        for a in applied:
            changes |= a.changes
        return Applied(inverse, changes, [a.result for a in applied])
