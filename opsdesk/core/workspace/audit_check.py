"""Checking the audit trail here: what this machine's keys can verify, and what they cannot.

A trail carried between machines has one segment per key (``audit``). Links, numbering
and the head are checked everywhere; each segment's hashes only where its key is. A
segment signed elsewhere is named, one sentence each, and never called verified, but is
no failure by itself. The seal follows the same rule: it is checked where its key is.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.workspace import audit, audit_key, audit_seal

_WHAT = {"kpis": "KPIs", "kpi_targets": "targets", "observations": "observations"}


@dataclass
class Segment:
    start: int  # index into the entries
    end: int  # one past the last
    key_id: str | None  # None: a trail from before keys were named
    key: bytes | None = None  # None: not on this machine


@dataclass
class TrailReport:
    problems: list[str] = field(default_factory=list)  # failures
    verified: list[str] = field(default_factory=list)  # what was checked, and passed
    unverified: list[str] = field(default_factory=list)  # what cannot be checked here
    segments: list[Segment] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)

    def unverified_up_to(self, seq: int) -> list[str]:
        """Ranges of entries up to ``seq`` that this machine cannot verify."""
        return [_span(self.entries, s) for s in self.segments
                if s.key is None and self.entries[s.start]["seq"] <= seq]


def _after(row: dict[str, Any]) -> dict[str, Any]:
    if row["entity"] != "audit_log" or row["action"] != audit.KEY_ACTION:
        return {}
    try:
        after = json.loads(row["after"] or "{}")
    except ValueError:
        return {}
    return after if isinstance(after, dict) else {}


def _span(rows: list[dict[str, Any]], segment: Segment) -> str:
    first, last = rows[segment.start]["seq"], rows[segment.end - 1]["seq"]
    return f"entry {first}" if first == last else f"entries {first}-{last}"


def _segments(conn: sqlite3.Connection, rows: list[dict[str, Any]],
              seal: audit_seal.Seal | str | None, problems: list[str]) -> list[Segment]:
    """Split the chain at its key changes. A segment is named by the key change that ends
    it (its previous key), the newest one by the key change that began it and the seal."""
    segments: list[Segment] = []
    begin, began_with = 0, None  # the key the entry starting this segment names
    for i, row in enumerate(rows):
        after = _after(row)
        if not after.get("previous_head"):
            continue
        before = f"{rows[i - 1]['seq']}:{rows[i - 1]['hash']}" if i else f"0:{audit.GENESIS}"
        if after["previous_head"] != before:
            problems.append(f"audit entry {row['seq']} says it continues a head that is not "
                            "the entry before it")
        label = after.get("previous_key_id")
        if began_with is not None and label != began_with:
            problems.append(f"audit entry {row['seq']} names a previous key that did not "
                            "sign the entries before it")
        if i:
            segments.append(Segment(begin, i, label))
        begin, began_with = i, after.get("key_id")
    sealed = seal.key_id if isinstance(seal, audit_seal.Seal) else None
    if began_with and sealed and began_with != sealed:
        problems.append("the seal names another key than the one that signed the newest "
                        "entries: the trail or its seal was rewritten")
    newest = began_with or sealed or audit.meta(conn, audit.KEY_META)
    segments.append(Segment(begin, len(rows), newest))
    return segments


def _check_seal(conn: sqlite3.Connection, ws_id: str, report: TrailReport,
                seal: audit_seal.Seal | str | None) -> None:
    if seal is None:
        report.problems.append("the seal over the KPIs, targets and observations is missing")
        return
    if isinstance(seal, str):
        report.unverified.append(seal)
        return
    if seal.key_id is None:  # as the workspace was made; nothing written since
        if audit.meta(conn, "audit_chain") == audit.KEYED:
            report.problems.append("the seal was replaced by that of an empty new workspace")
        elif any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in audit_seal.TABLES):
            report.problems.append("KPIs, targets or observations were added outside opsdesk "
                                   "(the workspace's seal says it is as it was made, empty)")
        return
    key = audit_key.find_key(ws_id, seal.key_id)
    if key is None:
        report.unverified.append(
            f"the seal over the KPIs, targets and observations was made on another machine "
            f"(key {seal.key_id}): edits made to them outside opsdesk cannot be detected here")
        return
    if not seal.matches(key, audit.meta(conn, "audit_head") or f"0:{audit.GENESIS}"):
        report.problems.append("the seal does not match the audit head: the trail or its "
                               "head was rewritten without the key")
        return
    changed = [_WHAT[t] for t in audit_seal.TABLES
               if audit_seal.full(conn, key, t) != seal.tables[t]]
    if changed:
        report.problems.append(
            f"the {' and '.join(changed)} were changed outside opsdesk (they no longer "
            "match the seal kept with the audit head)")
    else:
        report.verified.append("the KPIs, targets and observations match the seal")


def examine(conn: sqlite3.Connection) -> TrailReport:
    """Every break in the chain and the seal, and what this machine cannot verify."""
    rows = audit.entries(conn)
    report = TrailReport(entries=rows)
    ws_id = audit_key.workspace_id(conn)
    seal = audit_seal.held(conn)
    if audit.meta(conn, "audit_chain") != audit.KEYED:
        report.problems = audit.chain_problems(conn, rows, lambda index: None)
        made = isinstance(seal, audit_seal.Seal) and seal.key_id is None
        if (seal is not None and not made) or (ws_id and audit_key.own_key(ws_id)):
            report.problems.append("the audit trail says it was never keyed, but this "
                                   "workspace was keyed before: its keyed history was replaced")
            return report
        if rows:
            report.verified.append(f"{len(rows)} entries, plain SHA-256 (keyed on the next "
                                   "change)")
        if made:
            _check_seal(conn, ws_id or "", report, seal)
        return report
    segments = _segments(conn, rows, seal, report.problems) if rows else []
    own = audit_key.own_key(ws_id) if ws_id else None
    owner: list[Segment] = []
    for segment in segments:
        segment.key = audit_key.find_key(ws_id, segment.key_id) if ws_id else None
        owner.extend([segment] * (segment.end - segment.start))
    report.segments = segments
    report.problems[:0] = audit.chain_problems(
        conn, rows, lambda i: owner[i].key, lambda i: owner[i].key is not None)
    for segment in segments:
        span = _span(rows, segment)
        if segment.key is not None:
            whose = "this machine's key" if segment.key == own else "a key imported here"
            report.verified.append(f"{span} verified with {whose} {segment.key_id or ''}"
                                   .rstrip())
        elif own is not None and audit.signed_with(rows[segment.start], own):
            report.problems.append(f"{span} were signed with this machine's key, but the "
                                   "trail names another: the record of keys was edited")
        elif segment.key_id is None:
            report.unverified.append(f"{span} were signed with a key the trail does not "
                                     "name (an earlier opsdesk), which is not on this "
                                     "machine; they cannot be verified here")
        else:
            report.unverified.append(f"{span} were signed on another machine (key "
                                     f"{segment.key_id}); they cannot be verified here")
    if ws_id:
        _check_seal(conn, ws_id, report, seal)
    for row in rows:
        if row["entity"] == "audit_seal" and row["command"] == audit_seal.RENEWED:
            reason = json.loads(row["after"] or "{}").get("reason", "")
            report.unverified.append(
                f"the seal was renewed at entry {row['seq']} ({str(row['at'])[:10]}; {reason}): "
                "edits made outside opsdesk to the KPIs, targets and observations before then "
                "cannot be detected")
    return report


def verify(conn: sqlite3.Connection) -> list[str]:
    """The failures alone: empty when nothing this machine can check is broken."""
    return examine(conn).problems
