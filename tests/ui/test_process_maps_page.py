"""The Process maps page on a fresh workspace: a map drawn with keyboard and mouse, and
what the workspace then holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from opsdesk.core.maps.store import list_maps, load_map
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.process_maps_page import ProcessMapsPage
from tests.ui.map_gestures import click, drag


def open_page(window: MainWindow) -> ProcessMapsPage:
    page = window.show_page_by_key("process-maps")
    assert isinstance(page, ProcessMapsPage)
    return page


def new_map(page: ProcessMapsPage) -> None:
    """New map, keeping the name it proposes (Escape in the name box it opens)."""
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    name_box = page.map_list.findChild(QLineEdit)
    assert name_box is not None and name_box.isVisible()
    QTest.keyClick(name_box, Qt.Key.Key_Escape)


def type_step(page: ProcessMapsPage, name: str) -> None:
    """Type a name on the canvas (the first key opens the name box) and press Enter."""
    if not page.capture.active:
        QTest.keyClicks(page.view, name[0])
        name = name[1:]
    QTest.keyClicks(page.capture.edit, name)
    QTest.keyClick(page.capture.edit, Qt.Key.Key_Return)


def test_an_empty_workspace_says_how_to_begin(window: MainWindow) -> None:
    page = open_page(window)
    assert page.map_list.count() == 0
    assert page.empty.isVisibleTo(page) and "New map" in page.empty.text()


def test_typing_names_draws_a_connected_process(window: MainWindow) -> None:
    page = open_page(window)
    new_map(page)
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    assert [m.name for m in list_maps(conn)] == ["Process map 1"]
    page.view.setFocus()
    type_step(page, "Enter order")
    type_step(page, "Check credit")
    type_step(page, "Credit OK?")
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    by_label = {n.label: n for n in pmap.nodes}
    assert [by_label[x].kind for x in ("Enter order", "Check credit", "Credit OK?")] == [
        "task", "task", "exclusive"]
    chain = {(pmap.node(f.source).label, pmap.node(f.target).label) for f in pmap.flows}
    assert chain == {("Enter order", "Check credit"), ("Check credit", "Credit OK?")}
    # each step to the right of the one before, in the map's one lane
    xs = [by_label[x].box.x for x in ("Enter order", "Check credit", "Credit OK?")]  # type: ignore[union-attr]
    assert xs == sorted(xs)
    assert {n.lane_id for n in pmap.nodes} == {pmap.lanes[0].id}
    # one Enter is one undo step: the decision and its flow go together
    window.ctx.undo_stack.undo()
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    assert sorted(n.label for n in pmap.nodes) == ["Check credit", "Enter order"]
    assert len(pmap.flows) == 1


def test_tab_puts_the_next_step_in_the_next_lane(window: MainWindow) -> None:
    page = open_page(window)
    new_map(page)
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    page.add_lane()
    QTest.keyClick(page.labels.edit, Qt.Key.Key_Return)
    page.view.setFocus()
    type_step(page, "Enter order")
    QTest.keyClick(page.capture.edit, Qt.Key.Key_Tab)
    type_step(page, "Check credit")
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    lanes = [x.id for x in sorted(pmap.lanes, key=lambda x: x.position)]
    by_label = {n.label: n for n in pmap.nodes}
    assert by_label["Enter order"].lane_id == lanes[0]
    assert by_label["Check credit"].lane_id == lanes[1]
    assert len(pmap.flows) == 1


def test_mouse_gestures_change_the_workspace(window: MainWindow) -> None:
    page = open_page(window)
    new_map(page)
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    page.view.setFocus()
    type_step(page, "Pick")
    type_step(page, "Pack")
    QTest.keyClick(page.capture.edit, Qt.Key.Key_Escape)
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    pick = next(n for n in pmap.nodes if n.label == "Pick")
    assert pick.box is not None
    # a drag is one move, stored
    page.view.set_zoom(1.0)
    page.view.centerOn(pick.box.cx, pick.box.cy)
    drag(page.view, (pick.box.cx, pick.box.cy), (pick.box.cx, pick.box.cy + 31))
    moved = load_map(conn, page.map_id).node(pick.id).box  # type: ignore[arg-type]
    assert moved is not None and abs(moved.y - (pick.box.y + 31)) <= 6
    # the palette's End, clicked on the canvas, is placed there connected from "Pack"
    pack = next(n for n in pmap.nodes if n.label == "Pack")
    assert pack.box is not None
    click(page.view, pack.box.cx, pack.box.cy)
    page.tools.kind_actions["end"].trigger()
    click(page.view, pack.box.right + 80, pack.box.cy)
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    end = next(n for n in pmap.nodes if n.kind == "end")
    assert any(f.source == pack.id and f.target == end.id for f in pmap.flows)
    # F2 renames in place
    click(page.view, end.box.cx, end.box.cy)  # type: ignore[union-attr]
    QTest.keyClick(page.view, Qt.Key.Key_F2)
    assert page.labels.active
    QTest.keyClicks(page.labels.edit, "Shipped")
    QTest.keyClick(page.labels.edit, Qt.Key.Key_Return)
    assert load_map(conn, page.map_id).node(end.id).label == "Shipped"  # type: ignore[arg-type]
    # Delete removes the selection, and its flows with it
    click(page.view, end.box.cx, end.box.cy)  # type: ignore[union-attr]
    QTest.keyClick(page.view, Qt.Key.Key_Delete)
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    assert end.id not in pmap.node_by_id
    assert all(end.id not in (f.source, f.target) for f in pmap.flows)


def with_order_to_cash(window: MainWindow) -> ProcessMapsPage:
    from dataclasses import replace

    from opsdesk.core.maps.commands import ImportMap
    from tests.core.maps.builders import order_to_cash

    window.ctx.execute(ImportMap(replace(order_to_cash(), id="otc", name="Order to cash")))
    page = open_page(window)
    page.refresh(None)
    return page


def test_simulation_runs_on_the_worker_and_joins_the_table(window: MainWindow,
                                                           qtbot: object) -> None:
    page = with_order_to_cash(window)
    panel = page.analysis_panel
    panel.cases.setValue(2000)
    QTest.mouseClick(panel.simulate_button, Qt.MouseButton.LeftButton)
    assert panel.task is not None
    with qtbot.waitSignal(panel.task.done, timeout=30_000):  # type: ignore[attr-defined]
        pass
    measures = [r.measure.strip() for r in panel.model.rows]
    assert "P50 lead time" in measures and "P95 lead time" in measures
    assert panel.note.text() == "2,000 cases simulated (seed 0)."
    assert panel.chart is not None and panel.chart.isVisibleTo(panel.simulation_box)
    assert panel.chart.spec is not None
    assert [r.label.split(" =")[0] for r in panel.chart.spec.panels[0].ref_lines] == [
        "P50", "P85", "P95"]


def test_presentation_takes_the_canvas_and_gives_it_back(window: MainWindow) -> None:
    page = with_order_to_cash(window)
    shown = page.present(full_screen=False)
    assert shown is not None and page.canvas.window() is shown
    assert page.look.text_scale > 1 and page.tools.isVisibleTo(page)
    QTest.keyClick(page.view, Qt.Key.Key_Escape)
    assert page.canvas.window() is window
    assert page.look.text_scale == 1


def test_keys_copy_paste_duplicate_nudge_and_align(window: MainWindow) -> None:
    page = with_order_to_cash(window)
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    before = load_map(conn, page.map_id)  # type: ignore[arg-type]
    ship = before.node("e").box
    assert ship is not None
    page.view.set_zoom(1.0)
    page.view.centerOn(ship.cx, ship.cy)
    click(page.view, ship.cx, ship.cy)
    QTest.keyClick(page.view, Qt.Key.Key_Right)  # 10 units
    QTest.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # 1 unit
    moved = load_map(conn, page.map_id).node("e").box  # type: ignore[arg-type]
    assert moved is not None and (moved.x, moved.y) == (ship.x + 10, ship.y + 1)
    QTest.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    after = load_map(conn, page.map_id)  # type: ignore[arg-type]
    copies = [n for n in after.nodes if n.label == "Ship" and n.id != "e"]
    assert len(copies) == 2  # the paste, then the duplicate of the pasted one
    assert sorted(c.box.x for c in copies) == [moved.x + 20, moved.x + 40]  # type: ignore[union-attr]
    # select all, align tops: one move of every shape that changes
    QTest.keyClick(page.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.tools.arrange_actions["top"].trigger()
    tops = {n.box.y for n in load_map(conn, page.map_id).nodes}  # type: ignore[union-attr, arg-type]
    assert len(tops) == 1
    window.ctx.undo_stack.undo()
    assert len({n.box.y for n in load_map(conn, page.map_id).nodes}) > 1  # type: ignore[union-attr, arg-type]


def test_the_context_menu_deletes_a_lane_and_turns_the_lanes(window: MainWindow) -> None:
    page = with_order_to_cash(window)
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]

    def choose(key: str, text: str) -> None:
        menu = page.context_menu(key)
        action = next(a for a in menu.actions() if a.text() == text)
        action.trigger()

    choose("", "Turn lanes vertical")
    assert load_map(conn, page.map_id).vertical  # type: ignore[arg-type]
    choose("billing", "Delete lane")
    pmap = load_map(conn, page.map_id)  # type: ignore[arg-type]
    assert "billing" not in pmap.lane_by_id
    assert pmap.node("f").label == "Invoice"  # its steps stay on the map


def test_the_page_times_kpi_linked_steps_as_the_command_line_does(
        demo_window: MainWindow) -> None:
    """Order to cash's "Enter order" takes its time from a KPI: the page's numbers are
    those of `opsdesk map analyse` (and the exports and the PDF), not the stored time."""
    from opsdesk.core.maps.analysis import analyse
    from opsdesk.core.maps.linked_times import with_kpi_times

    page = demo_window.show_page_by_key("process-maps")
    assert isinstance(page, ProcessMapsPage)
    map_id = next(m.id for m in page.maps if m.name == "Order to cash")
    page.show_map(map_id)
    conn = demo_window.ctx.workspace.conn  # type: ignore[union-attr]
    stored = load_map(conn, map_id)
    timed = analyse(with_kpi_times(conn, stored)).flow.lead_time
    assert timed != analyse(stored).flow.lead_time  # the KPI's value differs from the stored one
    assert page.analysis is not None and page.analysis.flow.lead_time == timed
