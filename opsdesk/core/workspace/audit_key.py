"""The secrets that key a workspace's audit chain, kept outside the workspace file.

Each workspace has an id (``meta.workspace_id``, made on its first keyed write). The key
a machine signs that workspace's entries with, 32 random bytes, lives in the operating
system's keyring (macOS Keychain, Windows Credential Locker, the Secret Service on Linux
desktops) through the ``keyring`` package, under the service ``opsdesk audit`` and the
workspace id. Where no keyring is available (a server, a container with no keyring
daemon), the fallback is a key file in the user data folder, ``audit-keys/<workspace
id>.key``, readable by its owner only (mode 0600).

A key is named in the trail by its id: a fingerprint (``key_id``) that tells keys apart
and gives nothing of the key away. Another machine's key for the same workspace is held
here only when someone carried it here on purpose (``export_key``/``import_key``); it is
kept beside this machine's own, under ``<workspace id>.<key id>``.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import threading
from pathlib import Path

from opsdesk.core import paths
from opsdesk.core.errors import OpsdeskError

SERVICE = "opsdesk audit"
_ID_DOMAIN = b"opsdesk audit key id\x00"
_EXPORT_HEADER = "opsdesk audit key"
_cache: dict[str, bytes | None] = {}
_warming: threading.Thread | None = None


def key_id(key: bytes) -> str:
    """The key's public name: 16 hex digits of a hash of it (SHA-256 cannot be reversed)."""
    return hashlib.sha256(_ID_DOMAIN + key).hexdigest()[:16]


def workspace_id(conn: sqlite3.Connection, create: bool = False) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
    if row is not None:
        return str(row[0])
    if not create:
        return None
    new_id = secrets.token_hex(16)
    conn.execute("INSERT INTO meta (key, value) VALUES ('workspace_id', ?)", (new_id,))
    return new_id


def key_file(name: str) -> Path:
    """The fallback key file; ``OPSDESK_AUDIT_KEYS`` names another folder for them (a
    portable install's, or a test session's shared by all its data folders)."""
    folder = os.environ.get("OPSDESK_AUDIT_KEYS")
    return (Path(folder) if folder else paths.data_dir() / "audit-keys") / f"{name}.key"


def _find_backend() -> None:
    try:
        import keyring

        keyring.get_keyring()
    except Exception:  # no backend: the lookups that follow say so, and fall back
        pass


def warm_up() -> None:
    """Find the keyring's backend in the background, for a long write that reads first
    (an import): loading ``keyring`` and probing its backends takes about a sixth of a
    second, and while a spreadsheet is read (calamine lets go of the interpreter) it costs
    nothing. The first key lookup waits for it to end; a process that needs no lookup (its
    key is in a key file) does not wait for it at exit."""
    global _warming
    if _warming is None:
        _warming = threading.Thread(target=_find_backend, name="keyring backend", daemon=True)
        _warming.start()


def _backend_found() -> None:
    if _warming is not None:
        _warming.join()


def _from_keyring(name: str) -> bytes | None:
    _backend_found()
    try:
        import keyring

        stored = keyring.get_password(SERVICE, name)
    except Exception:  # no backend, a locked or absent daemon: use the fallback
        return None
    return bytes.fromhex(stored) if stored else None


def _to_keyring(name: str, key: bytes) -> bool:
    _backend_found()
    try:
        import keyring

        keyring.set_password(SERVICE, name, key.hex())
        return keyring.get_password(SERVICE, name) == key.hex()
    except Exception:
        return False


def _from_file(name: str) -> bytes | None:
    try:
        return bytes.fromhex(key_file(name).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def _to_file(name: str, key: bytes) -> None:
    target = key_file(name)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")


def _load(name: str) -> bytes | None:
    if name not in _cache:
        _cache[name] = _from_file(name) or _from_keyring(name)
    return _cache[name]


def _store(name: str, key: bytes) -> None:
    if not _to_keyring(name, key):
        _to_file(name, key)
    _cache[name] = key


def own_key(ws_id: str) -> bytes | None:
    """The key this machine signs workspace ``ws_id``'s entries with, or None."""
    return _load(ws_id)


def find_key(ws_id: str, wanted: str | None) -> bytes | None:
    """The key named ``wanted`` for ``ws_id`` if this machine holds it (its own, or one
    imported); ``wanted=None`` (a trail from before keys were named): the own key."""
    own = _load(ws_id)
    if own is not None and (wanted is None or key_id(own) == wanted):
        return own
    if wanted is None:
        return None
    other = _load(f"{ws_id}.{wanted}")
    return other if other is not None and key_id(other) == wanted else None


def make_key(ws_id: str) -> bytes:
    """A new key for ``ws_id``, stored in the keyring, else in the fallback key file."""
    key = secrets.token_bytes(32)
    _store(ws_id, key)
    return key


def where(ws_id: str) -> str:
    """Where the key is kept, for messages."""
    return str(key_file(ws_id)) if key_file(ws_id).exists() else "the system keyring"


GRANTS = ("Whoever holds this key can add entries to the workspace's audit trail as this "
          "machine, and rewrite the entries it signed without anyone noticing; carry it "
          "only to a machine you trust as much as this one, and delete the file once "
          "it is imported.")


def export_key(ws_id: str, target: Path) -> str:
    """Write this machine's key for ``ws_id`` to ``target`` (a new file, mode 0600)."""
    key = own_key(ws_id)
    if key is None:
        raise OpsdeskError("This machine holds no audit key for that workspace: nothing "
                           "was signed here yet.")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise OpsdeskError(f"{target} already exists; choose a new file name.") from None
    except OSError as error:
        raise OpsdeskError(f"{target} cannot be written ({error.strerror}).") from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"{_EXPORT_HEADER}\nworkspace {ws_id}\nkey {key.hex()}\n")
    return key_id(key)


def import_key(ws_id: str, source: Path) -> str:
    """Keep the key in ``source`` (written by ``export_key``) for workspace ``ws_id``."""
    try:
        lines = source.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError) as error:
        raise OpsdeskError(f"{source} cannot be read as an audit key ({error}).") from None
    fields = dict(zip(lines[3::2], lines[4::2], strict=False))
    if " ".join(lines[:3]) != _EXPORT_HEADER or "workspace" not in fields:
        raise OpsdeskError(f"{source} is not an opsdesk audit key file.")
    if fields["workspace"] != ws_id:
        raise OpsdeskError(f"{source} holds the key of another workspace; nothing was imported.")
    try:
        key = bytes.fromhex(fields.get("key", ""))
    except ValueError:
        key = b""
    if len(key) != 32:
        raise OpsdeskError(f"{source} is not an opsdesk audit key file.")
    if find_key(ws_id, key_id(key)) is None:
        _store(f"{ws_id}.{key_id(key)}", key)
    return key_id(key)
