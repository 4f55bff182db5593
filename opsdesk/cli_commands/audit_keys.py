"""``opsdesk audit-key export|import``: carry a workspace's audit key to another machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    command = sub.add_parser(
        "audit-key", help="carry a workspace's audit key to another machine, deliberately",
        description="export writes the key this machine signs WORKSPACE's audit trail with to "
        "a new file; import, on another machine, keeps it there, so the entries it signed can "
        "be verified there too.")
    actions = command.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write this machine's key to a new FILE")
    export.add_argument("path", type=Path, metavar="WORKSPACE")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    passwords.add_option(export)
    export.set_defaults(func=run_export)
    keep = actions.add_parser("import", help="keep the key in FILE on this machine")
    keep.add_argument("path", type=Path, metavar="WORKSPACE")
    keep.add_argument("file", type=Path, metavar="FILE")
    passwords.add_option(keep)
    keep.set_defaults(func=run_import)


def _workspace_id(args: argparse.Namespace) -> str:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.workspace import Workspace, audit_key

    with Workspace.open(args.path, read_only=True,
                        password=passwords.source(args, args.path)) as ws:
        ws_id = audit_key.workspace_id(ws.conn)
    if ws_id is None:
        raise OpsdeskError(f"{args.path.name} has no audit key yet: nothing was recorded in it.")
    return ws_id


def run_export(args: argparse.Namespace) -> int:
    from opsdesk.core.workspace import audit_key

    key = audit_key.export_key(_workspace_id(args), args.out)
    print(f"Warning: {audit_key.GRANTS}", file=sys.stderr)
    print(f"Wrote key {key} of {args.path.name} to {args.out}.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from opsdesk.core.workspace import audit_key

    key = audit_key.import_key(_workspace_id(args), args.file)
    print(f"Warning: {audit_key.GRANTS}", file=sys.stderr)
    print(f"Kept key {key} for {args.path.name}: the entries it signed can be verified here.")
    return 0
