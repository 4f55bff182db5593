"""Encrypting and decrypting a workspace file in place, its backup copies too.

SQLCipher cannot encrypt a plain file where it lies, so the file is exported
(``sqlcipher_export``) into a new file beside it with the new key, which is then renamed
over the old one: at every moment the path holds either the whole old file or the whole
new one. Before the rename the old file's write-ahead log is folded in and removed, so no
unencrypted -wal or -shm is left beside the new file (nor a stale one to be replayed into
it). What this cannot reach: copies made elsewhere, and the old bytes in the disk's free
space, which only the operating system's disk encryption covers.
"""

from __future__ import annotations

import os
from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace import cipher, migrations


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        descriptor = os.open(path, flags)
    except OSError:  # a folder cannot be opened on Windows; its rename is durable there
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def rewrite(path: Path, old: cipher.Key | None, new: cipher.Key | None) -> None:
    """Replace ``path`` (read with ``old``) by the same database under ``new``.

    Nothing else may have the file open. Raises ``WrongPassword`` when ``old`` does not
    read it; on any failure the file is left as it was.
    """
    if path.stat().st_nlink > 1:
        raise OpsdeskError(
            f"{path.name} has another name (a hard link), which would keep the old contents; "
            "remove the other name first. Nothing was changed."
        )
    temp = path.with_name(path.name + ".rewriting")
    for leftover in (temp, temp.with_name(temp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    source = cipher.sqlcipher_connect(str(path), old, isolation_level=None)
    try:
        try:
            user_version = source.execute("PRAGMA user_version").fetchone()[0]
        except cipher.errors("DatabaseError"):
            raise cipher.WrongPassword(f"Wrong password for {path.name}.") from None
        application_id = source.execute("PRAGMA application_id").fetchone()[0]
        source.execute(
            "ATTACH DATABASE ? AS target KEY ?",
            (str(temp), new.raw_text() if new else ""),
        )
        try:
            source.execute("SELECT sqlcipher_export('target')")
            # sqlcipher_export copies the schema and rows, not these two header fields.
            source.execute(f"PRAGMA target.user_version = {int(user_version)}")
            source.execute(f"PRAGMA target.application_id = {int(application_id)}")
        finally:
            source.execute("DETACH DATABASE target")
        # Fold the log into the old file and drop it: a -wal left beside the new file
        # would be replayed into it.
        source.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        source.close()
        temp.unlink(missing_ok=True)
        raise
    source.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        temp.unlink(missing_ok=True)
        raise OpsdeskError(f"{path.name} is still in use; close it everywhere and try again.")
    wal.unlink(missing_ok=True)
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    _fsync(temp)
    os.replace(temp, path)
    _fsync(path.parent)


def rewrite_backups(
    path: Path, old: cipher.Key | None, new: cipher.Key | None
) -> tuple[list[Path], list[Path]]:
    """Rewrite each migration backup of ``path`` that ``old`` reads: (rewritten, left alone).

    A backup that ``old`` does not read (one encrypted under another password) is left.
    """
    done: list[Path] = []
    left: list[Path] = []
    for backup in migrations.backups_of(path):
        try:
            rewrite(backup, old, new)
        except cipher.WrongPassword:
            left.append(backup)
        else:
            done.append(backup)
    return done, left
