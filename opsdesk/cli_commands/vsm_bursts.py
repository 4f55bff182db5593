"""``opsdesk vsm burst`` and ``vsm bursts``: kaizen bursts on a value stream headless.

``vsm burst WORKSPACE MAP ELEMENT TEXT`` adds the burst, or changes the one already at
ELEMENT with that text (its owner, its project), ``--remove`` removes it and
``--raise-action`` raises an improvement action from it; ``vsm bursts`` lists them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(actions: Any) -> None:
    """The two sub-commands, under ``opsdesk vsm``."""
    burst = actions.add_parser(
        "burst", help="add, change or remove a kaizen burst, or raise an action from it",
        description="A kaizen burst names an improvement the map calls for, at a process or "
        "inventory. With TEXT new at ELEMENT it is added; with a burst of that text there "
        "already, its owner and project are changed (--owner, --project, --no-project), "
        "--remove removes it and --raise-action raises an improvement action from it.")
    burst.add_argument("workspace", type=Path, metavar="WORKSPACE")
    burst.add_argument("map", metavar="MAP", help="the value stream's id or name")
    burst.add_argument("element", metavar="ELEMENT",
                       help="the process or inventory, by name (or its key, as vsm bursts "
                       "shows it)")
    burst.add_argument("text", metavar="TEXT", help="what is to change")
    burst.add_argument("--owner", metavar="NAME", help="who owns the burst")
    burst.add_argument("--project", metavar="ID",
                       help="the improvement project that carries it (its id or name)")
    burst.add_argument("--no-project", action="store_true", help="link it to no project")
    what = burst.add_mutually_exclusive_group()
    what.add_argument("--remove", action="store_true", help="remove the burst")
    what.add_argument("--raise-action", action="store_true",
                      help="raise an open improvement action from the burst")
    burst.add_argument("--due", metavar="DATE",
                       help="with --raise-action: the action's due date (YYYY-MM-DD)")
    passwords.add_option(burst)
    burst.set_defaults(func=_burst)

    listed = actions.add_parser("bursts", help="a value stream's kaizen bursts")
    listed.add_argument("workspace", type=Path, metavar="WORKSPACE")
    listed.add_argument("map", metavar="MAP", help="the value stream's id or name")
    listed.add_argument("--json", action="store_true", help="one JSON object on stdout")
    passwords.add_option(listed)
    listed.set_defaults(func=_bursts)


def _elements(stored: Any) -> list[tuple[str, Any]]:
    """(key, element) of the map's processes, inventories and delays, in flow order."""
    from opsdesk.core.maps.vsm_links import walk
    from opsdesk.core.maps.vsm_model import Parallel

    return [(k, e) for k, e in zip(stored.keys, walk(stored.stream.flow), strict=False)
            if not isinstance(e, Parallel)]


def _element_key(stored: Any, text: str) -> tuple[str, str]:
    """The key and name of the element ``text`` names (its name, case forgiven, or key)."""
    from opsdesk.core.errors import OpsdeskError

    elements = _elements(stored)
    wanted = text.strip()
    named = [(k, e) for k, e in elements if e.name.casefold() == wanted.casefold()] or [
        (k, e) for k, e in elements if k == wanted]
    if len(named) != 1:
        known = ", ".join(e.name or k for k, e in elements) or "none"
        how_many = "more than one" if named else "no"
        raise OpsdeskError(f"{stored.stream.name!r} has {how_many} process or inventory named "
                           f"{text!r} (elements: {known}); nothing was changed.")
    key, element = named[0]
    return key, element.name or key


def _burst(args: argparse.Namespace) -> int:
    from opsdesk.cli_commands.projects import _day
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.improve.project_store import find_project
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.maps import vsm_burst_commands as commands
    from opsdesk.core.maps.vsm_store import find_stream, load_stream
    from opsdesk.core.workspace import Workspace

    if args.project is not None and args.no_project:
        raise OpsdeskError("Give --project or --no-project, not both; nothing was changed.")
    if args.due is not None and not args.raise_action:
        raise OpsdeskError("--due is the due date of an action: give it with --raise-action. "
                           "Nothing was changed.")
    due = _day(args.due, "--due")  # the projects command's reading of a date
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        stored = load_stream(ws.conn, find_stream(ws.conn, args.map))
        key, name = _element_key(stored, args.element)
        text = " ".join(args.text.split())
        same = [b for b in stored.stream.bursts
                if b.at == key and b.text.casefold() == text.casefold()]
        project_id = None
        if args.project is not None:
            project_id = find_project(ws.conn, args.project, review_date(ws.conn)).project.id
        if not same:
            if args.remove or args.raise_action:
                known = "; ".join(repr(b.text) for b in stored.stream.bursts if b.at == key)
                raise OpsdeskError(f"{name} has no kaizen burst {text!r} (its bursts: "
                                   f"{known or 'none'}); nothing was changed.")
            ws.execute(commands.AddBurst(stored.map_id, key, text, args.owner or "",
                                         project_id, f"Add kaizen burst at {name}"))
            print(f"Kaizen burst {text!r} added at {name}.")
            return 0
        burst = same[0]
        if args.remove:
            ws.execute(commands.RemoveBurst(stored.map_id, burst.id,
                                            f"Remove kaizen burst at {name}"))
            print(f"Kaizen burst {burst.text!r} removed from {name}.")
            return 0
        if args.raise_action:
            action = ws.execute(commands.RaiseBurstAction(
                stored.map_id, burst.id, due, args.owner or "")).result
            print(f"Action {action} raised from the kaizen burst {burst.text!r} at {name}.")
            return 0
        owner = burst.owner if args.owner is None else args.owner
        project = None if args.no_project else (project_id if args.project is not None
                                                else burst.project_id)
        applied = ws.execute(commands.EditBurst(stored.map_id, burst.id, burst.text, owner,
                                                project, title=f"Edit kaizen burst at {name}"))
    if not applied.changes:
        print(f"Kaizen burst {burst.text!r} at {name} is as it was; nothing was changed.")
    else:
        print(f"Kaizen burst {burst.text!r} at {name} changed.")
    return 0


def _bursts(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.project_store import project_names
    from opsdesk.core.maps.vsm_store import find_stream, load_stream
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        stored = load_stream(ws.conn, find_stream(ws.conn, args.map))
        names = {k: e.name or k for k, e in _elements(stored)}
        projects = dict(project_names(ws.conn))
    rows = [{"id": b.id, "element": names.get(b.at), "key": b.at, "text": b.text,
             "owner": b.owner, "project_id": b.project_id,
             "project": None if b.project_id is None else projects.get(b.project_id)}
            for b in stored.stream.bursts]
    if args.json:
        print(json.dumps({"map": stored.map_id, "bursts": rows}, ensure_ascii=False))
        return 0
    if not rows:
        print(f"{stored.stream.name!r} has no kaizen bursts.")
    for r in rows:
        where = r["element"] or f"{r['key']} (its element is gone)"
        extra = "".join([f"; {r['owner']}" if r["owner"] else "",
                         f"; project {r['project_id']} {r['project']}" if r["project"] else ""])
        print(f"{where}: {r['text']}{extra}")
    return 0
