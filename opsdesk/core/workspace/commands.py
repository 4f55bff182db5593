"""Commands (DESIGN.md rule 3): every change to a workspace is one of these.

A command is a small frozen dataclass with a ``title`` and an ``apply(tx)`` method.
``Workspace.execute`` runs ``apply`` inside one transaction; ``apply`` writes through
``tx.conn`` (never through sqlite-utils' write helpers or ``with conn:``, which would
commit early), records what it did with ``tx.audit``, and returns an ``Applied``: the
command that undoes it and a ``Changes`` summary. Undo is running the inverse.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from opsdesk.core.workspace import audit
from opsdesk.core.workspace.changes import Changes


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Transaction:
    """The open transaction handed to ``Command.apply``."""

    conn: sqlite3.Connection
    command_title: str
    user: str = ""  # the workspace author, else the login as the OS reports it
    at: str = field(default_factory=now_iso)

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
class Command(Protocol):
    @property
    def title(self) -> str:
        """Shown in Edit > Undo <title>, and recorded in the audit log."""
        ...

    def apply(self, tx: Transaction) -> Applied: ...


@dataclass(frozen=True)
class Applied:
    inverse: Command
    changes: Changes
    result: Any = None  # what the caller may want back (new ids, counts)


@dataclass(frozen=True)
class Sequence:
    """Several commands as one undoable step (applied in order, undone in reverse)."""

    title: str
    commands: tuple[Command, ...]

    def apply(self, tx: Transaction) -> Applied:
        applied = [command.apply(tx) for command in self.commands]
        inverse = Sequence(self.title, tuple(a.inverse for a in reversed(applied)))
        return Applied(
            inverse, Changes.union(a.changes for a in applied), [a.result for a in applied]
        )
