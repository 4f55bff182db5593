"""Run rules on hand-made sequences (centre 0, sigma 1 unless said), following the
definitions of Minitab's tests 1-8 ("Tests for special causes", Minitab Help) and the
conventions of the issue: "beyond" strict, "within" inclusive, a point on the centre line
breaks a one-side run, run rules mark from the K-th point on, window rules mark the last
point of the window only when it is itself beyond the zone line."""

from __future__ import annotations

import numpy as np
import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.rules import (
    DEFAULT_K,
    RULE_SETS,
    RuleConfig,
    describe,
    evaluate,
    run_at_least,
    signal_list,
)


def hits(values: list[float], test: int, k: float | None = None, center: float = 0.0,
         sigma: float = 1.0) -> list[int]:
    failed = evaluate(np.array(values, dtype=float), center, sigma,
                      {test: DEFAULT_K[test] if k is None else k})
    return [int(i) for i in np.flatnonzero(failed[test])]


def test_1_is_strict() -> None:
    assert hits([3.0, -3.0, 3.01, -3.01, 0.0], 1) == [2, 3]


def test_1_with_edited_k() -> None:
    assert hits([2.6, 2.4, -2.6], 1, k=2.5) == [0, 2]


def test_2_marks_from_the_ninth_point_on() -> None:
    values = [0.5] * 11 + [-0.5]
    assert hits(values, 2) == [8, 9, 10]


def test_2_point_on_centre_line_breaks_the_run() -> None:
    values = [0.5] * 5 + [0.0] + [0.5] * 8
    assert hits(values, 2) == []  # runs of 5 and 8, never 9
    assert hits([0.5] * 5 + [0.0] + [0.5] * 9, 2) == [14]


def test_2_below_and_edited_k() -> None:
    assert hits([-1.0] * 7 + [1.0] * 3, 2, k=7) == [6]


def test_3_six_points_rising() -> None:
    # six points = five rises in a row; the sixth point is the first marked
    values = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.1]
    assert hits(values, 3) == [5, 6]
    assert hits([5.0, 4.0, 3.0, 2.0, 1.0, 0.0], 3) == [5]


def test_3_equal_neighbours_break_the_trend() -> None:
    assert hits([0.0, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5], 3) == []


def test_4_fourteen_alternating() -> None:
    values = [0.0, 1.0] * 7  # 14 points, 13 changes of direction
    assert hits(values, 4) == [13]
    assert hits([*values, 0.0], 4) == [13, 14]
    assert hits(values[:13], 4) == []


def test_5_two_of_three_beyond_2_sigma_same_side() -> None:
    # window (2.5, 0, 2.1): the last point is beyond 2 sigma and 2 of 3 are -> marked
    assert hits([2.5, 0.0, 2.1], 5) == [2]
    # window (2.5, 2.1, 0): the last point is not beyond -> only index 1 is marked
    assert hits([2.5, 2.1, 0.0], 5) == [1]
    # opposite sides do not count together
    assert hits([2.5, 0.0, -2.1], 5) == []
    # exactly 2 sigma is not beyond
    assert hits([2.0, 0.0, 2.0], 5) == []
    assert hits([-2.5, -2.2], 5) == [1]  # a short window at the start


def test_6_four_of_five_beyond_1_sigma() -> None:
    values = [1.5, 1.5, 0.0, 1.5, 1.5]
    assert hits(values, 6) == [4]
    assert hits([1.5, 1.5, 0.0, 1.5, 1.0], 6) == []  # 1.0 is not beyond 1 sigma
    assert hits([-1.5, -1.5, -1.5, 0.5, -1.5, -1.2], 6) == [4, 5]


def test_7_fifteen_within_1_sigma_inclusive() -> None:
    values = [1.0, -1.0] + [0.2] * 13 + [1.2]
    assert hits(values, 7) == [14]


def test_8_eight_beyond_1_sigma_either_side() -> None:
    values = [1.5, -1.5] * 4 + [0.5]
    assert hits(values, 8) == [7]
    assert hits([1.0, -1.5] * 4, 8) == []  # exactly 1 sigma is not beyond


def test_a_point_reports_every_test_it_fails() -> None:
    values = [2.5, 0.0, 3.5]  # last point: beyond 3 sigma and 2 of 3 beyond 2 sigma
    failed = evaluate(np.array(values), 0.0, 1.0, {1: 3, 5: 2, 6: 4})
    assert signal_list(failed) == [(2, [1, 5])]


def test_centre_and_sigma_per_point() -> None:
    # point 1: centre 10, sigma 2 -> 16.5 is beyond 3 sigma; point 2: sigma 3 -> 16.5 not
    failed = evaluate(np.array([10.0, 16.5, 16.5]), np.array([10.0, 10.0, 10.0]),
                      np.array([1.0, 2.0, 3.0]), {1: 3})
    assert np.flatnonzero(failed[1]).tolist() == [1]


def test_gaps_are_skipped() -> None:
    # a missing value does not break a run of 9
    values = [0.5] * 4 + [np.nan] + [0.5] * 5
    assert hits(values, 2) == [9]
    # the first moving range is missing: it never counts as "within 1 sigma"
    values = [np.nan] + [0.2] * 14
    assert hits(values, 7) == []
    assert hits([*values, 0.2], 7) == [15]


def test_run_at_least_matches_a_plain_loop() -> None:
    rng = np.random.default_rng(3)
    cond = rng.random(500) < 0.8
    for k in (1, 2, 3, 5, 8, 9, 15, 16, 40):
        expected = np.zeros(500, dtype=bool)
        run = 0
        for i, c in enumerate(cond):
            run = run + 1 if c else 0
            expected[i] = run >= k
        assert (run_at_least(cond, k) == expected).all(), k


def test_rule_sets() -> None:
    # Western Electric: beyond 3 sigma, 2 of 3 beyond 2, 4 of 5 beyond 1, 8 on one side
    assert RuleConfig("we").active() == {1: 3, 2: 8, 5: 2, 6: 4}
    assert RuleConfig("nelson").active() == DEFAULT_K
    assert RuleConfig("aiag").active() == {1: 3, 2: 7, 3: 7}
    assert set(RULE_SETS["montgomery"]) == set(range(1, 9))
    assert RuleConfig("none").active() == {}


def test_tests_switch_and_k_override() -> None:
    cfg = RuleConfig("nelson", tests=frozenset({1, 2, 5}), k={2: 7})
    assert cfg.active() == {1: 3, 2: 7, 5: 2}
    assert cfg.active({1, 2, 3, 4}) == {1: 3, 2: 7}  # spread charts: tests 1-4 only
    with pytest.raises(OpsdeskError):
        RuleConfig("nelson", tests=frozenset({9})).active()
    with pytest.raises(OpsdeskError):
        RuleConfig("shewhart").active()


def test_descriptions() -> None:
    assert describe(5, 2) == (
        "Test 5: 2 out of 3 points more than 2σ from the centre line (same side)")
    assert describe(2, 9) == "Test 2: 9 points in a row on the same side of the centre line"


def test_blocks_give_the_same_verdicts_as_one_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    # Long series are evaluated in overlapping blocks; the verdicts must not depend on it.
    from opsdesk.core.spc import rule_engine

    rng = np.random.default_rng(11)
    x = np.round(rng.normal(0, 1.2, 3 * rule_engine.BLOCK + 17), 1)
    x[:1] = np.nan  # a leading gap, as in a moving-range panel
    sigma = np.full(len(x), 1.0)
    sigma[len(x) // 2:] = 1.5  # limits that change part way
    tests = dict(DEFAULT_K)
    blocked = evaluate(x, 0.0, sigma, tests)
    monkeypatch.setattr(rule_engine, "BLOCK", 10 * len(x))
    whole = evaluate(x, 0.0, sigma, tests)
    for t in tests:
        assert (blocked[t] == whole[t]).all(), t
    x[1000] = np.nan  # an inner gap: the compressed path
    assert all((evaluate(x, 0.0, sigma, tests)[t] == whole[t]).sum() > len(x) - 200
               for t in tests)
