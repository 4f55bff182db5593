"""Simulation against distributions whose quantiles are known in closed form."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from opsdesk.core.errors import Cancelled
from opsdesk.core.maps.simulation import simulate, simulation_json
from opsdesk.core.maps.step_data import NO_DATA
from opsdesk.core.task_state import TaskState
from tests.core.maps.builders import build, event, order_to_cash, seq, step


def _constant(pmap):  # type: ignore[no-untyped-def]
    """The map with every spread removed: each step takes its expected time."""
    from opsdesk.core.maps.step_data import Duration

    def flat(d):  # type: ignore[no-untyped-def]
        return None if d is None else Duration(d.value, d.unit)

    nodes = tuple(replace(n, step=replace(n.step, processing=flat(n.step.processing),
                                          wait=flat(n.step.wait))) for n in pmap.nodes)
    return replace(pmap, nodes=nodes)


def test_rework_loop_passes_are_geometric() -> None:
    # Constant times: a case takes 40 + 80 K + 60 (K - 1) + 420 minutes for K passes of
    # the credit check, P(K = 1) = 0.8, P(K <= 2) = 0.96. So P50 = 540 (K = 1),
    # P85 = P95 = 680 (K = 2), and the mean is the analytic 575.
    sim = simulate(_constant(order_to_cash()), cases=10_000, seed=3)
    assert sim.percentile(50) == pytest.approx(540.0)
    assert sim.percentile(85) == pytest.approx(680.0)
    assert sim.percentile(95) == pytest.approx(680.0)
    # sd of K is sqrt(0.2) / 0.8 = 0.559, of the lead time 140 * 0.559 = 78.3 minutes;
    # the standard error of the mean of 10,000 cases is 0.78: allow four of them.
    assert sim.mean == pytest.approx(575.0, abs=4 * 0.783)


def test_exclusive_branches_by_probability() -> None:
    nodes = [event("s", "start"), event("g", "exclusive"), step("x", proc=100),
             step("y", proc=10), event("m", "exclusive"), event("e", "end")]
    flows = [seq("s", "g"), seq("g", "x", 0.3), seq("g", "y", 0.7), seq("x", "m"),
             seq("y", "m"), seq("m", "e")]
    sim = simulate(build(nodes, flows), cases=10_000, seed=1)
    # 70 % of cases take 10 minutes, 30 % take 100.
    assert sim.percentile(50) == 10.0 and sim.percentile(85) == 100.0
    share = np.mean(sim.lead_times == 100.0)
    assert share == pytest.approx(0.3, abs=4 * math.sqrt(0.3 * 0.7 / 10_000))


def test_triangular_median() -> None:
    # Triangular(0, 0, 1): F(x) = 1 - (1 - x)^2, so the median is 1 - sqrt(1/2) = 0.2929.
    nodes = [event("s", "start"), step("t", proc=0, spread=(0, 0, 1)), event("e", "end")]
    sim = simulate(build(nodes, [seq("s", "t"), seq("t", "e")]), cases=20_000, seed=7)
    assert sim.percentile(50) == pytest.approx(1 - math.sqrt(0.5), abs=0.01)


def test_parallel_join_waits_for_the_longest_branch() -> None:
    # max(U1, U2) of two triangular(0, 0, 1) branches: P(max <= x) = F(x)^2; its median
    # solves F(x) = sqrt(1/2): x = 1 - sqrt(1 - sqrt(1/2)) = 0.4588.
    nodes = [event("s", "start"), event("p", "parallel"), step("a", proc=0, spread=(0, 0, 1)),
             step("b", proc=0, spread=(0, 0, 1)), event("j", "parallel"), event("e", "end")]
    flows = [seq("s", "p"), seq("p", "a"), seq("p", "b"), seq("a", "j"), seq("b", "j"),
             seq("j", "e")]
    sim = simulate(build(nodes, flows), cases=20_000, seed=2)
    assert sim.percentile(50) == pytest.approx(1 - math.sqrt(1 - math.sqrt(0.5)), abs=0.01)


def test_seeded_runs_repeat_and_differ_by_seed() -> None:
    pmap = order_to_cash()
    a, b = simulate(pmap, 500, seed=5), simulate(pmap, 500, seed=5)
    assert np.array_equal(a.lead_times, b.lead_times)
    assert not np.array_equal(a.lead_times, simulate(pmap, 500, seed=6).lead_times)


def test_progress_and_cancel() -> None:
    seen: list[float] = []
    simulate(order_to_cash(), 100, task=TaskState(lambda f, _m: seen.append(f)))
    assert seen and seen == sorted(seen) and seen[-1] == 1.0
    stopped = TaskState()
    stopped.cancel()
    with pytest.raises(Cancelled):
        simulate(order_to_cash(), 100, task=stopped)


def test_endless_loop_is_counted_not_hung() -> None:
    nodes = [event("s", "start"), step("a", proc=1), step("b", proc=1), event("e", "end")]
    sim = simulate(build(nodes, [seq("s", "a"), seq("a", "b"), seq("b", "a")]), 20)
    assert sim.endless == 20 and sim.mean is None
    assert simulation_json(sim, "m")["p50"] is None


def test_json_shape() -> None:
    plain = build([event("s", "start"), replace(step("t", proc=5), step=NO_DATA),
                   event("e", "end")], [seq("s", "t"), seq("t", "e")])
    result = simulation_json(simulate(plain, 10), "M")
    assert result["p50"] == 0.0 and sum(result["histogram"]["counts"]) == 10
    assert set(result) == {"map", "cases", "seed", "time_unit", "mean", "p50", "p85", "p95",
                           "endless", "histogram"}


def test_a_loop_some_cases_never_reach_warns_nothing() -> None:
    # Three in ten cases end at once (g -> x); the others enter the loop b <-> c. Cases
    # outside the loop have no start there: before the fix numpy warned "All-NaN slice"
    # (an error under the test settings). Constant times: a case that enters takes
    # 10 + 20 K + 5 (K - 1) for K passes, P(K = 1) = 0.5, so its median is 30 minutes.
    pmap = build(
        [event("s", "start"), step("a", proc=10), event("g", "exclusive"),
         event("x", "end"), step("b", proc=20), event("h", "exclusive"), step("c", proc=5),
         event("y", "end")],
        [seq("s", "a"), seq("a", "g"), seq("g", "x", 0.3), seq("g", "b", 0.7),
         seq("b", "h"), seq("h", "c", 0.5), seq("c", "b"), seq("h", "y", 0.5)])
    sim = simulate(pmap, cases=2_000, seed=1)
    assert sim.endless == 0
    ended_early = np.count_nonzero(sim.lead_times == 10.0)
    assert ended_early == pytest.approx(600, abs=4 * math.sqrt(2_000 * 0.3 * 0.7))
    assert np.median(sim.lead_times[sim.lead_times > 10]) == pytest.approx(30.0)
