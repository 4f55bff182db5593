"""``opsdesk person edit/delete`` and ``opsdesk team edit/delete`` as the user runs them:
a person named by a variant of their name or their e-mail; refusals are one sentence,
exit 2, and change nothing."""

from __future__ import annotations

from pathlib import Path

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run
from tests.cli.test_people_cli import _directory, _json, _ok


def test_edit_and_delete_people_and_teams(tmp_path: Path) -> None:
    ws = _directory(tmp_path)  # Operations (Jon, Maria), Quality led by Aisha under it
    assert _ok("person", "edit", ws, "JON@northwind.example", "--name", "Jon Berger",
               "--team", "quality", "--email", "").strip() == (
        "Jon Berg is now Jon Berger (Operations manager, Quality).")
    assert _ok("person", "edit", ws, "jon  berger", "--role", "Operations manager"
               ).strip() == "Jon Berger already has those details; nothing was changed."
    assert _ok("team", "edit", ws, "OPERATIONS", "--name", "Ops", "--lead", "maria keller"
               ).strip() == "The team Operations is now Ops (lead: Maria Keller)."
    teams = {t["name"]: t for t in _json("team", "list", ws)["teams"]}
    assert teams["Ops"]["members"] == ["Maria Keller"]  # renamed, the members follow
    assert teams["Quality"]["parent"] == "Ops" and teams["Quality"]["members"] == [
        "Jon Berger"]
    assert _ok("person", "delete", ws, "jon berger").strip() == (
        "Deleted Jon Berger from the people directory.")
    _ok("team", "edit", ws, "Quality", "--lead", "")
    assert _ok("person", "delete", ws, "Aisha Rahman", "aisha rahman").strip() == (
        "Deleted Aisha Rahman from the people directory.")  # named twice, deleted once
    assert _ok("team", "delete", ws, "quality").strip() == "Deleted the team Quality."
    assert [p["name"] for p in _json("person", "list", ws)["people"]] == ["Maria Keller"]


def test_refusals_are_one_sentence_and_change_nothing(tmp_path: Path) -> None:
    ws = _directory(tmp_path)
    people, teams = _json("person", "list", ws), _json("team", "list", ws)
    for args, said in (
            (("person", "edit", ws, "Nobody", "--role", "x"), "No one called 'Nobody' is "
             "in the people directory (opsdesk person list names everyone)"),
            (("person", "edit", ws, "Jon Berg"), "Say what to change with --name, --team, "
             "--role or --email; nothing was changed."),
            (("person", "edit", ws, "Jon Berg", "--name", "maria keller"), "Someone called "
             "'Maria Keller' is in the people directory already"),
            (("person", "edit", ws, "Jon Berg", "--team", "Finance"), "which is not in the "
             "directory"),
            (("person", "delete", ws, "Maria Keller", "Nobody"), "No one called 'Nobody'"),
            (("person", "delete", ws, "Aisha Rahman"), "Aisha Rahman leads Quality; give it "
             "another lead first"),
            (("team", "edit", ws, "Finance", "--lead", "Jon Berg"), "There is no team "
             "'Finance'"),
            (("team", "edit", ws, "Operations", "--parent", "Quality"), "Operations cannot "
             "belong to itself"),
            (("team", "edit", ws, "Quality", "--lead", "Jon Bergg"), "Did you mean 'Jon "
             "Berg'?"),
            (("team", "delete", ws, "Operations"), "Jon Berg and Maria Keller are in "
             "Operations; move them to another team")):
        line = one_line_error(run(*args))
        assert said in line, line
    assert _json("person", "list", ws) == people and _json("team", "list", ws) == teams
