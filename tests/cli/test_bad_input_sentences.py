"""Bad input gets one sentence, never "Something went wrong (OverflowError)"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error, opsdesk


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    path = tmp_path / "w.opsdesk"
    from opsdesk.core.workspace import Workspace
    from tests.core.kpi.helpers import make_kpi

    with Workspace.open(path, create=True) as workspace:
        make_kpi(workspace, "OEE", targets=({"target": 80},),
                 observations=(("2026-01-15", 78.0), ("2026-02-15", 81.0)))
    return path


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("kpi", "status", "{ws}", "--as-of", "9999-12-31"),
         "opsdesk: --as-of is 9999-12-31; opsdesk works with dates from 1900-01-01 to "
         "2100-12-31."),
        (("report", "{ws}", "--out", "{tmp}/r.pdf", "--period", "0001-01..9999-12"),
         "opsdesk: The period '0001-01..9999-12' has a date that is 0001-01-01; opsdesk "
         "works with dates from 1900-01-01 to 2100-12-31."),
        (("demo", "{tmp}/d.opsdesk", "--seed", "-5"),
         "opsdesk: The demo seed is -5; give a whole number from 0 to 4,294,967,295."),
        (("shot", "{ws}", "--out", "{ws}"),
         "opsdesk: {ws} is a file, not a folder; give --out a folder (it is made if missing)."),
        (("kpi", "target", "{ws}", "OEE", "1.7e308", "--from", "2026-01-01"),
         "opsdesk: The target is 1.7e+308, outside the range opsdesk accepts (from -1e15 to "
         "1e15)."),
        (("kpi", "add", "{ws}", "Big", "--unit", "x", "--direction", "higher", "--frequency",
          "monthly", "--aggregation", "mean", "--target", "1e305"),
         "opsdesk: The target is 1e+305, outside the range opsdesk accepts (from -1e15 to "
         "1e15)."),
    ],
)
def test_one_sentence(ws: Path, tmp_path: Path, args: tuple[str, ...], sentence: str) -> None:
    filled = [a.format(ws=ws, tmp=tmp_path) for a in args]
    assert one_line_error(opsdesk(*filled)) == sentence.format(ws=ws)
    assert not (tmp_path / "d.opsdesk").exists() and not (tmp_path / "r.pdf").exists()


def test_spc_numbers_and_ranges(tmp_path: Path) -> None:
    data = tmp_path / "x.csv"
    data.write_text("x\n1\n2\n3\n4\n", encoding="utf-8")
    assert one_line_error(opsdesk("spc", data, "--chart", "i-mr", "--value", "x",
                                  "--baseline", "1-99999999999999"), 2) == (
        "opsdesk: Baseline points '1-99999999999999' go past the last point (4) of this chart.")
    huge = tmp_path / "h.csv"
    huge.write_text("x\n1\n1.7e308\n3\n", encoding="utf-8")
    assert one_line_error(opsdesk("spc", huge, "--chart", "i-mr", "--value", "x")) == (
        "opsdesk: Row 3, column 'x' holds 1.7e308, outside the range opsdesk accepts (from "
        "-1e15 to 1e15).")


def test_a_report_of_values_another_program_stored_is_written_quietly(
        ws: Path, tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(ws) as conn:  # another SQLite tool, past every check
        conn.execute("UPDATE observations SET value = 1.7e308")
        conn.execute("UPDATE kpi_targets SET target = -1.7e308")
        conn.execute("UPDATE kpis SET name = ?", ("N" * 2000,))
    result = opsdesk("report", ws, "--out", tmp_path / "r.pdf", timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    status = opsdesk("kpi", "status", ws, "--as-of", "2026-03-01")
    assert status.returncode == 0 and status.stderr == "", status.stderr
