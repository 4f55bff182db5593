"""Encrypted workspaces: the SQLCipher 4 key, and connections through the driver that reads it.

A plain workspace goes through the standard library's sqlite3; an encrypted one through
sqlcipher3 (SQLCipher 4: every page AES-256 encrypted with its own IV and an HMAC-SHA512),
imported only when an encrypted file is opened.

The key is derived once per file and process exactly as SQLCipher 4 derives it from a
passphrase (PBKDF2-HMAC-SHA512, 256,000 rounds, over the 16-byte salt that starts the file)
and then given to SQLCipher raw: each further connection (a worker thread's) opens at once
instead of paying the 0.2 s derivation again, and the file still opens with its password
in any SQLCipher 4 tool.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from opsdesk.core.errors import OpsdeskError

KDF_ROUNDS = 256_000  # SQLCipher 4's default (kdf_iter), with PBKDF2-HMAC-SHA512
SALT_BYTES = 16
KEY_BYTES = 32
PAGE_BYTES = 4096  # SQLCipher 4's default page size


class EncryptedWorkspace(OpsdeskError):
    """The file looks encrypted and no password was given."""


class WrongPassword(OpsdeskError):
    pass


@dataclass(frozen=True, repr=False)
class Key:
    raw: bytes
    salt: bytes

    def raw_text(self) -> str:
        """The key as SQLCipher takes it raw, x'<key><salt>': no derivation on open."""
        return f"x'{self.raw.hex()}{self.salt.hex()}'"

    def __repr__(self) -> str:  # never print the key
        return "Key(...)"


def derive(password: str, salt: bytes) -> Key:
    if not password:
        raise OpsdeskError("The password is empty.")
    raw = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)
    return Key(raw, salt)


def new_key(password: str) -> Key:
    """A key with a fresh random salt, for a file about to be encrypted."""
    return derive(password, os.urandom(SALT_BYTES))


def key_for(path: Path, password: str) -> Key:
    """The key of the encrypted file at ``path``: its salt is the file's first 16 bytes."""
    with open(path, "rb") as handle:
        salt = handle.read(SALT_BYTES)
    return derive(password, salt)


def looks_encrypted(first_page: bytes, size: int) -> bool:
    """Whether a file with no SQLite header looks like a SQLCipher database.

    Without the key nothing in it can be verified: a SQLCipher file is whole pages, at
    least one 4,096-byte page as opsdesk writes them, and its first page (salt, then
    ciphertext) is indistinguishable from random bytes. The test: the chi-square statistic
    of the page's byte counts against a uniform spread, which for random bytes follows a
    chi-square distribution with 255 degrees of freedom (mean 255, standard deviation
    sqrt(510) = 22.6); more than six deviations away it is not random (text, or a
    repeating pattern, which is too even).
    """
    if size < PAGE_BYTES or size % 512 or len(first_page) < PAGE_BYTES:
        return False
    expected = PAGE_BYTES / 256
    counts = Counter(first_page[:PAGE_BYTES])
    chi_square = sum((counts.get(b, 0) - expected) ** 2 / expected for b in range(256))
    return abs(chi_square - 255) <= 6 * math.sqrt(510)


def driver() -> ModuleType:
    import sqlcipher3

    return cast(ModuleType, sqlcipher3)


def sqlcipher_connect(target: str, key: Key | None, **options: Any) -> sqlite3.Connection:
    """A SQLCipher connection; with ``key`` None it reads and writes a plain file."""
    conn = driver().connect(target, **options)
    # A wrong key is our one sentence, not SQLCipher's log lines on stderr.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f'PRAGMA key = "{key.raw_text()}"')
        # Sorts and temporary tables stay in memory, never unencrypted on disk.
        conn.execute("PRAGMA temp_store = MEMORY")
    return cast(sqlite3.Connection, conn)


def connect(target: str, key: Key | None, **options: Any) -> sqlite3.Connection:
    """The one way to connect to a workspace file: plain through sqlite3, else SQLCipher."""
    if key is None:
        return cast(sqlite3.Connection, sqlite3.connect(target, **options))
    return sqlcipher_connect(target, key, **options)


def errors(name: str) -> tuple[type[Exception], ...]:
    """sqlite3's exception class ``name``, and SQLCipher's once any encrypted file is open.

    sqlcipher3 has its own classes (not subclasses of sqlite3's): catch ``errors("...")``
    wherever a workspace connection's errors are caught.
    """
    classes: list[type[Exception]] = [getattr(sqlite3, name)]
    module = sys.modules.get("sqlcipher3")
    if module is not None:
        classes.append(getattr(module, name))
    return tuple(classes)
