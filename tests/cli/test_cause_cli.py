"""``opsdesk cause`` run as the user runs it: add causes and a sub-cause to a project,
confirm one with its evidence, list them as a tree, delete one with what is below it; bad
input is one sentence and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run


def _ok(*args: object) -> str:
    out = run(*args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _causes(ws: Path) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(
        _ok("cause", "list", ws, "--project", "Cut scrap", "--json"))["causes"]
    return listed


def test_add_set_list_and_delete(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    _ok("new", ws)
    _ok("project", "add", ws, "Cut scrap", "--methodology", "A3", "--owner", "Jon Berg")
    assert "No root causes for the project 'Cut scrap' yet" in _ok(
        "cause", "list", ws, "--project", "cut SCRAP")
    assert _ok("cause", "add", ws, "--project", "Cut scrap", "--category", "machine",
               "Sensor sees glare") == "Added cause 1 to the project 'Cut scrap'.\n"
    _ok("cause", "add", ws, "--project", "1", "--category", "Method", "No shift log")
    _ok("cause", "add", ws, "--project", "1", "--category", "x", "--parent", "1",
        "Lens not cleaned", "--evidence", "photos")
    _ok("cause", "set", ws, "2", "--status", "ruled-out", "--text", "No shared shift log")
    _ok("cause", "set", ws, "1", "--status", "confirmed", "--evidence", "glare test 3 Oct")
    causes = _causes(ws)
    assert [(c["id"], c["depth"], c["category"], c["status"]) for c in causes] == [
        (1, 0, "Machine", "confirmed"), (3, 1, "Machine", "open"), (2, 0, "Method", "ruled out")]
    assert causes[0]["evidence"] == "glare test 3 Oct"
    assert causes[2]["cause"] == "No shared shift log"
    text = _ok("cause", "list", ws, "--project", "Cut scrap")
    assert "3 causes of the project 'Cut scrap', 1 confirmed" in text
    assert "└ Lens not cleaned — photos" in text
    assert "Deleted 2 causes" in _ok("cause", "delete", ws, "1")
    assert [c["id"] for c in _causes(ws)] == [2]


def test_bad_input_is_one_sentence_and_changes_nothing(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    _ok("new", ws)
    _ok("project", "add", ws, "Cut scrap", "--methodology", "A3")
    _ok("cause", "add", ws, "--project", "Cut scrap", "--category", "Machine", "Glare")
    before = _causes(ws)
    for args, said in (
            (("set", ws, "1", "--status", "confirmed"), "needs its evidence"),
            (("set", ws, "1"), "Say what to change"),
            (("set", ws, "9", "--text", "x"), "There is no cause 9"),
            (("add", ws, "--project", "Cut scrap", "--category", "Machine", " "),
             "A cause needs some text."),
            (("add", ws, "--project", "Nope", "--category", "Machine", "x"),
             "There is no project 'Nope'"),
            (("add", ws, "--incident", "INC-1", "--category", "Machine", "x"),
             "There is no incident 'INC-1'"),
            (("delete", ws, "1", "5"), "There is no cause 5")):
        assert said in one_line_error(run("cause", *args))
    out = run("cause", "set", ws, "1", "--status", "closed")
    assert out.returncode == 2 and "invalid choice" in out.stderr
    assert _causes(ws) == before
