"""``opsdesk goal`` run as the user runs it: add goals, link a KPI and a project, list them
with their status; bad input is one sentence and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.cli_run import opsdesk as run


def _ok(*args: object) -> str:
    out = run(*args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_add_link_and_list(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    _ok("new", ws)
    _ok("kpi", "add", ws, "Lead time", "--unit", "days", "--direction", "lower",
        "--frequency", "monthly", "--aggregation", "mean")
    _ok("project", "add", ws, "Cut lead time", "--methodology", "A3", "--owner", "Jon Berg")
    made = json.loads(_ok("goal", "add", ws, "World-class delivery", "--pillar", "service",
                          "--horizon", "3-5 years", "--target-date", "2029-12-31", "--json"))
    _ok("goal", "add", ws, "Lead time under 8 days", "--pillar", "process", "--horizon",
        "1-2 years", "--target-date", "2027-06-30", "--owner", "Jon Berg", "--serves",
        "world-class DELIVERY")
    assert "Linked the KPI 'Lead time'" in _ok("goal", "link", ws, "Lead time under 8 days",
                                               "--kpi", "Lead time")
    _ok("goal", "link", ws, "Lead time under 8 days", "--project", "Cut lead time", "--weak")
    listed = json.loads(_ok("goal", "list", ws, "--json"))
    first, second = listed["goals"]
    assert (first["id"], first["horizon"], first["status"]) == (made["id"], "3-5 years",
                                                                "no data")
    assert second["serves"] == made["id"]
    assert second["kpis"] == [{"id": 1, "name": "Lead time", "strength": "strong"}]
    assert second["projects"] == [{"id": 1, "name": "Cut lead time", "strength": "weak"}]
    assert "2 goals as of" in _ok("goal", "list", ws)


def test_bad_input_is_one_sentence(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    _ok("new", ws)
    short = _ok("goal", "add", ws, "Annual", "--pillar", "service", "--horizon", "1-2 years",
                "--target-date", "2027-01-01")
    assert "Added the goal 'Annual'" in short
    for args, said in (
            (("--serves", "Annual", "--target-date", "2030-01-01"), "longer horizon"),
            (("--target-date", "soon"), "--target-date must be a date like 2027-12-31"),
            (("--serves", "Nope", "--target-date", "2030-01-01"), "There is no goal 'Nope'")):
        out = run("goal", "add", ws, "Long", "--pillar", "service", "--horizon", "3-5 years",
                  *args)
        assert out.returncode == 2 and said in out.stderr and out.stderr.count("\n") == 1
    out = run("goal", "link", ws, "Annual", "--kpi", "Missing")
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert len(json.loads(_ok("goal", "list", ws, "--json"))["goals"]) == 1
