"""``opsdesk vsm burst`` and ``vsm bursts`` run as the user runs them, on the demo's
future-state brackets stream (its three bursts: tests/core/maps/test_vsm_bursts.py and
opsdesk/core/demo/value_streams.BRACKET_BURSTS)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run

FUTURE = "Brackets: stamping to assembly (future)"
FG = "Finished-goods supermarket"


def _bursts(ws: Path) -> list[dict[str, object]]:
    out = run("vsm", "bursts", ws, FUTURE, "--json")
    assert out.returncode == 0, out.stderr
    return list(json.loads(out.stdout)["bursts"])


def test_add_change_raise_and_remove(demo_file: Path, tmp_path: Path) -> None:
    ws = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, ws)
    demo = _bursts(ws)
    assert [(b["element"], b["project"]) for b in demo] == [
        ("Stamping", "Quick changeover on press line 2"), ("Stamped-parts supermarket", None),
        ("Weld and assembly cell", None)]

    out = run("vsm", "burst", ws, FUTURE, FG.lower(), "Level the mix", "--owner", "Priya Nair",
              "--project", "Quick changeover on press line 2")
    assert out.returncode == 0 and "added at Finished-goods supermarket" in out.stdout, out.stderr
    added = _bursts(ws)[-1]
    assert (added["element"], added["text"], added["owner"], added["project"]) == (
        FG, "Level the mix", "Priya Nair", "Quick changeover on press line 2")

    out = run("vsm", "burst", ws, FUTURE, FG, "level the MIX", "--no-project")
    assert out.returncode == 0 and "changed" in out.stdout, out.stderr
    assert (_bursts(ws)[-1]["owner"], _bursts(ws)[-1]["project"]) == ("Priya Nair", None)

    out = run("vsm", "burst", ws, FUTURE, FG, "Level the mix", "--raise-action",
              "--due", "2026-12-18")
    assert out.returncode == 0 and "raised from the kaizen burst" in out.stdout, out.stderr
    actions = json.loads(run("action", "list", ws, "--owner", "Priya Nair", "--json").stdout)
    raised = next(a for a in actions["actions"] if a["title"] == "Level the mix")
    assert (raised["source"]["kind"], raised["source"]["label"], raised["due"]) == (
        "kaizen burst", FG, "2026-12-18")

    out = run("vsm", "burst", ws, FUTURE, FG, "Level the mix", "--remove")
    assert out.returncode == 0 and "removed" in out.stdout, out.stderr
    assert _bursts(ws) == demo
    listed = run("vsm", "bursts", ws, FUTURE)
    assert "Stamping: Changeover 60 to 10 min (SMED); Maria Keller; project" in listed.stdout


def test_bad_input_is_one_sentence_and_changes_nothing(demo_file: Path,
                                                      tmp_path: Path) -> None:
    ws = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, ws)
    before = _bursts(ws)
    cases = [
        (("Nowhere", "x"), "has no process or inventory named 'Nowhere'"),
        (("Stamping", "not there", "--remove"), "Stamping has no kaizen burst 'not there'"),
        (("Stamping", "x", "--project", "999"), "There is no project '999'"),
        (("Stamping", "  "), "needs its text"),
        (("Stamping", "x", "--due", "2026-01-01"), "give it with --raise-action"),
        (("Stamping", "x", "--due", "soon", "--raise-action"), "--due must be a date"),
        (("Stamping", "x", "--project", "1", "--no-project"), "not both"),
    ]
    for args, message in cases:
        assert message in one_line_error(run("vsm", "burst", ws, FUTURE, *args))
    assert _bursts(ws) == before
