"""``opsdesk encrypt`` / ``decrypt`` and the password options, through the real entry point."""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
from pathlib import Path

import pytest

from opsdesk.cli import build_parser
from tests.cli.cli_run import one_line_error, opsdesk

PASSWORD = "correct horse battery"
# Commands with a workspace argument that do not open an existing one.
CREATES = {"demo", "new"}


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "pw.txt"
    path.write_text(PASSWORD + "\nanything after the first line is ignored\n", encoding="utf-8")
    return path


def _lean(path: Path) -> Path:
    """A new plain workspace holding the lean KPI pack."""
    from opsdesk.core.kpi.packs import AddPack
    from opsdesk.core.workspace import Workspace

    with Workspace.open(path, create=True) as ws:
        ws.execute(AddPack("lean"))
    return path


@pytest.fixture
def encrypted(tmp_path: Path, secret: Path) -> Path:
    path = _lean(tmp_path / "w.opsdesk")
    result = opsdesk("encrypt", path, "--password-file", secret)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Encrypted w.opsdesk (SQLCipher 4, AES-256).")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_without_the_password_one_sentence_says_how_to_give_it(encrypted: Path) -> None:
    before = _digest(encrypted)
    for args in (("check", encrypted), ("kpi", "list", encrypted), ("report", encrypted,
                 "--out", encrypted.with_suffix(".pdf"))):
        line = one_line_error(opsdesk(*args))
        assert line == (
            "opsdesk: w.opsdesk is encrypted: give its password with --password-file FILE "
            "or OPSDESK_PASSWORD."
        )
    assert _digest(encrypted) == before


def test_a_wrong_password_is_one_sentence(encrypted: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("correct horse", encoding="utf-8")
    assert one_line_error(opsdesk("kpi", "list", encrypted, "--password-file", wrong)) == (
        "opsdesk: Wrong password for w.opsdesk."
    )
    result = opsdesk("check", encrypted, env={"OPSDESK_PASSWORD": "nope"})
    assert one_line_error(result) == "opsdesk: Wrong password for w.opsdesk."


def test_every_feature_works_on_an_encrypted_workspace(
    encrypted: Path, secret: Path, tmp_path: Path
) -> None:
    env = {"OPSDESK_PASSWORD": PASSWORD}
    data = tmp_path / "jan.csv"
    data.write_text(
        "Date,KPI,Value\n2026-01-05,OEE,81.5\n2026-01-12,OEE,79.25\n2026-01-19,OEE,83\n",
        encoding="utf-8",
    )
    result = opsdesk("import", encrypted, data, "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert '"rows_imported": 3' in result.stdout
    status = opsdesk("kpi", "status", encrypted, "--as-of", "2026-01-31", env=env)
    assert status.returncode == 0 and "OEE" in status.stdout, status.stderr
    pdf = tmp_path / "review.pdf"
    report = opsdesk("report", encrypted, "--out", pdf, "--password-file", secret)
    assert report.returncode == 0, report.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "out.xlsx"
    export = opsdesk("export", encrypted, "--out", xlsx, "--password-file", secret)
    assert export.stdout.startswith("Wrote 3 observations"), export.stderr
    check = opsdesk("check", encrypted, env=env)
    assert check.returncode == 0, check.stdout
    assert "encrypted" in check.stdout.splitlines()[0]
    assert "ok    SQLCipher page check" in check.stdout and "FAIL" not in check.stdout
    stored = encrypted.read_bytes()  # no plaintext long enough not to occur by chance
    assert b"SQLite format 3" not in stored and b"2026-01-05" not in stored


def test_decrypt_then_plain_sqlite_reads_it(encrypted: Path, secret: Path) -> None:
    result = opsdesk("decrypt", encrypted, "--password-file", secret)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(encrypted) as conn:
        assert conn.execute("SELECT count(*) FROM kpis WHERE name = 'OEE'").fetchone() == (1,)
    assert one_line_error(opsdesk("decrypt", encrypted, "--password-file", secret)) == (
        "opsdesk: w.opsdesk is not encrypted; nothing was changed."
    )
    # A password given for a plain workspace is not needed, and not asked for.
    assert opsdesk("kpi", "list", encrypted, env={"OPSDESK_PASSWORD": "x"}).returncode == 0


def test_encrypt_refuses_without_a_new_password_or_twice(encrypted: Path, secret: Path) -> None:
    before = _digest(encrypted)
    assert one_line_error(opsdesk("encrypt", encrypted, "--password-file", secret)) == (
        "opsdesk: w.opsdesk is already encrypted; nothing was changed."
    )
    plain = _lean(encrypted.with_name("plain.opsdesk"))
    line = one_line_error(opsdesk("encrypt", plain))  # no terminal here to type it in
    assert line == "opsdesk: Give the new password with --password-file FILE or OPSDESK_PASSWORD."
    empty = secret.with_name("empty.txt")
    empty.write_text("\n", encoding="utf-8")
    assert "has no password on its first line" in one_line_error(
        opsdesk("encrypt", plain, "--password-file", empty)
    )
    assert _digest(encrypted) == before
    assert plain.read_bytes().startswith(b"SQLite format 3\x00")


def _leaves(parser: argparse.ArgumentParser, name: str = "") -> list[tuple[str, list[str]]]:
    """(command, its options) for every command and verb that takes no further verb."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for verb, sub in action.choices.items():
                found += _leaves(sub, f"{name} {verb}".strip())
    if not found and name:
        positionals = [a.dest for a in parser._actions if not a.option_strings]
        options = [o for a in parser._actions for o in a.option_strings]
        if {"workspace", "path"} & set(positionals):
            found.append((name, options))
    return found


def test_every_command_that_opens_a_workspace_takes_a_password_file() -> None:
    commands = _leaves(build_parser())
    assert {"check", "kpi list", "import", "report", "open", "shot"} <= {c for c, _ in commands}
    missing = [c for c, options in commands if "--password-file" not in options]
    assert sorted(set(missing) - CREATES) == []
