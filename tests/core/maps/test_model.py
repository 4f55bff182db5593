"""The model's checks, the unit converter, and the rows a map is stored as."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from opsdesk.core.maps.bpmn_import import read_bpmn
from opsdesk.core.maps.layout import auto_layout
from opsdesk.core.maps.model import Flow, Node, problems, submap
from opsdesk.core.maps.rows import from_rows, to_rows
from opsdesk.core.maps.step_data import Duration, StepData
from opsdesk.core.maps.units import convert, parse_unit, unit_name
from tests.conftest import DATASETS
from tests.core.maps.builders import order_to_cash


def test_convert() -> None:
    assert convert(90, "min", "h") == 1.5
    assert convert(2, "d", "h") == 48  # calendar days
    assert convert(1, "wk", "d") == 7
    assert convert(30, "s", "min") == 0.5
    assert parse_unit(" Hours ") == "h" and parse_unit("min.") == "min"
    assert unit_name("wk") == "weeks"
    with pytest.raises(ValueError, match="'fortnight' is not a unit of time"):
        parse_unit("fortnight")


def test_duration_expected_is_the_triangle_mean() -> None:
    # mean of a triangular distribution: (low + mode + high) / 3
    assert Duration(10, "min", 6, 9, 18).expected("min") == pytest.approx(11.0)
    assert Duration(10, "min", 5, None, 18).expected("min") == pytest.approx(11.0)
    assert Duration(2, "h").expected("min") == 120.0
    assert StepData(processing=Duration(1, "h"), wait=Duration(30)).time("min") == 90.0


def test_sound_map_has_no_problems() -> None:
    assert problems(order_to_cash()) == []


def test_problems_are_sentences() -> None:
    pmap = order_to_cash()
    bad_step = StepData(processing=Duration(5, "min", 8, 5, 9), cost=-1, waste="motion",
                        rework_probability=1.5)
    nodes = (*pmap.nodes[:1], replace(pmap.nodes[1], step=bad_step, lane_id="nowhere"),
             *pmap.nodes[2:], Node("b2", "boundary"), Node("b", "task"))
    flows = (*pmap.flows, Flow("oops", "sequence", "a", "ghost", probability=2.0))
    found = problems(replace(pmap, nodes=nodes, flows=flows))
    assert found == [
        "The id 'b' is used twice on the map.",
        "'Enter order' names lane 'nowhere', which is not on the map.",
        "'Enter order' has rework probability 1.5, outside 0 to 1.",
        "'Enter order' names waste 'motion' but is not classed as waste.",
        "'Enter order' processing time: minimum, most likely and maximum are not in order.",
        "'Enter order' has a negative cost.",
        "Boundary event 'b2' is not attached to an activity.",
        "Flow 'oops' connects 'ghost', which is not on the map.",
        "Flow 'oops' has probability 2.0, outside 0 to 1.",
    ]


def test_submap_is_the_subprocess_contents() -> None:
    pmap = read_bpmn(DATASETS / "bpmn" / "A.4.0-reference.bpmn").map
    inner = submap(pmap, "_f52b6ad0-4dcc-4053-b696-b924dda01db5")
    assert sorted(n.label for n in inner.nodes) == ["End Event 4", "Start Event 4", "Task 6"]
    assert len(inner.flows) == 2 and all(n.scope is None for n in inner.nodes)


@pytest.mark.parametrize("source", ["order to cash", "A.4.0"])
def test_rows_round_trip_through_json(source: str) -> None:
    pmap = (order_to_cash() if source == "order to cash"
            else read_bpmn(DATASETS / "bpmn" / "A.4.0-reference.bpmn").map)
    pmap = auto_layout(pmap) if source == "order to cash" else pmap
    rows = json.loads(json.dumps(to_rows(pmap)))  # what SQLite's JSON columns give back
    assert from_rows(rows) == pmap
    node_row = next(r for r in rows["map_nodes"] if r["kind"] == "task")
    assert set(node_row) == {"key", "kind", "label", "lane", "pool", "scope", "attached_to",
                             "x", "y", "width", "height", "data"}
