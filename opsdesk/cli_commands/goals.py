"""``opsdesk goal``: strategy deployment headless (goals by horizon and pillar, the KPIs
that measure them and the projects that move them, each goal's status)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    from opsdesk.core.improve.strategy import HORIZONS, PILLARS

    goal = sub.add_parser(
        "goal", help="goals by horizon under the pillars, and what serves them",
        description="Goals headless. A goal's status comes from the statuses of the KPIs "
        "linked to it as of the review date: any red is off track, any amber at risk, all "
        "green on track. Exit 0: done; 2: a file or argument cannot be used.")
    verbs = goal.add_subparsers(dest="verb", metavar="VERB", required=True)
    lst = verbs.add_parser("list", help="the goals with their status and links")
    lst.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(lst)
    lst.add_argument("--json", action="store_true", help='{"goals": [...]} on stdout')
    lst.set_defaults(func=_list)

    add = verbs.add_parser("add", help="a new goal")
    add.add_argument("workspace", type=Path, metavar="WORKSPACE")
    add.add_argument("title", metavar="TITLE")
    passwords.add_option(add)
    add.add_argument("--pillar", choices=PILLARS, required=True)
    add.add_argument("--horizon", choices=HORIZONS, required=True)
    add.add_argument("--target-date", required=True, metavar="DATE", help="e.g. 2027-12-31")
    add.add_argument("--owner", default="", metavar="NAME")
    add.add_argument("--serves", metavar="GOAL", help="the longer-horizon goal (id or title)")
    add.add_argument("--description", default="")
    add.add_argument("--json", action="store_true", help="one JSON object on stdout")
    add.set_defaults(func=_add)

    link = verbs.add_parser("link", help="link a KPI that measures a goal or a project "
                            "that moves it")
    link.add_argument("workspace", type=Path, metavar="WORKSPACE")
    link.add_argument("goal", metavar="GOAL", help="the goal's id or title")
    passwords.add_option(link)
    target = link.add_mutually_exclusive_group(required=True)
    target.add_argument("--kpi", metavar="NAME")
    target.add_argument("--project", metavar="NAME", help="the project's name or id")
    link.add_argument("--weak", action="store_true", help="a weak correlation (default: strong)")
    link.set_defaults(func=_link)


def goal_json(s: Any, g: Any) -> dict[str, Any]:
    return {"id": g.id, "title": g.title, "pillar": g.pillar, "horizon": g.horizon,
            "owner": g.owner, "target_date": g.target_date.isoformat(),
            "status": s.status[g.id], "serves": g.serves, "description": g.description,
            "kpis": [{"id": k.ref, "name": s.kpi_names.get(k.ref, ""), "strength": k.strength}
                     for k in g.kpis],
            "projects": [{"id": p.ref, "name": s.project_names.get(p.ref, ""),
                          "strength": p.strength} for p in g.projects]}


def _list(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.goal_store import strategy
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        s = strategy(ws.conn)
    if args.json:
        print(json.dumps({"as_of": s.as_of.isoformat(),
                          "goals": [goal_json(s, g) for g in s.goals],
                          "notes": [*s.roadmap.notes, *s.matrix.notes]}, ensure_ascii=False))
        return 0
    print(f"{len(s.goals):,} goals as of {s.as_of.isoformat()}")
    for g in s.goals:
        kpis = ", ".join(s.kpi_names.get(k.ref, "?") for k in g.kpis) or "no KPI"
        print(f"  {g.id:>4}  {s.status[g.id]:<9} {g.horizon:<9} {g.pillar}: {g.title} "
              f"(by {g.target_date.isoformat()}, {g.owner or 'no owner'}; measured by {kpis})")
    return 0


def _add(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.improve.goal_commands import AddGoal
    from opsdesk.core.improve.goal_store import find_goal
    from opsdesk.core.improve.strategy import Goal
    from opsdesk.core.workspace import Workspace

    try:
        target = date.fromisoformat(args.target_date)
    except ValueError:
        raise OpsdeskError(f"--target-date must be a date like 2027-12-31, not "
                           f"{args.target_date!r}.") from None
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        serves = find_goal(ws.conn, args.serves).id if args.serves else None
        new = Goal(0, args.title, args.pillar, args.horizon, args.owner, target,
                   args.description, serves=serves)
        goal_id = ws.execute(AddGoal(new)).result
    if args.json:
        print(json.dumps({"id": goal_id, "title": new.title.strip()}, ensure_ascii=False))
    else:
        print(f"Added the goal {new.title.strip()!r} ({new.horizon}, {new.pillar}).")
    return 0


def _link(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.goal_commands import LinkGoal
    from opsdesk.core.improve.goal_store import find_goal
    from opsdesk.core.improve.project_store import find_project
    from opsdesk.core.improve.strategy import Strength
    from opsdesk.core.kpi.definitions import kpi_by_name
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    strength: Strength = "weak" if args.weak else "strong"
    with Workspace.open(args.workspace, password=password) as ws:
        goal = find_goal(ws.conn, args.goal)
        if args.kpi:
            kpi = kpi_by_name(ws.conn, args.kpi)
            ws.execute(LinkGoal(goal.id, kpi_id=kpi.id, strength=strength))
            what = f"the KPI {kpi.name!r}"
        else:
            project = find_project(ws.conn, args.project, review_date(ws.conn)).project
            ws.execute(LinkGoal(goal.id, project_id=project.id, strength=strength))
            what = f"the project {project.name!r}"
    print(f"Linked {what} to the goal {goal.title!r} ({strength}).")
    return 0
