"""Building a value stream on its page with the mouse and the keyboard: inventories chosen
on the canvas and edited in their box, elements inserted and removed (Delete on the map),
a new stream started and a table of steps imported; each edit one undo step.

The demo's bracket stream has Rother & Shook's Acme Stamping numbers (*Learning to See*,
1999): 920 pieces a day, 23.6 days of lead time (shipping 4,140 / 920 = 4.5 of them) and
1 + 39 + 46 + 62 + 40 = 188 s of processing time.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from opsdesk.core.maps.vsm_model import Delay, Inventory, Process
from opsdesk.core.maps.vsm_store import load_stream
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.value_streams_page import ValueStreamsPage
from tests.ui.test_value_streams_page import choose, click_process, open_page, totals


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


def brackets(window: MainWindow) -> ValueStreamsPage:
    page = open_page(window)
    choose(page, "Brackets: stamping to assembly (current")
    return page


def click_stock(page: ValueStreamsPage, name: str, nth: int = 0) -> str:
    """Click the inventory (or delay) icon named ``name`` (the ``nth`` of that name); its
    key."""
    graphic = [g for g in page.scene.graphics.values()
               if g.item.role in ("inventory", "delay") and g.item.text == name][nth]
    box = graphic.item.box
    at = page.view.mapFromScene(box.x + box.w / 2, box.y + 19)  # the icon's middle
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert graphic.item.key is not None
    return graphic.item.key


def type_into(edit: Any, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def stored_flow(window: MainWindow, page: ValueStreamsPage) -> tuple[Any, ...]:
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    return load_stream(conn, page.map_id).stream.flow  # type: ignore[arg-type]


def test_an_inventory_clicked_shows_its_box_and_given_days_update_the_lead_time(
        demo: MainWindow) -> None:
    page = brackets(demo)
    click_stock(page, "Shipping")
    assert page.box_stack.currentWidget() is page.stock_box
    assert page.edit_tabs.currentWidget() is page.box_stack
    box = page.stock_box
    assert box.title() == "Inventory: Shipping"
    assert box.kind.currentText() == "Inventory"
    assert box.edits["quantity"].placeholderText() == "by part: 2,700 LH, 1,440 RH"
    assert box.edits["days"].text() == ""
    type_into(box.edits["days"], "2")
    # A given value overrides: 23.6 − 4,140 / 920 + 2 = 21.1 days.
    assert totals(page)[:2] == ["Production lead time", "21.1 days"]
    assert page.stock_box.edits["days"].text() == "2"  # still chosen
    demo.ctx.undo_stack.undo()
    assert totals(page)[1] == "23.6 days"


def test_changing_the_kind_places_a_supermarket_in_one_undo(demo: MainWindow) -> None:
    page = brackets(demo)
    key = click_stock(page, "Shipping")
    drawn = page.scene.graphics[key].item.prims
    combo = page.stock_box.kind
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the next icon: the supermarket
    assert combo.currentText() == "Supermarket"
    shipping = stored_flow(demo, page)[-1]
    assert isinstance(shipping, Inventory) and shipping.kind == "supermarket"
    assert page.scene.graphics[key].item.prims != drawn  # the supermarket's icon
    assert page.scene.selected_key() == key
    demo.ctx.undo_stack.undo()
    assert stored_flow(demo, page)[-1].kind == "inventory"
    assert page.stock_box.kind.currentText() == "Inventory"


def test_an_inventory_quantity_is_fed_by_a_kpi_from_its_links(demo: MainWindow) -> None:
    page = open_page(demo)
    choose(page, "Claim handling")
    click_stock(page, "Inbox")
    page.edit_tabs.setCurrentWidget(page.links_box)
    combos = page.links_box.combos
    # An inventory's links: its quantity and days, not a process's times.
    assert [f for f, c in combos.items() if not c.isHidden()] == ["quantity", "days"]
    assert combos["quantity"].currentText() == "Ticket backlog"  # as the demo feeds it
    combo = combos["quantity"]
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)  # the first choice: "Typed value"
    inbox = stored_flow(demo, page)[0]
    assert isinstance(inbox, Inventory) and inbox.links == ()
    assert page.edit_tabs.currentWidget() is page.links_box  # the tab stays
    demo.ctx.undo_stack.undo()
    assert stored_flow(demo, page)[0].links != ()
    click_process(page, "Register claim")
    assert [f for f, c in combos.items() if not c.isHidden()] == [
        "cycle_time_s", "changeover_s", "uptime", "fpy"]


def test_insert_after_a_process_then_delete_key_and_undo(demo: MainWindow) -> None:
    page = brackets(demo)
    before = stored_flow(demo, page)
    click_process(page, "Spot weld 2")
    QTest.mouseClick(page.flow_bar.inserts["process"], Qt.MouseButton.LeftButton)
    flow = stored_flow(demo, page)
    at = [e.name for e in before].index("Spot weld 2") + 1
    assert flow[at] == Process("Process 6") and len(flow) == len(before) + 1
    new_key = page.scene.selected_key()
    assert new_key is not None and page.process_box.title() == "Data box: Process 6"
    # Named at once in its data box.
    type_into(page.process_box.edits["name"], "Deburr")
    assert stored_flow(demo, page)[at].name == "Deburr"
    assert page.scene.selected_key() == new_key
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.view.mapFromScene(page.scene.graphics[new_key].item.box.x + 20,
                                                page.scene.graphics[new_key].item.box.y + 50))
    QTest.keyClick(page.view, Qt.Key.Key_Delete)
    assert stored_flow(demo, page) == before
    assert page.scene.selected_key() is None
    demo.ctx.undo_stack.undo()
    assert stored_flow(demo, page)[at].name == "Deburr"
    demo.ctx.undo_stack.undo()
    demo.ctx.undo_stack.undo()
    assert stored_flow(demo, page) == before


def test_delete_on_a_process_removes_it_from_the_timeline(demo: MainWindow) -> None:
    page = brackets(demo)
    click_process(page, "Spot weld 2")
    QTest.keyClick(page.view, Qt.Key.Key_Delete)
    # 188 − 46 = 142 s of processing time left.
    assert totals(page)[2:4] == ["Processing time", "142 s"]
    assert "Spot weld 2" not in [e.name for e in stored_flow(demo, page)]
    demo.ctx.undo_stack.undo()
    assert totals(page)[3] == "188 s"


def test_a_delay_inserted_after_an_inventory_adds_its_wait(demo: MainWindow) -> None:
    page = brackets(demo)
    click_stock(page, "Coils")
    QTest.mouseClick(page.flow_bar.inserts["delay"], Qt.MouseButton.LeftButton)
    assert stored_flow(demo, page)[1] == Delay("Wait 1", 1.0)
    assert page.stock_box.title() == "Delay: Wait 1"
    assert page.stock_box.kind.isHidden()
    type_into(page.stock_box.edits["days"], "3")
    # 23.6 + 3 days of waiting.
    assert totals(page)[1] == "26.6 days"


def test_a_new_stream_is_built_from_nothing(demo: MainWindow,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from opsdesk.ui.vsm import vsm_stream_actions

    page = open_page(demo)
    monkeypatch.setattr(vsm_stream_actions, "ask_new_stream",
                        lambda parent: ("Quote to order", "Fleet buyers", "Sales"))
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.stream_list.currentItem().text() == "Quote to order (current state)"
    assert stored_flow(demo, page) == (Process("Process 1"),)
    assert "Fleet buyers" in page.data.diagram.texts()  # type: ignore[union-attr]
    click_process(page, "Process 1")
    QTest.keyClick(page.view, Qt.Key.Key_Delete)
    assert stored_flow(demo, page) == ()
    # An empty stream: the first element goes in with nothing chosen.
    assert page.flow_bar.inserts["inventory"].isEnabled()
    QTest.mouseClick(page.flow_bar.inserts["inventory"], Qt.MouseButton.LeftButton)
    assert stored_flow(demo, page) == (Inventory(),)
    assert page.box_stack.currentWidget() is page.stock_box
    for _ in range(3):  # the insert, the removal, the new stream
        demo.ctx.undo_stack.undo()
    names = [page.stream_list.item(i).text() for i in range(page.stream_list.count())]
    assert len(names) == 3 and not any(n.startswith("Quote to order") for n in names)


def test_no_streams_names_both_ways_to_start(window: MainWindow) -> None:
    page = open_page(window)
    assert page.empty.isVisible() and not page.view.isVisible()
    assert "New value stream…" in page.empty.text()
    assert "Import steps table…" in page.empty.text()
    assert page.new_button.isEnabled() and page.import_button.isEnabled()
    assert not page.flow_bar.remove.isEnabled()


def test_a_table_of_steps_is_imported_from_the_page(
        qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        nobody_at_the_screen: list[str]) -> None:
    from PySide6.QtWidgets import QFileDialog

    good = tmp_path / "door line.csv"
    good.write_text("kind,name,cycle_time,uptime,quantity\n"
                    "process,Cut,30 s,90%,\ninventory,,,,400\nprocess,Weld,45 s,,\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,name,cycle_time\nprocess,Cut,fast\n")
    page = open_page(window)
    chosen = [str(bad), str(good)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (chosen.pop(0), ""))
    QTest.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(nobody_at_the_screen))
    (said,) = nobody_at_the_screen
    assert said.startswith("bad.csv, row 2") and "'fast'" in said
    assert "nothing was imported" in said
    assert page.stream_list.count() == 0
    QTest.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stream_list.count() == 1)
    assert page.stream_list.item(0).text() == "door line (current state)"
    assert stored_flow(window, page) == (Process("Cut", 30, uptime=0.9),
                                         Inventory(quantity=400), Process("Weld", 45))
    window.ctx.undo_stack.undo()
    assert page.stream_list.count() == 0
