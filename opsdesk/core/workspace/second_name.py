"""The name a workspace file is open under, recorded in the file for its other names.

SQLite keeps a database's write-ahead log beside it, named after the path it was opened
by (``NAME-wal``). A file with two names (a hard link) is two databases to SQLite: a
writer through one name commits into ``a.opsdesk-wal``, and a reader or writer through
``b.opsdesk`` sees the file without those commits, then writes its own log, and one of
the two histories is lost when the logs are folded back. Symlinks are resolved to the
real path before anything is opened, so they share the real name's log and lock.

For hard links, each writer records the real path it opened the file by in ``meta``
(``open_as``) and folds that record into the file itself at once, where every other name
reads it. Another name then refuses to open while that name's log holds frames (open, or
not closed cleanly): its commits are only there. The lock goes by the file's identity too
(see ``lock``), so two names are never written at once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import cipher

KEY = "open_as"


class OtherName(OpsdeskError):
    """The file's latest changes are in the write-ahead log of ``use_instead``."""

    def __init__(self, path: Path, use_instead: Path) -> None:
        self.path = path
        self.use_instead = use_instead
        super().__init__(
            f"{path.name} is another name (a hard link) of {use_instead}, whose latest changes "
            f"are still in {use_instead.name}-wal beside it; open it as {use_instead}."
        )


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def recorded_name(path: Path, key: cipher.Key | None) -> Path | None:
    """The name recorded in the file itself (not in any log), or None.

    Read as ``immutable``: no lock, no log and no shared-memory file is made for this name.
    """
    uri = f"file:{quote(str(path))}?mode=ro&immutable=1"
    try:
        conn = cipher.connect(uri, key, uri=True)
    except cipher.errors("Error"):
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchone()
    except cipher.errors("Error"):  # no meta table yet (a new or old-format file)
        return None
    finally:
        conn.close()
    return Path(row[0]) if row else None


def _has_frames(wal: Path) -> bool:
    try:
        return wal.stat().st_size > 0  # a reader leaves an empty one behind
    except OSError:
        return False


def refuse_if_held_elsewhere(path: Path, recorded: Path | None) -> None:
    """Raise ``OtherName`` when ``recorded`` is another name of this file with a log."""
    if recorded is None or recorded == path or not _has_frames(wal_of(recorded)):
        return
    with contextlib.suppress(OSError):
        if os.path.samefile(recorded, path):
            raise OtherName(path, recorded)


def record(conn: sqlite3.Connection, path: Path) -> None:
    """Record ``path`` as the name the file is open under, in the file itself.

    Only written when it changes (the first open by a new name); the checkpoint folds it
    into the file at once, where other names read it.
    """
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchone()
    if row and row[0] == str(path):
        return
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (KEY, str(path)))
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
