"""``opsdesk new``, ``demo``, ``check``, ``copy`` and ``recover``."""

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
    check.add_argument("--against", type=Path, metavar="REPORT",
                       help="a PDF review or xlsx export: is the history it was made from "
                       "still in this workspace's audit trail?")
    check.add_argument("--repair", action="store_true",
                       help="first sum the period aggregates afresh from the observations "
                       "(what a failed 'period aggregates' line asks for); the rest of a "
                       "workspace is its data, which a check never changes")
    passwords.add_option(check)
    check.set_defaults(func=run_check)

    author = sub.add_parser(
        "author", help="show or set the name the audit trail records for changes",
        description="With NAME, every change made from now on is recorded under it; with "
        "--clear (or no author set), the login name is recorded, marked as reported by the "
        "operating system.")
    author.add_argument("path", type=Path, metavar="WORKSPACE")
    author.add_argument("name", nargs="?", metavar="NAME")
    author.add_argument("--clear", action="store_true", help="record the login name again")
    passwords.add_option(author)
    author.set_defaults(func=run_author)

    copy = sub.add_parser(
        "copy", help="a consistent copy of a workspace, safe while it is open",
        description="Copy WORKSPACE to DEST through SQLite's backup API: one consistent "
        "snapshot, including what is still in its write-ahead log, safe while opsdesk has it "
        "open. DEST must not exist.",
    )
    copy.add_argument("path", type=Path, metavar="WORKSPACE")
    copy.add_argument("dest", type=Path, metavar="DEST")
    passwords.add_option(copy)
    copy.set_defaults(func=run_copy)

    recover = sub.add_parser(
        "recover", help="save every readable row of a damaged workspace into a new one",
        description="Read every row of DAMAGED that can still be read into the new workspace "
        "NEW, and say what could not be (exit 1 if anything was lost). DAMAGED is only read.",
    )
    recover.add_argument("path", type=Path, metavar="DAMAGED")
    recover.add_argument("dest", type=Path, metavar="NEW")
    passwords.add_option(recover)
    recover.set_defaults(func=run_recover)


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


def run_author(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.workspace import Workspace, audit
    from opsdesk.core.workspace.author import SetAuthor

    if args.clear and args.name:
        raise OpsdeskError("Give a NAME or --clear, not both.")
    write = args.clear or args.name is not None
    with Workspace.open(args.path, read_only=not write,
                        password=passwords.source(args, args.path)) as ws:
        if write:
            ws.execute(SetAuthor(None if args.clear else args.name))
        name = audit.author(ws.conn)
        print(name or f"No author is set: changes are recorded as "
              f"{audit.recorded_user(ws.conn)}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    import functools

    from opsdesk.core.workspace.check import check_workspace, repair

    password = functools.cache(passwords.source(args, args.path))  # asked once for both
    if args.repair:
        summed = repair(args.path, password=password)
        print(f"Summed the period aggregates of {summed} KPI{'' if summed == 1 else 's'} "
              "afresh from their observations.")
    report = check_workspace(args.path, password=password, against=args.against)
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


def run_copy(args: argparse.Namespace) -> int:
    from opsdesk.core.workspace import Workspace
    from opsdesk.core.workspace.copy import copy_workspace

    password = passwords.source(args, args.path)
    with Workspace.open(args.path, read_only=True, password=password) as ws:
        written = copy_workspace(ws.conn, ws.path, args.dest, ws.key)
    print(f"Copied {args.path} to {written}.")
    return 0


def run_recover(args: argparse.Namespace) -> int:
    import os

    from opsdesk.core.workspace import cipher
    from opsdesk.core.workspace.recover import open_damaged, recover

    source = Path(os.path.realpath(args.path))
    if not source.is_file():
        from opsdesk.core.errors import NoWorkspace

        raise NoWorkspace(source)
    key = None
    try:
        from opsdesk.core.workspace.file_check import read_header

        read_header(source)
    except cipher.EncryptedWorkspace:
        key = cipher.key_for(source, passwords.source(args, args.path)())
    conn = open_damaged(source, key)
    try:
        recovery = recover(conn, source, args.dest, key)
    finally:
        conn.close()
    print(f"Recovered {recovery.kept:,} rows from {args.path} into {args.dest}.")
    for line in recovery.lost:
        print(f"  lost: {line}")
    if not recovery.lost:
        print("Nothing was lost.")
    return 1 if recovery.lost else 0
