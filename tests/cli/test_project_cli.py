"""``opsdesk project list|show|add`` run as the user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run


def test_add_list_and_show(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    assert run("new", ws).returncode == 0
    out = run("project", "add", ws, "Raise OEE", "--methodology", "DMAIC", "--owner",
              "Maria Keller", "--sponsor", "Ops director", "--start", "2026-01-05", "--due",
              "2026-06-30", "--json")
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)["project"]
    assert run("project", "add", ws, "Press kaizen", "--methodology", "Kaizen").returncode == 0

    listed = json.loads(run("project", "list", ws, "--json").stdout)
    assert list(listed) == ["projects"]
    assert [(p["name"], p["methodology"], p["phase"]) for p in listed["projects"]] == [
        ("Raise OEE", "DMAIC", "Define"), ("Press kaizen", "Kaizen", "Prepare")]
    first = listed["projects"][0]
    assert (first["owner"], first["sponsor"], first["due_on"], first["progress"]) == (
        "Maria Keller", "Ops director", "2026-06-30", 0.0)

    shown = json.loads(run("project", "show", ws, "raise oee", "--json").stdout)["project"]
    assert shown["id"] == made
    # DMAIC's five phases (methodology.DMAIC, after George et al.)
    assert shown["phases"] == ["Define", "Measure", "Analyze", "Improve", "Control"]
    assert shown["gate"] and not any(item["ticked"] for item in shown["gate"])
    assert "a problem statement" in shown["charter_missing"]
    text = run("project", "show", ws, str(made))
    assert text.returncode == 0 and "Gate of Define:" in text.stdout


def test_bad_input_is_one_sentence(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    assert run("new", ws).returncode == 0
    assert run("project", "add", ws, "OEE").returncode == 0
    assert "already" in one_line_error(run("project", "add", ws, "oee"))
    assert "no KPI 'Nope'" in one_line_error(run("project", "add", ws, "X", "--kpi", "Nope"))
    assert "must be a date" in one_line_error(run("project", "add", ws, "X", "--due", "soon"))
    assert "no project 'Y'" in one_line_error(run("project", "show", ws, "Y"))
    assert len(json.loads(run("project", "list", ws, "--json").stdout)["projects"]) == 1
