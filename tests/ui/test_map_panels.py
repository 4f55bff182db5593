"""The step-data form, the analysis table and align/distribute, without a workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from opsdesk.core.maps.analysis import analyse
from opsdesk.core.maps.model import Box
from opsdesk.core.maps.step_data import Duration
from opsdesk.ui.maps.analysis_model import AnalysisModel, analysis_rows
from opsdesk.ui.maps.arrange import align, distribute
from opsdesk.ui.maps.properties_panel import PropertiesPanel, parse_duration, parse_number
from tests.core.maps.builders import order_to_cash


def test_times_are_read_as_people_write_them() -> None:
    assert parse_duration("10", "min", "t") == Duration(10, "min")
    assert parse_duration("2 h", "min", "t") == Duration(2, "h")
    assert parse_duration("5-10-20", "min", "t") == Duration(10, "min", 5, 10, 20)
    assert parse_duration("", "min", "t") is None
    assert parse_number("10%", "p", 0, 1) == pytest.approx(0.1)
    assert parse_number("0,25", "p", 0, 1) == pytest.approx(0.25)
    with pytest.raises(ValueError, match="Wait time: give minimum, most likely and maximum"):
        parse_duration("20-10-5", "min", "Wait time")
    with pytest.raises(ValueError, match=r"Rework probability: 1\.5 is out of range"):
        parse_number("1.5", "Rework probability", 0, 1)


def test_the_form_writes_one_change_and_refuses_nonsense(qtbot: object) -> None:
    panel = PropertiesPanel()
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    panel.show()
    node = order_to_cash().node("b")  # Check credit: processing 10-20-30 min, wait 60
    panel.show_node(node, "min")
    assert panel.processing.text() == "10-20-30 min"
    edits: list[tuple[str, object, object]] = []
    panel.step_edited.connect(lambda k, s, p: edits.append((k, s, p)))
    panel.wait.setFocus()
    panel.wait.selectAll()
    QTest.keyClicks(panel.wait, "ninety")
    QTest.keyClick(panel.wait, Qt.Key.Key_Return)
    assert edits == []
    assert panel.problem.text() == "Wait time: 'ninety' is not a number."
    panel.wait.selectAll()
    QTest.keyClicks(panel.wait, "90")
    QTest.keyClick(panel.wait, Qt.Key.Key_Return)
    assert len(edits) == 1
    key, step, _ = edits[0]
    assert key == "b" and step.wait == Duration(90, "min")  # type: ignore[attr-defined]
    assert step.processing == node.step.processing  # type: ignore[attr-defined]
    assert panel.problem.isHidden()


def test_the_analysis_table_counts_what_the_map_shows() -> None:
    pmap = order_to_cash()
    rows = {r.measure.strip(): r for r in analysis_rows(pmap, analyse(pmap))}
    # Counted by hand on order_to_cash (tests/core/maps/builders.py): the flows between
    # lanes are a-b (sales to credit), g-d (credit to warehouse), g-c (credit to sales),
    # c-b (sales to credit) and e-f (warehouse to billing): 5 handoffs; one loop b-g-c-b.
    assert rows["Steps"].value == "6"
    assert rows["Handoffs"].value == "5"
    assert rows["Rework loops"].value == "1"
    # The loop's p = 0.2: expected passes 1 / (1 - 0.2) = 1.25
    assert rows["Loop"].value == "1.25 passes"
    handoffs = [r.value for r in analysis_rows(pmap, analyse(pmap)) if r.measure == "  Handoff"]
    assert handoffs[0] == "Sales\n→ Credit"  # a lane a line
    model = AnalysisModel()
    model.set_rows(list(rows.values()))
    assert model.columnCount() == 3


def test_align_and_distribute() -> None:
    boxes = {"a": Box(0, 0, 100, 80), "b": Box(130, 40, 100, 80), "c": Box(400, 10, 50, 50)}
    left = align(boxes, "left")
    assert {b.x for b in left.values()} == {0}
    middle = align(boxes, "middle")
    # centres 40, 80, 35: mean 51.67; each box's y = 51.67 - h / 2
    assert middle["c"].y == pytest.approx(155 / 3 - 25)
    spread = distribute(boxes, "across")
    # span 0..450, widths 250: two gaps of 100
    assert [spread[k].x for k in "abc"] == [0, 200, 400]


def test_a_field_left_as_shown_keeps_the_stored_value(qtbot: object) -> None:
    from dataclasses import replace

    panel = PropertiesPanel()
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    node = order_to_cash().node("a")
    five_minutes = Duration(5 / 60, "h")  # 0.083333... h, shown rounded to 0.08333 h
    node = replace(node, step=replace(node.step, wait=five_minutes))
    panel.show_node(node, "min")
    assert panel.wait.text() == "0.08333 h"
    edits: list[object] = []
    panel.step_edited.connect(lambda *a: edits.append(a))
    panel.wait.setFocus()
    QTest.keyClick(panel.wait, Qt.Key.Key_Return)
    assert edits == []
