"""The people directory: who is in which team with which role, and their workload.

Every owner field (KPI, action, project, incident) picks a name from here, so "my
actions" and the workload per person count exactly one person per name. Names compare
as people type them (case and spacing forgiven: ``actions.same_person``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.actions import Action, person_key, same_person
from opsdesk.core.improve.project import Project


@dataclass(frozen=True)
class Person:
    name: str
    team: str = ""
    role: str = ""   # job title: "Data scientist", "Line manager"
    email: str = ""


@dataclass(frozen=True)
class Team:
    name: str
    lead: str = ""
    parent: str = ""  # the team it belongs to, for a hierarchy


@dataclass(frozen=True)
class Directory:
    people: tuple[Person, ...] = ()
    teams: tuple[Team, ...] = ()

    def find(self, name: str) -> Person | None:
        """The person ``name`` is, as people type it: their name (case and spacing
        forgiven) or their e-mail address."""
        person = next((p for p in self.people if same_person(p.name, name)), None)
        if person is None and "@" in name:
            person = next((p for p in self.people
                           if p.email and p.email.casefold() == name.strip().casefold()), None)
        return person

    def spelling(self, typed: str) -> str:
        """What an owner field stores: the directory's spelling of the person ``typed``
        names, else ``typed`` with its spacing tidied (a name outside the directory,
        such as a client's, is kept)."""
        person = self.find(typed)
        return person.name if person is not None else " ".join(typed.split())

    def resolve(self, name: str, what: str = "owner") -> str:
        """The directory's spelling of ``name``, or one sentence naming the nearest ones."""
        person = self.find(name)
        if person is not None:
            return person.name
        near = difflib.get_close_matches(name, [p.name for p in self.people], n=2, cutoff=0.6)
        hint = f" Did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        raise OpsdeskError(f"No one called {name!r} is in the people directory, so they "
                           f"cannot be the {what}.{hint}")

    def members(self, team: str) -> list[Person]:
        return [p for p in self.people if p.team.casefold() == team.casefold()]


def check_directory(directory: Directory) -> None:
    """One sentence for the first thing that makes the directory ambiguous."""
    seen: list[str] = []
    for person in directory.people:
        if not person.name.strip():
            raise OpsdeskError("Everyone in the people directory needs a name.")
        if any(same_person(person.name, s) for s in seen):
            raise OpsdeskError(f"{person.name!r} is in the people directory twice; owners "
                               "would be ambiguous.")
        seen.append(person.name)
    names = {t.name.casefold() for t in directory.teams}
    for person in directory.people:
        if person.team and person.team.casefold() not in names:
            raise OpsdeskError(f"{person.name} is in the team {person.team!r}, which is not "
                               "in the directory.")
    for team in directory.teams:
        if team.lead and directory.find(team.lead) is None:
            raise OpsdeskError(f"The lead of {team.name}, {team.lead!r}, is not in the "
                               "people directory.")
        if team.parent and team.parent.casefold() not in names:
            raise OpsdeskError(f"{team.name} belongs to {team.parent!r}, which is not a team.")


@dataclass(frozen=True)
class Workload:
    name: str
    open_actions: int
    overdue_actions: int
    projects_led: int      # active projects they lead
    projects_in: int       # active projects they are on in another role
    open_incidents: int = 0  # incidents they own not yet resolved (open or mitigated)


def workload(directory: Directory, actions: Iterable[Action], projects: Iterable[Project],
             as_of: date, incident_owners: Iterable[str] = ()) -> list[Workload]:
    """Per person in the directory: open and overdue actions (as of ``as_of``, the review
    date), the active projects they lead or are on, and the unresolved incidents they own
    (``incident_owners``: one owner name per such incident). Names as ``same_person``
    compares them: each owner keyed once, not compared with every person."""
    actions_of: dict[str, list[int]] = {}  # owner as stored -> [open, overdue]
    for a in actions:
        if a.is_open:
            tally = actions_of.setdefault(a.owner, [0, 0])
            tally[0] += 1
            tally[1] += a.overdue(as_of)
    by_key: dict[str, list[int]] = {}  # owner's key -> [open, overdue]
    for owner, (open_, overdue) in actions_of.items():
        tally = by_key.setdefault(person_key(owner), [0, 0])
        tally[0] += open_
        tally[1] += overdue
    led: dict[str, int] = {}
    member: dict[str, int] = {}
    for p in projects:
        if p.status != "active":
            continue
        for key in {person_key(n) for n in p.charter.people("leader")}:
            led[key] = led.get(key, 0) + 1
        for key in {person_key(m.name) for m in p.charter.team if m.role != "leader"}:
            member[key] = member.get(key, 0) + 1
    incidents: dict[str, int] = {}
    for owner in incident_owners:
        key = person_key(owner)
        incidents[key] = incidents.get(key, 0) + 1
    out = []
    for person in directory.people:
        key = person_key(person.name)
        open_, overdue = by_key.get(key, (0, 0))
        out.append(Workload(person.name, open_, overdue, led.get(key, 0),
                            member.get(key, 0), incidents.get(key, 0)))
    return out
