"""``opsdesk person`` and ``opsdesk team`` run as the user runs them: teams and people
added, listed with their workload as of the review date, filtered to a team; bad input
is one sentence on stderr, exit 2, and changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run


def _ok(*args: object) -> str:
    out = run(*args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _json(*args: object) -> Any:
    return json.loads(_ok(*args, "--json"))


def _directory(tmp_path: Path) -> Path:
    ws = tmp_path / "w.opsdesk"
    _ok("new", ws)
    assert _ok("team", "add", ws, "Operations").strip() == "Added the team Operations."
    assert "Added Jon Berg to the people directory in Operations." in _ok(
        "person", "add", ws, "Jon Berg", "--team", "operations", "--role",
        "Operations manager", "--email", "jon@northwind.example")
    _ok("person", "add", ws, "Aisha  Rahman", "--role", "Quality manager")
    assert _ok("team", "add", ws, "Quality", "--lead", "AISHA RAHMAN", "--parent",
               "Operations").strip() == ("Added the team Quality, led by Aisha Rahman, "
                                         "part of Operations.")
    _ok("person", "add", ws, "Maria Keller", "--team", "Operations", "--role", "CI lead")
    return ws


def test_people_and_teams_added_and_listed(tmp_path: Path) -> None:
    ws = _directory(tmp_path)
    listed = _json("person", "list", ws)
    assert list(listed) == ["as_of", "people"]
    idle = {"open_actions": 0, "overdue_actions": 0, "projects_led": 0, "projects_in": 0,
            "open_incidents": 0}
    assert listed["people"] == [
        {"name": "Aisha Rahman", "team": "", "role": "Quality manager", "email": "",
         "workload": idle},
        {"name": "Jon Berg", "team": "Operations", "role": "Operations manager",
         "email": "jon@northwind.example", "workload": idle},
        {"name": "Maria Keller", "team": "Operations", "role": "CI lead", "email": "",
         "workload": idle}]
    ops = _json("person", "list", ws, "--team", "OPERATIONS")["people"]
    assert [p["name"] for p in ops] == ["Jon Berg", "Maria Keller"]
    assert _json("team", "list", ws) == {"teams": [
        {"name": "Operations", "lead": "", "parent": "", "members": ["Jon Berg",
                                                                     "Maria Keller"]},
        {"name": "Quality", "lead": "Aisha Rahman", "parent": "Operations", "members": []}]}
    text = _ok("person", "list", ws)
    assert text.startswith("3 people, workload as of ")
    assert "Jon Berg (Operations manager, Operations): 0 open actions" in text
    assert "Quality (lead: Aisha Rahman, part of Operations): 0 people" in _ok(
        "team", "list", ws)


def test_workload_as_of_the_pinned_review_date(tmp_path: Path) -> None:
    from opsdesk.core.improve.action_commands import AddAction
    from opsdesk.core.improve.actions import Action, Source
    from opsdesk.core.improve.project_commands import AddProject, NewProject
    from opsdesk.core.kpi.review_date import SETTING
    from opsdesk.core.workspace import Workspace

    ws = _directory(tmp_path)
    with Workspace.open(ws) as workspace:
        with workspace.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                         (SETTING, json.dumps("2026-03-31")))
        oee = workspace.execute(AddProject(NewProject("Raise OEE", "DMAIC",
                                                      "Maria Keller"))).result
        for title, owner, due in (("Sensor fix", "Maria Keller", date(2026, 3, 30)),
                                  ("PM routine", "maria keller", date(2026, 3, 31)),
                                  ("Gauge study", "Jon Berg", date(2026, 1, 15))):
            workspace.execute(AddAction(Action(0, title, owner, Source("project", oee), due)))
    listed = _json("person", "list", ws)
    assert listed["as_of"] == "2026-03-31"
    # by hand, as of 2026-03-31 (overdue: open and due before that day): Maria has two
    # open, Sensor fix overdue, PM routine due that very day; Jon one, overdue; Maria
    # leads the one active project.
    work = {p["name"]: p["workload"] for p in listed["people"]}
    assert work["Maria Keller"] == {"open_actions": 2, "overdue_actions": 1,
                                    "projects_led": 1, "projects_in": 0, "open_incidents": 0}
    assert work["Jon Berg"] == {"open_actions": 1, "overdue_actions": 1, "projects_led": 0,
                                "projects_in": 0, "open_incidents": 0}
    assert work["Aisha Rahman"]["open_actions"] == 0


def test_bad_input_is_one_sentence_and_changes_nothing(tmp_path: Path) -> None:
    ws = _directory(tmp_path)
    people, teams = _json("person", "list", ws), _json("team", "list", ws)
    for args, said in (
            (("person", "add", ws, "jon berg"), "Someone called 'jon berg' is in the people "
             "directory already; nothing was changed."),
            (("person", "add", ws, "Tom Weber", "--team", "Finance"), "Tom Weber is in the "
             "team 'Finance', which is not in the directory."),
            (("person", "add", ws, "Tom Weber", "--email", "tom"), "'tom', the email of Tom "
             "Weber, is not an email address"),
            (("team", "add", ws, "Finance", "--lead", "Tom Webber"), "No one called 'Tom "
             "Webber' is in the people directory, so they cannot be the lead of Finance."),
            (("team", "add", ws, "Finance", "--lead", "jon bergg"), "Did you mean 'Jon Berg'?"),
            (("team", "add", ws, "quality"), "There is a team called 'quality' already"),
            (("team", "add", ws, "Finance", "--parent", "Head office"), "Finance belongs to "
             "'Head office', which is not a team."),
            (("person", "list", ws, "--team", "Finance"), "There is no team 'Finance'; "
             "opsdesk team list names them."),
            (("person", "list", tmp_path / "none.opsdesk"), "opsdesk new")):
        line = one_line_error(run(*args))
        assert said in line, line
    assert _json("person", "list", ws) == people and _json("team", "list", ws) == teams
