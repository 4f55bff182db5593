"""``opsdesk incident review`` run as the user runs it.

INC-7 of ``improvement_workspace``, times by hand: started 10:00, detected 10:20,
acknowledged 10:25, restored 11:30, resolved 14:00. So detect 20 min, acknowledge 5 min,
restore 1 h 30 min, respond (11:30 − 10:20) 1 h 10 min, resolve 4 h.
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


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return improvement_workspace(tmp_path / "w.opsdesk")


def test_review_pdf_holds_the_blameless_review(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    result = run("incident", "review", ws, "inc-7", "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out}:")
    if shutil.which("qpdf"):
        checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True)
        assert checked.returncode == 0
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert "INC-7 Scoring model served stale features" in text
    assert "Blameless review" in text and "facilitated by Grace Hopper" in text
    for fact in ("data quality", "SEV2", "Scoring", "scorer version 3.1", "degraded",
                 "2026-10-05 10:00 UTC", "2026-10-08 09:00 UTC"):
        assert fact in text, fact
    for name, value in (("Time to detect (MTTD)", "20 min"),
                        ("Time to acknowledge (MTTA)", "5 min"),
                        ("Time to restore", "1 h 30 min"), ("Time to respond", "1 h 10 min"),
                        ("Time to resolve", "4 h")):
        assert f"{name} {value}" in text, name
    assert "A feature job failed silently." in text and "Scores 6 hours old" in text
    assert "Freshness alert fires" in text
    assert "The job's failure was not alerted" in text and "Why 2: No alert on failure" in text
    assert "What went well: The freshness alert fired in 20 minutes." in text
    assert "What went wrong: Nobody owned the feature job." in text
    assert "Alert on feature job failures" in text and "in progress" in text


def test_by_row_number_too(ws: Path, tmp_path: Path) -> None:
    assert run("incident", "review", ws, "1", "--out", tmp_path / "r.pdf").returncode == 0


def test_unknown_incident_and_bad_path_are_one_sentence(ws: Path, tmp_path: Path) -> None:
    line = one_line_error(run("incident", "review", ws, "INC-404", "--out",
                              tmp_path / "r.pdf"))
    assert "no incident 'INC-404'" in line
    line = one_line_error(run("incident", "review", ws, "INC-7", "--out",
                              tmp_path / "nowhere" / "r.pdf"))
    assert "does not exist" in line
    assert not (tmp_path / "r.pdf").exists()


def test_the_pdf_names_the_incident_s_owner(ws: Path, tmp_path: Path) -> None:
    # issue 13: the owner set with review-edit is among the incident's facts
    assert run("incident", "review-edit", ws, "inc-7", "--owner", "Ada Lovelace"
               ).returncode == 0
    out = tmp_path / "review.pdf"
    assert run("incident", "review", ws, "inc-7", "--out", out).returncode == 0
    assert "Owner Ada Lovelace" in " ".join(pdf_text(out.read_bytes()).split())
