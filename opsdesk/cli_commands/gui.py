"""``opsdesk`` (the app on the default workspace), ``opsdesk open``, ``opsdesk shot``."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords
from opsdesk.core.errors import NoWorkspace, OpsdeskError


def register(sub: Any) -> None:
    open_cmd = sub.add_parser(
        "open", help="open the app on the workspace at PATH (default: your default workspace)"
    )
    # Optional, so a desktop entry's "opsdesk open %f" also starts the app with no file.
    open_cmd.add_argument("path", type=Path, metavar="PATH", nargs="?")
    passwords.add_option(open_cmd)
    open_cmd.set_defaults(func=lambda args: launch(args.path, passwords.given_source(args)))

    shot = sub.add_parser("shot", help="render every page of the app to PNG files, offscreen")
    shot.add_argument("path", type=Path, metavar="PATH")
    shot.add_argument("--out", type=Path, required=True, metavar="DIR")
    shot.add_argument("--size", default="1400x900", metavar="WxH")
    shot.add_argument("--zoom", type=int, default=100, metavar="PERCENT",
                      help="as View > Zoom shows it (80 to 200; default 100)")
    passwords.add_option(shot)
    shot.set_defaults(func=run_shot)


def launch(path: Path | None, password: Callable[[], str] | None = None) -> int:
    """The GUI; with no path, the default workspace, seeded with the demo on first launch."""
    from opsdesk.core import paths

    if path is not None and not path.exists():
        raise NoWorkspace(path.absolute())
    _check_display_libraries()
    from opsdesk.ui.app import run

    if path is None:
        return run(paths.default_workspace(), seed_demo_if_new=True)
    return run(path, password=password)


def _check_display_libraries() -> None:
    """Refuse in one sentence, before Qt aborts the process for a missing X11 library."""
    import os
    import sys

    from opsdesk.core.xcb_libraries import problem

    sentence = problem(os.environ, sys.platform)
    if sentence:
        raise OpsdeskError(sentence)


def run_shot(args: argparse.Namespace) -> int:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", args.size)
    if not match:
        raise OpsdeskError(f"--size must look like 1400x900, not {args.size!r}.")
    if not args.path.exists():
        raise NoWorkspace(args.path.absolute())
    from opsdesk.ui.shot import render_shots

    if not 80 <= args.zoom <= 200:
        raise OpsdeskError(f"--zoom must be a percentage from 80 to 200, not {args.zoom}.")
    size = (int(match[1]), int(match[2]))
    written = render_shots(args.path, args.out, size, passwords.source(args, args.path),
                           zoom=args.zoom / 100)
    for file in written:
        print(file)
    return 0
