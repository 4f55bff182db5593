"""Writing the people directory, as commands (DESIGN.md rule 3), each with its exact inverse.

    AddPerson(person)                a new person (their id back)
    EditPerson(person_id, changes)   fields of a person: name, team, role, email
    DeletePeople(ids)
    AddTeam(team)                    a new team (its id back)
    EditTeam(team_id, changes)       fields of a team: name, lead, parent
    DeleteTeams(ids)

The directory as it would be after the command is checked first (``people.check_directory``
and the team rules below), so a refused one changes nothing. A renamed person stays the
lead of the teams they led; a renamed team keeps its members and the teams under it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.actions import same_person
from opsdesk.core.improve.people import Directory, Person, Team, check_directory
from opsdesk.core.improve.people_store import (
    person_values,
    stored_people,
    stored_teams,
    team_values,
)
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Command, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

PERSON_FIELDS = ("name", "team", "role", "email")
TEAM_FIELDS = ("name", "lead", "parent")


def _names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def check_after(people: Mapping[int, Person], teams: Mapping[int, Team]) -> None:
    """One sentence for the first thing wrong with the directory as it would be."""
    named: list[str] = []
    for person in people.values():
        if not person.name:
            raise OpsdeskError("Everyone in the people directory needs a name; nothing was "
                               "changed.")
        if any(same_person(person.name, n) for n in named):
            raise OpsdeskError(f"Someone called {person.name!r} is in the people directory "
                               "already; nothing was changed.")
        named.append(person.name)
        if person.email and ("@" not in person.email or " " in person.email):
            raise OpsdeskError(f"{person.email!r}, the email of {person.name}, is not an "
                               "email address; nothing was changed.")
    seen: list[str] = []
    for team in teams.values():
        if not team.name:
            raise OpsdeskError("Every team needs a name; nothing was changed.")
        if any(same_person(team.name, s) for s in seen):
            raise OpsdeskError(f"There is a team called {team.name!r} already; nothing was "
                               "changed.")
        seen.append(team.name)
    by_name = {t.name.casefold(): t for t in teams.values()}
    for team in teams.values():
        parent, steps = team.parent, 0
        while parent and steps <= len(by_name):
            if same_person(parent, team.name):
                raise OpsdeskError(f"{team.name} cannot belong to itself, even through "
                                   "other teams; nothing was changed.")
            above = by_name.get(parent.casefold())
            parent, steps = (above.parent if above else ""), steps + 1
    check_directory(Directory(tuple(people.values()), tuple(teams.values())))


def _clean(changes: Mapping[str, Any], fields: tuple[str, ...], what: str) -> dict[str, str]:
    unknown = sorted(set(changes) - set(fields))
    if unknown:
        raise OpsdeskError(f"A {what} has no field {unknown[0]!r}; use one of "
                           f"{', '.join(fields)}.")
    bad = next((k for k, v in changes.items() if not isinstance(v, str)), None)
    if bad is not None:
        raise OpsdeskError(f"A {what}'s {bad} is text, not {changes[bad]!r}.")
    return dict(changes)


def _team_spelling(name: str, teams: Mapping[int, Team]) -> str:
    """The directory's spelling of a team's name (``name`` itself when there is none)."""
    return next((t.name for t in teams.values() if same_person(t.name, name)), name)


def _spelled(team: Team, people: Mapping[int, Person], teams: Mapping[int, Team]) -> Team:
    """``team`` with its lead and parent as the directory spells them; a lead not in it is
    one sentence naming the nearest names."""
    lead = team.lead and Directory(tuple(people.values())).resolve(
        team.lead, f"lead of {team.name}")
    return Team(team.name, lead, team.parent and _team_spelling(team.parent, teams))


def _tidy_people(people: Mapping[int, Person]) -> dict[int, Person]:
    return {i: Person(**person_values(p)) for i, p in people.items()}


def _tidy_teams(teams: Mapping[int, Team]) -> dict[int, Team]:
    return {i: Team(**team_values(t)) for i, t in teams.items()}


def _updates(table: str, before: Mapping[int, Any], after: Mapping[int, Any],
             values: Any, title: str, at: str | None = None) -> list[Command[object]]:
    """An ``UpdateRow`` for each row whose values changed."""
    out: list[Command[object]] = []
    for row_id, new in after.items():
        old_values, new_values = values(before[row_id]), values(new)
        changed = {c: v for c, v in new_values.items() if old_values[c] != v}
        if changed:
            stamp = {"updated_at": at} if at is not None else {}
            out.append(UpdateRow(table, row_id, {**changed, **stamp}, title))
    return out


def _write(tx: Transaction, title: str, commands: list[Command[object]]) -> Applied[None]:
    if not commands:  # as it was: nothing to write, nothing to undo
        return Applied(Batch(title, ()), Changes.NONE, None)
    applied = Batch(title, tuple(commands)).apply(tx)
    return Applied(applied.inverse, applied.changes, None)


@dataclass(frozen=True)
class AddPerson:
    person: Person
    title: str = "Add person"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new person's id."""
        people, teams = _tidy_people(stored_people(tx.conn)), stored_teams(tx.conn)
        new = Person(**person_values(self.person))
        new = dataclasses.replace(new, team=new.team and _team_spelling(new.team, teams))
        check_after({**people, 0: new}, teams)
        row = {**person_values(new), "created_at": tx.at, "updated_at": tx.at}
        inserted = InsertRows("people", (row,), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, inserted.result[0])


@dataclass(frozen=True)
class EditPerson:
    """Change a person's fields; renamed, they stay the lead of the teams they led."""

    person_id: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Edit person"

    def apply(self, tx: Transaction) -> Applied[None]:
        changes = _clean(self.changes, PERSON_FIELDS, "person")
        people, teams = stored_people(tx.conn), stored_teams(tx.conn)
        old = people.get(self.person_id)
        if old is None:
            raise OpsdeskError("That person is no longer in the people directory; nothing "
                               "was changed.")
        new = Person(**person_values(dataclasses.replace(old, **changes)))
        new = dataclasses.replace(new, team=new.team and _team_spelling(new.team, teams))
        people_after = {**people, self.person_id: new}
        teams_after = {i: dataclasses.replace(t, lead=new.name)
                       if t.lead and same_person(t.lead, old.name) else t
                       for i, t in teams.items()}
        check_after(_tidy_people(people_after), teams_after)
        return _write(tx, self.title, [
            *_updates("people", people, people_after, person_values, self.title, tx.at),
            *_updates("teams", teams, teams_after, team_values, self.title)])


@dataclass(frozen=True)
class DeletePeople:
    ids: tuple[int, ...]
    title: str = "Delete people"

    def apply(self, tx: Transaction) -> Applied[None]:
        people, teams = stored_people(tx.conn), stored_teams(tx.conn)
        gone = next((i for i in self.ids if i not in people), None)
        if gone is not None:
            raise OpsdeskError(f"Person {gone} is no longer in the people directory; "
                               "nothing was changed.")
        for person_id in self.ids:
            name = people[person_id].name
            led = [t.name for t in teams.values() if t.lead and same_person(t.lead, name)]
            if led:
                raise OpsdeskError(f"{name} leads {_names(led)}; give "
                                   f"{'it' if len(led) == 1 else 'them'} another lead first; "
                                   "nothing was changed.")
        check_after({i: p for i, p in people.items() if i not in self.ids}, teams)
        return DeleteRows("people", tuple(self.ids), self.title).apply(tx)


@dataclass(frozen=True)
class AddTeam:
    team: Team
    title: str = "Add team"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new team's id."""
        people, teams = stored_people(tx.conn), _tidy_teams(stored_teams(tx.conn))
        new = _spelled(Team(**team_values(self.team)), people, teams)
        check_after(people, {**teams, 0: new})
        inserted = InsertRows("teams", (team_values(new),), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, inserted.result[0])


@dataclass(frozen=True)
class EditTeam:
    """Change a team's fields; renamed, its members and the teams under it follow."""

    team_id: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Edit team"

    def apply(self, tx: Transaction) -> Applied[None]:
        changes = _clean(self.changes, TEAM_FIELDS, "team")
        people, teams = stored_people(tx.conn), stored_teams(tx.conn)
        old = teams.get(self.team_id)
        if old is None:
            raise OpsdeskError("That team is no longer in the people directory; nothing was "
                               "changed.")
        new = _spelled(Team(**team_values(dataclasses.replace(old, **changes))), people,
                       teams)

        def follow(name: str) -> str:
            return new.name if name and same_person(name, old.name) else name

        teams_after = {i: new if i == self.team_id else
                       dataclasses.replace(t, parent=follow(t.parent))
                       for i, t in teams.items()}
        people_after = {i: dataclasses.replace(p, team=follow(p.team))
                        for i, p in people.items()}
        check_after(people_after, _tidy_teams(teams_after))
        return _write(tx, self.title, [
            *_updates("teams", teams, teams_after, team_values, self.title),
            *_updates("people", people, people_after, person_values, self.title, tx.at)])


@dataclass(frozen=True)
class DeleteTeams:
    ids: tuple[int, ...]
    title: str = "Delete teams"

    def apply(self, tx: Transaction) -> Applied[None]:
        people, teams = stored_people(tx.conn), stored_teams(tx.conn)
        gone = next((i for i in self.ids if i not in teams), None)
        if gone is not None:
            raise OpsdeskError(f"Team {gone} is no longer in the people directory; nothing "
                               "was changed.")
        left = {i: t for i, t in teams.items() if i not in self.ids}
        for team_id in self.ids:
            name = teams[team_id].name
            members = [p.name for p in people.values() if p.team and same_person(p.team, name)]
            if members:
                raise OpsdeskError(
                    f"{_names(members)} {'is' if len(members) == 1 else 'are'} in {name}; "
                    "move them to another team before deleting it; nothing was changed.")
            below = [t.name for t in left.values() if t.parent and same_person(t.parent, name)]
            if below:
                one = len(below) == 1
                raise OpsdeskError(f"{_names(below)} {'belongs' if one else 'belong'} to "
                                   f"{name}; move {'it' if one else 'them'} under another "
                                   "team first; nothing was changed.")
        check_after(people, left)
        return DeleteRows("teams", tuple(self.ids), self.title).apply(tx)
