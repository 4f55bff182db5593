"""The map canvas draws the diagram spec and turns real mouse gestures into edits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from opsdesk.core.maps.layout import auto_layout
from opsdesk.ui.maps.connector_item import ConnectorItem
from opsdesk.ui.maps.map_canvas import MapCanvas
from tests.core.maps.builders import order_to_cash
from tests.ui.map_gestures import Recorder, click, drag, on_screen


@pytest.fixture
def canvas(qtbot: object) -> Iterator[tuple[MapCanvas, Recorder]]:
    edits = Recorder()
    widget = MapCanvas(edits)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(1100, 600)
    widget.show()
    widget.show_map(auto_layout(order_to_cash()))
    widget.view.set_zoom(1.0)
    widget.view.centerOn(600, 250)
    yield widget, edits


def box(canvas: MapCanvas, node_id: str) -> tuple[float, float, float, float]:
    b = canvas.scene.shapes[node_id].spec.box
    return b.x, b.y, b.w, b.h


def test_draws_every_part_of_the_map(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, _ = canvas
    # order_to_cash (tests/core/maps/builders.py): 9 nodes, 9 flows, 4 lanes
    assert len(c.scene.shapes) == 9
    assert len(c.scene.connectors) == 9
    assert sorted(b.spec.title for b in c.scene.bands.values()) == [
        "Billing", "Credit", "Sales", "Warehouse"]
    assert c.scene.shapes["g"].spec.role == "exclusive"
    assert c.scene.shapes["a"].spec.text == "Enter order"


def test_dragging_a_shape_is_one_move(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    x, y, w, h = box(c, "a")
    drag(c.view, (x + w / 2, y + h / 2), (x + w / 2 + 43, y + h / 2 + 2))
    assert len(edits.calls) == 1
    name, moves = edits.calls[0]
    assert name == "move_nodes"
    assert list(moves) == ["a"]  # type: ignore[call-overload]
    nx, ny = moves["a"]  # type: ignore[index]
    # 43 across snaps to the 10-unit grid or to a neighbour's line, within 6 units
    assert abs(nx - (x + 43)) <= 6 and abs(ny - y) <= 6
    assert c.scene.shapes["a"].pos().x() == nx  # drawn where it was dropped


def test_a_click_moves_nothing(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    x, y, w, h = box(c, "a")
    click(c.view, x + w / 2, y + h / 2)
    assert edits.calls == []
    assert c.scene.selected_node_ids() == ["a"]


def test_escape_puts_a_dragged_shape_back(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    x, y, w, h = box(c, "a")
    drag(c.view, (x + w / 2, y + h / 2), (x + w / 2 + 100, y + h / 2), release=False)
    assert c.scene.shapes["a"].pos().x() != x
    QTest.keyClick(c.view, Qt.Key.Key_Escape)
    QTest.mouseRelease(c.view.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, on_screen(c.view, x + 150, y + 40))
    assert c.scene.shapes["a"].pos().x() == x
    assert edits.calls == []


def test_dragging_from_a_shapes_rim_connects(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    x, y, w, h = box(c, "a")
    tx, ty, tw, th = box(c, "f")
    drag(c.view, (x + w - 2, y + h / 2), (tx + tw / 2, ty + th / 2))
    assert edits.calls == [("connect_nodes", "a", "f")]


def test_dropping_a_connection_on_nothing_adds_nothing(canvas: tuple[MapCanvas, Recorder]
                                                       ) -> None:
    c, edits = canvas
    x, y, w, h = box(c, "a")
    drag(c.view, (x + w - 2, y + h / 2), (x + w + 30, y - 10))
    assert edits.calls == []


def test_dragging_a_selected_flows_end_reconnects(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    flow = c.scene.connectors["e-f"]
    middle = flow.points[0] + (flow.points[1] - flow.points[0]) / 2
    click(c.view, middle.x(), middle.y())
    assert c.scene.selected_flow_ids() == ["e-f"]
    end = flow.points[-1]
    tx, ty, tw, th = box(c, "x")
    drag(c.view, (end.x(), end.y()), (tx + tw / 2, ty + th / 2))
    assert edits.calls == [("reconnect", "e-f", "target", "x")]


def test_rubber_band_selects_what_it_encloses(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    ax, ay, _, _ = box(c, "d")
    ex, ey, ew, eh = box(c, "e")
    drag(c.view, (ax - 12, ay - 12), (ex + ew + 12, ey + eh + 12))
    assert sorted(c.scene.selected_node_ids()) == ["d", "e"]
    assert c.scene.selected_flow_ids() == ["d-e"]
    assert edits.calls == []


def test_dragging_the_corner_of_a_selected_shape_resizes(canvas: tuple[MapCanvas, Recorder]
                                                         ) -> None:
    c, edits = canvas
    x, y, w, h = box(c, "b")
    click(c.view, x + w / 2, y + h / 2)
    drag(c.view, (x + w, y + h), (x + w + 40, y + h + 20))
    assert len(edits.calls) == 1
    name, node, new = edits.calls[0]
    assert (name, node) == ("resize_node", "b")
    assert (new.x, new.y, new.w, new.h) == (x, y, w + 40, h + 20)  # type: ignore[attr-defined]


def test_dragging_a_lane_title_reorders_lanes(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    billing = c.scene.bands["billing"].spec
    sales = c.scene.bands["sales"].spec
    drag(c.view, (billing.header.cx, billing.header.cy), (sales.header.cx, sales.box.y + 10))
    assert edits.calls == [("move_lane", "billing", "sales")]


def test_dragging_a_lane_border_resizes_it(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    credit = c.scene.bands["credit"].spec.box
    drag(c.view, (credit.x + 300, credit.bottom), (credit.x + 300, credit.bottom + 60))
    assert len(edits.calls) == 1
    name, lane, size = edits.calls[0]
    assert (name, lane) == ("resize_lane", "credit")
    assert size == pytest.approx(credit.h + 60, abs=2)


def test_flows_are_picked_along_their_line(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, _ = canvas
    flow = c.scene.connectors["a-b"]
    assert isinstance(flow, ConnectorItem)
    assert flow.shape().contains(flow.points[0] + (flow.points[1] - flow.points[0]) / 2)


def test_an_armed_kind_is_placed_where_clicked(canvas: tuple[MapCanvas, Recorder]) -> None:
    c, edits = canvas
    placed: list[bool] = []
    c.view.placed.connect(lambda: placed.append(True))
    c.view.armed = "end"
    click(c.view, 700, 300)
    assert len(edits.calls) == 1
    name, kind, x, y = edits.calls[0]
    assert (name, kind) == ("place", "end")
    assert abs(x - 700) <= 2 and abs(y - 300) <= 2  # type: ignore[operator]
    assert c.view.armed is None and placed == [True]


def test_a_click_on_the_overview_moves_the_view_there(canvas: tuple[MapCanvas, Recorder]
                                                      ) -> None:
    c, _ = canvas
    c.view.set_zoom(2.0)
    overview = c.overview
    assert overview.isVisible()
    end = c.scene.shapes["x"].box_rect()
    assert not c.view.visible_scene_rect().contains(end.center())
    # where the end event is drawn small in the overview
    small = overview._to_widget(end).center()
    QTest.mouseClick(overview, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(small.x()), round(small.y())))
    assert c.view.visible_scene_rect().contains(end.center())


def test_large_type_shrinks_to_fit_a_task_and_the_legend_wraps(qtbot: object) -> None:
    from opsdesk.core.demo.process_maps import incident_response
    from opsdesk.ui.maps.look import Look, Overlays

    widget = MapCanvas(Recorder())
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(460, 500)
    widget.show()
    # presentation's type (presentation.TEXT_SCALE) on the demo map whose "Notify
    # stakeholders" has a word wider than its 100-unit task at that size
    widget.show_map(auto_layout(incident_response({})), None,
                    Overlays(value_class=True, critical=True, handoffs=True),
                    Look(text_scale=1.6))
    for item in widget.scene.shapes.values():
        if item.spec.role != "task":
            continue
        inside = item.boundingRect().adjusted(4, 4, -4, -4)  # the task's box
        for line in item.label:
            drawn = line.mapRectToParent(line.boundingRect())
            assert inside.adjusted(-1, -1, 1, 1).contains(drawn), (item.spec.text, line.text())
    # the overlays' legend (five entries) wraps within the narrow canvas
    legend = widget.legend
    assert legend.isVisible()
    assert legend.x() + legend.width() <= widget.width() - 8
