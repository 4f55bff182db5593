"""The ``opsdesk`` command: the GUI launcher and the headless sub-commands.

Each sub-command lives in ``opsdesk/cli_commands/<name>.py`` with a ``register(subparsers)``
function; handlers import what they need when they run, so ``opsdesk --help`` and the
GUI start stay fast. Exit codes: 0 done, 1 the answer is "no" (a failed check, problems
found), 2 bad arguments or input that cannot be used. Never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from opsdesk import __version__
from opsdesk.core.errors import NoWorkspace, OpsdeskError

# Sub-command modules under opsdesk.cli_commands, in the order --help lists them.
COMMAND_MODULES = (
    "gui", "workspace_commands", "audit_keys", "encryption", "kpi", "imports", "report", "spc",
    "gage", "stats", "maps", "vsm", "projects", "actions", "incidents", "goals",
    "people", "causes",
)
# Which module registers each command: a run builds only the parser it needs (start-up).
COMMANDS = {
    "open": "gui",
    "shot": "gui",
    "new": "workspace_commands",
    "demo": "workspace_commands",
    "check": "workspace_commands",
    "author": "workspace_commands",
    "copy": "workspace_commands",
    "recover": "workspace_commands",
    "audit-key": "audit_keys",
    "encrypt": "encryption",
    "decrypt": "encryption",
    "kpi": "kpi",
    "import": "imports",
    "export": "imports",
    "report": "report",
    "spc": "spc",
    "pareto": "spc",
    "gage": "gage",
    "stats": "stats",
    "map": "maps",
    "vsm": "vsm",
    "project": "projects",
    "incident": "incidents",
    "action": "actions",
    "goal": "goals",
    "person": "people",
    "team": "people",
    "cause": "causes",
}


# What argparse takes for a negative number rather than an option: its own pattern
# misses exponents, so "--lsl -1e-3" failed with "expected one argument".
NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


class OneLineParser(argparse.ArgumentParser):
    """argparse with one line on stderr for bad arguments, as the CLI promises."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER  # every command, every option

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that command's module is registered."""
    parser = OneLineParser(
        prog="opsdesk",
        description="Offline workbench for operations excellence. "
        "With no command, opens the app on your default workspace.",
    )
    parser.add_argument("--version", action="version", version=f"opsdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    modules = (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(f"opsdesk.cli_commands.{name}").register(sub)
    return parser


# How a shell reports a tool ended by SIGPIPE (128 + 13): what ``cmd | head`` users expect.
CLOSED_PIPE_EXIT = 141


def main(argv: Sequence[str] | None = None) -> int:
    warnings.showwarning = _log_warning
    try:
        try:
            return _run(argv)
        finally:  # short output is only written here: a closed pipe shows up now
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The reader of our output went away (``| head`` had enough): end quietly."""
    # Python flushes stdout once more at exit and would print an error about it.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return CLOSED_PIPE_EXIT


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    from opsdesk.core import announce

    announce.listener = _announce  # not the workspace module: the app starts without it
    try:
        if args.command is None:
            from opsdesk.cli_commands.gui import launch

            return launch(None)
        return int(args.func(args))
    except NoWorkspace as error:
        import shlex

        print(f"opsdesk: {error} To make an empty one: opsdesk new {shlex.quote(str(error.path))}",
              file=sys.stderr)
        return 2
    except OpsdeskError as error:
        print(f"opsdesk: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("opsdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # not a bug: the reader of our output has gone (see main)
    except Exception as error:  # a bug (log it, say one sentence), or the disk under a file
        from opsdesk.core.logging_setup import log_unexpected
        from opsdesk.core.workspace.storage_errors import translate

        path = getattr(args, "workspace", None) or getattr(args, "path", None)
        said = translate(error, Path(path), "nothing was changed") if path else None
        if said is not None:
            print(f"opsdesk: {said}", file=sys.stderr)
            return 2

        print(f"opsdesk: {log_unexpected(f'running {args.command}', error)}", file=sys.stderr)
        return 2


def _announce(message: str) -> None:
    print(f"opsdesk: {message}", file=sys.stderr)


def _log_warning(*args: Any, **kwargs: Any) -> None:
    """Python warnings (numpy's RuntimeWarning, a library's deprecation) go to the log."""
    from opsdesk.core.logging_setup import log_warning

    log_warning(*args, **kwargs)


def gui_main() -> int:
    """The gui-script entry point: always the app."""
    return main(sys.argv[1:] or [])


if __name__ == "__main__":
    sys.exit(main())
