"""``opsdesk cause``: a project's or an incident's root causes headless (the fishbone's
tree: categories, causes and sub-causes, each open, confirmed or ruled out)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords

STATUS_WORDS = {"open": "open", "confirmed": "confirmed", "ruled-out": "ruled out"}


def _whose(parser: Any) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--project", metavar="PROJECT", help="the project's id or name")
    group.add_argument("--incident", metavar="INCIDENT", help="the incident's key or id")


def register(sub: Any) -> None:
    cause = sub.add_parser(
        "cause", help="root causes of a project or an incident, as a tree",
        description="Root causes headless. A cause sits under a category (the 6M: "
        "Manpower, Machine, Method, Material, Measurement, Mother Nature, or the team's "
        "own) or under another cause as its sub-cause, and is open, confirmed (with its "
        "evidence) or ruled out. Every change is one undoable step in the app's history. "
        "Exit 0: done; 2: a file or argument cannot be used.")
    verbs = cause.add_subparsers(dest="verb", metavar="VERB", required=True)
    lst = verbs.add_parser("list", help="the causes in tree order")
    lst.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(lst)
    _whose(lst)
    lst.add_argument("--json", action="store_true", help='{"causes": [...]} on stdout')
    lst.set_defaults(func=_list)

    add = verbs.add_parser("add", help="a new cause (or sub-cause, with --parent)")
    add.add_argument("workspace", type=Path, metavar="WORKSPACE")
    add.add_argument("text", metavar="TEXT")
    passwords.add_option(add)
    _whose(add)
    add.add_argument("--category", required=True, metavar="CATEGORY",
                     help="a 6M category or your own (a sub-cause takes its parent's)")
    add.add_argument("--parent", type=int, metavar="ID", help="the cause this one explains")
    add.add_argument("--evidence", default="", metavar="TEXT")
    add.set_defaults(func=_add)

    put = verbs.add_parser("set", help="change a cause's status, evidence, text or category")
    put.add_argument("workspace", type=Path, metavar="WORKSPACE")
    put.add_argument("id", type=int, metavar="ID")
    passwords.add_option(put)
    put.add_argument("--status", choices=tuple(STATUS_WORDS))
    put.add_argument("--evidence", metavar="TEXT")
    put.add_argument("--text", metavar="TEXT")
    put.add_argument("--category", metavar="CATEGORY")
    put.set_defaults(func=_set)

    delete = verbs.add_parser("delete", help="causes with their sub-causes")
    delete.add_argument("workspace", type=Path, metavar="WORKSPACE")
    delete.add_argument("ids", type=int, nargs="+", metavar="ID")
    passwords.add_option(delete)
    delete.set_defaults(func=_delete)


def _owner(conn: Any, args: argparse.Namespace) -> tuple[Any, str]:
    """Whose causes (a ``CauseOwner``) and how to name it."""
    from opsdesk.core.improve.root_cause_store import CauseOwner

    if args.project is not None:
        from opsdesk.core.improve.project_store import find_project
        from opsdesk.core.kpi.review_date import review_date

        project = find_project(conn, args.project, review_date(conn)).project
        return CauseOwner("project", project.id), f"the project {project.name!r}"
    from opsdesk.core.improve.incident_store import find_incident

    incident = find_incident(conn, args.incident)
    return CauseOwner("incident", incident.id), f"the incident {incident.incident.key}"


def _list(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.root_cause_store import causes_of
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        owner, name = _owner(ws.conn, args)
        causes = causes_of(ws.conn, owner)
    if args.json:
        print(json.dumps({owner.kind: owner.id, "causes": [
            {"id": c.id, "category": c.category, "cause": c.cause, "parent_id": c.parent_id,
             "depth": c.depth, "status": c.status, "evidence": c.evidence,
             "whys": [{"answer": w.answer, "evidence": w.evidence} for w in c.chain]}
            for c in causes]}, ensure_ascii=False))
        return 0
    if not causes:
        print(f"No root causes for {name} yet; opsdesk cause add gives it one.")
        return 0
    confirmed = sum(c.confirmed for c in causes)
    print(f"{len(causes):,} causes of {name}, {confirmed} confirmed")
    for c in causes:
        where = f"{c.category}: " if c.depth == 0 else "  " * c.depth + "└ "
        proof = f" — {c.evidence}" if c.evidence else ""
        print(f"  {c.id:>4}  {c.status:<9}  {where}{c.cause}{proof}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.cause_commands import AddCause
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        owner, name = _owner(ws.conn, args)
        cause_id = ws.execute(AddCause(owner, args.category, args.text, args.parent,
                                       args.evidence)).result
    print(f"Added cause {cause_id} to {name}.")
    return 0


def _set(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.improve.cause_commands import EditCause
    from opsdesk.core.workspace import Workspace

    changes: dict[str, Any] = {}
    if args.status is not None:
        changes["status"] = STATUS_WORDS[args.status]
    if args.evidence is not None:
        changes["evidence"] = args.evidence
    if args.text is not None:
        changes["cause"] = args.text
    if args.category is not None:
        changes["category"] = args.category
    if not changes:
        raise OpsdeskError("Say what to change: --status, --evidence, --text or --category.")
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        applied = ws.execute(EditCause(args.id, changes))
    print(f"Cause {args.id} " + ("changed." if applied.changes else "was already so."))
    return 0


def _delete(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.cause_commands import DeleteCauses
    from opsdesk.core.improve.root_cause_store import descendants
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        ids = set(args.ids)
        for cause_id in args.ids:
            ids.update(descendants(ws.conn, cause_id))
        ws.execute(DeleteCauses(tuple(args.ids)))
    n = len(ids)
    print(f"Deleted {n} cause{'' if n == 1 else 's'} (sub-causes included).")
    return 0
