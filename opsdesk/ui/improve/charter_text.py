"""The charter's lists as the detail shows them for editing, one entry a line, and back:
scope items as they are, team members as ``role: name``, milestones as
``YYYY-MM-DD name`` with ``(done YYYY-MM-DD)`` after a finished one. A line that cannot
be read gives one sentence naming it, and nothing is changed."""

from __future__ import annotations

import re
from datetime import date

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.project import ROLES, Milestone, Role, TeamMember

_MILESTONE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.+?)(?:\s*\(done (\d{4}-\d{2}-\d{2})\))?$")


def lines_of(text: str) -> tuple[str, ...]:
    """The non-blank lines, spacing tidied."""
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def team_text(team: tuple[TeamMember, ...]) -> str:
    return "\n".join(f"{m.role}: {m.name}" for m in team)


def team_of(text: str) -> tuple[TeamMember, ...]:
    out = []
    for n, line in enumerate(lines_of(text), start=1):
        role, sep, name = line.partition(":")
        role = role.strip().casefold()
        if not sep or role not in ROLES or not name.strip():
            raise OpsdeskError(f"Team line {n} ({line!r}) should read 'role: name', the role "
                               f"one of {', '.join(ROLES)}; nothing was changed.")
        found: Role = next(r for r in ROLES if r == role)
        out.append(TeamMember(name.strip(), found))
    return tuple(out)


def milestones_text(milestones: tuple[Milestone, ...]) -> str:
    return "\n".join(f"{m.due.isoformat()} {m.name}"
                     + (f" (done {m.done_on.isoformat()})" if m.done_on else "")
                     for m in milestones)


def _date(text: str, n: int, line: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OpsdeskError(f"Milestone line {n} ({line!r}): {text} is not a date; "
                           "nothing was changed.") from None


def milestones_of(text: str) -> tuple[Milestone, ...]:
    out = []
    for n, line in enumerate(lines_of(text), start=1):
        found = _MILESTONE.match(line)
        if found is None:
            raise OpsdeskError(f"Milestone line {n} ({line!r}) should read 'YYYY-MM-DD name'"
                               ", with '(done YYYY-MM-DD)' after a finished one; nothing was "
                               "changed.")
        due, name, done = found.groups()
        out.append(Milestone(name, _date(due, n, line),
                             None if done is None else _date(done, n, line)))
    return tuple(out)


def day_of(text: str, what: str) -> date | None:
    """A typed date ('' for none), or one sentence."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OpsdeskError(f"{what} should be a date like 2026-03-02, not {text!r}; nothing "
                           "was changed.") from None


def number_of(text: str, what: str) -> float | None:
    """A typed number ('' for none; thousands separators forgiven), or one sentence."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise OpsdeskError(f"{what} should be a number, not {text!r}; nothing was "
                           "changed.") from None
