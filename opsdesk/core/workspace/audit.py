"""The audit log: who changed what and when, in a chain keyed with a secret.

Each row's hash is HMAC-SHA256, keyed with the workspace's audit key (``audit_key``: the
OS keyring, else a 0600 key file in the user data folder, never the workspace file), over
the previous row's hash and the row's own fields in canonical JSON. Editing a row breaks
its hash; deleting one breaks the next row's link (and leaves a gap in ``seq``); cutting
the tail is caught by the head kept in ``meta`` (``audit_head``: last seq and hash). Only
someone holding the key can recompute the chain after an edit, or fix the head after a cut.

The seal (``meta.audit_seal``) keeps a digest of the contents of ``kpis``, ``kpi_targets``
and ``observations`` with the head, keyed the same way and rewritten in each command's
transaction, so an edit of those tables made with another SQLite tool shows in
``opsdesk check``.

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
from collections.abc import Mapping
from typing import Any

from opsdesk.core.workspace import audit_key
from opsdesk.core.workspace.changes import Changes

GENESIS = "0" * 64


KEYED = "hmac-sha256"
AUTHOR_SETTING = "workspace_author"
CONTENT_TABLES = ("kpis", "kpi_targets", "observations")
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


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cursor = conn.execute(
        "SELECT seq, at, user, command, entity, entity_id, action, before, after,"
        " prev_hash, hash FROM audit_log ORDER BY seq"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor]


def _fields(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("prev_hash", "hash")}


def writing_key(conn: sqlite3.Connection) -> bytes:
    """The key for a write in this transaction: made on the first keyed write, and an
    unkeyed chain re-keyed (after its plain hashes are checked) before anything is added."""
    ws_id = audit_key.workspace_id(conn, create=True)
    assert ws_id is not None
    if _meta(conn, "audit_chain") == KEYED:
        key = audit_key.find_key(ws_id)
        if key is None:
            from opsdesk.core.errors import OpsdeskError

            raise OpsdeskError(
                "The key of this workspace's audit trail is not on this machine (it is "
                f"kept in the system keyring or {audit_key.key_file(ws_id)}), so nothing can "
                "be recorded; open the workspace where it was last edited."
            )
        return key
    key = audit_key.find_key(ws_id) or audit_key.make_key(ws_id)
    _rekey(conn, key)
    return key


def _rekey(conn: sqlite3.Connection, key: bytes) -> None:
    rows = _rows(conn)
    legacy = _problems(conn, rows, None)
    prev = GENESIS
    for row in rows:
        digest = _row_hash(prev, _fields(row), key)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                     (prev, digest, row["seq"]))
        prev = digest
    _set_meta(conn, "audit_chain", KEYED)
    if rows:
        _set_meta(conn, "audit_head", f"{rows[-1]['seq']}:{prev}")
        from opsdesk.core.workspace.commands import now_iso

        append(conn, at=now_iso(), user="opsdesk", command="Key the audit trail",
               entity="audit_log", entity_id=None, action="summary",
               after={"entries_rekeyed": len(rows),
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
    key = writing_key(conn)
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
    _set_meta(conn, "audit_head", f"{fields['seq']}:{digest}")


def contents_digest(conn: sqlite3.Connection) -> str:
    """SHA-256 over every row of the KPI definitions, targets and observations."""
    digest = hashlib.sha256()
    for table in CONTENT_TABLES:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        digest.update(table.encode())
        while chunk := cursor.fetchmany(50_000):
            digest.update(json.dumps(chunk, ensure_ascii=False, separators=(",", ":"),
                                     default=str).encode("utf-8"))
    return digest.hexdigest()


def _seal_mac(key: bytes, head: str, contents: str) -> str:
    return hmac.new(key, f"{head}|{contents}".encode(), hashlib.sha256).hexdigest()


def seal(conn: sqlite3.Connection, recompute: bool = True) -> None:
    """Keep the contents digest with the head; call last in each write transaction.

    ``recompute=False`` when the transaction left the KPI tables alone (the digest held
    is still theirs), so settings and charts cost no scan of the observations.
    """
    key = writing_key(conn)
    held = _meta(conn, "audit_seal")
    contents = held.split(":")[0] if held and not recompute else contents_digest(conn)
    head = _meta(conn, "audit_head") or "0:" + GENESIS
    _set_meta(conn, "audit_seal", f"{contents}:{_seal_mac(key, head, contents)}")


def finish(conn: sqlite3.Connection, changes: Changes) -> None:
    """Seal a command's transaction, rescanning the KPI tables only if it touched them."""
    seal(conn, recompute=changes.touches(Changes.of_tables(CONTENT_TABLES)))


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


def _problems(conn: sqlite3.Connection, rows: list[dict[str, Any]],
              key: bytes | None) -> list[str]:
    problems: list[str] = []
    prev_hash = GENESIS
    expected_seq = 1
    for row in rows:
        seq = row["seq"]
        if seq != expected_seq:
            problems.append(f"audit entries {expected_seq}-{seq - 1} are missing")
        if row["prev_hash"] != prev_hash:
            problems.append(f"audit entry {seq} does not follow the entry before it")
        if _row_hash(row["prev_hash"], _fields(row), key) != row["hash"]:
            problems.append(f"audit entry {seq} was altered after it was written")
        prev_hash = row["hash"]
        expected_seq = seq + 1
    head = _meta(conn, "audit_head")
    last = expected_seq - 1
    if head is None:
        if last:
            problems.append("the audit head record is missing")
    elif head != f"{last}:{prev_hash}":
        problems.append(f"the audit log ends at entry {last}, but its head record says otherwise")
    return problems


def verify(conn: sqlite3.Connection) -> list[str]:
    """Every break in the chain and the seal, as sentences; empty when all is intact."""
    keyed = _meta(conn, "audit_chain") == KEYED
    ws_id = audit_key.workspace_id(conn)
    key = audit_key.find_key(ws_id) if ws_id else None
    if not keyed:
        problems = _problems(conn, _rows(conn), None)
        if _meta(conn, "audit_seal") is not None or (key is not None and ws_id):
            problems.append("the audit trail says it was never keyed, but this workspace "
                            "was keyed before: its keyed history was replaced")
        return problems
    if key is None:
        return [f"the audit trail cannot be verified on this machine: its key is not here "
                f"(it is kept in the system keyring or {audit_key.key_file(ws_id or '?')})"]
    problems = _problems(conn, _rows(conn), key)
    held = _meta(conn, "audit_seal")
    head = _meta(conn, "audit_head") or "0:" + GENESIS
    if held is None:
        problems.append("the seal over the KPIs, targets and observations is missing")
        return problems
    contents, _, mac = held.partition(":")
    if not hmac.compare_digest(mac, _seal_mac(key, head, contents)):
        problems.append("the seal does not match the audit head: the trail or its head was "
                        "rewritten without the key")
    elif contents != contents_digest(conn):
        problems.append("the KPIs, targets or observations were changed outside opsdesk "
                        "(their contents no longer match the seal kept with the audit head)")
    return problems
