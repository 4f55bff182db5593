"""``opsdesk action``: the one actions list of a workspace, headless."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    action = sub.add_parser(
        "action", help="actions from projects, incident reviews, kaizen bursts and alerts",
        description="Actions headless. Overdue means still open or in progress and due "
        "before the workspace's review date. Exit 0: done; 2: a file or argument cannot "
        "be used.")
    actions = action.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="actions, most urgent first")
    lst.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(lst)
    lst.add_argument("--owner", metavar="NAME", help="only this person's (case and spacing "
                     "forgiven)")
    lst.add_argument("--overdue", action="store_true", help="only the overdue ones")
    lst.add_argument("--json", action="store_true", help='{"actions": [...]} on stdout')
    lst.set_defaults(func=_list)


def action_json(a: Any, as_of: Any) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "owner": a.owner, "status": a.status,
            "priority": a.priority, "due": a.due.isoformat() if a.due else None,
            "done_on": a.done_on.isoformat() if a.done_on else None,
            "overdue": a.overdue(as_of), "days_overdue": a.days_overdue(as_of),
            "source": {"kind": a.source.kind, "ref": a.source.ref, "label": a.source.label},
            "notes": a.notes}


def _list(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.actions import filter_actions
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        as_of = review_date(ws.conn)
        actions = filter_actions(list_actions(ws.conn), as_of, owner=args.owner,
                                 overdue=True if args.overdue else None)
    if args.json:
        print(json.dumps({"actions": [action_json(a, as_of) for a in actions]},
                         ensure_ascii=False))
        return 0
    print(f"{len(actions):,} actions as of {as_of.isoformat()}")
    for a in actions:
        due = a.due.isoformat() if a.due else "no due date"
        late = f", {a.days_overdue(as_of)} days overdue" if a.overdue(as_of) else ""
        print(f"  {a.id:>5}  {a.status:<11} {a.priority:<6} {due}{late}  {a.owner}: "
              f"{a.title} ({a.source.kind}: {a.source.label})")
    return 0
