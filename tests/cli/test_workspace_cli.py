"""The opsdesk command through its real entry point, in a subprocess."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error as assert_one_line_error
from tests.cli.cli_run import opsdesk


def test_help_lists_the_commands() -> None:
    result = opsdesk("--help")
    assert result.returncode == 0
    for command in ("open", "shot", "demo", "check"):
        assert command in result.stdout


def test_demo_then_check(tmp_path: Path) -> None:
    path = tmp_path / "x.opsdesk"
    made = opsdesk("demo", str(path))
    assert made.returncode == 0, made.stderr
    assert "KPIs" in made.stdout
    checked = opsdesk("check", str(path))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.count("ok ") >= 4
    assert "FAIL" not in checked.stdout


def test_demo_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.opsdesk", tmp_path / "b.opsdesk"
    opsdesk("demo", str(a))
    opsdesk("demo", str(b))
    query = "SELECT kpi_id, ts, value FROM observations ORDER BY id"
    with sqlite3.connect(a) as one, sqlite3.connect(b) as two:
        assert one.execute(query).fetchall() == two.execute(query).fetchall()


def test_demo_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "x.opsdesk"
    path.write_text("mine")
    assert_one_line_error(opsdesk("demo", str(path)))
    assert path.read_text() == "mine"


def test_check_fails_on_a_tampered_audit_log(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "t.opsdesk"
    copy.write_bytes(demo_file.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE audit_log SET user = 'mallory' WHERE seq = 1")
    result = opsdesk("check", str(copy))
    assert result.returncode == 1
    assert "FAIL  audit chain" in result.stdout


def test_check_finds_sums_an_edit_past_opsdesk_left_behind(demo_file: Path,
                                                           tmp_path: Path) -> None:
    copy = tmp_path / "t.opsdesk"
    copy.write_bytes(demo_file.read_bytes())
    with sqlite3.connect(copy) as conn:  # another program, past opsdesk's write path
        conn.execute("UPDATE observations SET value = value + 1"
                     " WHERE id = (SELECT min(id) FROM observations)")
        (name,) = conn.execute("SELECT k.name FROM kpis k JOIN observations o ON o.kpi_id ="
                               " k.id WHERE o.id = (SELECT min(id) FROM observations)").fetchone()
    result = opsdesk("check", str(copy))
    assert result.returncode == 1
    assert ("FAIL  period aggregates: not the sums of the observations (sum them afresh with:"
            f" opsdesk check --repair {copy.name})") in result.stdout
    assert f"      {name}: the period from " in result.stdout
    repaired = opsdesk("check", "--repair", str(copy))
    assert "afresh from their observations." in repaired.stdout.splitlines()[0]
    assert "ok    period aggregates" in repaired.stdout
    # The repair sums; it does not make the edit opsdesk's: the seal still shows it.
    assert "FAIL  audit chain" in repaired.stdout and repaired.returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ("check",),  # missing argument
        ("check", "/no/such/file.opsdesk"),
        ("open", "/no/such/file.opsdesk"),
        ("shot", "/no/such/file.opsdesk", "--out", "x"),
        ("frobnicate",),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    assert_one_line_error(opsdesk(*args))


def test_a_file_that_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "notes.opsdesk"
    path.write_text("just some notes\n" * 20)
    result = opsdesk("check", str(path))
    assert_one_line_error(result)
    assert "not an opsdesk workspace" in result.stderr


def test_shot_renders_every_page(demo_file: Path, tmp_path: Path) -> None:
    from opsdesk.ui.pages import PAGES

    copy = tmp_path / "demo.opsdesk"
    copy.write_bytes(demo_file.read_bytes())
    out = tmp_path / "shots"
    result = opsdesk("shot", str(copy), "--out", str(out), "--size", "1200x800")
    assert result.returncode == 0, result.stderr
    for number, (key, _title, _target) in enumerate(PAGES, start=1):
        png = out / f"{number:02d}-{key}.png"
        assert png.exists(), png
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 5_000  # a rendered page, not a blank stub


def test_shot_rejects_a_bad_size(demo_file: Path, tmp_path: Path) -> None:
    assert_one_line_error(opsdesk("shot", str(demo_file), "--out", str(tmp_path), "--size", "big"))


def test_new_makes_an_empty_workspace(tmp_path: Path) -> None:
    path = tmp_path / "client.opsdesk"
    made = opsdesk("new", str(path))
    assert made.returncode == 0, made.stderr
    assert str(path) in made.stdout
    with sqlite3.connect(path) as conn:
        # "OPSD" as the application id (README, The workspace file); nothing in it yet.
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x4F505344
        assert conn.execute("SELECT count(*) FROM kpis").fetchone()[0] == 0
    assert opsdesk("check", str(path)).returncode == 0
    listed = opsdesk("kpi", "list", str(path), "--json")
    assert listed.returncode == 0 and listed.stdout.strip() == "[]"


def test_new_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "client.opsdesk"
    path.write_text("mine")
    assert "already" in assert_one_line_error(opsdesk("new", str(path)))
    assert path.read_text() == "mine"
    assert_one_line_error(opsdesk("new", str(tmp_path / "no" / "such" / "folder.opsdesk")))


@pytest.mark.parametrize("command", [
    ("check", "{ws}"), ("kpi", "status", "{ws}"), ("kpi", "list", "{ws}"),
    ("import", "{ws}", "{ws}.csv"), ("export", "{ws}", "--out", "{ws}.xlsx"),
    ("report", "{ws}", "--out", "{ws}.pdf"), ("open", "{ws}"),
    ("shot", "{ws}", "--out", "{ws}-shots"),
])
def test_a_missing_workspace_suggests_opsdesk_new(tmp_path: Path,
                                                  command: tuple[str, ...]) -> None:
    ws = tmp_path / "typo.opsdesk"
    line = assert_one_line_error(opsdesk(*(a.format(ws=ws) for a in command)))
    assert f"There is no workspace at {ws}" in line
    assert f"opsdesk new {ws}" in line
    assert not ws.exists()


def test_shot_leaves_the_users_recent_files_and_window_alone(
    demo_file: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    mine = home / "recent.json"
    mine.write_text('["/somewhere/mine.opsdesk"]', encoding="utf-8")
    copy = tmp_path / "demo.opsdesk"
    copy.write_bytes(demo_file.read_bytes())
    result = opsdesk("shot", str(copy), "--out", str(tmp_path / "shots"), "--size", "1024x768",
                     env={"OPSDESK_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert mine.read_text(encoding="utf-8") == '["/somewhere/mine.opsdesk"]'
    assert not (home / "window.ini").exists()  # the user's window size stays theirs


def test_a_failed_shot_gives_the_workspace_back(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.opsdesk"
    copy.write_bytes(demo_file.read_bytes())
    out = tmp_path / "shots"
    (out / "01-dashboard.png").mkdir(parents=True)  # the first picture cannot be written
    line = assert_one_line_error(opsdesk("shot", str(copy), "--out", str(out)))
    assert "01-dashboard.png is a folder" in line
    assert not Path(f"{copy}.lock").exists()


def test_open_without_a_path_starts_on_the_default_workspace(tmp_path: Path) -> None:
    # The desktop entry runs "opsdesk open %f", and %f is empty when started from the menu.
    home = tmp_path / "home"
    result = opsdesk("open", env={"OPSDESK_HOME": str(home), "OPSDESK_QUIT_AFTER_PAINT": "1"})
    assert result.returncode == 0, result.stderr
    assert (home / "My workspace.opsdesk").is_file()
