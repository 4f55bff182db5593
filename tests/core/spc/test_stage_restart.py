"""Run rules restart at each stage, as Minitab and qicharts2 apply them.

Minitab tests each stage of a staged chart on its own (its limits, and the process, are
new there); qicharts2's ``part`` splits the runs analysis the same way. A run that
straddles a stage boundary is no run of either stage.
"""

from __future__ import annotations

import numpy as np

from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart

# By hand, centre 0 and sigma 1 in both stages (historical): stage A alternates below and
# above 0 and ends with 5 points above it; stage B starts with 5 points above it. Ten in a
# row above the centre across the boundary, five within each stage: test 2 (9 in a row)
# fails the 9th and 10th of the ten (indexes 17 and 18) if the run crosses, no point if not.
STAGE_A = [-0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.6, 0.6, 0.6, 0.6, 0.6]
STAGE_B = [0.6, 0.6, 0.6, 0.6, 0.6, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5]
VALUES = STAGE_A[:9] + STAGE_A[9:] + STAGE_B
TEST_2 = RuleConfig("nelson", tests=frozenset({2}))


def _test2(stages: list[str] | None, chart: str = "i-mr", **kwargs: object) -> list[int]:
    options = ChartOptions(rules=TEST_2, mu=0.0, sigma=1.0, stages=stages, **kwargs)  # type: ignore[arg-type]
    result = control_chart(chart, VALUES, options=options)
    return [int(i) for i in np.flatnonzero(result.panels[0].failed[2])]


def test_one_stage_has_the_run() -> None:
    assert _test2(None) == [17, 18]  # the ten above 0 are indexes 9 to 18


def test_a_run_across_two_stages_is_not_flagged() -> None:
    stages = ["A"] * len(STAGE_A) + ["B"] * len(STAGE_B)
    assert _test2(stages) == []


def test_a_run_within_a_stage_still_is() -> None:
    # the same ten points all in stage A: flagged as before
    stages = ["A"] * (len(STAGE_A) + 5) + ["B"] * (len(STAGE_B) - 5)
    assert _test2(stages) == [17, 18]


def test_attributes_charts_restart_too() -> None:
    # counts around a c-bar of 4 (historical): the ten 7s (indexes 8 to 17) are above it,
    # 5 at the end of A and 5 at the start of B
    counts = [6.0, 2.0] * 4 + [7.0] * 10 + [2.0, 6.0] * 4
    stages = ["A"] * 13 + ["B"] * 13
    options = ChartOptions(rules=TEST_2, mu=4.0, stages=stages)
    result = control_chart("c", counts, options=options)
    assert not result.panels[0].failed[2].any()
    whole = control_chart("c", counts, options=ChartOptions(rules=TEST_2, mu=4.0))
    assert list(np.flatnonzero(whole.panels[0].failed[2])) == [16, 17]


def test_subgroup_means_restart_too() -> None:
    labels = [str(i // 2) for i in range(2 * len(VALUES))]
    rows = [v for v in VALUES for _ in range(2)]
    rows = [v + (0.01 if i % 2 else -0.01) for i, v in enumerate(rows)]  # some spread
    stages = ["A" if int(lab) < len(STAGE_A) else "B" for lab in labels]
    options = ChartOptions(rules=TEST_2, mu=0.0, sigma=1.0)
    whole = control_chart("xbar-r", rows, labels=labels, options=options)
    assert list(np.flatnonzero(whole.panels[0].failed[2])) == [17, 18]
    staged = control_chart("xbar-r", rows, labels=labels, row_stages=stages, options=options)
    assert not staged.panels[0].failed[2].any()
