"""Every file opsdesk writes for the user (PDF, spreadsheet, CSV, workspace copy, PNG).

One way: the content is written to a temporary file in the target's folder, flushed to
disk, and renamed over the target, so a failed or interrupted write leaves the old file
(or nothing) and never half a file. Only regular files are written: a device such as
``/dev/full``, a FIFO or a folder at the target is refused, never replaced. A symlink is
followed, so the file it points to is replaced and the link stays.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from opsdesk.core.errors import OpsdeskError


def os_reason(error: OSError) -> str:
    """A few words for an OSError, the disk being full said plainly."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    return (error.strerror or type(error).__name__).lower()


def check_target(path: Path, what: str = "file") -> Path:
    """The real path to write (symlinks followed), refused before any work starts if it
    cannot be written."""
    path = Path(os.path.realpath(path.expanduser()))
    folder = path.parent
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OpsdeskError(f"{path} cannot be written ({os_reason(error)}).") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OpsdeskError(f"{path} is a folder; give a file name for the {what}.")
    if mode is not None and not stat.S_ISREG(mode):
        raise OpsdeskError(
            f"{path} is not a regular file (a device, FIFO or socket); "
            "opsdesk writes only to regular files."
        )
    if not folder.is_dir():
        raise OpsdeskError(f"The folder {folder} does not exist, so {path.name} cannot be written.")
    if not os.access(folder, os.W_OK) or (mode is not None and not os.access(path, os.W_OK)):
        raise OpsdeskError(f"{path} cannot be written: permission denied.")
    return path


def _fsync(descriptor_path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        descriptor = os.open(descriptor_path, flags)
    except OSError:  # a folder cannot be opened on Windows; its rename is durable there
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def replacing(target: Path, what: str = "file") -> Iterator[Path]:
    """Yield a new, empty temporary path to write; on success it replaces ``target``.

    The temporary file ends with the target's suffix (writers that choose a format by
    name see the right one) and is made as ``open(..., "w")`` would make the target
    (0666 less the umask); a file that is replaced keeps its mode. Any OSError becomes one
    sentence, and nothing is left behind.
    """
    path = check_target(target, what)
    temp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.part{path.suffix}")
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise OpsdeskError(
            f"{path.name} cannot be written in {path.parent} ({os_reason(error)})."
        ) from None
    try:
        yield temp
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        _fsync(temp)
        os.replace(temp, path)
        _fsync(path.parent, directory=True)
    except OSError as error:
        raise OpsdeskError(
            f"{path} was not written ({os_reason(error)}); nothing was changed."
        ) from None
    finally:
        temp.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes, what: str = "file") -> Path:
    """``data`` as the whole new content of ``target``; returns the real path written."""
    with replacing(target, what) as temp:
        temp.write_bytes(data)
    return Path(os.path.realpath(target.expanduser()))
