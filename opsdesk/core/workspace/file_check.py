"""Tell an opsdesk workspace from everything else before SQLite touches it.

Reads the 100-byte SQLite header (https://www.sqlite.org/fileformat.html, section 1.3):
magic string, page size at offset 16, page count at 28 (valid when the number at 92
equals the change counter at 24), user_version at 60, application_id at 68. An encrypted
workspace has no such header (SQLCipher encrypts page 1 too): it is told apart as one.
"""

from __future__ import annotations

import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace.cipher import PAGE_BYTES, EncryptedWorkspace, looks_encrypted
from opsdesk.core.workspace.schema import APPLICATION_ID, SCHEMA_VERSION

MAGIC = b"SQLite format 3\x00"


class NotAWorkspace(OpsdeskError):
    pass


class NewerWorkspace(OpsdeskError):
    pass


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int | None  # None when the header's count is not trustworthy
    user_version: int
    application_id: int


def companions(path: Path) -> list[Path]:
    """The files SQLite and opsdesk keep beside a workspace: its write-ahead log, shared
    memory, rollback journal and lock file (they are named after the path)."""
    return [path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal", ".lock")]


def hot(path: Path, suffix: str) -> bool:
    """Whether the log or journal ``suffix`` beside ``path`` holds anything."""
    try:
        return path.with_name(path.name + suffix).stat().st_size > 0
    except OSError:
        return False


def check_regular(path: Path) -> None:
    """Refuse a folder, FIFO, device or socket: reading one could hang or never end."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise NotAWorkspace(f"{path} is a folder, not an opsdesk workspace.")
    if not stat.S_ISREG(mode):
        raise NotAWorkspace(f"{path} is not a regular file, so it is not an opsdesk workspace.")


def read_header(path: Path) -> Header | None:
    """The header, or None for an empty file (a new workspace).

    Raises NotAWorkspace, or EncryptedWorkspace for a file that looks encrypted.
    """
    check_regular(path)
    with open(path, "rb") as handle:
        raw = handle.read(PAGE_BYTES)
    if not raw:
        return None
    if len(raw) < 100 or not raw.startswith(MAGIC):
        if looks_encrypted(raw, path.stat().st_size):
            raise EncryptedWorkspace(f"{path.name} is encrypted and needs its password.")
        raise NotAWorkspace(f"{path.name} is not an opsdesk workspace (it is not a SQLite file).")
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", raw[24:32])
    valid_for = struct.unpack(">I", raw[92:96])[0]
    user_version, application_id = (
        struct.unpack(">i", raw[60:64])[0],
        struct.unpack(">i", raw[68:72])[0],
    )
    return Header(
        page_size=page_size,
        page_count=page_count if valid_for == change_counter and page_count else None,
        user_version=user_version,
        application_id=application_id & 0xFFFFFFFF,
    )


def check_file(path: Path) -> Header | None:
    """Refuse foreign, truncated and newer files with one sentence each."""
    header = read_header(path)
    if header is None:
        return None
    if header.application_id not in (0, APPLICATION_ID):
        raise NotAWorkspace(
            f"{path.name} is a database made by another program, not an opsdesk workspace."
        )
    # A crash during a checkpoint leaves the file shorter than its header (page 1 is
    # written first) while the WAL beside it still holds the rest; a crash inside a
    # transaction in rollback mode (a new file, an upgrade) leaves it shorter or longer
    # with the old pages in the journal: neither is truncated, SQLite puts them right.
    expected_size = (header.page_count or 0) * header.page_size
    if not (hot(path, "-wal") or hot(path, "-journal")) and path.stat().st_size < expected_size:
        raise NotAWorkspace(
            f"{path.name} is truncated (it is shorter than its own header says); "
            "open a backup copy instead."
        )
    if header.application_id == APPLICATION_ID and header.user_version > SCHEMA_VERSION:
        raise NewerWorkspace(
            f"{path.name} was saved by a newer opsdesk (workspace format {header.user_version}); "
            f"this version reads up to format {SCHEMA_VERSION}, so update opsdesk to open it."
        )
    return header
