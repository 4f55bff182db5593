"""The keyed audit trail: what it detects now that rewriting it needs a secret kept
outside the file, and what it says it cannot see (the README's list, case by case)."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path
from typing import ClassVar

import pytest

from opsdesk.core.workspace import Workspace, audit, audit_check, audit_key
from opsdesk.core.workspace.author import SetAuthor
from opsdesk.core.workspace.row_commands import InsertRows, UpdateRow
from tests.core.workspace.helpers import kpi_row


def seeded(ws: Workspace) -> None:
    ws.execute(InsertRows("kpis", (kpi_row(1, "OEE"),), title="Add KPI"))
    ws.execute(InsertRows("observations", tuple(
        {"id": i, "kpi_id": 1, "ts": f"2026-03-0{i}", "value": 80 + i} for i in (1, 2, 3))))
    ws.execute(UpdateRow("kpis", 1, {"owner": "Ann"}, title="Set owner"))


def other_tool(ws: Workspace, *sql: str) -> None:
    """Edits made with another SQLite program: straight to the file, past opsdesk."""
    conn = sqlite3.connect(ws.path)
    with conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()


def test_the_key_is_outside_the_file_in_a_0600_key_file(
        workspace: Workspace, opsdesk_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPSDESK_AUDIT_KEYS")  # as installed: in the user data folder
    seeded(workspace)
    ws_id = audit_key.workspace_id(workspace.conn)
    key_file = opsdesk_home / "audit-keys" / f"{ws_id}.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # no keyring here: the fallback
    key = bytes.fromhex(key_file.read_text().strip())
    assert key not in workspace.path.read_bytes() and key.hex().encode() not in \
        workspace.path.read_bytes()
    assert audit_check.verify(workspace.conn) == []


def test_the_keyring_is_used_when_there_is_one(workspace: Workspace, opsdesk_home: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        stored: ClassVar[dict[tuple[str, str], str]] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.stored.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.stored[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.stored.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        seeded(workspace)
        ws_id = audit_key.workspace_id(workspace.conn)
        assert ("opsdesk audit", ws_id) in Memory.stored
        assert not audit_key.key_file(str(ws_id)).exists()
        assert audit_check.verify(workspace.conn) == []
    finally:
        keyring.set_keyring(previous)


def _rechain(ws: Workspace, key: bytes | None) -> None:
    """A forger rewrites every hash and the head after editing entry 2."""
    ws.conn.execute("UPDATE audit_log SET user = 'the CFO' WHERE seq = 2")
    prev = audit.GENESIS
    for row in ws.rows("SELECT * FROM audit_log ORDER BY seq"):
        fields = {k: v for k, v in row.items() if k not in ("prev_hash", "hash")}
        digest = audit._row_hash(prev, fields, key)
        ws.conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                        (prev, digest, row["seq"]))
        prev = digest
        last = row["seq"]
    ws.conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{last}:{prev}",))


def test_a_chain_recomputed_after_an_edit_needs_the_key(workspace: Workspace) -> None:
    seeded(workspace)
    _rechain(workspace, None)  # plain SHA-256, as before keying, or any key but the real one
    assert "audit entry 1 was altered after it was written" in audit_check.verify(workspace.conn)
    _rechain(workspace, b"a guess" * 4)
    assert "audit entry 1 was altered after it was written" in audit_check.verify(workspace.conn)


def test_with_the_key_a_rewrite_is_still_seen_by_the_seal(workspace: Workspace) -> None:
    seeded(workspace)
    key = audit_key.own_key(str(audit_key.workspace_id(workspace.conn)))
    _rechain(workspace, key)  # the secret holder rewrote the chain but not the seal
    assert any("the seal does not match" in p for p in audit_check.verify(workspace.conn))


def test_a_cut_tail_with_the_head_fixed_is_detected(workspace: Workspace) -> None:
    seeded(workspace)
    last = workspace.scalar("SELECT max(seq) FROM audit_log")
    before = workspace.rows("SELECT seq, hash FROM audit_log WHERE seq = ?", (last - 1,))[0]
    workspace.conn.execute("DELETE FROM audit_log WHERE seq = ?", (last,))
    workspace.conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'",
                           (f"{before['seq']}:{before['hash']}",))
    assert any("the seal does not match" in p for p in audit_check.verify(workspace.conn))


def test_a_wiped_log_and_head_are_detected(workspace: Workspace) -> None:
    seeded(workspace)
    workspace.conn.execute("DELETE FROM audit_log")
    workspace.conn.execute("DELETE FROM meta WHERE key IN ('audit_head', 'audit_seal',"
                           " 'audit_chain')")
    assert any("keyed history was replaced" in p for p in audit_check.verify(workspace.conn))


@pytest.mark.parametrize(("sql", "what"), [
    ("UPDATE observations SET value = 99 WHERE id = 2", "observations"),
    ("UPDATE observations SET value = '99' WHERE id = 2", "observations"),  # text, not 99
    ("UPDATE observations SET value = 83.0000001 WHERE id = 3", "observations"),
    ("DELETE FROM observations WHERE id = 3", "observations"),
    ("INSERT INTO observations (kpi_id, ts, value) VALUES (1, '2026-03-09', 50)",
     "observations"),
    # Two rows trading their values: each row is hashed whole, not column by column.
    ("UPDATE observations SET ts = CASE id WHEN 1 THEN '2026-03-02' ELSE '2026-03-01' END"
     " WHERE id IN (1, 2)", "observations"),
    ("UPDATE kpis SET name = 'OEE (fixed)'", "KPIs"),
    ("INSERT INTO kpi_targets (kpi_id, effective_from, target) VALUES (1, '2026-01-01', 70)",
     "targets"),
])
def test_edits_made_with_another_sqlite_tool_are_detected(workspace: Workspace,
                                                          sql: str, what: str) -> None:
    seeded(workspace)
    other_tool(workspace, sql)
    assert audit_check.verify(workspace.conn) == [
        f"the {what} were changed outside opsdesk (they no longer match the seal kept with "
        "the audit head)"]


def test_other_writes_keep_the_seal(workspace: Workspace) -> None:
    seeded(workspace)
    with workspace.transaction() as conn:  # not a command: sealed all the same
        conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        conn.execute("UPDATE observations SET note = 'checked' WHERE id = 1")
    assert audit_check.verify(workspace.conn) == []


def test_an_unkeyed_chain_is_rekeyed_on_the_next_write(workspace: Workspace) -> None:
    seeded(workspace)
    # As an older opsdesk left it: plain SHA-256 hashes, no key, no seal.
    _rechain(workspace, None)
    workspace.conn.execute("UPDATE audit_log SET user = 'ann' WHERE seq = 2")
    _plain = workspace.rows("SELECT * FROM audit_log ORDER BY seq")
    prev = audit.GENESIS
    for row in _plain:
        fields = {k: v for k, v in row.items() if k not in ("prev_hash", "hash")}
        prev_row, prev = prev, audit._row_hash(prev, fields, None)
        workspace.conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                               (prev_row, prev, row["seq"]))
    workspace.conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'",
                           (f"{_plain[-1]['seq']}:{prev}",))
    workspace.conn.execute("DELETE FROM meta WHERE key IN ('audit_chain', 'audit_seal',"
                           " 'workspace_id')")
    audit_key._cache.clear()
    assert audit_check.verify(workspace.conn) == []  # a sound plain chain
    workspace.execute(UpdateRow("kpis", 1, {"unit": "%"}, title="Change unit"))
    entries = workspace.rows("SELECT command, after FROM audit_log ORDER BY seq")
    assert [e["command"] for e in entries[-3:]] == ["Key the audit trail", "Change unit",
                                                    "Seal renewed"]
    assert json.loads(str(entries[-3]["after"]))["plain_chain_problems"].startswith("none")
    assert audit_check.verify(workspace.conn) == []
    _rechain(workspace, None)  # and from now on a plain rewrite is caught
    assert audit_check.verify(workspace.conn) != []


@pytest.mark.parametrize(("record", "reason"), [
    (None, "there was no seal"),
    ('{"form": 1}', "the seal was in a form this opsdesk does not read"),
])
def test_a_removed_seal_is_renewed_with_a_signed_entry_that_check_reports(
        workspace: Workspace, record: str | None, reason: str) -> None:
    seeded(workspace)
    # Edited outside opsdesk, then the seal record removed (or replaced) to hide it ...
    statements = ["UPDATE observations SET value = 99 WHERE id = 2",
                  "DELETE FROM meta WHERE key = 'audit_seal'"]
    if record is not None:
        statements.append(f"INSERT INTO meta (key, value) VALUES ('audit_seal', '{record}')")
    other_tool(workspace, *statements)
    # ... the next write recounts the tables as found, and says so in the signed trail.
    workspace.execute(UpdateRow("kpis", 1, {"unit": "%"}, title="Change unit"))
    last = workspace.rows("SELECT seq, user, command, after FROM audit_log ORDER BY seq DESC"
                          " LIMIT 1")[0]
    assert (last["user"], last["command"]) == ("opsdesk", "Seal renewed")
    assert json.loads(str(last["after"])) == {"reason": reason}
    trail = audit_check.examine(workspace.conn)
    assert trail.problems == []  # the trail is whole; what it cannot vouch for is named
    assert trail.unverified == [
        f"the seal was renewed at entry {last['seq']} ({workspace.scalar('SELECT date()')}; "
        f"{reason}): edits made outside opsdesk to the KPIs, targets and observations before "
        "then cannot be detected"]
    # The entry is signed like any other: rewriting it breaks the chain.
    other_tool(workspace, f"UPDATE audit_log SET after = '{{}}' WHERE seq = {last['seq']}")
    assert f"audit entry {last['seq']} was altered after it was written" in \
        audit_check.verify(workspace.conn)
    # A write with the seal in place writes no such entry.
    workspace.execute(UpdateRow("kpis", 1, {"unit": "pct"}, title="Change unit"))
    assert workspace.scalar("SELECT count(*) FROM audit_log WHERE command = 'Seal renewed'") == 1


def test_elsewhere_without_the_key_the_trail_is_not_called_intact(
        workspace: Workspace, opsdesk_home: Path) -> None:
    seeded(workspace)
    audit_key.key_file(str(audit_key.workspace_id(workspace.conn))).unlink()
    audit_key._cache.clear()
    trail = audit_check.examine(workspace.conn)
    assert trail.problems == [] and trail.verified == []
    key = audit_key.key_id(b"")  # only its length matters here
    assert [len(line) > len(key) for line in trail.unverified] == [True, True]
    assert trail.unverified[0].startswith("entries 1-5 were signed on another machine (key ")
    assert trail.unverified[1].startswith("the seal over the KPIs, targets and observations "
                                          "was made on another machine")


def test_the_user_is_the_author_when_one_is_set(workspace: Workspace,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "the CFO")
    monkeypatch.setenv("USER", "the CFO")
    workspace.execute(InsertRows("kpis", (kpi_row(1, "OEE"),)))
    workspace.execute(SetAuthor("Jane Doe, Acme Consulting"))
    workspace.execute(UpdateRow("kpis", 1, {"owner": "Ann"}))
    users = [r["user"] for r in workspace.rows("SELECT user FROM audit_log ORDER BY seq")]
    assert users[0] == "the CFO (as reported by the operating system)"
    assert users[-1] == "Jane Doe, Acme Consulting"


