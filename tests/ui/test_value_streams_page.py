"""The Value streams page on the demo workspace: choose a stream, click a process, type its
cycle time and the timeline follows at once; undo restores it. The demo's bracket stream
has Rother & Shook's Acme Stamping numbers (*Learning to See*, 1999): 23.6 days of lead
time and 1 + 39 + 46 + 62 + 40 = 188 s of processing time."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from opsdesk.core.maps.vsm_icons import Text
from opsdesk.core.maps.vsm_model import Process
from opsdesk.core.maps.vsm_store import load_stream
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.value_streams_page import ValueStreamsPage


@pytest.fixture
def demo(qtbot: Any, demo_file: Path, tmp_path: Path) -> Iterator[MainWindow]:
    copy = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, copy)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(copy)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: win._painted)
    yield win
    win.close()


def open_page(window: MainWindow) -> ValueStreamsPage:
    page = window.show_page_by_key("value-streams")
    assert isinstance(page, ValueStreamsPage)
    return page


def ladder(page: ValueStreamsPage) -> list[str]:
    assert page.data is not None and page.data.diagram is not None
    (rungs,) = page.data.diagram.by_role("timeline")
    return [p.text for p in rungs.prims if isinstance(p, Text)]


def totals(page: ValueStreamsPage) -> list[str]:
    assert page.data is not None and page.data.diagram is not None
    (box,) = page.data.diagram.by_role("totals")
    return [p.text for p in box.prims if isinstance(p, Text)]


def click_process(page: ValueStreamsPage, name: str) -> None:
    graphic = next(g for g in page.scene.graphics.values() if g.item.text == name)
    at = page.view.mapFromScene(graphic.item.box.x + 20, graphic.item.box.y + 50)
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def choose(page: ValueStreamsPage, name: str) -> None:
    item = next(page.stream_list.item(i) for i in range(page.stream_list.count())
                if page.stream_list.item(i).text().startswith(name))
    page.stream_list.setCurrentItem(item)


def test_the_demo_streams_are_listed_and_the_map_drawn(demo: MainWindow) -> None:
    page = open_page(demo)
    names = [page.stream_list.item(i).text() for i in range(page.stream_list.count())]
    assert names == ["Brackets: stamping to assembly (current state)",
                     "Brackets: stamping to assembly (future state)",
                     "Claim handling (current state)"]
    roles = [g.item.role for g in page.scene.graphics.values()]
    # Learning to See's map: 5 processes and 6 inventories (coils, 4 between, shipping),
    # each one chosen by a click.
    assert page.view.isVisible() and (roles.count("process"), roles.count("inventory")) == (5, 6)
    assert totals(page)[:4] == ["Production lead time", "23.6 days", "Processing time", "188 s"]
    assert "Learning to See" in page.notes.text()
    assert "Constraint" in page.metrics_box.figures.text()
    choose(page, "Claim handling")
    # Claim handling by hand, its inbox and registering fed by the demo's KPIs (the
    # scorecard's judged periods): the ticket backlog / 60 a day, registering at the
    # average handle time; then 3 days waiting, 90 / 60 = 1.5, 2 days payment run (1,260 a
    # month over 21 days = 60 a day).
    from opsdesk.core.kpi.scorecard import compute_statuses
    from opsdesk.core.maps.vsm_format import days_text, duration_text

    judged = {s.kpi.name: s.value for s in compute_statuses(demo.ctx.workspace.conn)}  # type: ignore[union-attr]
    assert ladder(page) == [days_text(judged["Ticket backlog"] / 60),
                            duration_text(judged["Average handle time"] * 60), "3.0 days",
                            "400 s", "1.5 days", "240 s", "2.0 days", "180 s"]


def test_typing_a_cycle_time_updates_the_timeline_and_undo_restores_it(
        demo: MainWindow) -> None:
    page = open_page(demo)
    choose(page, "Brackets: stamping to assembly (current")
    click_process(page, "Spot weld 2")
    assert page.process_box.title() == "Data box: Spot weld 2"
    edit = page.process_box.edits["cycle_time_s"]
    assert edit.text() == "46 s"
    edit.selectAll()
    QTest.keyClicks(edit, "30 s")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    # 188 − 46 + 30 = 172 s; the lower rung under Spot weld 2 reads 30 s.
    assert ladder(page)[5] == "30 s"
    assert totals(page)[3] == "172 s"
    conn = demo.ctx.workspace.conn  # type: ignore[union-attr]
    stored = load_stream(conn, page.map_id)  # type: ignore[arg-type]
    welds = [e for e in stored.stream.flow if isinstance(e, Process) and e.name == "Spot weld 2"]
    assert welds[0].cycle_time_s == 30
    assert page.process_box.edits["cycle_time_s"].text() == "30 s"  # still chosen
    demo.ctx.undo_stack.undo()
    assert ladder(page)[5] == "46 s" and totals(page)[3] == "188 s"
    assert page.process_box.edits["cycle_time_s"].text() == "46 s"


def test_demand_edits_change_takt_and_bad_values_change_nothing(
        demo: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(demo)
    told: list[str] = []
    monkeypatch.setattr(demo.ctx, "show_error", told.append)
    edit = page.demand_box.edits["quantity"]
    edit.setText("9200")
    edit.editingFinished.emit()
    # 9,200 / 20 days = 460 a day; 55,200 s / 460 = 120 s takt.
    assert "<b>120 s</b>" in page.metrics_box.figures.text()
    page.process_box.show_process(None, None, False)
    click_process(page, "Stamping")
    uptime = page.process_box.edits["uptime"]
    uptime.setText("eighty")
    uptime.editingFinished.emit()
    assert told and "Uptime of Stamping" in told[0] and "nothing was changed" in told[0]
    assert uptime.text() == "85 %"


def test_the_conventions_are_settings_the_figures_follow(demo: MainWindow) -> None:
    page = open_page(demo)
    page.settings_box.lead.setCurrentIndex(1)  # plus processing time, as eVSM
    assert "as eVSM" in page.notes.text()
    page.settings_box.basis.setCurrentIndex(1)  # available time
    # A day of 2 × (8 h − 20 min) = 55,200 s = 15.3 h.
    assert "available time a day (15.3 h)" in page.notes.text()


def test_a_convention_chosen_on_the_page_is_kept_with_the_map(demo: MainWindow) -> None:
    from opsdesk.core.maps.vsm_metrics import VsmSettings

    page = open_page(demo)
    choose(page, "Claim handling")
    basis = page.settings_box.basis
    basis.setCurrentIndex(basis.findText("available"))
    conn = demo.ctx.workspace.conn  # type: ignore[union-attr]
    assert page.map_id is not None
    assert load_stream(conn, page.map_id).settings == VsmSettings(day_basis="available")
    assert "available time a day" in page.notes.text()
    # Another map keeps its own; back on this one, the box shows what it keeps.
    choose(page, "Brackets: stamping to assembly (current")
    assert basis.currentText() == "calendar"
    choose(page, "Claim handling")
    assert basis.currentText() == "available"


def test_a_process_field_is_fed_by_a_kpi_chosen_in_its_data_box(demo: MainWindow) -> None:
    from opsdesk.core.kpi.scorecard import compute_statuses

    page = open_page(demo)
    choose(page, "Brackets: stamping to assembly (current")
    click_process(page, "Stamping")
    page.edit_tabs.setCurrentWidget(page.links_box)
    combo = page.links_box.combos["changeover_s"]
    assert combo.currentText() == "Typed value" and combo.isEnabled()
    combo.setFocus()
    QTest.keyClicks(combo, "Changeover time")
    assert combo.currentText() == "Changeover time"
    conn = demo.ctx.workspace.conn  # type: ignore[union-attr]
    (judged,) = [s for s in compute_statuses(conn) if s.kpi.name == "Changeover time"]
    # The data box's C/O line now reads the KPI's judged week in seconds, with its symbol.
    stamping = next(s for s in page.data.metrics.steps if s.name == "Stamping")  # type: ignore[union-attr]
    assert stamping.changeover_s == pytest.approx(judged.value * 60)
    assert any(t.startswith("C/O ") and t[-1] in "●▲■◆"
               for t in page.data.diagram.texts())  # type: ignore[union-attr]
    # Typed again, in one undo.
    demo.ctx.undo_stack.undo()
    stamping = next(s for s in page.data.metrics.steps if s.name == "Stamping")  # type: ignore[union-attr]
    assert stamping.changeover_s == 3600


def test_present_puts_the_map_alone_on_the_screen_and_esc_gives_it_back(
        demo: MainWindow, qtbot: Any) -> None:
    page = open_page(demo)
    qtbot.waitUntil(lambda: page.data is not None and page.data.diagram is not None)
    QTest.mouseClick(page.present_button, Qt.MouseButton.LeftButton)
    shown = page.presentation
    assert shown is not None and page.view.window() is shown and shown.isFullScreen()
    qtbot.waitUntil(lambda: page.view.size() == shown.size())
    # The whole map on the screen, as large as the screen lets it be.
    drawn = page.view.mapFromScene(page.view.sceneRect()).boundingRect()
    screen = page.view.viewport().rect()
    assert screen.contains(drawn)
    assert max(drawn.width() / screen.width(), drawn.height() / screen.height()) > 0.95
    QTest.keyClick(page.view, Qt.Key.Key_Escape)
    assert page.view.window() is demo and page.presentation is None
    qtbot.waitUntil(lambda: page.view.isVisibleTo(page))  # shown once the loop turns
