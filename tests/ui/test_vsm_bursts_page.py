"""Kaizen bursts on the Value streams page, driven with the mouse and the keyboard on the
demo's future-state brackets stream (its bursts: opsdesk/core/demo/value_streams.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from opsdesk.core.maps.vsm_store import load_stream
from opsdesk.core.workspace import Workspace
from opsdesk.ui import ask
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.value_streams_page import ValueStreamsPage
from opsdesk.ui.vsm.vsm_bursts_box import burst_menu
from opsdesk.ui.vsm.vsm_scene import VsmItemGraphic
from tests.ui.test_value_streams_page import choose, open_page

FUTURE = "Brackets: stamping to assembly (future state)"


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


def graphic(page: ValueStreamsPage, role: str, text: str) -> VsmItemGraphic:
    return next(g for g in page.scene.items() if isinstance(g, VsmItemGraphic)
                and g.item.role == role and g.item.text == text)


def click(page: ValueStreamsPage, g: VsmItemGraphic) -> None:
    b = g.item.box
    at = page.view.mapFromScene(b.cx, b.cy if g.item.role != "process" else b.y + 50)
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def bursts(window: MainWindow, page: ValueStreamsPage) -> list[tuple[str, str, int | None]]:
    assert window.ctx.workspace is not None and page.map_id is not None
    stored = load_stream(window.ctx.workspace.conn, page.map_id)
    return [(b.text, b.owner, b.project_id) for b in stored.stream.bursts]


def test_add_edit_link_and_remove_a_burst_with_mouse_and_keys(demo: MainWindow) -> None:
    page = open_page(demo)
    choose(page, FUTURE)
    box = page.bursts_box
    demo_bursts = bursts(demo, page)
    start = demo.ctx.undo_stack.index()
    assert len(page.data.diagram.by_role("kaizen_burst")) == 3  # type: ignore[union-attr]

    # On the bursts tab, click the finished-goods supermarket (the tab stays), type a
    # burst and add it there.
    page.edit_tabs.setCurrentWidget(box)
    assert not box.add_button.isEnabled()  # nowhere chosen yet
    click(page, graphic(page, "inventory", "Finished-goods supermarket"))
    assert page.edit_tabs.currentWidget() is box and box.add_button.isEnabled()
    assert box.add_button.text() == "Add at Finished-goods supermarket"
    QTest.mouseClick(box.text, Qt.MouseButton.LeftButton)
    QTest.keyClicks(box.text, "Level the mix")
    # the owner is picked from the people directory; typed in lower case, core stores
    # the directory's spelling
    assert "Priya Nair" in [box.owner.itemText(i) for i in range(box.owner.count())]
    QTest.mouseClick(box.owner, Qt.MouseButton.LeftButton)
    QTest.keyClicks(box.owner, "priya nair")
    QTest.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert bursts(demo, page) == [*demo_bursts, ("Level the mix", "Priya Nair", None)]
    drawn = graphic(page, "kaizen_burst", "Level the mix")
    assert box.chosen_id() == 4 and box.text.text() == "Level the mix"
    assert not box.add_button.isEnabled()  # its fields show the new burst now

    # Click the new burst on the map, retype its text, link it to the changeover project.
    page.scene.clearSelection()
    click(page, drawn)
    assert box.chosen_id() == 4
    box.text.selectAll()
    QTest.keyClicks(box.text, "Heijunka box")
    QTest.keyClick(box.text, Qt.Key.Key_Return)
    assert bursts(demo, page)[-1] == ("Heijunka box", "Priya Nair", None)
    project = box.project.findText("Quick changeover on press line 2")
    box.project.setFocus()
    for _ in range(project):
        QTest.keyClick(box.project, Qt.Key.Key_Down)
    assert bursts(demo, page)[-1][2] == box.project.itemData(project)
    assert graphic(page, "kaizen_burst", "Heijunka box") is not None

    # Remove it; undo brings it back, undoing every step leaves the demo's bursts.
    QTest.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert bursts(demo, page) == demo_bursts
    demo.ctx.undo_stack.undo()
    assert bursts(demo, page)[-1][0] == "Heijunka box"
    while demo.ctx.undo_stack.index() > start:
        demo.ctx.undo_stack.undo()
    assert bursts(demo, page) == demo_bursts
    assert box.listing.count() == 3


def test_an_empty_text_is_refused_and_changes_nothing(demo: MainWindow,
                                                      monkeypatch: Any) -> None:
    page = open_page(demo)
    choose(page, FUTURE)
    shown: list[str] = []
    monkeypatch.setattr(demo.ctx, "show_error", shown.append)
    before = bursts(demo, page)
    click(page, graphic(page, "process", "Stamping"))
    page.edit_tabs.setCurrentWidget(page.bursts_box)
    QTest.mouseClick(page.bursts_box.add_button, Qt.MouseButton.LeftButton)
    assert bursts(demo, page) == before
    assert shown == ["A kaizen burst needs its text: what is to change. Nothing was changed."]


def test_right_click_menu_adds_and_raises_an_action(demo: MainWindow, monkeypatch: Any
                                                   ) -> None:
    page = open_page(demo)
    choose(page, FUTURE)
    monkeypatch.setattr(ask, "text", lambda *a, **k: "Cell at takt")
    told: list[str] = []
    monkeypatch.setattr(ask, "inform", lambda parent, title, message: told.append(message))
    cell = graphic(page, "process", "Weld and assembly cell")
    menu = burst_menu(page.view, cell, False, page.bursts_box, page.bursts._ask_text)
    (add,) = menu.actions()
    assert add.text() == "Add kaizen burst at Weld and assembly cell…"
    add.trigger()
    assert bursts(demo, page)[-1] == ("Cell at takt", "", None)
    burst = graphic(page, "kaizen_burst", "Cell at takt")
    menu = burst_menu(page.view, burst, False, page.bursts_box, page.bursts._ask_text)
    assert [a.text() for a in menu.actions()] == [
        "Edit kaizen burst", "Remove kaizen burst", "Raise action from kaizen burst"]
    menu.actions()[2].trigger()
    assert told and "actions list" in told[0]
    from opsdesk.core.improve.action_store import list_actions

    raised = list_actions(demo.ctx.workspace.conn)[-1]  # type: ignore[union-attr]
    assert (raised.title, raised.source.kind, raised.source.label) == (
        "Cell at takt", "kaizen burst", "Weld and assembly cell")


def test_a_read_only_workspace_shows_bursts_and_refuses_edits(qtbot: Any, demo_file: Path,
                                                              tmp_path: Path) -> None:
    copy = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, copy)
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_workspace(Workspace.open(copy, read_only=True))
    win.resize(1280, 720)
    win.show()
    page = open_page(win)
    choose(page, FUTURE)
    click(page, graphic(page, "process", "Stamping"))
    box = page.bursts_box
    assert box.listing.count() == 3
    assert not box.add_button.isEnabled() and box.text.isReadOnly()
    box.choose(1)
    assert box.text.text() == "Changeover 60 to 10 min (SMED)"
    assert not box.remove_button.isEnabled() and not box.raise_button.isEnabled()
    menu = burst_menu(page.view, graphic(page, "kaizen_burst", box.text.text()), True, box,
                      page.bursts._ask_text)
    assert not any(a.isEnabled() for a in menu.actions())
    win.close()
