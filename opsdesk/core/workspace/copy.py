"""A consistent copy of a workspace, safe while it is open and being written.

Copying the file alone (``cp``) while opsdesk has it open can miss the commits still in
its write-ahead log; SQLite's backup API reads one consistent snapshot, log included.
``opsdesk copy`` and File › Save a Copy both come here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from opsdesk.core import output_file
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import cipher, second_name


def copy_workspace(
    source: sqlite3.Connection,
    source_path: Path,
    target: Path,
    key: cipher.Key | None = None,
    *,
    replace: bool = False,
) -> Path:
    """Copy the workspace read by ``source`` to ``target``, one self-contained file.

    The copy of an encrypted workspace is encrypted with the same key. ``target`` may be
    replaced only with ``replace`` (the user confirmed it); returns the path written.
    """
    target = output_file.check_target(target, "copy")
    if target.exists():
        same = source_path.exists() and source_path.samefile(target)
        if same:
            raise OpsdeskError("Choose a different file for the copy.")
        if not replace:
            raise OpsdeskError(f"{target} already exists; the copy never replaces a file.")
    with output_file.replacing(target, "copy") as temp:
        try:
            copy = cipher.connect(str(temp), key)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                # The copy is a new file with its own name: not "open as" the original.
                copy.execute("DELETE FROM meta WHERE key = ?", (second_name.KEY,))
                copy.commit()
            finally:
                copy.close()
        except cipher.errors("Error") as error:
            raise OpsdeskError(f"Could not write {target.name}: {error}.") from None
    return target
