"""An incident's root causes on the Incidents tab: choosing an incident with a click shows
its causes (read in the background), the tree's gestures become core's undoable cause
commands on that incident, and choosing none says how to start.

The demo's INC-2110 (``core/demo/improvement.py``), which started in Q4 2026, has two
causes: one confirmed with its evidence, one open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from opsdesk.core.improve.root_cause_store import incident_causes
from opsdesk.ui.improve.incidents_tab import NO_INCIDENT
from opsdesk.ui.main_window import MainWindow
from tests.ui.test_improvement_page import page_of
from tests.ui.test_project_detail import click

CANARY = "No canary stage: model releases reach every line at once"


def _incidents_tab(window: MainWindow) -> Any:
    page = page_of(window)
    page.tabs.setCurrentWidget(page.incidents)
    tab = page.incidents
    tab.quarter_box.setCurrentIndex(tab.quarter_box.findText("Q4 2026"))
    return page, tab


def _click_incident(tab: Any, key: str) -> int:
    row = next(i for i, r in enumerate(tab.incidents.rows) if r["key"] == key)
    rect = tab.incidents_view.visualRect(tab.incidents.index(row, 0))
    assert rect.isValid()
    QTest.mouseClick(tab.incidents_view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    return int(tab.incidents.rows[row]["id"])


def test_choosing_an_incident_shows_its_causes(demo_window: MainWindow) -> None:
    _page, tab = _incidents_tab(demo_window)
    assert tab.causes_title.text() == NO_INCIDENT and tab.causes.isHidden()
    _click_incident(tab, "INC-2110")
    assert tab.causes_title.text().startswith("Root causes of INC-2110: ")
    assert not tab.causes.isHidden()
    assert sorted(c.cause for c in tab.causes.causes.values()) == [
        CANARY, "The alert watches latency, not the error rate"]
    tab.incidents_view.clearSelection()
    assert tab.causes_title.text() == NO_INCIDENT and tab.causes.isHidden()


def test_add_a_cause_to_the_incident_then_undo(demo_window: MainWindow) -> None:
    page, tab = _incidents_tab(demo_window)
    incident_id = _click_incident(tab, "INC-2110")
    tab.below.setCurrentIndex(1)
    click(tab.causes.buttons["add"])
    dialog = page.incident_causes.dialog
    assert dialog is not None and dialog.isVisible()
    QTest.keyClicks(dialog.text, "Preprocessing step not versioned with the model")
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    ws = demo_window.ctx.workspace
    assert ws is not None
    stored = incident_causes(ws.conn, incident_id)
    assert len(stored) == 3
    assert "Preprocessing step not versioned with the model" in [
        c.cause for c in tab.causes.causes.values()]  # read again after the command
    assert demo_window.ctx.undo_stack.undoText() == "Add cause"
    demo_window.ctx.undo_stack.undo()
    assert len(incident_causes(ws.conn, incident_id)) == 2
    assert len(tab.causes.causes) == 2


def test_the_chosen_incident_stays_chosen_when_the_rows_are_read_again(
        demo_window: MainWindow) -> None:
    page, tab = _incidents_tab(demo_window)
    incident_id = _click_incident(tab, "INC-2110")
    page.refresh(None)
    assert tab.selected_id() == incident_id
    assert tab.causes_title.text().startswith("Root causes of INC-2110")
