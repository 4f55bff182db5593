"""``opsdesk kpi edit`` and ``opsdesk kpi delete``, and what ``opsdesk import`` says about the
KPIs it creates and the values a file restates (issue 9, items 1 and 3)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.cli_run import one_line_error, opsdesk


def workspace_with_data(tmp_path: Path) -> Path:
    ws = tmp_path / "w.opsdesk"
    assert opsdesk("new", ws).returncode == 0
    source = tmp_path / "m.csv"
    source.write_text("Month,Headcount,Scrap\n2025-01-01,112,0.02\n2025-02-01,113,0.018\n",
                      encoding="utf-8")
    result = opsdesk("import", ws, source, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(k["name"], k["direction"], k["aggregation"]) for k in data["new_kpis"]] == [
        ("Headcount", "none", "last"), ("Scrap", "lower", "mean")]
    return ws


def audit(ws: Path) -> list[tuple[str, str, str]]:
    import sqlite3

    conn = sqlite3.connect(ws)
    try:
        return conn.execute("SELECT entity, action, command FROM audit_log ORDER BY seq").fetchall()
    finally:
        conn.close()


def test_edit_sets_the_direction_and_is_audited(tmp_path: Path) -> None:
    ws = workspace_with_data(tmp_path)
    result = opsdesk("kpi", "edit", ws, "Headcount", "--direction", "higher", "--unit", "FTE",
                     "--owner", "HR", "--rename", "Head count")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "KPI Headcount: name Headcount → Head count; direction none → higher; unit '' → FTE; "
        "owner '' → HR.")
    [row] = json.loads(opsdesk("kpi", "list", ws, "--json").stdout)[:1]
    assert (row["name"], row["direction"], row["unit"]) == ("Head count", "higher", "FTE")
    assert ("kpis", "update", "Edit KPI Headcount") in audit(ws)


def test_edit_refusals_are_one_line(tmp_path: Path) -> None:
    ws = workspace_with_data(tmp_path)
    assert "Say what to change" in one_line_error(opsdesk("kpi", "edit", ws, "Scrap"))
    assert "no KPI named 'Nope'" in one_line_error(
        opsdesk("kpi", "edit", ws, "Nope", "--unit", "%"))
    assert "already a KPI named 'scrap'" in one_line_error(
        opsdesk("kpi", "edit", ws, "Headcount", "--rename", "scrap"))


def test_delete_asks_for_yes_when_data_would_go(tmp_path: Path) -> None:
    ws = workspace_with_data(tmp_path)
    line = one_line_error(opsdesk("kpi", "delete", ws, "Scrap"))
    assert "holds 2 observations" in line and "--yes" in line
    result = opsdesk("kpi", "delete", ws, "Scrap", "--yes")
    assert result.returncode == 0 and "Deleted KPI Scrap and its 2 observations." in result.stdout
    names = [k["name"] for k in json.loads(opsdesk("kpi", "list", ws, "--json").stdout)]
    assert names == ["Headcount"]
    assert ("kpis", "delete", "Delete KPI Scrap") in audit(ws)


def test_import_lists_restated_values_and_update_replaces_them(tmp_path: Path) -> None:
    ws = workspace_with_data(tmp_path)
    again = tmp_path / "m2.csv"
    again.write_text("Month,Headcount,Scrap\n2025-01-01,112,0.02\n2025-02-01,114,0.018\n",
                     encoding="utf-8")
    data = json.loads(opsdesk("import", ws, again, "--json", "--dry-run").stdout)
    assert data["changed"] == [{"kpi": "Headcount", "ts": "2025-02-01", "segment": None,
                                "subgroup": None, "before": 113.0, "after": 114.0}]
    kept = opsdesk("import", ws, again)
    assert "Headcount 2025-02-01: 113 → 114" in kept.stdout and "1 changed (0 replaced)" in \
        kept.stdout
    replaced = json.loads(opsdesk("import", ws, again, "--update", "--json").stdout)
    assert (replaced["updated"], replaced["duplicates"]) == (1, 3)
