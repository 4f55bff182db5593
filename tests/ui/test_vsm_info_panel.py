"""The Value streams page's information-flow panel on the demo's future brackets stream
(its pull loop: tests/core/maps/test_vsm_info.py): add a flow by keyboard and mouse, see
it drawn, remove one, place the load-levelling box, each undone in one step."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from opsdesk.core.maps.vsm_icons import Text
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.value_streams_page import ValueStreamsPage


@pytest.fixture
def page(qtbot: Any, demo_file: Path, tmp_path: Path) -> Iterator[ValueStreamsPage]:
    copy = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, copy)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(copy)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: win._painted)
    shown = win.show_page_by_key("value-streams")
    assert isinstance(shown, ValueStreamsPage)
    assert shown.data is not None
    future = next(s.id for s in shown.data.streams if s.state == "future")
    shown.select_stream(future)
    bar = shown.edit_tabs.tabBar()
    at = next(i for i in range(bar.count()) if bar.tabText(i) == "Information flow")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(at).center())
    assert shown.edit_tabs.currentWidget() is shown.info_box
    yield shown
    win.close()


def _listed(page: ValueStreamsPage) -> list[str]:
    flows = page.info_box.flows
    return [flows.item(i).text() for i in range(flows.count())]


def _drawn(page: ValueStreamsPage) -> list[str]:
    assert page.data is not None and page.data.diagram is not None
    return [p.text for i in page.data.diagram.by_role("information") for p in i.prims
            if isinstance(p, Text)]


def _choose(combo: QWidget, steps: int) -> None:
    """Move a combo's choice down ``steps`` items with the keyboard."""
    combo.setFocus()
    for _ in range(steps):
        QTest.keyClick(combo, Qt.Key.Key_Down)


def test_a_flow_is_added_drawn_and_undone(page: ValueStreamsPage) -> None:
    box = page.info_box
    assert _listed(page)[:2] == [
        "Electronic information: Northwind Assembly Plant → Production control · "
        "daily orders",
        "Electronic information: Production control → Lakeside Steel · weekly schedule"]
    assert len(_listed(page)) == 5
    # Manual (the first kind) → electronic; from production control (the first end) to
    # the supplier (after production control and the customer).
    _choose(box.kind, 1)
    box.source.setFocus()
    QTest.keyClick(box.source, Qt.Key.Key_Home)
    box.target.setFocus()
    QTest.keyClick(box.target, Qt.Key.Key_Home)
    _choose(box.target, 2)
    assert box.kind.currentData() == "electronic"
    assert box.target.currentText() == "Lakeside Steel"
    QTest.keyClicks(box.label, "6-week forecast")
    QTest.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert _listed(page)[-1] == ("Electronic information: Production control → Lakeside "
                                 "Steel · 6-week forecast")
    assert "6-week forecast" in _drawn(page) and box.label.text() == ""
    page.ctx.undo_stack.undo()
    assert len(_listed(page)) == 5 and "6-week forecast" not in _drawn(page)


def test_a_flow_is_removed_and_the_levelling_box_moved(page: ValueStreamsPage) -> None:
    box = page.info_box
    first = box.flows.visualItemRect(box.flows.item(0)).center()
    QTest.mouseClick(box.flows.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert box.remove_button.isEnabled()
    QTest.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert len(_listed(page)) == 4 and "daily orders" not in _drawn(page)
    page.ctx.undo_stack.undo()
    assert "daily orders" in _drawn(page)
    # The levelling box sits at the cell; choosing none takes it off the map.
    assert box.leveling.currentText() == "Weld and assembly cell"
    assert page.data is not None and page.data.diagram is not None
    assert any(i.id == "leveling" for i in page.data.diagram.items)
    box.leveling.setFocus()
    QTest.keyClick(box.leveling, Qt.Key.Key_Home)  # a key choice is an activation
    assert box.leveling.currentText() == "(none)"
    assert not any(i.id == "leveling" for i in page.data.diagram.items)
    page.ctx.undo_stack.undo()
    assert any(i.id == "leveling" for i in page.data.diagram.items)
