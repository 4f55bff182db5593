"""Writing the post-incident review (``SaveReview``): insert, update, exact undo, refusals
that change nothing, and the retraining feedback as a due action.

``improvement_workspace`` holds INC-7 (model "scorer", row 1) with its review held on
2026-10-08 by Grace Hopper and one open action, "Alert on feature job failures"."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.action_store import list_actions
from opsdesk.core.improve.incident_review_store import ReviewEntry, get_review, review_form
from opsdesk.core.improve.review_commands import SaveReview, retraining_title
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.row_commands import DeleteRows
from tests.core.report.improve_helpers import improvement_workspace

TABLES = ("incidents", "incident_reviews", "actions")


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(improvement_workspace(tmp_path / "w.opsdesk"))
    yield workspace
    workspace.close()


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def _unreviewed(ws: Workspace) -> int:
    """INC-7's review deleted (through a command, so the audit trail stays whole)."""
    review = ws.scalar("SELECT id FROM incident_reviews WHERE incident_id = 1")
    ws.execute(DeleteRows("incident_reviews", (review,)))
    return 1


def test_a_new_review_is_inserted_with_the_incident_s_summary(ws: Workspace) -> None:
    incident = _unreviewed(ws)
    before = snapshot(ws.conn)
    applied = ws.execute(SaveReview(incident, {
        "facilitator": "Ada Lovelace", "held_on": "2026-10-09",
        "timeline": [("10:00", "Job fails"), ReviewEntry("10:20", "Alert fires")],
        "went_well": "Alert fired.", "went_wrong": "No owner.", "where_lucky": "Quiet Sunday.",
        "contributing_factors": "Schema change.", "lessons": "Own the job.",
        "retraining": "Retrain on fresh features.", "summary": "  The job failed.  "}))
    assert applied.changes == Changes.INCIDENTS
    review = get_review(ws.conn, incident)
    assert review is not None and applied.result.review_id is not None
    assert (review.facilitator, review.held_on, review.where_lucky, review.retraining) == (
        "Ada Lovelace", "2026-10-09", "Quiet Sunday.", "Retrain on fresh features.")
    assert review.timeline == (ReviewEntry("10:00", "Job fails"),
                               ReviewEntry("10:20", "Alert fires"))
    stored = ws.scalar("SELECT timeline FROM incident_reviews WHERE incident_id = ?",
                       (incident,))
    assert json.loads(stored) == [{"at": "10:00", "what": "Job fails"},
                                  {"at": "10:20", "what": "Alert fires"}]
    assert ws.scalar("SELECT summary FROM incidents WHERE id = 1") == "The job failed."
    assert ws.scalar("SELECT impact FROM incidents WHERE id = 1") == \
        "Scores 6 hours old for 90 minutes."  # not given: as it was
    audited = ws.conn.execute("SELECT entity, action FROM audit_log WHERE command = ?",
                              ("Save post-incident review",)).fetchall()
    assert sorted(audited) == [("incident_reviews", "insert"), ("incidents", "update")]
    ws.execute(applied.inverse)
    assert snapshot(ws.conn) == before


def test_an_update_writes_only_what_is_given_and_undo_restores_exactly(
        ws: Workspace) -> None:
    before = snapshot(ws.conn)
    applied = ws.execute(SaveReview(1, {"where_lucky": "It was a quiet Sunday.",
                                        "held_on": "", "impact": "Stale scores."}))
    review = get_review(ws.conn, 1)
    assert review is not None
    assert review.where_lucky == "It was a quiet Sunday." and review.held_on is None
    assert review.facilitator == "Grace Hopper" and len(review.timeline) == 2  # untouched
    assert ws.scalar("SELECT impact FROM incidents WHERE id = 1") == "Stale scores."
    ws.execute(applied.inverse)
    assert snapshot(ws.conn) == before


def test_saving_what_is_stored_changes_nothing(ws: Workspace) -> None:
    before = snapshot(ws.conn)
    applied = ws.execute(SaveReview(1, {"facilitator": "Grace Hopper",
                                        "held_on": date(2026, 10, 8),
                                        "summary": "A feature job failed silently."}))
    assert applied.changes == Changes.NONE and snapshot(ws.conn) == before


@pytest.mark.parametrize(("fields", "words"), [
    ({"blame": "Sam"}, "no field 'blame'"),
    ({"held_on": "8 Oct"}, "a date like 2026-10-08"),
    ({"timeline": "10:00 job fails"}, "list of entries"),
    ({"timeline": [("10:00", "")]}, "Timeline entry 1 needs what happened"),
    ({"timeline": [("10:00", "ok"), ("x",)]}, "Timeline entry 2 must be"),
    ({"lessons": 3}, "lessons must be text"),
])
def test_bad_fields_are_one_sentence_and_change_nothing(
        ws: Workspace, fields: dict[str, Any], words: str) -> None:
    before = snapshot(ws.conn)
    with pytest.raises(OpsdeskError, match=words):
        ws.execute(SaveReview(1, {"facilitator": "Someone else", **fields}))
    assert snapshot(ws.conn) == before


def test_a_gone_incident_is_refused(ws: Workspace) -> None:
    with pytest.raises(OpsdeskError, match="no longer exists"):
        ws.execute(SaveReview(99, {"lessons": "x"}))


def test_the_retraining_feedback_becomes_one_due_action(ws: Workspace) -> None:
    before = snapshot(ws.conn)
    feedback = "Add stale-feature cases to the training set\nand retrain monthly."
    applied = ws.execute(SaveReview(1, {"retraining": feedback},
                                    retraining_action_due=date(2026, 11, 1)))
    assert applied.changes == Changes.INCIDENTS | Changes.ACTIONS
    added = [a for a in list_actions(ws.conn) if a.id == applied.result.retraining_action]
    assert len(added) == 1
    action = added[0]
    assert action.title == "Retrain scorer: Add stale-feature cases to the training set"
    assert (action.due, action.status, action.source.kind, action.source.ref) == (
        date(2026, 11, 1), "open", "incident review", 1)
    assert action.notes == feedback
    form = review_form(ws.conn, 1)
    assert form is not None and form.retraining_action == action
    # an open "Retrain" action is there: saving again adds no second one
    again = ws.execute(SaveReview(1, {"retraining": feedback + " Weekly."},
                                  retraining_action_due=date(2026, 12, 1)))
    assert again.result.retraining_action is None
    assert sum(a.title.startswith("Retrain") for a in list_actions(ws.conn)) == 1
    ws.execute(again.inverse)
    ws.execute(applied.inverse)
    assert snapshot(ws.conn) == before


def test_a_due_retraining_action_needs_the_feedback(ws: Workspace) -> None:
    before = snapshot(ws.conn)
    with pytest.raises(OpsdeskError, match="needs the review's retraining feedback"):
        ws.execute(SaveReview(1, {"lessons": "x"}, retraining_action_due=date(2026, 11, 1)))
    assert snapshot(ws.conn) == before


def test_the_action_title_takes_the_first_line_only() -> None:
    assert retraining_title("", "\n  Drift cases  \nmore") == "Retrain the model: Drift cases"
    long = retraining_title("m", "x" * 300)
    assert long.endswith("…") and len(long) == len("Retrain m: ") + 100


def test_the_owner_and_facilitator_are_stored_as_the_directory_spells_them(
        ws: Workspace) -> None:
    # issue 13: the review form edits the incident's owner; both people fields store the
    # directory's spelling, and undo puts the owner back
    from opsdesk.core.improve.people import Person
    from opsdesk.core.improve.people_commands import AddPerson

    ws.execute(AddPerson(Person("Ada Lovelace", email="ada@example.com")))
    applied = ws.execute(SaveReview(1, {"owner": "  ada   LOVELACE ",
                                        "facilitator": "ADA@example.com"}))
    assert applied.changes == Changes.INCIDENTS
    assert ws.scalar("SELECT owner FROM incidents WHERE id = 1") == "Ada Lovelace"
    review = get_review(ws.conn, 1)
    assert review is not None and review.facilitator == "Ada Lovelace"
    form = review_form(ws.conn, 1)
    assert form is not None and form.owner == "Ada Lovelace"
    ws.execute(applied.inverse)
    assert ws.scalar("SELECT owner FROM incidents WHERE id = 1") == ""
