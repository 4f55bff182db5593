"""Demo people directory: Northwind's teams and everyone the rest of the demo names as an
owner (KPIs, projects, actions, incidents, goals), with their roles. Written through the
people commands."""

from __future__ import annotations

import sqlite3
from typing import Any

# (name, lead, parent): a team's lead is added before the team is given them
TEAMS: tuple[tuple[str, str, str], ...] = (
    ("Operations", "Jon Berg", ""),
    ("Quality", "Aisha Rahman", "Operations"),
    ("Service desk", "Priya Nair", ""),
    ("Finance", "Tom Weber", ""),
    ("AI/ML platform", "Sam Okafor", ""),
)

# (name, team, role): every owner name the demo's other seeders use, spelled as they do
PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("Jon Berg", "Operations", "Operations manager"),
    ("Maria Keller", "Operations", "Continuous improvement lead"),
    ("Lena Fischer", "Operations", "HR and safety manager"),
    ("Aisha Rahman", "Quality", "Quality manager"),
    ("Priya Nair", "Service desk", "Service desk manager"),
    ("Tom Weber", "Finance", "Financial controller"),
    ("Sam Okafor", "AI/ML platform", "ML engineering lead"),
)


def email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@northwind.example"


def seed(conn: sqlite3.Connection, rng: Any, ctx: dict[str, Any]) -> None:
    del rng, ctx  # nothing random here
    from opsdesk.core.improve.people import Person, Team
    from opsdesk.core.improve.people_commands import AddPerson, AddTeam, EditTeam
    from opsdesk.core.workspace.commands import Transaction

    tx = Transaction(conn, "Create demo people directory")
    teams = {name: AddTeam(Team(name, parent=parent), tx.command_title).apply(tx).result
             for name, _lead, parent in TEAMS}
    for name, team, role in PEOPLE:
        AddPerson(Person(name, team, role, email(name)), tx.command_title).apply(tx)
    for name, lead, _parent in TEAMS:
        EditTeam(teams[name], {"lead": lead}, tx.command_title).apply(tx)
