"""SQLite's errors about the file and the disk under it, each as one plain sentence.

SQLite says "database or disk is full", "disk I/O error" or "database disk image is
malformed"; the user needs to hear which file, what it means, and that nothing changed.
Python 3.11 gives the exact result code (``sqlite_errorname``); SQLCipher's errors do not
carry it, so their message is matched too.
"""

from __future__ import annotations

from pathlib import Path

from opsdesk.core.errors import OpsdeskError


class DiskFull(OpsdeskError):
    pass


class WorkspaceDamaged(OpsdeskError):
    pass


def _name(error: BaseException) -> str:
    return str(getattr(error, "sqlite_errorname", "") or "")


def is_full(error: BaseException) -> bool:
    return _name(error).startswith("SQLITE_FULL") or "database or disk is full" in str(error)


def is_io(error: BaseException) -> bool:
    return _name(error).startswith("SQLITE_IOERR") or str(error) == "disk I/O error"


def is_damage(error: BaseException) -> bool:
    name = _name(error)
    text = str(error)
    return (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or text == "file is not a database"
    )


def damaged(path: Path, detail: str, read_only_now: bool = False) -> WorkspaceDamaged:
    state = " and open read-only, so nothing more is written into it" if read_only_now else ""
    return WorkspaceDamaged(
        f"{path.name} is damaged{state} ({detail}); opsdesk check {path.name} names what, "
        f"and opsdesk recover {path.name} NEW saves every row that can still be read."
    )


def translate(error: BaseException, path: Path, doing: str) -> OpsdeskError | None:
    """The sentence for a storage error, ``doing`` saying its outcome ("nothing was
    changed"), or None for any other error."""
    if is_full(error):
        return DiskFull(f"The disk holding {path.name} is full, so {doing}.")
    if is_io(error):
        return OpsdeskError(
            f"The disk holding {path.name} could not be written or read (disk I/O error; "
            f"it may be full or failing), so {doing}."
        )
    if is_damage(error):
        return damaged(path, str(error))
    return None
