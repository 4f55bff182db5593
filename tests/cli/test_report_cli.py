"""``opsdesk report`` through the real entry point."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error, opsdesk


@pytest.fixture
def small(tmp_path: Path) -> Path:
    from opsdesk.core.report.config import ReportConfig
    from opsdesk.core.report.templates_store import SaveReportTemplate
    from opsdesk.core.workspace import Workspace
    from tests.core.report.helpers import add_kpi, add_values

    path = tmp_path / "w.opsdesk"
    with Workspace.open(path, create=True) as ws:
        with ws.transaction() as conn:
            kpi = add_kpi(conn, "Scrap rate", target=3.0)
            add_values(conn, kpi, [("2026-09-10", 4.0), ("2026-10-05", 2.0)])
        ws.execute(SaveReportTemplate("Board pack", ReportConfig(
            title="Board pack", sections=("summary", "scorecard"), paper="letter")))
    return path


def test_default_review(small: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "review.pdf"
    result = opsdesk("report", str(small), "--out", str(out), "--period", "2026-01..2026-10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out}:")
    reader = PdfReader(out)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Scrap rate" in text and "1 January 2026 – 31 October 2026" in text


def test_template_and_paper(small: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "pack.pdf"
    result = opsdesk("report", str(small), "--out", str(out), "--template", "board pack",
                     "--paper", "a4")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == 595  # --paper beats the template
    titles = [i.title for i in reader.outline if not isinstance(i, list)]
    assert titles == ["1  Executive summary", "2  KPI scorecard"]


def test_reproducible_output_is_byte_identical(small: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for out in (first, second):
        assert opsdesk("report", str(small), "--out", str(out), "--reproducible").returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_unknown_template_is_one_line(small: Path, tmp_path: Path) -> None:
    line = one_line_error(opsdesk("report", str(small), "--out", str(tmp_path / "x.pdf"),
                                  "--template", "Weekly"))
    assert "no report template named 'Weekly'" in line and "Board pack" in line


def test_unwritable_path_is_one_line(small: Path, tmp_path: Path) -> None:
    line = one_line_error(opsdesk("report", str(small), "--out",
                                  str(tmp_path / "nowhere" / "x.pdf")))
    assert "does not exist" in line
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere; nothing to test then
            return
        line = one_line_error(opsdesk("report", str(small), "--out", str(locked / "x.pdf")))
        assert "cannot be written" in line
    finally:
        locked.chmod(0o700)


def test_bad_period_and_missing_workspace(small: Path, tmp_path: Path) -> None:
    line = one_line_error(opsdesk("report", str(small), "--out", str(tmp_path / "x.pdf"),
                                  "--period", "2026-06..2026-01"))
    assert "ends before it starts" in line
    line = one_line_error(opsdesk("report", str(tmp_path / "none.opsdesk"), "--out",
                                  str(tmp_path / "x.pdf")))
    assert "no workspace" in line


def test_blank_source_date_epoch_means_not_set(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    result = opsdesk("report", small, "--out", out, env={"SOURCE_DATE_EPOCH": ""})
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
