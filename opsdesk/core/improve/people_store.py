"""The people directory as the workspace stores it (``people``, ``teams``), read as
``people.Directory``, and each person's workload as of the review date.

People and teams refer to each other by name (a person's team, a team's lead and parent),
as every owner field does; names are found as people type them (``actions.same_person``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from opsdesk.core.improve.actions import Action, same_person
from opsdesk.core.improve.people import Directory, Person, Team, Workload, workload
from opsdesk.core.improve.project import Project


def tidy(text: str) -> str:
    """A name as stored: spacing collapsed, ends trimmed."""
    return " ".join(text.split())


def person_values(person: Person) -> dict[str, Any]:
    """The ``people`` row of a person (without id and stamps)."""
    return {"name": tidy(person.name), "team": tidy(person.team), "role": person.role.strip(),
            "email": person.email.strip()}


def team_values(team: Team) -> dict[str, Any]:
    """The ``teams`` row of a team (without id)."""
    return {"name": tidy(team.name), "lead": tidy(team.lead), "parent": tidy(team.parent)}


def _people(conn: sqlite3.Connection) -> list[tuple[int, Person]]:
    return [(int(r[0]), Person(r[1], r[2], r[3], r[4])) for r in conn.execute(
        "SELECT id, name, team, role, email FROM people ORDER BY name COLLATE NOCASE, id")]


def _teams(conn: sqlite3.Connection) -> list[tuple[int, Team]]:
    return [(int(r[0]), Team(r[1], r[2], r[3])) for r in conn.execute(
        "SELECT id, name, lead, parent FROM teams ORDER BY name COLLATE NOCASE, id")]


def directory(conn: sqlite3.Connection) -> Directory:
    """Everyone and every team, each ordered by name."""
    return Directory(tuple(p for _i, p in _people(conn)), tuple(t for _i, t in _teams(conn)))


def spelled(conn: sqlite3.Connection, name: str) -> str:
    """What an owner field stores for ``name`` as typed: the directory's spelling of the
    person it names (case, spacing or e-mail forgiven), else the name tidied. Every command
    that writes an owner stores this, so the forms and the command line agree."""
    return directory(conn).spelling(name) if name.strip() else ""


def owner_people(conn: sqlite3.Connection) -> tuple[Person, ...]:
    """The people an owner field offers: everyone in the directory, by name."""
    return tuple(p for _i, p in _people(conn))


def stored_people(conn: sqlite3.Connection) -> dict[int, Person]:
    """Everyone by id, ordered by name."""
    return dict(_people(conn))


def stored_teams(conn: sqlite3.Connection) -> dict[int, Team]:
    """Every team by id, ordered by name."""
    return dict(_teams(conn))


def person_id(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the person called ``name`` (case and spacing forgiven), if any."""
    return next((i for i, p in _people(conn) if same_person(p.name, name)), None)


def team_id(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the team called ``name`` (case and spacing forgiven), if any."""
    return next((i for i, t in _teams(conn) if same_person(t.name, name)), None)


def workloads(conn: sqlite3.Connection, as_of: date,
              actions: Sequence[Action] | None = None,
              projects: Sequence[Project] | None = None) -> list[Workload]:
    """Each person's open and overdue actions (as of ``as_of``, the review date), the
    active projects they lead or are on, and the unresolved incidents they own, in the
    directory's order. ``actions`` and
    ``projects``, when the caller has them already (every action, ``list_actions``; every
    project, ``list_projects``), are not read a second time."""
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.incident_store import unresolved_owners
    from opsdesk.core.improve.project_store import list_projects

    if actions is None:
        actions = list_actions(conn)
    if projects is None:
        projects = [s.project for s in list_projects(conn, as_of)]
    return workload(directory(conn), actions, projects, as_of, unresolved_owners(conn))
