"""The scorecard's SPC signals, judged from the limits and the last points alone, are the
tests the whole individuals chart finds on its last point (the engine's own verdict is
the oracle), for any values, stages and rule sets, many series at once."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.signals import individuals, last_point_tests_many
from opsdesk.core.spc.rules import RULE_SETS


def whole_chart(values: np.ndarray, rule_set: str, stages: Any) -> tuple[int, ...]:
    """The last point's tests on the full chart, as the scorecard found them before."""
    result = individuals(values, rule_set, stages)
    if result is None or not result.signals:
        return ()
    index, tests, _ = result.signals[-1]
    return tests if index == len(values) - 1 else ()


@st.composite
def series(draw: Any) -> tuple[np.ndarray, str, list[str] | None]:
    n = draw(st.integers(0, 45))
    # Few distinct values: runs, ties, equal neighbours (no rise), no spread at all.
    pool = draw(st.sampled_from([[1.0, 2.0, 3.0], [0.0, 10.0], [5.0], None]))
    if pool is None:
        values = draw(st.lists(st.floats(-50, 50), min_size=n, max_size=n))
    else:
        values = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n))
    # A drift or a jump near the end makes the last point signal.
    tail = draw(st.sampled_from(["none", "jump", "climb"]))
    x = np.asarray(values, dtype=float)
    if tail == "jump" and n:
        x[-1] += 40.0
    elif tail == "climb":
        x[-min(n, 8):] += np.arange(min(n, 8)) * 3.0
    stages = None
    if n and draw(st.booleans()):
        cuts = sorted(draw(st.lists(st.integers(1, max(1, n - 1)), max_size=3)))
        stages = [f"stage {sum(i >= c for c in cuts)}" for i in range(n)]
    return x, draw(st.sampled_from([*sorted(RULE_SETS), "no such set"])), stages


@settings(max_examples=300, deadline=None)
@given(st.lists(series(), min_size=1, max_size=6))
def test_the_last_points_tests_are_the_whole_charts(batch: list[Any]) -> None:
    judged = []
    for s in batch:
        try:
            judged.append((s, whole_chart(*s)))
        except OpsdeskError as error:  # a stage of one point: no sigma, said alike
            with pytest.raises(OpsdeskError, match=re.escape(str(error))):
                last_point_tests_many([s])
    assert last_point_tests_many([s for s, _ in judged]) == [tests for _, tests in judged]


def test_a_jump_at_the_end_is_test_1_after_a_long_steady_run() -> None:
    # 40 points alternating 12 and 10, then 30. By hand: centre 470 / 41 = 11.463; the
    # moving ranges are 39 of 2 and one of 20, MR-bar 98 / 40 = 2.45, sigma 2.45 / d2(2)
    # = 2.45 / 1.128 = 2.172, UCL 11.463 + 3 * 2.172 = 17.98: 30 is beyond it (test 1).
    # The last 14 points alternate up and down (test 4, K = 14 in
    # the Nelson set); the AIAG set has tests 1 to 3 only.
    values = np.array([12.0, 10.0] * 20 + [30.0])
    assert last_point_tests_many([(values, "nelson", None), (values, "aiag", None)]) == [
        (1, 4), (1,)]
