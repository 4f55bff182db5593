"""The post-incident review written from the Incidents tab: choose an incident, Review…,
type into the fields with real key events, OK saves it as one undoable step (core's
``SaveReview``), with the retraining feedback as a due action; a bad date is refused in
the dialog, which stays open and changes nothing."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from opsdesk.ui.improve.improve_data import quarter_of
from opsdesk.ui.improve.incidents_tab import INCIDENT_COLUMNS
from opsdesk.ui.improve.review_dialog import ReviewDialog, timeline_entries
from opsdesk.ui.kpis.rows_model import ID_ROLE
from opsdesk.ui.main_window import MainWindow


def _open_review(window: MainWindow, title: str) -> tuple[Any, ReviewDialog, int]:
    page = window.show_page_by_key("improvement")
    page.refresh(None)
    page.tabs.setCurrentWidget(page.incidents)
    tab = page.incidents
    ws = window.ctx.workspace
    assert ws is not None
    incident_id = ws.scalar("SELECT id FROM incidents WHERE title = ?", (title,))
    # the chosen quarter holds the incident: show the quarter it started in
    started = ws.scalar("SELECT started_at FROM incidents WHERE id = ?", (incident_id,))
    tab.choose(quarter_of(datetime.fromisoformat(started)))
    model = tab.incidents
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(ID_ROLE) == incident_id)
    assert not tab.review_button.isEnabled()  # nothing chosen yet
    tab.incidents_view.selectRow(row)
    assert tab.review_button.isEnabled()
    QTest.mouseClick(tab.review_button, Qt.MouseButton.LeftButton)
    dialog = page.review_dialog
    assert isinstance(dialog, ReviewDialog) and dialog.isVisible()
    return page, dialog, incident_id


def _ok(dialog: ReviewDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_timeline_lines_are_time_and_what() -> None:
    assert timeline_entries("06:25 | Drift alarm\n\n  a note without time  \n") == [
        ("06:25", "Drift alarm"), ("", "a note without time")]


def test_a_review_is_written_in_the_dialog_and_undone(demo_window: MainWindow) -> None:
    ws = demo_window.ctx.workspace
    assert ws is not None
    # an incident of the demo without a review (core/demo/incidents.py writes two)
    title = ws.scalar("SELECT title FROM incidents WHERE id NOT IN"
                      " (SELECT incident_id FROM incident_reviews) ORDER BY id LIMIT 1")
    _page, dialog, incident_id = _open_review(demo_window, title)
    dialog.facilitator.lineEdit().clear()
    QTest.keyClicks(dialog.facilitator.lineEdit(), "Aisha Rahman")
    QTest.keyClicks(dialog.held_on, "2026-11-02")
    QTest.keyClicks(dialog.timeline, "06:25 | Drift detector fires")
    QTest.keyClicks(dialog.boxes["where_lucky"], "Low traffic on a Sunday")
    QTest.keyClicks(dialog.retraining, "Add the new supplier's images to the training set")
    QTest.keyClicks(dialog.retrain_due, "2026-12-15")
    _ok(dialog)
    assert not dialog.isVisible()
    row = ws.conn.execute("SELECT facilitator, held_on, timeline, where_lucky, retraining"
                          " FROM incident_reviews WHERE incident_id = ?",
                          (incident_id,)).fetchone()
    assert row[:2] == ("Aisha Rahman", "2026-11-02")
    assert json.loads(row[2]) == [{"at": "06:25", "what": "Drift detector fires"}]
    assert row[3:] == ("Low traffic on a Sunday",
                       "Add the new supplier's images to the training set")
    due = ws.conn.execute("SELECT due_on, status FROM actions WHERE incident_id = ?"
                          " AND title LIKE 'Retrain %'", (incident_id,)).fetchall()
    assert due == [("2026-12-15", "open")]
    demo_window.ctx.undo_stack.undo()  # one step takes the review and its action back
    assert ws.scalar("SELECT count(*) FROM incident_reviews WHERE incident_id = ?",
                     (incident_id,)) == 0
    assert ws.scalar("SELECT count(*) FROM actions WHERE incident_id = ? AND title LIKE"
                     " 'Retrain %'", (incident_id,)) == 0


def test_a_bad_date_is_refused_in_the_dialog(demo_window: MainWindow) -> None:
    ws = demo_window.ctx.workspace
    assert ws is not None
    title = ws.scalar("SELECT title FROM incidents ORDER BY id LIMIT 1")
    _page, dialog, incident_id = _open_review(demo_window, title)
    before = ws.conn.execute("SELECT * FROM incident_reviews WHERE incident_id = ?",
                             (incident_id,)).fetchall()
    QTest.keyClicks(dialog.retrain_due, "next week")
    _ok(dialog)
    assert dialog.isVisible() and "2026-12-15" in dialog.error.text()
    assert ws.conn.execute("SELECT * FROM incident_reviews WHERE incident_id = ?",
                           (incident_id,)).fetchall() == before
    dialog.reject()


def test_the_incident_owner_is_picked_in_the_dialog_as_the_directory_spells_them(
        demo_window: MainWindow) -> None:
    # issue 13: the incident's owner (and the facilitator) pick from the people directory;
    # typed in lower case with extra spaces, they are stored as the directory spells them
    ws = demo_window.ctx.workspace
    assert ws is not None
    title = ws.scalar("SELECT title FROM incidents WHERE key = 'INC-2101'")
    _page, dialog, incident_id = _open_review(demo_window, title)
    assert dialog.owner.currentText() == "Priya Nair"  # the demo's owner, shown
    names = [dialog.owner.itemText(i) for i in range(dialog.owner.count())]
    assert "Aisha Rahman" in names and "Sam Okafor" in names  # the directory, offered
    dialog.owner.lineEdit().clear()
    QTest.keyClicks(dialog.owner.lineEdit(), "aisha   rahman")
    dialog.facilitator.lineEdit().clear()
    QTest.keyClicks(dialog.facilitator.lineEdit(), "LENA FISCHER")
    assert not dialog.owner.unlisted
    _ok(dialog)
    assert not dialog.isVisible()
    assert ws.scalar("SELECT owner FROM incidents WHERE id = ?", (incident_id,)) \
        == "Aisha Rahman"
    assert ws.scalar("SELECT facilitator FROM incident_reviews WHERE incident_id = ?",
                     (incident_id,)) == "Lena Fischer"
    tab = _page.incidents
    owners = {r["key"]: r["owner"] for r in tab.incidents.rows}
    assert owners["INC-2101"] == "Aisha Rahman"  # the Owner column shows it
    assert "Owner" in [h for _k, h in INCIDENT_COLUMNS]
    demo_window.ctx.undo_stack.undo()
    assert ws.scalar("SELECT owner FROM incidents WHERE id = ?", (incident_id,)) \
        == "Priya Nair"
