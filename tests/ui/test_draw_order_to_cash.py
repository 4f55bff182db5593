"""Order to cash drawn from nothing on the Process maps page, with keyboard and mouse only,
the way a facilitator would in a workshop; every gesture is counted.

The map (issue 11's demo): sales, credit, warehouse and billing lanes; start, Enter order,
Check credit, the decision Credit OK?, Fix credit data back to Check credit (20 %),
Pick and pack, Ship, Invoice, end.

Counted by hand from the gestures below. Mouse, 13: New map; double-click the first
lane's title; Add lane three times; Start and its click; a click on Invoice, End and its
click; a click on the decision; the drag from Fix credit data to Check credit; a click
on the rework flow. Keys, 134: the texts are 115 characters (the map's name Order to
cash: 13; lanes Sales, Credit, Warehouse, Billing: 27; steps Enter order, Check credit,
Credit OK?, Pick and pack, Ship, Invoice, Fix credit data: 72; the probability 0.2: 3),
and 19 are Enter (13), Tab (3), Shift+Tab (1) and Escape (2). 147 gestures in all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QToolButton

from opsdesk.core.maps.analysis import analyse
from opsdesk.core.maps.store import load_map
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.process_maps_page import ProcessMapsPage
from tests.ui.map_gestures import click, drag


class Session:
    """Drives the page as a user does and counts each key press and mouse gesture."""

    def __init__(self, page: ProcessMapsPage) -> None:
        self.page, self.keys, self.mouse = page, 0, 0

    def type(self, text: str) -> None:
        target = self.page.view
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and focus.parent() is not self.page.view.viewport():
            target = focus  # type: ignore[assignment]
        elif self.page.labels.active:
            target = self.page.labels.edit  # type: ignore[assignment]
        elif self.page.capture.active:
            target = self.page.capture.edit  # type: ignore[assignment]
        elif text:
            QTest.keyClicks(target, text[0])  # the first letter opens the name box
            self.keys += 1
            target, text = self.page.capture.edit, text[1:]  # type: ignore[assignment]
        QTest.keyClicks(target, text)
        self.keys += len(text)

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
            ) -> None:
        target = QApplication.focusWidget() or self.page.view
        QTest.keyClick(target, key, modifiers)
        self.keys += 1

    def step(self, name: str) -> None:
        self.type(name)
        self.key(Qt.Key.Key_Return)

    def click(self, x: float, y: float) -> None:
        click(self.page.view, x, y)
        self.mouse += 1

    def button(self, what: QAbstractButton | QAction) -> None:
        """A real click on a push button, or on the tool button of a palette action."""
        if isinstance(what, QAction):
            what = next(b for b in self.page.tools.findChildren(QToolButton)
                        if b.defaultAction() is what)
        QTest.mouseClick(what, Qt.MouseButton.LeftButton)
        self.mouse += 1

    def double_click(self, x: float, y: float) -> None:
        from tests.ui.map_gestures import on_screen

        QTest.mouseDClick(self.page.view.viewport(), Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, on_screen(self.page.view, x, y))
        self.mouse += 1

    def drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        drag(self.page.view, start, end)
        self.mouse += 1

    def box(self, label: str) -> tuple[float, float, float, float]:
        shape = next(s for s in self.page.canvas.scene.shapes.values() if s.spec.text == label)
        b = shape.spec.box
        return b.x, b.y, b.w, b.h


def test_order_to_cash_from_nothing(window: MainWindow, qtbot: object) -> None:
    page = window.show_page_by_key("process-maps")
    assert isinstance(page, ProcessMapsPage)
    s = Session(page)
    s.button(page.new_button)  # the new map's name opens for typing
    name_box = page.map_list.findChild(QLineEdit)
    assert name_box is not None and name_box.isVisible()
    QTest.keyClicks(name_box, "Order to cash")
    QTest.keyClick(name_box, Qt.Key.Key_Return)
    s.keys += len("Order to cash") + 1
    # the rename is written once the name box has closed
    qtbot.waitUntil(lambda: page.pmap is not None  # type: ignore[attr-defined]
                    and page.pmap.name == "Order to cash")
    page.view.set_zoom(1.0)
    # lanes: rename the first by its title, add three more (each opens its title to type)
    lane = page.canvas.scene.bands["Lane_1"].spec.header
    s.double_click(lane.cx, lane.cy)
    s.step("Sales")
    for name in ("Credit", "Warehouse", "Billing"):
        s.button(page.tools.add_lane)
        s.step(name)
    # the start event, placed in the sales lane
    sales = page.canvas.scene.bands["Lane_1"].spec.box
    s.button(page.tools.kind_actions["start"])
    s.click(sales.x + 70, sales.cy)
    # the steps, typed: Enter adds the next one connected, Tab moves down a lane
    s.step("Enter order")
    s.key(Qt.Key.Key_Tab)
    s.step("Check credit")
    s.step("Credit OK?")
    s.key(Qt.Key.Key_Tab)
    s.step("Pick and pack")
    s.step("Ship")
    s.key(Qt.Key.Key_Tab)
    s.step("Invoice")
    s.key(Qt.Key.Key_Escape)
    # the end, after Invoice
    x, y, w, h = s.box("Invoice")
    s.click(x + w / 2, y + h / 2)
    s.button(page.tools.kind_actions["end"])
    s.click(x + w + 80, y + h / 2)
    # the rework: from the decision, up to sales, then back into Check credit
    x, y, w, h = s.box("Credit OK?")
    s.click(x + w / 2, y + h / 2)
    s.type("F")
    s.key(Qt.Key.Key_Backtab)
    s.step("ix credit data")
    s.key(Qt.Key.Key_Escape)
    fx, fy, _, fh = s.box("Fix credit data")
    cx, cy, cw, ch = s.box("Check credit")
    s.drag((fx + 2, fy + fh / 2), (cx + cw / 2, cy + ch / 2))
    # the rework branch's probability, in the properties panel
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    label = {n.id: n.label for n in pmap.nodes}
    rework = next(f for f in pmap.flows if label[f.target] == "Fix credit data")
    points = page.canvas.scene.connectors[rework.id].points
    middle = points[0] + (points[1] - points[0]) / 2
    s.click(middle.x(), middle.y())
    page.properties.probability.setFocus()
    s.type("0.2")
    s.key(Qt.Key.Key_Return)

    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    label = {n.id: n.label for n in pmap.nodes}
    lane_of = {n.label or n.kind: pmap.lane_by_id[n.lane_id].name for n in pmap.nodes
               if n.lane_id is not None}
    assert lane_of == {"start": "Sales", "end": "Billing", "Enter order": "Sales",
                       "Check credit": "Credit",
                       "Credit OK?": "Credit", "Fix credit data": "Sales",
                       "Pick and pack": "Warehouse", "Ship": "Warehouse",
                       "Invoice": "Billing"}
    kinds = sorted(n.kind for n in pmap.nodes)
    assert kinds == sorted(["start", "task", "task", "exclusive", "task", "task", "task",
                            "task", "end"])
    flows = {(label[f.source] or f.source, label[f.target] or f.target) for f in pmap.flows}
    start = next(n.id for n in pmap.nodes if n.kind == "start")
    end = next(n.id for n in pmap.nodes if n.kind == "end")
    assert flows == {(start, "Enter order"), ("Enter order", "Check credit"),
                     ("Check credit", "Credit OK?"), ("Credit OK?", "Pick and pack"),
                     ("Pick and pack", "Ship"), ("Ship", "Invoice"), ("Invoice", end),
                     ("Credit OK?", "Fix credit data"), ("Fix credit data", "Check credit")}
    assert next(f for f in pmap.flows if f.id == rework.id).probability == 0.2
    # the analysis sees what was drawn: the loop b-g-c-b with 1 / (1 - 0.2) = 1.25
    # passes, and 5 handoffs (sales-credit, credit-warehouse, credit-sales, sales-credit,
    # warehouse-billing)
    a = analyse(pmap)
    assert len(a.handoffs) == 5
    assert [round(loop.expected_passes or 0, 6) for loop in a.loops] == [1.25]
    assert (s.mouse, s.keys) == (13, 134)
