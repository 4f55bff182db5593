"""An issued review pins the history it came from; ``check --against`` verifies it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.cli_run import opsdesk


def _workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "w.opsdesk"
    assert opsdesk("new", ws).returncode == 0
    for name in ("OEE", "Scrap"):
        assert opsdesk("kpi", "add", ws, name, "--unit", "%", "--direction", "higher",
                       "--frequency", "monthly", "--aggregation", "mean",
                       "--target", "80").returncode == 0
    return ws


def test_a_review_and_an_export_pin_the_audit_head(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "x.xlsx"
    assert opsdesk("report", ws, "--out", pdf).returncode == 0
    assert opsdesk("export", ws, "--out", xlsx).returncode == 0
    for issued in (pdf, xlsx):
        ok = opsdesk("check", ws, "--against", issued)
        assert ok.returncode == 0, ok.stdout
        assert f"{issued.name} was made at audit entry" in ok.stdout
    # Later work continues the same history: the review still checks out.
    assert opsdesk("kpi", "target", ws, "OEE", "85", "--from", "2026-01-01").returncode == 0
    assert opsdesk("check", ws, "--against", pdf).returncode == 0
    # A history rewritten with another tool (entries renumbered, head fixed) does not.
    with sqlite3.connect(ws) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 1")
        conn.execute("UPDATE audit_log SET seq = seq - 1")
    bad = opsdesk("check", ws, "--against", pdf)
    assert bad.returncode == 1 and "FAIL  r.pdf was made at audit entry" in bad.stdout


def test_outside_edits_and_the_author(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    assert opsdesk("check", ws).returncode == 0
    with sqlite3.connect(ws) as conn:
        conn.execute("UPDATE kpi_targets SET target = 60")
    result = opsdesk("check", ws)
    assert result.returncode == 1
    assert "changed outside opsdesk" in result.stdout
    named = _workspace(tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path)
    assert opsdesk("author", named, "Jane Doe").returncode == 0
    assert opsdesk("author", named).stdout.strip() == "Jane Doe"
    opsdesk("kpi", "target", named, "OEE", "90", "--from", "2026-02-01", env={"LOGNAME": "CFO"})
    with sqlite3.connect(named) as conn:
        users = [r[0] for r in conn.execute("SELECT user FROM audit_log ORDER BY seq")]
    assert users[0].endswith("(as reported by the operating system)")
    assert users[-1] == "Jane Doe"


def test_a_workspace_carried_to_a_machine_without_its_key(tmp_path: Path) -> None:
    """Edited on a machine that lacks its key (another key folder), checked on both."""
    ws = _workspace(tmp_path)
    laptop = {"OPSDESK_AUDIT_KEYS": str(tmp_path / "laptop-keys")}
    edit = opsdesk("kpi", "target", ws, "OEE", "85", "--from", "2026-01-01", env=laptop)
    assert edit.returncode == 0, edit.stderr
    there = opsdesk("check", ws, env=laptop)
    assert there.returncode == 0, there.stdout
    [note] = [line for line in there.stdout.splitlines() if line.startswith("note")]
    assert note.startswith("note  audit chain: entries 1-")
    assert note.endswith("were signed on another machine (key "
                         f"{note.split('(key ')[1].split(')')[0]}); they cannot be verified here")
    assert "ok    audit chain: the KPIs, targets and observations match the seal" in there.stdout
    here = opsdesk("check", ws)
    assert here.returncode == 0 and "FAIL" not in here.stdout, here.stdout
    assert "note  audit chain: the seal over the KPIs, targets and observations was made on " \
        "another machine" in here.stdout
    # Carried on purpose, the key verifies there too.
    key = tmp_path / "office.key"
    exported = opsdesk("audit-key", "export", ws, "--out", key)
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr.startswith("Warning: Whoever holds this key can add entries")
    assert opsdesk("audit-key", "import", ws, key, env=laptop).returncode == 0
    assert "note" not in opsdesk("check", ws, env=laptop).stdout
    again = opsdesk("audit-key", "export", ws, "--out", key)
    assert again.returncode == 2 and "already exists" in again.stderr
