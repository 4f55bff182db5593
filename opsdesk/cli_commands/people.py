"""``opsdesk person`` and ``opsdesk team``: the people directory headless (who is in which
team with which role, and each person's workload as of the review date)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    person = sub.add_parser(
        "person", help="the people directory: names, teams, roles and workload",
        description="People headless. Every owner field picks a name from the directory. "
        "Workload: open and overdue actions (overdue as of the review date) and the active "
        "projects a person leads or is on. Exit 0: done; 2: a file or argument cannot be "
        "used.")
    verbs = person.add_subparsers(dest="verb", metavar="VERB", required=True)
    lst = verbs.add_parser("list", help="everyone, by name, with their workload")
    lst.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(lst)
    lst.add_argument("--team", metavar="TEAM", help="only this team's members")
    lst.add_argument("--json", action="store_true", help='{"people": [...]} on stdout')
    lst.set_defaults(func=_list_people)

    add = verbs.add_parser("add", help="a new person")
    add.add_argument("workspace", type=Path, metavar="WORKSPACE")
    add.add_argument("name", metavar="NAME")
    passwords.add_option(add)
    add.add_argument("--team", default="", metavar="TEAM", help="a team in the directory")
    add.add_argument("--role", default="", metavar="ROLE", help='e.g. "Line manager"')
    add.add_argument("--email", default="", metavar="EMAIL")
    add.set_defaults(func=_add_person)

    team = sub.add_parser(
        "team", help="the teams of the people directory",
        description="Teams headless: a team has a lead from the directory and may belong "
        "to another team. Exit 0: done; 2: a file or argument cannot be used.")
    team_verbs = team.add_subparsers(dest="verb", metavar="VERB", required=True)
    tlist = team_verbs.add_parser("list", help="every team, by name, with its members")
    tlist.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(tlist)
    tlist.add_argument("--json", action="store_true", help='{"teams": [...]} on stdout')
    tlist.set_defaults(func=_list_teams)

    tadd = team_verbs.add_parser("add", help="a new team")
    tadd.add_argument("workspace", type=Path, metavar="WORKSPACE")
    tadd.add_argument("name", metavar="NAME")
    passwords.add_option(tadd)
    tadd.add_argument("--lead", default="", metavar="NAME", help="someone in the directory")
    tadd.add_argument("--parent", default="", metavar="TEAM", help="the team it belongs to")
    tadd.set_defaults(func=_add_team)


def person_json(p: Any, w: Any) -> dict[str, Any]:
    return {"name": p.name, "team": p.team, "role": p.role, "email": p.email,
            "workload": {"open_actions": w.open_actions, "overdue_actions": w.overdue_actions,
                         "projects_led": w.projects_led, "projects_in": w.projects_in}}


def _list_people(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
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
              f"on {w['projects_in']} more")
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
