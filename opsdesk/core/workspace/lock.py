"""One writer per workspace: a lock file beside it that names its holder.

The lock is an OS lock (``flock`` / ``msvcrt.locking``) on ``<workspace>.lock``, which the
OS drops when the holder exits, even on a crash or SIGKILL. So a lock file whose OS lock
can be taken is stale and is taken over; one that cannot is held, and its JSON says by
which process on which host.

A file can have more than one name (hard links), and each name would have its own lock
file; so on POSIX the holder also ``flock``s the workspace file itself, which goes by the
file's identity (device and inode) whatever its name. SQLite's own locks are ``fcntl``
locks, which ``flock`` does not touch. One caution: closing any descriptor of a file drops
the process's ``fcntl`` locks on it, so the descriptor is opened before SQLite connects,
closed after it is done, and never opened twice in one process (``_HELD``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from opsdesk import __version__
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace.audit import current_user
from opsdesk.core.workspace.commands import now_iso


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return (
            f"process {self.pid} of {self.user or 'another user'} on {self.host or 'another host'}"
        )


class WorkspaceLocked(OpsdeskError):
    def __init__(self, path: Path, holder: Holder | None, other_name: Path | None = None) -> None:
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "another opsdesk"
        if other_name is not None and other_name != path:
            who += f" as {other_name} (another name of the same file)"
        super().__init__(
            f"{path.name} is open in {who}; it can be opened read-only until that one closes it."
        )


def hostname() -> str:
    if hasattr(os, "uname"):
        return os.uname().nodename  # no socket import at start-up
    import socket

    return socket.gethostname()


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


def _try_os_lock(handle: IO[Any]) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


# The identities (device, inode) of the workspace files this process holds, and the name
# each is held by.
_HELD: dict[tuple[int, int], Path] = {}


def _identity(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


class WorkspaceLock:
    """Held while a workspace is open for writing; ``release()`` when it closes.

    ``known_as`` is a name the file was last open under (see ``second_name``): a holder
    found through the file's identity is looked up there.
    """

    def __init__(self, workspace: Path, known_as: Path | None = None) -> None:
        self.workspace = workspace
        self.known_as = known_as
        self.path = lock_path(workspace)
        self._handle: IO[Any] | None = None
        self._file: int | None = None  # the descriptor holding the identity lock
        self._identity: tuple[int, int] | None = None
        self.took_over: Holder | None = None  # the stale holder replaced, if any

    def acquire(self) -> None:
        self._acquire_name()
        try:
            self._acquire_identity()
        except BaseException:
            self._release_name()
            raise

    def _acquire_identity(self) -> None:
        if sys.platform == "win32":  # msvcrt locks are mandatory: they would block readers
            return
        identity = _identity(self.workspace)
        if identity in _HELD:
            held_as = _HELD[identity]
            raise WorkspaceLocked(self.workspace, read_holder(held_as), held_as)
        import fcntl

        descriptor = os.open(self.workspace, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            known = self.known_as
            holder = read_holder(known) if known else None
            raise WorkspaceLocked(self.workspace, holder, known) from None
        self._file, self._identity = descriptor, identity
        _HELD[identity] = self.workspace

    def relock(self) -> None:
        """The file at the workspace's path was replaced (a rewrite renamed over it)."""
        self._release_identity()
        self._acquire_identity()

    def _acquire_name(self) -> None:
        for _ in range(5):
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open
            if not _try_os_lock(handle):
                handle.close()
                raise WorkspaceLocked(self.workspace, read_holder(self.workspace))
            # The file may have been replaced between open and lock: lock the one on disk.
            try:
                same = os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            handle.close()
        else:
            raise OpsdeskError(f"Could not lock {self.path.name}; try again.")
        handle.seek(0)
        previous = handle.read()
        if previous.strip():
            self.took_over = read_holder(self.workspace)
        holder = {
            "pid": os.getpid(),
            "host": hostname(),
            "user": current_user(),
            "since": now_iso(),
            "version": __version__,
        }
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(holder))
            handle.flush()
        except OSError:  # a full or read-only disk: give the lock back at once
            with contextlib.suppress(OSError):
                handle.close()
            raise
        self._handle = handle

    def release(self) -> None:
        self._release_identity()
        self._release_name()

    def _release_identity(self) -> None:
        if self._file is not None:
            os.close(self._file)
            self._file = None
        if self._identity is not None:
            _HELD.pop(self._identity, None)
            self._identity = None

    def _release_name(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        self._handle.close()  # closing drops the OS lock
        self._handle = None
