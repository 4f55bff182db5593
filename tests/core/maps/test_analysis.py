"""Analyses against counts and sums made by hand on maps built here.

Loop and block formulas: Dumas, La Rosa, Mendling & Reijers, Fundamentals of Business
Process Management, 2nd ed. 2018, sec. 7.1 (flow analysis): sequence adds, an exclusive
split weighs branches by probability, a parallel block takes its longest branch, a
rework loop with repeat probability r multiplies its body by 1 / (1 - r).
"""

from __future__ import annotations

import pytest

from opsdesk.core.maps.analysis import analyse, analysis_json
from opsdesk.core.maps.model import Node
from tests.core.maps.builders import build, event, order_to_cash, seq, step


def test_order_to_cash_by_hand() -> None:
    result = analysis_json(order_to_cash(), "O2C")
    # Handoffs (leaf lanes differ): a->b sales/credit, g->d credit/warehouse, g->c
    # credit/sales, c->b sales/credit, e->f warehouse/billing: 5.
    assert result["handoffs"]["count"] == 5
    assert {(h["from"], h["to"]) for h in result["handoffs"]["flows"]} == {
        ("Enter order", "Check credit"), ("Credit OK?", "Pick and pack"),
        ("Credit OK?", "Fix credit data"), ("Fix credit data", "Check credit"),
        ("Ship", "Invoice")}
    # One loop b -> g -> c -> b, probability 1 * 0.2 * 1 = 0.2, passes 1 / 0.8 = 1.25.
    assert result["loops"] == [{"steps": ["Check credit", "Credit OK?", "Fix credit data"],
                                "probability": pytest.approx(0.2),
                                "expected_passes": pytest.approx(1.25)}]
    # Lead time: 40 + 1.25 * 80 + 0.25 * 60 + 150 + 20 + 250 = 575 minutes
    # (the loop: (80 + 0.2 * 60) / (1 - 0.2) = 115, Dumas eq. for rework).
    assert result["lead_time"] == pytest.approx(575.0)
    # Value adding: pick and pack 30 + ship 20 = 50; PCE 50 / 575.
    assert result["value_added_time"] == pytest.approx(50.0)
    assert result["pce"] == pytest.approx(50.0 / 575.0)
    # Cost: 5 + 1.25 * 8 + 0.25 * 4 + 12 + 20 + 3 = 51.
    assert result["cost_per_case"] == pytest.approx(51.0)
    # The map is one chain of components, so the critical path is all of it: 575.
    assert result["critical_path"]["time"] == pytest.approx(575.0)
    assert result["critical_path"]["steps"][:3] == ["s", "Enter order", "Check credit"]
    assert result["critical_path"]["steps"][-1] == "Paid"
    assert result["steps"] == 6 and result["time_unit"] == "min"
    assert result["unreachable"] == [] and result["dead_ends"] == []
    assert result["gateway_problems"] == []
    assert set(result) == {"map", "steps", "handoffs", "loops", "unreachable", "dead_ends",
                           "gateway_problems", "lead_time", "value_added_time", "pce",
                           "cost_per_case", "critical_path", "time_unit"}


def test_workload_and_sipoc_of_order_to_cash() -> None:
    a = analyse(order_to_cash())
    # Processing times times visits: sales 10 + 0.25 * 15, credit 1.25 * 20,
    # warehouse 30 + 20, billing 10.
    assert a.flow.workload == pytest.approx({"Sales": 13.75, "Credit": 25.0,
                                             "Warehouse": 50.0, "Billing": 10.0})
    # Breadth-first from the start; the gateway's branches in map order (c before d).
    assert a.sipoc.process == ("Enter order", "Check credit", "Fix credit data",
                               "Pick and pack", "Ship", "Invoice")
    assert a.sipoc.outputs == ("Paid",)


def test_parallel_block_takes_the_longest_branch() -> None:
    nodes = [event("s", "start"), event("p1", "parallel"), step("x", proc=30),
             step("y", proc=50), event("p2", "parallel"), step("z", proc=10),
             event("e", "end")]
    flows = [seq("s", "p1"), seq("p1", "x"), seq("p1", "y"), seq("x", "p2"), seq("y", "p2"),
             seq("p2", "z"), seq("z", "e")]
    a = analyse(build(nodes, flows))
    assert a.flow.lead_time == pytest.approx(max(30, 50) + 10)
    assert a.flow.critical_path == ("s", "p1", "y", "p2", "z", "e")
    assert a.flow.visits["z"] == pytest.approx(1.0)  # the join passes one token on


def test_exclusive_block_weighs_branches() -> None:
    nodes = [event("s", "start"), event("g", "exclusive"), step("x", proc=100),
             step("y", proc=10), event("m", "exclusive"), event("e", "end")]
    flows = [seq("s", "g"), seq("g", "x", 0.3), seq("g", "y", 0.7), seq("x", "m"),
             seq("y", "m"), seq("m", "e")]
    a = analyse(build(nodes, flows))
    assert a.flow.lead_time == pytest.approx(0.3 * 100 + 0.7 * 10)  # 37
    assert a.flow.critical_time == pytest.approx(100.0)


def test_rework_through_a_boundary_event() -> None:
    # T (60 min) has an interrupting timer that fires in 10 % of executions and sends the
    # case to R (30 min), then back to T: (60 + 0.1 * 30) / (1 - 0.1) = 70.
    nodes = [event("s", "start"), step("t", proc=60),
             event("b", "boundary", attached_to="t", probability=0.1), step("r", proc=30),
             event("e", "end")]
    flows = [seq("s", "t"), seq("t", "e"), seq("b", "r"), seq("r", "t")]
    a = analyse(build(nodes, flows))
    assert [(loop.steps, loop.probability) for loop in a.loops] == [(("t", "b", "r"), 0.1)]
    assert a.loops[0].expected_passes == pytest.approx(1 / 0.9)
    assert a.flow.lead_time == pytest.approx(70.0)


def test_boundary_event_without_probability_has_unknown_loop_probability() -> None:
    nodes = [event("s", "start"), step("t", proc=60), event("b", "boundary", attached_to="t"),
             step("r", proc=30), event("e", "end")]
    flows = [seq("s", "t"), seq("t", "e"), seq("b", "r"), seq("r", "t")]
    result = analysis_json(build(nodes, flows), 1)
    assert result["loops"] == [{"steps": ["t", "b", "r"], "probability": None,
                                "expected_passes": None}]
    assert result["lead_time"] == pytest.approx(60.0)  # the event counts as never firing


def test_handoff_rules_boundary_subprocess_and_message() -> None:
    # Boundary b sits on t (lane one) and leads to r in lane one: not a handoff although b
    # itself names no lane. Inside sub-process sp (lane two), i1 -> i2 is not a handoff;
    # t -> sp is one. The message flow t -> sp is not a handoff.
    nodes = [event("s", "start", "one"), step("t", lane="one"),
             event("b", "boundary", attached_to="t"), step("r", lane="one"),
             Node("sp", "subprocess", "Sub", lane_id="two"),
             Node("i1", "task", scope="sp"), Node("i2", "task", scope="sp"),
             event("e", "end", "two")]
    flows = [seq("s", "t"), seq("t", "sp"), seq("b", "r"), seq("r", "e"), seq("i1", "i2"),
             seq("sp", "e")]
    from opsdesk.core.maps.model import Flow

    flows.append(Flow("msg", "message", "t", "sp"))
    result = analysis_json(build(nodes, flows, ["one", "two"]), 1)
    assert [(h["from"], h["to"]) for h in result["handoffs"]["flows"]] == [
        ("t", "Sub"), ("r", "e")]


def test_structure_problems() -> None:
    nodes = [event("s", "start"), step("a"), step("dead"), step("lost"),
             event("g", "exclusive"), step("b"), event("e", "end")]
    flows = [seq("s", "a"), seq("a", "g"), seq("g", "b", 0.5), seq("g", "dead", 0.4),
             seq("b", "e"), seq("lost", "b"), seq("e", "s", flow_id="back")]
    a = analyse(build(nodes, flows))
    assert a.structure.unreachable == ("lost",)  # no flow enters it
    assert "dead" in a.structure.dead_ends
    assert a.structure.gateway_problems == (
        "Gateway 'g': its branch probabilities add up to 0.9, not 1.",)
    assert a.structure.misplaced_flows == ("Sequence flow 'back' goes into start event 's'.",
                                           "Sequence flow 'back' leaves end event 'e'.")


def test_unreachable_step() -> None:
    nodes = [event("s", "start"), step("a"), step("lost"), event("e", "end")]
    flows = [seq("s", "a"), seq("a", "e"), seq("lost", "e")]
    assert analyse(build(nodes, flows)).structure.unreachable == ("lost",)


def test_subprocess_contents_count_unless_it_has_its_own_time() -> None:
    inner = [Node("i1", "start", scope="sp"), step("i2", proc=7, cost=2, scope="sp"),
             step("i3", proc=5, scope="sp", value="value_adding"),
             Node("i4", "end", scope="sp")]
    nodes = [event("s", "start"), Node("sp", "subprocess"), step("t", proc=10),
             event("e", "end"), *inner]
    flows = [seq("s", "sp"), seq("sp", "t"), seq("t", "e"), seq("i1", "i2"), seq("i2", "i3"),
             seq("i3", "i4")]
    a = analyse(build(nodes, flows))
    assert a.flow.lead_time == pytest.approx(7 + 5 + 10)
    assert a.flow.value_added_time == pytest.approx(5.0)
    assert a.flow.cost_per_case == pytest.approx(2.0)
    boxed = [step("sp", proc=3, kind="subprocess") if n.id == "sp" else n for n in nodes]
    b = analyse(build(boxed, flows))
    assert b.flow.lead_time == pytest.approx(3 + 10)
    assert b.flow.cost_per_case == 0.0


def test_endless_loop_has_no_lead_time() -> None:
    nodes = [event("s", "start"), step("a", proc=1), step("b", proc=1), event("e", "end")]
    flows = [seq("s", "a"), seq("a", "b"), seq("b", "a")]
    result = analysis_json(build(nodes, flows), 1)
    assert result["lead_time"] is None
    assert result["loops"][0]["expected_passes"] is None
