"""The audit log: who changed what and when, hash-chained so tampering shows.

Each row's hash is sha256 over the previous row's hash and the row's own fields in
canonical JSON. Editing a row breaks its hash; deleting one breaks the next row's link
(and leaves a gap in ``seq``); deleting the newest rows is caught by the head kept in
``meta`` (``audit_head``: last seq and hash), written in the same transaction.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Mapping
from typing import Any

GENESIS = "0" * 64


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something
        return "unknown"


def to_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _row_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    import hashlib  # only when writing or verifying: keeps start-up light

    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


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
    digest = _row_hash(prev_hash, fields)
    conn.execute(
        "INSERT INTO audit_log (seq, at, user, command, entity, entity_id, action, before,"
        " after, prev_hash, hash) VALUES (:seq, :at, :user, :command, :entity, :entity_id,"
        " :action, :before, :after, :prev_hash, :hash)",
        {**fields, "prev_hash": prev_hash, "hash": digest},
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (f"{fields['seq']}:{digest}",),
    )


def verify(conn: sqlite3.Connection) -> list[str]:
    """Every break in the chain, as sentences; an empty list when the log is intact."""
    problems: list[str] = []
    prev_hash = GENESIS
    expected_seq = 1
    cursor = conn.execute(
        "SELECT seq, at, user, command, entity, entity_id, action, before, after,"
        " prev_hash, hash FROM audit_log ORDER BY seq"
    )
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        seq = row["seq"]
        if seq != expected_seq:
            problems.append(f"audit entries {expected_seq}-{seq - 1} are missing")
        if row["prev_hash"] != prev_hash:
            problems.append(f"audit entry {seq} does not follow the entry before it")
        fields = {k: row[k] for k in names if k not in ("prev_hash", "hash")}
        if _row_hash(row["prev_hash"], fields) != row["hash"]:
            problems.append(f"audit entry {seq} was altered after it was written")
        prev_hash = row["hash"]
        expected_seq = seq + 1
    head = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    last = expected_seq - 1
    if head is None:
        if last:
            problems.append("the audit head record is missing")
    elif head[0] != f"{last}:{prev_hash}":
        problems.append(f"the audit log ends at entry {last}, but its head record says otherwise")
    return problems
