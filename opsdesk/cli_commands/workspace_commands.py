"""``opsdesk new``, ``opsdesk demo`` and ``opsdesk check``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    new = sub.add_parser("new", help="make an empty workspace at PATH")
    new.add_argument("path", type=Path, metavar="PATH")
    new.set_defaults(func=run_new)

    demo = sub.add_parser("demo", help="write a realistic demo workspace to PATH")
    demo.add_argument("path", type=Path, metavar="PATH")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--force", action="store_true", help="replace PATH if it exists")
    demo.set_defaults(func=run_demo)

    check = sub.add_parser(
        "check", help="check a workspace: SQLite integrity, schema and audit chain"
    )
    check.add_argument("path", type=Path, metavar="PATH")
    passwords.add_option(check)
    check.set_defaults(func=run_check)


def run_new(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.workspace import Workspace

    if args.path.exists():
        raise OpsdeskError(f"{args.path} already exists; opsdesk new never replaces a file.")
    Workspace.open(args.path, create=True).close()
    print(f"Made an empty workspace at {args.path}.")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from opsdesk.core.demo import write_demo

    summary = write_demo(args.path, seed=args.seed, replace=args.force)
    print(f"Wrote {args.path}: {summary}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from opsdesk.core.workspace.check import check_workspace

    report = check_workspace(args.path, password=passwords.source(args, args.path))
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1
