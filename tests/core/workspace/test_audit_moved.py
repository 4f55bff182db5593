"""A workspace carried between machines: each continues the trail with its own key, and
each verifies what its keys signed and says, one sentence each, what it cannot.

Two machines are two folders of keys (``OPSDESK_AUDIT_KEYS``), as two laptops' keyrings.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from opsdesk.core.workspace import Workspace, audit_check, audit_key
from opsdesk.core.workspace.row_commands import UpdateRow
from tests.core.workspace.test_audit_keyed import other_tool, seeded

Machine = Callable[[str], str]  # switch to a machine; returns its key for the workspace


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machine:
    def switch(name: str) -> str:
        monkeypatch.setenv("OPSDESK_AUDIT_KEYS", str(tmp_path / f"keys-{name}"))
        audit_key._cache.clear()
        return name

    return switch


def _key_id(ws: Workspace) -> str:
    key = audit_key.own_key(str(audit_key.workspace_id(ws.conn)))
    assert key is not None
    return audit_key.key_id(key)


def _moved(tmp_path: Path, machine: Machine) -> tuple[Path, str, str]:
    """Made on A (5 entries), then edited on B, which lacks A's key (entries 6-7)."""
    path = tmp_path / "client.opsdesk"
    machine("A")
    with Workspace.open(path, create=True) as ws:
        seeded(ws)
        key_a = _key_id(ws)
    machine("B")
    with Workspace.open(path) as ws:
        ws.execute(UpdateRow("kpis", 1, {"owner": "Bea"}, title="Set owner"))  # not refused
        key_b = _key_id(ws)
    return path, key_a, key_b


def test_edited_where_the_key_is_not_and_checked_on_both(tmp_path: Path,
                                                         machine: Machine) -> None:
    path, key_a, key_b = _moved(tmp_path, machine)
    assert key_a != key_b
    with Workspace.open(path, read_only=True) as ws:
        change = ws.rows("SELECT * FROM audit_log WHERE seq = 6")[0]
        fifth = ws.rows("SELECT hash FROM audit_log WHERE seq = 5")[0]["hash"]
        assert (change["command"], change["action"]) == ("Key change", "key")
        assert json.loads(change["after"]) == {
            "key_id": key_b, "previous_key_id": key_a, "previous_head": f"5:{fifth}",
            "reason": "the key the trail was signed with is not on this machine"}
        on_b = audit_check.examine(ws.conn)
    assert on_b.problems == []
    assert on_b.verified == [f"entries 6-7 verified with this machine's key {key_b}",
                             "the KPIs, targets and observations match the seal"]
    assert on_b.unverified == [f"entries 1-5 were signed on another machine (key {key_a}); "
                               "they cannot be verified here"]
    machine("A")
    with Workspace.open(path, read_only=True) as ws:
        on_a = audit_check.examine(ws.conn)
    assert on_a.problems == []
    assert on_a.verified == [f"entries 1-5 verified with this machine's key {key_a}"]
    assert on_a.unverified == [
        f"entries 6-7 were signed on another machine (key {key_b}); they cannot be verified "
        "here",
        f"the seal over the KPIs, targets and observations was made on another machine (key "
        f"{key_b}): edits made to them outside opsdesk cannot be detected here"]
    # Back on A, the trail goes on with A's key again, and A can check the seal again.
    with Workspace.open(path) as ws:
        ws.execute(UpdateRow("kpis", 1, {"owner": "Ann"}, title="Set owner"))
        again = audit_check.examine(ws.conn)
    assert again.problems == []
    assert again.verified == [f"entries 1-5 verified with this machine's key {key_a}",
                              f"entries 8-9 verified with this machine's key {key_a}",
                              "the KPIs, targets and observations match the seal"]
    assert len(again.unverified) == 1 and again.unverified[0].startswith("entries 6-7")


def test_each_machine_detects_tampering_with_what_its_key_signed(tmp_path: Path,
                                                                 machine: Machine) -> None:
    path, _, _ = _moved(tmp_path, machine)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_log SET user = 'the CFO' WHERE seq IN (2, 7)")
    for name, entry in (("A", 2), ("B", 7)):
        machine(name)
        with Workspace.open(path, read_only=True) as ws:
            problems = audit_check.verify(ws.conn)
        assert problems == [f"audit entry {entry} was altered after it was written"], name


def test_outside_edits_are_seen_where_the_seal_key_is(tmp_path: Path, machine: Machine) -> None:
    path, _, _ = _moved(tmp_path, machine)
    with Workspace.open(path, read_only=True) as ws:
        other_tool(ws, "UPDATE observations SET value = 99 WHERE id = 2")
        assert audit_check.verify(ws.conn) == [  # on B, which made the seal
            "the observations were changed outside opsdesk (they no longer match the seal "
            "kept with the audit head)"]
    machine("A")
    with Workspace.open(path, read_only=True) as ws:  # A cannot tell, and says so
        trail = audit_check.examine(ws.conn)
    assert trail.problems == [] and trail.unverified[-1].startswith("the seal over")


def test_a_key_change_that_does_not_continue_the_head_fails(tmp_path: Path,
                                                            machine: Machine) -> None:
    path, _, _ = _moved(tmp_path, machine)
    with sqlite3.connect(path) as conn:  # entry 5 removed, and 6 renumbered: a spliced trail
        conn.execute("DELETE FROM audit_log WHERE seq = 5")
    with Workspace.open(path, read_only=True) as ws:
        problems = audit_check.verify(ws.conn)
    assert "audit entries 5-5 are missing" in problems
    assert "audit entry 6 says it continues a head that is not the entry before it" in problems


def test_a_relabelled_segment_is_not_excused_as_signed_elsewhere(tmp_path: Path,
                                                                 machine: Machine) -> None:
    """Naming an unknown key for entries this machine signed, to have them called
    unverifiable rather than altered, is itself caught here."""
    machine("A")
    path = tmp_path / "w.opsdesk"
    with Workspace.open(path, create=True) as ws:
        seeded(ws)
    with sqlite3.connect(path) as conn:
        (text,) = conn.execute("SELECT value FROM meta WHERE key = 'audit_seal'").fetchone()
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_seal'",
                     (text.replace(json.loads(text)["key"], "0123456789abcdef"),))
    with Workspace.open(path, read_only=True) as ws:
        problems = audit_check.verify(ws.conn)
    assert problems == ["entries 1-5 were signed with this machine's key, but the trail names "
                        "another: the record of keys was edited"]


def test_a_key_carried_on_purpose_verifies_there(tmp_path: Path, machine: Machine) -> None:
    path, key_a, _ = _moved(tmp_path, machine)
    machine("A")
    with Workspace.open(path, read_only=True) as ws:
        ws_id = str(audit_key.workspace_id(ws.conn))
    carried = tmp_path / "a.key"
    assert audit_key.export_key(ws_id, carried) == key_a
    assert carried.stat().st_mode & 0o777 == 0o600
    machine("B")
    assert audit_key.import_key(ws_id, carried) == key_a
    with Workspace.open(path, read_only=True) as ws:
        trail = audit_check.examine(ws.conn)
    assert trail.problems == [] and trail.unverified == []
    assert trail.verified[0] == f"entries 1-5 verified with a key imported here {key_a}"


def test_a_trail_from_before_keys_were_named_is_verified_and_renewed(
        workspace: Workspace) -> None:
    """As the first keyed opsdesk left a workspace: no key named, a seal of one SHA-256."""
    seeded(workspace)
    workspace.conn.execute("DELETE FROM meta WHERE key = 'audit_key'")
    workspace.conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_seal'",
                           ("ab" * 32 + ":" + "cd" * 32,))
    trail = audit_check.examine(workspace.conn)
    assert trail.problems == []
    assert trail.verified == ["entries 1-5 verified with this machine's key"]
    assert trail.unverified == ["the seal is in a form this opsdesk does not read (it is "
                                "renewed on the next change)"]
    workspace.execute(UpdateRow("kpis", 1, {"owner": "Ann"}))
    trail = audit_check.examine(workspace.conn)
    assert trail.problems == []
    # The renewal is an entry of its own, and check says what it means.
    assert trail.verified == [f"entries 1-7 verified with this machine's key {_key_id(workspace)}",
                              "the KPIs, targets and observations match the seal"]
    assert len(trail.unverified) == 1
    assert trail.unverified[0].startswith("the seal was renewed at entry 7 (")


@pytest.mark.edited_outside
def test_rows_added_by_another_tool_to_a_new_workspace_are_seen(workspace: Workspace) -> None:
    other_tool(workspace, "INSERT INTO kpis (name, created_at, updated_at) VALUES ('X', '', '')")
    assert audit_check.verify(workspace.conn) == [
        "KPIs, targets or observations were added outside opsdesk (the workspace's seal says "
        "it is as it was made, empty)"]
    workspace.execute(UpdateRow("kpis", 1, {"owner": "Ann"}))  # the first seal carries it on
    assert audit_check.verify(workspace.conn) == [
        "the KPIs were changed outside opsdesk (they no longer match the seal kept with the "
        "audit head)"]
