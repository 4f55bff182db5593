"""The secret that keys a workspace's audit chain, kept outside the workspace file.

Each workspace has an id (``meta.workspace_id``, made on its first keyed write). Its key,
32 random bytes, lives in the operating system's keyring (macOS Keychain, Windows
Credential Locker, the Secret Service on Linux desktops) through the ``keyring`` package,
under the service ``opsdesk audit`` and the workspace id. Where no keyring is available
(a server, a container with no keyring daemon), the fallback is a key file in the user
data folder, ``audit-keys/<workspace id>.key``, readable by its owner only (mode 0600).

Whoever holds the key can rewrite the chain, so it must not travel with the file: a
workspace copied to another machine can be read there, but its chain can only be verified
where its key is.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

from opsdesk.core import paths

SERVICE = "opsdesk audit"
_cache: dict[str, bytes] = {}


def workspace_id(conn: sqlite3.Connection, create: bool = False) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
    if row is not None:
        return str(row[0])
    if not create:
        return None
    new_id = secrets.token_hex(16)
    conn.execute("INSERT INTO meta (key, value) VALUES ('workspace_id', ?)", (new_id,))
    return new_id


def key_file(ws_id: str) -> Path:
    """The fallback key file; ``OPSDESK_AUDIT_KEYS`` names another folder for them (a
    portable install's, or a test session's shared by all its data folders)."""
    folder = os.environ.get("OPSDESK_AUDIT_KEYS")
    return (Path(folder) if folder else paths.data_dir() / "audit-keys") / f"{ws_id}.key"


def _from_keyring(ws_id: str) -> bytes | None:
    try:
        import keyring

        stored = keyring.get_password(SERVICE, ws_id)
    except Exception:  # no backend, a locked or absent daemon: use the fallback
        return None
    return bytes.fromhex(stored) if stored else None


def _to_keyring(ws_id: str, key: bytes) -> bool:
    try:
        import keyring

        keyring.set_password(SERVICE, ws_id, key.hex())
        return keyring.get_password(SERVICE, ws_id) == key.hex()
    except Exception:
        return False


def _from_file(ws_id: str) -> bytes | None:
    try:
        return bytes.fromhex(key_file(ws_id).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def _to_file(ws_id: str, key: bytes) -> None:
    target = key_file(ws_id)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")


def find_key(ws_id: str) -> bytes | None:
    """The key of workspace ``ws_id`` on this machine, or None."""
    if ws_id not in _cache:
        key = _from_file(ws_id) or _from_keyring(ws_id)
        if key is None:
            return None
        _cache[ws_id] = key
    return _cache[ws_id]


def make_key(ws_id: str) -> bytes:
    """A new key for ``ws_id``, stored in the keyring, else in the fallback key file."""
    key = secrets.token_bytes(32)
    if not _to_keyring(ws_id, key):
        _to_file(ws_id, key)
    _cache[ws_id] = key
    return key


def where(ws_id: str) -> str:
    """Where the key is kept, for messages."""
    return str(key_file(ws_id)) if key_file(ws_id).exists() else "the system keyring"
