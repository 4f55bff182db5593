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
