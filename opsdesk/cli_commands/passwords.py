"""Workspace passwords on the command line: ``--password-file``, ``OPSDESK_PASSWORD``, a prompt.

Every command that opens a workspace takes ``--password-file``; the password is read only
when the workspace turns out to be encrypted, so scripts may set it for plain ones too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from opsdesk.core.errors import OpsdeskError

VARIABLE = "OPSDESK_PASSWORD"


def add_option(parser: Any, what: str = "an encrypted workspace's password") -> None:
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help=f"{what}: the first line of FILE (or set {VARIABLE}; else you are asked)",
    )


def _given(args: argparse.Namespace) -> str | None:
    file: Path | None = getattr(args, "password_file", None)
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
            raise OpsdeskError(f"Cannot read the password file {file} ({reason}).") from None
        if not lines or not lines[0]:
            raise OpsdeskError(f"The password file {file} has no password on its first line.")
        return lines[0]
    return os.environ.get(VARIABLE) or None


def _prompt(text: str) -> str:
    import getpass

    try:
        return getpass.getpass(text)
    except EOFError:
        raise OpsdeskError("No password was given.") from None


def source(args: argparse.Namespace, path: Path) -> Callable[[], str]:
    """The password of the workspace at ``path``, asked for only if it is encrypted."""

    def password() -> str:
        given = _given(args)
        if given is not None:
            return given
        if sys.stdin.isatty():
            return _prompt(f"Password for {path.name}: ")
        raise OpsdeskError(
            f"{path.name} is encrypted: give its password with --password-file FILE "
            f"or {VARIABLE}."
        )

    return password


def given_source(args: argparse.Namespace) -> Callable[[], str] | None:
    """For the app: the password given by file or variable, else None (the app asks)."""
    if getattr(args, "password_file", None) is None and not os.environ.get(VARIABLE):
        return None
    return lambda: _given(args) or ""


def new_password(args: argparse.Namespace, path: Path) -> str:
    """A password for encrypting ``path``: given, or typed twice at a terminal."""
    given = _given(args)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise OpsdeskError(f"Give the new password with --password-file FILE or {VARIABLE}.")
    first = _prompt(f"New password for {path.name}: ")
    if not first:
        raise OpsdeskError("The password is empty; nothing was changed.")
    if _prompt("The same password again: ") != first:
        raise OpsdeskError("The two passwords differ; nothing was changed.")
    return first
