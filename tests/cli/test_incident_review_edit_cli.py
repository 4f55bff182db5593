"""``opsdesk incident review-edit`` run as the user runs it, on ``improvement_workspace``'s
INC-7 (model "scorer"; reviewed on 2026-10-08 by Grace Hopper, two timeline entries)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opsdesk.core.improve.action_store import list_actions
from opsdesk.core.improve.incident_review_store import ReviewEntry, get_review
from opsdesk.core.workspace import Workspace
from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run
from tests.core.report.improve_helpers import improvement_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return improvement_workspace(tmp_path / "w.opsdesk")


def test_only_the_options_given_change(ws: Path) -> None:
    result = run("incident", "review-edit", ws, "inc-7", "--where-lucky", "A quiet Sunday.",
                 "--contributing", "A schema change upstream.", "--impact", "Stale scores.",
                 "--timeline-entry", "09:55|Schema changes", "--timeline-entry",
                 "10:00 | Feature job fails", "--retraining", "Add stale-feature cases.",
                 "--retrain-due", "2026-11-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Saved the post-incident review of INC-7.",
        "Added the due action 'Retrain scorer: Add stale-feature cases.' (due 2026-11-01)."]
    with Workspace.open(ws, read_only=True) as w:
        review = get_review(w.conn, 1)
        impact, summary = w.conn.execute("SELECT impact, summary FROM incidents").fetchone()
        retrain = [a for a in list_actions(w.conn) if a.title.startswith("Retrain")]
    assert review is not None
    assert (review.where_lucky, review.contributing_factors, review.retraining) == (
        "A quiet Sunday.", "A schema change upstream.", "Add stale-feature cases.")
    assert review.timeline == (ReviewEntry("09:55", "Schema changes"),
                               ReviewEntry("10:00", "Feature job fails"))
    # what was not given stays
    assert (review.facilitator, review.held_on) == ("Grace Hopper", "2026-10-08")
    assert review.went_wrong == "Nobody owned the feature job."
    assert (impact, summary) == ("Stale scores.", "A feature job failed silently.")
    assert [(a.due.isoformat() if a.due else None, a.source.ref) for a in retrain] == [
        ("2026-11-01", 1)]


def test_again_changes_nothing_and_adds_no_second_action(ws: Path) -> None:
    args = ("incident", "review-edit", ws, "1", "--retraining", "Retrain weekly.",
            "--retrain-due", "2026-11-01")
    assert run(*args).returncode == 0
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "incident": "INC-7", "review_id": 1, "changed": False, "retraining_action": None,
        "retraining_action_title": "Retrain scorer: Retrain weekly."}


@pytest.mark.parametrize(("args", "words"), [
    (("INC-404", "--lessons", "x"), "There is no incident 'INC-404'"),
    (("INC-7", "--held-on", "8 Oct"), "a date like 2026-10-08"),
    (("INC-7", "--timeline-entry", "10:00 job fails"), "--timeline-entry takes AT|WHAT"),
    (("INC-7", "--timeline-entry", "10:00|"), "Timeline entry 1 needs what happened"),
    (("INC-7", "--retrain-due", "soon"), "--retrain-due must be a date"),
    (("INC-7",), "Give at least one part of the review"),
])
def test_bad_input_is_one_sentence_and_changes_nothing(ws: Path, args: tuple[str, ...],
                                                       words: str) -> None:
    before = _audited(ws)
    line = one_line_error(run("incident", "review-edit", ws, *args))
    assert words in line
    assert _audited(ws) == before
    with Workspace.open(ws, read_only=True) as w:
        review = get_review(w.conn, 1)
    assert review is not None and review.held_on == "2026-10-08" and len(review.timeline) == 2


def _audited(ws: Path) -> int:
    with Workspace.open(ws, read_only=True) as w:
        return int(w.scalar("SELECT count(*) FROM audit_log"))
