"""Moving a project between phases: forward through a complete gate, or back with a reason.

``move`` is the whole state machine. Forward goes to the next phase only (every gate is
passed, none skipped) and only when the current phase's checklist is complete; passing
the last gate makes the project ``DONE``. Back goes to any earlier phase (reopening a
done project included) and needs a reason. The result is either the ``Transition`` to
record (the command that applies it writes it to the audit log) or a ``Refusal`` with one
sentence for the user; nothing is raised for a move that is merely not allowed.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.methodology import DONE, Methodology

Direction = Literal["forward", "back"]


@dataclass(frozen=True)
class Transition:
    methodology: str
    from_phase: str
    to_phase: str
    direction: Direction
    at: datetime
    by: str
    reason: str = ""
    gate: tuple[str, ...] = ()  # forward: the gate items confirmed (ids, in checklist order)

    def audit(self) -> dict[str, object]:
        """The entry the audit trail keeps (JSON-ready)."""
        return {"methodology": self.methodology, "from": self.from_phase, "to": self.to_phase,
                "direction": self.direction, "at": self.at.isoformat(timespec="seconds"),
                "by": self.by, "reason": self.reason, "gate": list(self.gate)}

    def sentence(self) -> str:
        if self.direction == "forward":
            return (f"{self.by or 'Someone'} passed the {self.from_phase} gate: the project "
                    f"moved to {self.to_phase}.")
        return (f"{self.by or 'Someone'} moved the project back from {self.from_phase} to "
                f"{self.to_phase}: {self.reason}")


@dataclass(frozen=True)
class Refusal:
    sentence: str


def _plain(text: str) -> str:
    return text.rstrip(". ")


def move(method: Methodology, current: str, target: str, ticked: Set[str], *, by: str,
         at: datetime, reason: str = "") -> Transition | Refusal:
    """The move from phase ``current`` to ``target`` with the current gate's ticked item ids
    ``ticked``, made by ``by`` at ``at``; ``reason`` is required to move back."""
    try:
        here, there = method.index(current), method.index(target)
    except OpsdeskError as error:  # an unknown phase name: its sentence says which exist
        return Refusal(str(error))
    names = (*method.phase_names, DONE)
    current, target = names[here], names[there]
    if there == here:
        where = "done" if here == len(method.phases) else f"in {current}"
        return Refusal(f"The project is already {where}.")
    reason = " ".join(reason.split())
    if there < here:
        if not reason:
            return Refusal(f"Moving the project back from {current} to {target} needs a "
                           "reason, for the record.")
        return Transition(method.name, current, target, "back", at, by, reason)
    if there > here + 1:
        return Refusal(f"{target} is {there - here} phases ahead of {current}: a project "
                       f"passes one gate at a time (next: {names[here + 1]}).")
    missing = method.missing(current, frozenset(ticked))
    if missing:
        count = f"{len(missing)} item{'s' if len(missing) != 1 else ''} still open"
        return Refusal(f"The {current} gate is not complete, {count}: "
                       f"{'; '.join(_plain(item.text) for item in missing)}.")
    gate = tuple(item.id for item in method.phase(current).gate)
    return Transition(method.name, current, target, "forward", at, by, reason, gate)
