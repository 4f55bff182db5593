"""``opsdesk person`` and ``opsdesk team``: the people directory headless (who is in which
team with which role, and each person's workload as of the review date): list, add, edit
and delete, each edit one of core's people commands. A person is named as an owner field
names them (case and spacing forgiven, or their e-mail)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords
from opsdesk.core.errors import OpsdeskError


def _verb(verbs: Any, name: str, help: str, func: Any) -> argparse.ArgumentParser:
    """A verb on a workspace (its first argument), with the password option."""
    parser: argparse.ArgumentParser = verbs.add_parser(name, help=help)
    parser.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(parser)
    parser.set_defaults(func=func)
    return parser


def register(sub: Any) -> None:
    person = sub.add_parser(
        "person", help="the people directory: names, teams, roles and workload",
        description="People headless. Every owner field picks a name from the directory. "
        "Workload: open and overdue actions (overdue as of the review date) and the active "
        "projects a person leads or is on. Exit 0: done; 2: a file or argument cannot be "
        "used.")
    verbs = person.add_subparsers(dest="verb", metavar="VERB", required=True)
    lst = _verb(verbs, "list", "everyone, by name, with their workload", _list_people)
    lst.add_argument("--team", metavar="TEAM", help="only this team's members")
    lst.add_argument("--json", action="store_true", help='{"people": [...]} on stdout')

    add = _verb(verbs, "add", "a new person", _add_person)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--team", default="", metavar="TEAM", help="a team in the directory")
    add.add_argument("--role", default="", metavar="ROLE", help='e.g. "Line manager"')
    add.add_argument("--email", default="", metavar="EMAIL")

    edit = _verb(verbs, "edit", "change a person's name, team, role or e-mail", _edit_person)
    edit.add_argument("name", metavar="NAME", help="who: their name or e-mail")
    edit.add_argument("--name", dest="new_name", metavar="NAME", help="their new name")
    edit.add_argument("--team", metavar="TEAM", help='a team in the directory; "" for none')
    edit.add_argument("--role", metavar="ROLE")
    edit.add_argument("--email", metavar="EMAIL", help='"" for none')

    delete = _verb(verbs, "delete", "take people out of the directory", _delete_people)
    delete.add_argument("names", nargs="+", metavar="NAME", help="who: names or e-mails")

    team = sub.add_parser(
        "team", help="the teams of the people directory",
        description="Teams headless: a team has a lead from the directory and may belong "
        "to another team. Exit 0: done; 2: a file or argument cannot be used.")
    team_verbs = team.add_subparsers(dest="verb", metavar="VERB", required=True)
    tlist = _verb(team_verbs, "list", "every team, by name, with its members", _list_teams)
    tlist.add_argument("--json", action="store_true", help='{"teams": [...]} on stdout')

    tadd = _verb(team_verbs, "add", "a new team", _add_team)
    tadd.add_argument("name", metavar="NAME")
    tadd.add_argument("--lead", default="", metavar="NAME", help="someone in the directory")
    tadd.add_argument("--parent", default="", metavar="TEAM", help="the team it belongs to")

    tedit = _verb(team_verbs, "edit", "change a team's name, parent or lead", _edit_team)
    tedit.add_argument("name", metavar="NAME")
    tedit.add_argument("--name", dest="new_name", metavar="NAME", help="its new name")
    tedit.add_argument("--parent", metavar="TEAM", help='the team it belongs to; "" for none')
    tedit.add_argument("--lead", metavar="NAME", help='someone in the directory; "" for none')

    tdelete = _verb(team_verbs, "delete", "delete teams no one is in", _delete_teams)
    tdelete.add_argument("names", nargs="+", metavar="NAME")


def person_json(p: Any, w: Any) -> dict[str, Any]:
    return {"name": p.name, "team": p.team, "role": p.role, "email": p.email,
            "workload": {"open_actions": w.open_actions, "overdue_actions": w.overdue_actions,
                         "projects_led": w.projects_led, "projects_in": w.projects_in,
                         "open_incidents": w.open_incidents}}


def _list_people(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people_store import directory, workloads
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        as_of = review_date(ws.conn)
        found = directory(ws.conn)
        loads = {w.name: w for w in workloads(ws.conn, as_of)}
    people = list(found.people)
    if args.team is not None:
        if not any(t.name.casefold() == " ".join(args.team.split()).casefold()
                   for t in found.teams):
            raise OpsdeskError(f"There is no team {args.team!r}; opsdesk team list names "
                               "them.")
        people = found.members(" ".join(args.team.split()))
    rows = [person_json(p, loads[p.name]) for p in people]
    if args.json:
        print(json.dumps({"as_of": as_of.isoformat(), "people": rows}, ensure_ascii=False))
        return 0
    print(f"{len(rows):,} people, workload as of {as_of.isoformat()}")
    for r in rows:
        w = r["workload"]
        where = ", ".join(x for x in (r["role"], r["team"]) if x) or "no team"
        print(f"  {r['name']} ({where}): {w['open_actions']} open actions, "
              f"{w['overdue_actions']} overdue; leads {w['projects_led']} projects, "
              f"on {w['projects_in']} more; owns {w['open_incidents']} open incidents")
    return 0


def _add_person(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people import Person
    from opsdesk.core.improve.people_commands import AddPerson
    from opsdesk.core.improve.people_store import stored_people
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        person_id = ws.execute(AddPerson(Person(args.name, args.team, args.role,
                                                args.email))).result
        added = stored_people(ws.conn)[person_id]
    print(f"Added {added.name} to the people directory"
          f"{f' in {added.team}' if added.team else ''}.")
    return 0


def _list_teams(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people_store import directory
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        found = directory(ws.conn)
    rows: list[dict[str, Any]] = [{"name": t.name, "lead": t.lead, "parent": t.parent,
             "members": [p.name for p in found.members(t.name)]} for t in found.teams]
    if args.json:
        print(json.dumps({"teams": rows}, ensure_ascii=False))
        return 0
    print(f"{len(rows):,} teams")
    for r in rows:
        under = f", part of {r['parent']}" if r["parent"] else ""
        print(f"  {r['name']} (lead: {r['lead'] or 'none'}{under}): "
              f"{len(r['members'])} {'person' if len(r['members']) == 1 else 'people'}")
    return 0


def _add_team(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people import Team
    from opsdesk.core.improve.people_commands import AddTeam
    from opsdesk.core.improve.people_store import stored_teams
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        team_id = ws.execute(AddTeam(Team(args.name, args.lead, args.parent))).result
        added = stored_teams(ws.conn)[team_id]
    print(f"Added the team {added.name}"
          f"{f', led by {added.lead}' if added.lead else ''}"
          f"{f', part of {added.parent}' if added.parent else ''}.")
    return 0


def _changes(args: argparse.Namespace, fields: dict[str, str]) -> dict[str, str]:
    """The fields given on the command line (option -> field), or one sentence."""
    changes = {field: getattr(args, option) for option, field in fields.items()
               if getattr(args, option) is not None}
    if not changes:
        options = [f"--{o.removeprefix('new_')}" for o in fields]
        raise OpsdeskError(f"Say what to change with {', '.join(options[:-1])} or "
                           f"{options[-1]}; nothing was changed.")
    return changes


def _person(conn: Any, name: str) -> tuple[int, str]:
    """The id and name of the person ``name`` is (name or e-mail), or one sentence."""
    from opsdesk.core.improve.people_store import directory, person_id

    found = directory(conn).find(name)
    person = person_id(conn, found.name) if found is not None else None
    if found is None or person is None:
        raise OpsdeskError(f"No one called {name!r} is in the people directory (opsdesk "
                           "person list names everyone); nothing was changed.")
    return person, found.name


def _team(conn: Any, name: str) -> tuple[int, str]:
    from opsdesk.core.improve.people_store import stored_teams, team_id

    found = team_id(conn, name)
    if found is None:
        raise OpsdeskError(f"There is no team {name!r} (opsdesk team list names them); "
                           "nothing was changed.")
    return found, stored_teams(conn)[found].name


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _edit_person(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people_commands import EditPerson
    from opsdesk.core.improve.people_store import stored_people
    from opsdesk.core.workspace import Changes, Workspace

    changes = _changes(args, {"new_name": "name", "team": "team", "role": "role",
                              "email": "email"})
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        person_id, old = _person(ws.conn, args.name)
        applied = ws.execute(EditPerson(person_id, changes))
        new = stored_people(ws.conn)[person_id]
    if applied.changes == Changes.NONE:
        print(f"{old} already has those details; nothing was changed.")
        return 0
    where = ", ".join(x for x in (new.role, new.team) if x) or "no team"
    renamed = f"{old} is now {new.name}" if new.name != old else f"Edited {new.name}"
    print(f"{renamed} ({where}{f', {new.email}' if new.email else ''}).")
    return 0


def _delete_people(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people_commands import DeletePeople
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        found = dict(_person(ws.conn, name) for name in args.names)  # each once
        ws.execute(DeletePeople(tuple(found), "Delete person" if len(found) == 1
                                else f"Delete {len(found)} people"))
    print(f"Deleted {_listed(list(found.values()))} from the people directory.")
    return 0


def _edit_team(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people_commands import EditTeam
    from opsdesk.core.improve.people_store import stored_teams
    from opsdesk.core.workspace import Changes, Workspace

    changes = _changes(args, {"new_name": "name", "parent": "parent", "lead": "lead"})
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        team_id, old = _team(ws.conn, args.name)
        applied = ws.execute(EditTeam(team_id, changes))
        new = stored_teams(ws.conn)[team_id]
    if applied.changes == Changes.NONE:
        print(f"The team {old} is already so; nothing was changed.")
        return 0
    renamed = f"The team {old} is now {new.name}" if new.name != old else f"Edited {new.name}"
    print(f"{renamed} (lead: {new.lead or 'none'}"
          f"{f', part of {new.parent}' if new.parent else ''}).")
    return 0


def _delete_teams(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.people_commands import DeleteTeams
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        found = dict(_team(ws.conn, name) for name in args.names)
        ws.execute(DeleteTeams(tuple(found), "Delete team" if len(found) == 1
                               else f"Delete {len(found)} teams"))
    print(f"Deleted the {'team' if len(found) == 1 else 'teams'} "
          f"{_listed(list(found.values()))}.")
    return 0
