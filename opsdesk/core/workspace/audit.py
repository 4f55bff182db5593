"""The audit log: who changed what and when, in a chain keyed with secrets.

Each row's hash is HMAC-SHA256 over the previous row's hash and the row's own fields in
canonical JSON, keyed with an audit key kept outside the file (``audit_key``: the OS
keyring, else a 0600 key file in the user data folder). Editing a row breaks its hash;
deleting one breaks the next row's link (and leaves a gap in ``seq``); cutting the tail is
caught by the head kept in ``meta`` (``audit_head``) and the seal over it (``audit_seal``).

The chain is made of segments, one per key. A machine that does not hold the key the
newest entries were signed with (the workspace was carried to another laptop) goes on
with its own key, after a "Key change" entry, signed with the new key, that names the
previous key and the head it continues from. Every segment can be checked for its links
anywhere, and for its hashes only where its key is (``audit_check``).

Chains written before keying (plain SHA-256) are re-keyed on the first write, once their
plain hashes have been checked; the result of that check is itself recorded.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import re
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from opsdesk.core.workspace import audit_key

GENESIS = "0" * 64


KEYED = "hmac-sha256"
KEY_META = "audit_key"  # the id of the key the newest entries are signed with
KEY_ACTION = "key"  # an entry naming a key; with a previous_head, it starts a segment
AUTHOR_SETTING = "workspace_author"
OS_REPORTED = "(as reported by the operating system)"


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something
        return "unknown"


def author(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (AUTHOR_SETTING,)).fetchone()
    name = json.loads(row[0]) if row else None
    return str(name) if name else None


def recorded_user(conn: sqlite3.Connection) -> str:
    """The workspace author when one is set; else the login name, marked as the operating
    system's word for it (anyone can set ``LOGNAME``)."""
    return author(conn) or f"{current_user()} {OS_REPORTED}"


def to_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _row_hash(prev_hash: str, fields: Mapping[str, Any], key: bytes | None) -> str:
    """HMAC-SHA256 with the key; plain SHA-256 for a chain from before keying."""
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    data = (prev_hash + canonical).encode("utf-8")
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def entries(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cursor = conn.execute(
        "SELECT seq, at, user, command, entity, entity_id, action, before, after,"
        " prev_hash, hash FROM audit_log ORDER BY seq"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor]


def _fields(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("prev_hash", "hash")}


def writing_key(conn: sqlite3.Connection) -> tuple[bytes, str]:
    """The key for a write in this transaction, and its id.

    The trail's current key (``meta.audit_key``) when this machine holds it; else this
    machine's own key for the workspace, made if need be, and a "Key change" entry that
    names the key before it and the head it continues from. An unkeyed chain is keyed
    (after its plain hashes are checked) before anything is added.
    """
    ws_id = audit_key.workspace_id(conn, create=True)
    assert ws_id is not None
    if meta(conn, "audit_chain") != KEYED:
        key = audit_key.own_key(ws_id) or audit_key.make_key(ws_id)
        _rekey(conn, key)
        return key, audit_key.key_id(key)
    current = meta(conn, KEY_META)  # None: keyed before keys were named (the own key)
    found = audit_key.find_key(ws_id, current)
    if found is not None:
        if current is None:
            set_meta(conn, KEY_META, audit_key.key_id(found))
        return found, audit_key.key_id(found)
    key = audit_key.own_key(ws_id) or audit_key.make_key(ws_id)
    new_id = audit_key.key_id(key)
    seq, digest = _head(conn)
    set_meta(conn, KEY_META, new_id)
    from opsdesk.core.workspace.commands import now_iso

    append(conn, at=now_iso(), user=recorded_user(conn), command="Key change",
           entity="audit_log", entity_id=None, action=KEY_ACTION,
           after={"key_id": new_id, "previous_key_id": current, "previous_head": f"{seq}:{digest}",
                  "reason": "the key the trail was signed with is not on this machine"})
    return key, new_id


def _rekey(conn: sqlite3.Connection, key: bytes) -> None:
    rows = entries(conn)
    legacy = chain_problems(conn, rows, lambda index: None)
    prev = GENESIS
    for row in rows:
        digest = _row_hash(prev, _fields(row), key)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                     (prev, digest, row["seq"]))
        prev = digest
    set_meta(conn, "audit_chain", KEYED)
    set_meta(conn, KEY_META, audit_key.key_id(key))
    if rows:
        set_meta(conn, "audit_head", f"{rows[-1]['seq']}:{prev}")
        from opsdesk.core.workspace.commands import now_iso

        append(conn, at=now_iso(), user="opsdesk", command="Key the audit trail",
               entity="audit_log", entity_id=None, action=KEY_ACTION,
               after={"key_id": audit_key.key_id(key), "entries_rekeyed": len(rows),
                      "plain_chain_problems": legacy or "none: the plain chain was intact"})


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def append(
    conn: sqlite3.Connection,
    *,
    at: str,
    user: str,
    command: str,
    entity: str,
    entity_id: str | None,
    action: str,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one entry; call inside the transaction that made the change."""
    key, _ = writing_key(conn)
    last_seq, prev_hash = _head(conn)
    fields = {
        "seq": last_seq + 1,
        "at": at,
        "user": user,
        "command": command,
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "before": to_json(before),
        "after": to_json(after),
    }
    digest = _row_hash(prev_hash, fields, key)
    conn.execute(
        "INSERT INTO audit_log (seq, at, user, command, entity, entity_id, action, before,"
        " after, prev_hash, hash) VALUES (:seq, :at, :user, :command, :entity, :entity_id,"
        " :action, :before, :after, :prev_hash, :hash)",
        {**fields, "prev_hash": prev_hash, "hash": digest},
    )
    set_meta(conn, "audit_head", f"{fields['seq']}:{digest}")


def head_digest(conn: sqlite3.Connection) -> tuple[int, str]:
    """The newest entry's number and keyed hash: what a report or an export pins."""
    return _head(conn)


def pin_text(conn: sqlite3.Connection) -> str:
    """The sentence a PDF review or an export carries; ``find_pin`` reads it back."""
    seq, digest = _head(conn)
    groups = " ".join(digest[i:i + 8] for i in range(0, len(digest), 8))
    return f"Audit trail at entry {seq}, digest {groups}."


_PIN = re.compile(r"Audit trail at entry (\d+), digest ((?:[0-9a-f]{8}\s*){8})")


def find_pin(text: str) -> tuple[int, str] | None:
    match = _PIN.search(text)
    return (int(match[1]), re.sub(r"\s", "", match[2])) if match else None


def check_pin(conn: sqlite3.Connection, seq: int, digest: str) -> str | None:
    """None when entry ``seq`` of this trail has ``digest``, else why not."""
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        return f"this workspace's audit trail has no entry {seq}"
    if not hmac.compare_digest(str(row[0]), digest):
        return (f"entry {seq} of this workspace's audit trail is not the one the report "
                "was made from: the history was rewritten, or it is another workspace")
    return None


def signed_with(row: Mapping[str, Any], key: bytes | None) -> bool:
    """Is the entry's hash its HMAC under ``key`` (None: plain SHA-256)?"""
    return hmac.compare_digest(_row_hash(str(row["prev_hash"]), _fields(row), key),
                               str(row["hash"]))


def chain_problems(conn: sqlite3.Connection, rows: list[dict[str, Any]],
                   key_at: Callable[[int], bytes | None],
                   here: Callable[[int], bool] = lambda index: True) -> list[str]:
    """Breaks in the chain: gaps, broken links, a head that does not match, and each
    entry ``here`` says can be checked whose hash is not its HMAC under ``key_at`` (None:
    plain SHA-256). Links and numbers need no key, so they are checked everywhere."""
    found: list[str] = []
    prev_hash = GENESIS
    expected_seq = 1
    for index, row in enumerate(rows):
        seq = row["seq"]
        if seq != expected_seq:
            found.append(f"audit entries {expected_seq}-{seq - 1} are missing")
        if row["prev_hash"] != prev_hash:
            found.append(f"audit entry {seq} does not follow the entry before it")
        if here(index) and not signed_with(row, key_at(index)):
            found.append(f"audit entry {seq} was altered after it was written")
        prev_hash = row["hash"]
        expected_seq = seq + 1
    head = meta(conn, "audit_head")
    last = expected_seq - 1
    if head is None:
        if last:
            found.append("the audit head record is missing")
    elif head != f"{last}:{prev_hash}":
        found.append(f"the audit log ends at entry {last}, but its head record says otherwise")
    return found
