"""Errors that carry one plain sentence for the user.

Anything raised as an ``OpsdeskError`` is expected bad input (a broken file, a locked
workspace, a wrong value): its message is shown as is and nothing has changed.
Everything else is a bug and goes to the log file.
"""

from __future__ import annotations


class OpsdeskError(Exception):
    """An expected failure; ``str(error)`` is one sentence a user can act on."""


class Cancelled(Exception):
    """Raised by long work when its ``cancelled()`` callback says so; nothing was changed."""
