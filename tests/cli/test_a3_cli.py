"""``opsdesk project export-a3`` run as the user runs it.

The workspace is ``improvement_workspace``: Lead time's means by hand are 9.3 days before
the change (111.6 / 12) and 6.1 after it (61.0 / 10). The review date is the day after
the newest period with data (October 2026) ends: 2026-11-01, so the action due
2026-03-31 and still open is overdue.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run
from tests.core.report.helpers import pdf_text
from tests.core.report.improve_helpers import improvement_workspace

# ISO 216: A3 is 297 x 420 mm, A4 210 x 297 mm; 72 points to the inch of 25.4 mm.
A3_LANDSCAPE = (round(420 / 25.4 * 72), round(297 / 25.4 * 72))   # (1191, 842)
A4_LANDSCAPE = (round(297 / 25.4 * 72), round(210 / 25.4 * 72))   # (842, 595)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return improvement_workspace(tmp_path / "w.opsdesk")


def _pages(path: Path) -> list[tuple[int, int]]:
    from pypdf import PdfReader

    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(path).pages]


def _qpdf_ok(path: Path) -> None:
    if shutil.which("qpdf") is None:
        return
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a3_holds_every_box_filled_from_the_project(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "a3.pdf"
    result = run("project", "export-a3", ws, "faster quotes", "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out}:")
    assert _pages(out) == [A3_LANDSCAPE]
    _qpdf_ok(out)
    text = " ".join(pdf_text(out.read_bytes()).split())
    for box in ("Background", "Current condition", "Goal", "Analysis: root causes",
                "Countermeasures", "Plan", "Follow-up"):
        assert box in text
    assert "A3 · Faster quotes" in text and "Owner: Ada Lovelace" in text
    assert "Date: 1 November 2026" in text
    assert "Quotes take 9.3 days on average" in text and "Quotes out within 7 days." in text
    assert "Lead time fell from 9.3 to 6.1 days; the shift is statistically clear" in text
    assert "Pricing waits for a weekly meeting" in text and "Approval is weekly" in text
    assert "Train a second estimator" in text and "Grace Hopper" in text
    assert "2026-03-31 overdue" in text
    assert "expected 50,000, realised so far 12,000" in text


def test_a4_paper_and_the_id(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "a4.pdf"
    assert run("project", "export-a3", ws, "1", "--out", out, "--paper", "a4").returncode == 0
    assert _pages(out) == [A4_LANDSCAPE]
    _qpdf_ok(out)


def test_text_too_long_for_its_box_is_cut_with_an_ellipsis(tmp_path: Path) -> None:
    words = "Quotes wait for pricing in every region and for every product line. " * 80
    ws = improvement_workspace(tmp_path / "long.opsdesk", problem=words)
    out = tmp_path / "long.pdf"
    assert run("project", "export-a3", ws, "Faster quotes", "--out", out).returncode == 0
    assert _pages(out) == [A3_LANDSCAPE]  # still one page
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert "..." in text  # the ellipsis, as NFKC folds it
    assert text.count("Quotes wait for pricing") < 80


def test_unknown_project_and_bad_path_are_one_sentence(ws: Path, tmp_path: Path) -> None:
    line = one_line_error(run("project", "export-a3", ws, "Nope", "--out", tmp_path / "x.pdf"))
    assert "no project 'Nope'" in line
    line = one_line_error(run("project", "export-a3", ws, "1", "--out",
                              tmp_path / "nowhere" / "x.pdf"))
    assert "does not exist" in line
    line = one_line_error(run("project", "export-a3", ws, "1", "--out", tmp_path))
    assert "is a folder" in line
    assert not (tmp_path / "x.pdf").exists()
