"""What opsdesk agrees to read, so a hostile or broken file fails fast and small.

A spreadsheet is refused before any parser sees it when the file is too big, when its
zip parts would inflate beyond reason (a zip bomb), when it is encrypted, or when its
cells would span an area too large to hold (one stray cell at XFD1048576 makes a reader
allocate the whole sheet). Each refusal is one plain sentence.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from opsdesk.core.errors import OpsdeskError

MAX_FILE_BYTES = 256 * 1024 * 1024  # larger files are refused before reading
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all parts of a zipped workbook, inflated
MAX_RATIO = 400  # inflated / compressed, per part; real sheets stay well under 100
MAX_CELLS = 8_000_000  # rows x columns of the area a sheet spans
MAX_COLUMNS = 16_384

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def check_size(path: Path) -> int:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise OpsdeskError(f"{path.name} cannot be read ({error.strerror}).") from None
    if size > MAX_FILE_BYTES:
        raise OpsdeskError(
            f"{path.name} is {size / 2**20:,.0f} MB; opsdesk imports files up to "
            f"{MAX_FILE_BYTES // 2**20} MB. Split it, or export only the rows you need."
        )
    return size


def head(path: Path, count: int = 8) -> bytes:
    with path.open("rb") as handle:
        return handle.read(count)


def check_not_encrypted(path: Path, kind: str) -> None:
    """An encrypted xlsx/xlsm/ods is an OLE compound file, not a zip."""
    magic = head(path)
    if kind in ("xlsx", "xlsm", "ods") and magic == OLE_MAGIC:
        with path.open("rb") as handle:
            start = handle.read(1 << 20)
        if "EncryptedPackage".encode("utf-16-le") in start or b"EncryptionInfo" in start:
            raise OpsdeskError(
                f"{path.name} is password-protected; open it in its program, remove the "
                "password, save it and import again."
            )
        raise OpsdeskError(f"{path.name} is not an {kind} workbook (it is an older binary file).")


def check_zip(path: Path) -> zipfile.ZipFile:
    """Open a zipped workbook and refuse it when its parts would inflate too far."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise OpsdeskError(
            f"{path.name} is damaged or not a workbook (it is not a valid zip)."
        ) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO and info.file_size > 10 * 2**20:
            archive.close()
            raise OpsdeskError(
                f"{path.name} would inflate {info.filename} to {info.file_size / 2**20:,.0f} MB "
                f"from {info.compress_size / 2**10:,.0f} KB; it looks like a zip bomb "
                "and was not read."
            )
    if total > MAX_UNPACKED_BYTES:
        archive.close()
        raise OpsdeskError(
            f"{path.name} unpacks to {total / 2**20:,.0f} MB, more than opsdesk reads "
            f"({MAX_UNPACKED_BYTES // 2**20} MB)."
        )
    return archive


def check_area(name: str, sheet: str, rows: int, columns: int, cells: int | None = None) -> None:
    if columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        held = f" but holds {cells:,} cells" if cells is not None else ""
        raise OpsdeskError(
            f"Sheet {sheet!r} of {name} spans {rows:,} rows by {columns:,} columns{held}; "
            f"opsdesk reads sheets of up to {MAX_CELLS:,} cells. Delete the stray cells far "
            "from the data and save it again."
        )
