"""The command line on a damaged workspace, and with a data folder it cannot write.

Issue 15 items 4 and 14: a damaged workspace got "Something went wrong (DatabaseError)";
an unwritable data folder (OPSDESK_HOME) printed a full traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.cli_run import one_line_error, opsdesk
from tests.core.workspace.damage import damage_page, leaf_pages


def _damaged(demo_file: Path, folder: Path) -> Path:
    path = folder / "damaged.opsdesk"
    shutil.copy(demo_file, path)
    leaves = leaf_pages(path, "observations")
    damage_page(path, leaves[len(leaves) // 2][0])
    return path


def test_a_damaged_workspace_is_named_as_such(demo_file: Path, tmp_path: Path) -> None:
    path = _damaged(demo_file, tmp_path)
    line = one_line_error(opsdesk("export", path, "--out", tmp_path / "all.xlsx"))
    assert "damaged.opsdesk is damaged" in line and "opsdesk recover" in line, line
    check = opsdesk("check", path)
    assert check.returncode == 1
    assert "FAIL" in check.stdout and "observations" in check.stdout, check.stdout


def test_recover_says_what_was_lost(demo_file: Path, tmp_path: Path) -> None:
    path = _damaged(demo_file, tmp_path)
    target = tmp_path / "recovered.opsdesk"
    result = opsdesk("recover", path, target)
    assert result.returncode == 1, result.stderr  # something was lost
    assert "lost: observations: rows with ids" in result.stdout, result.stdout
    assert opsdesk("check", target).returncode == 0
    whole = opsdesk("recover", demo_file, tmp_path / "whole.opsdesk")
    assert whole.returncode == 0 and "Nothing was lost." in whole.stdout


def test_a_data_folder_that_cannot_be_made_is_one_sentence(
    demo_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    # Under a file: never makeable, even as root. The audit key (kept in the data folder
    # when no keyring is there) and the default workspace both need the folder.
    env = {"OPSDESK_HOME": str(blocker / "opsdesk"), "OPSDESK_AUDIT_KEYS": "",
           "OPSDESK_QUIT_AFTER_PAINT": "1"}
    copy = tmp_path / "plant.opsdesk"
    shutil.copy(demo_file, copy)
    for args in (("kpi", "add", copy, "Scrap", "--unit", "%", "--direction", "lower",
                  "--frequency", "monthly", "--aggregation", "mean"), ("open",)):
        result = opsdesk(*args, env=env, timeout=120)
        line = one_line_error(result)
        assert "data folder" in line and "OPSDESK_HOME" in line, line
