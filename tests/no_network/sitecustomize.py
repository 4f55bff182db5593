"""No network, ever: every Python the test suite starts loads this (its folder is put on
PYTHONPATH), and every socket connect or send-to then fails.

opsdesk promises to open no socket (data residency). The error is an ``OSError``, as an
offline machine's would be, so the code under test behaves as it would there; its message
names the rule, so a test that trips it says why.
"""

from __future__ import annotations

import socket
from typing import Any


class NetworkBlocked(PermissionError):
    """A socket connect attempted under the test suite."""


def _refuse(self: socket.socket, *args: Any, **kwargs: Any) -> Any:
    raise NetworkBlocked(f"opsdesk's test suite allows no network connection (to {args[:1]!r})")


def block() -> None:
    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, name, _refuse)


block()
