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


def test_benefit_set_list_delete_as_json(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    assert run("new", ws).returncode == 0
    assert run("project", "add", ws, "Raise OEE", "--start", "2026-01-05").returncode == 0
    for args in (("--month", "2026-01", "--kind", "hard", "--expected", "20000", "--realised",
                  "9000", "--note", "overtime cut"),
                 ("--month", "2026-02", "--kind", "soft", "--expected", "1500.5"),
                 ("--month", "2026-02", "--kind", "hard", "--realised", "-250")):
        out = run("project", "benefit", ws, "raise oee", *args)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("Set the ")
    listed = json.loads(run("project", "benefit", ws, "Raise OEE", "--json").stdout)
    assert [(m["month"], m["hard"], m["soft"], m["estimate"]) for m in listed["months"]] == [
        ("2026-01", {"expected": 20000.0, "realised": 9000.0, "note": "overtime cut"}, None,
         None),
        ("2026-02", {"expected": None, "realised": -250.0, "note": ""},
         {"expected": 1500.5, "realised": None, "note": ""}, None)]
    # by hand: expected 20,000 hard + 1,500.5 soft = 21,500.5; realised 9,000 - 250 = 8,750
    assert listed["totals"] == {"expected_hard": 20000.0, "realised_hard": 8750.0,
                                "expected_soft": 1500.5, "realised_soft": 0.0,
                                "expected": 21500.5, "realised": 8750.0, "estimate": None}
    assert "No KPI is linked" in listed["estimate_explanation"]
    project = json.loads(run("project", "list", ws, "--json").stdout)["projects"][0]
    assert (project["expected_benefit"], project["realised_benefit"]) == (21500.5, 8750.0)
    text = run("project", "benefit", ws, "1")
    assert text.returncode == 0 and "Expected 21,500, realised so far 8,750." in text.stdout
    out = run("project", "benefit", ws, "1", "--month", "2026-02", "--kind", "soft", "--delete",
              "--json")
    assert out.returncode == 0, out.stderr
    assert [m["soft"] for m in json.loads(out.stdout)["months"]] == [None, None]


def test_benefit_refusals_are_one_sentence(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    assert run("new", ws).returncode == 0
    assert run("project", "add", ws, "Raise OEE").returncode == 0
    for args, words in ((("--month", "2026-13", "--kind", "hard", "--expected", "1"),
                         "not a month"),
                        (("--month", "2026-01", "--kind", "medium", "--expected", "1"),
                         "not 'medium'"),
                        (("--month", "2026-01", "--expected", "1"), "needs --month"),
                        (("--month", "2026-01", "--kind", "hard", "--expected", "nan"),
                         "finite"),
                        (("--month", "2026-01", "--kind", "hard", "--delete"), "no hard"),
                        (("--month", "2026-01", "--kind", "hard"), "Give --expected")):
        assert words in one_line_error(run("project", "benefit", ws, "1", *args))
    assert "no project" in one_line_error(run("project", "benefit", ws, "Nope"))
    listed = json.loads(run("project", "benefit", ws, "1", "--json").stdout)
    assert listed["months"] == []
