"""EWMA, CUSUM and the run chart, by hand calculation from their definitions
(Montgomery ISQC 6th ed., sections 9.1-9.2; Anhøj & Olesen 2014, PLoS ONE 9(11))."""

from __future__ import annotations

import math

import numpy as np
import pytest

from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart
from opsdesk.core.spc.run_chart import runs_analysis


def test_ewma_limits_montgomery_formula() -> None:
    # Montgomery ISQC 6th ed. Example 9.2 setting: mu0 = 10, sigma = 1, lambda = 0.1,
    # L = 2.7. Period 1: 10 + 2.7 sqrt(0.1/1.9 (1 - 0.9^2)) = 10 + 2.7 x 0.1 = 10.27;
    # period 2: factor sqrt(0.1/1.9 (1 - 0.9^4)) = 0.13342 -> 10.36; steady state
    # 10 + 2.7 sqrt(0.1/1.9) = 10.62.
    x = [9.45, 7.99, 9.29, 11.66, 12.16] + [10.0] * 95
    result = control_chart("ewma", x, options=ChartOptions(mu=10, sigma=1, lam=0.1,
                                                         limit_width=2.7))
    e = result.panels[0]
    assert e.ucl[0] == pytest.approx(10.27, abs=1e-9)
    assert e.ucl[1] == pytest.approx(10 + 2.7 * math.sqrt(0.1 / 1.9 * (1 - 0.9 ** 4)))
    assert e.ucl[1] == pytest.approx(10.36, abs=5e-3)
    assert e.ucl[-1] == pytest.approx(10.62, abs=5e-3)
    assert e.lcl[0] == pytest.approx(9.73, abs=1e-9)
    # z1 = 0.1 x 9.45 + 0.9 x 10 = 9.945; z2 = 0.1 x 7.99 + 0.9 x 9.945 = 9.7495
    assert e.values[0] == pytest.approx(9.945)
    assert e.values[1] == pytest.approx(9.7495)
    assert set(e.tests) == {1}


def test_ewma_signal_beyond_limits_only() -> None:
    x = [10.0] * 10 + [13.0] * 3
    e = control_chart("ewma", x, options=ChartOptions(mu=10, sigma=1)).panels[0]
    # hand: z11 = 0.2 x 13 + 0.8 x 10 = 10.6; UCL_11 = 10 + 3 sqrt(0.2/1.8 (1 - 0.8^22))
    ucl11 = 10 + 3 * math.sqrt(0.2 / 1.8 * (1 - 0.8 ** 22))
    assert e.values[10] == pytest.approx(10.6)
    assert e.values[10] < ucl11
    assert e.values[11] == pytest.approx(0.2 * 13 + 0.8 * 10.6)
    assert [i for i, _ in e.signals()] == [11, 12]
    assert "beyond the control limits" in e.reasons(11)[0]


def test_cusum_hand_calculation() -> None:
    # Standardized tabular CUSUM, mu = 10, sigma = 1, k = 0.5, h = 5:
    # x:   12    11.5   9     12     13
    # C+:  1.5   2.5    1.0   2.5    5.0   (max(0, y - 0.5 + C+))
    # C-:  0     0      0.5   0      0     (max(0, -y - 0.5 + C-))
    # C+ = 5.0 is not above h (strict), one more 12 gives 6.5 -> signal.
    x = [12, 11.5, 9, 12, 13, 12]
    result = control_chart("cusum", x, options=ChartOptions(mu=10, sigma=1))
    up, down = result.panels
    assert up.values.tolist() == pytest.approx([1.5, 2.5, 1.0, 2.5, 5.0, 6.5])
    assert (-down.values).tolist() == pytest.approx([0, 0, 0.5, 0, 0, 0])
    assert up.ucl[0] == 5 and down.lcl[0] == -5
    assert [i for i, _ in up.signals()] == [5]


def test_cusum_lower_side() -> None:
    x = [8.0] * 4  # y = -2 each: C- = 1.5, 3, 4.5, 6 -> signal at the fourth point
    down = control_chart("cusum", x, options=ChartOptions(mu=10, sigma=1)).panels[1]
    assert (-down.values).tolist() == pytest.approx([1.5, 3.0, 4.5, 6.0])
    assert [i for i, _ in down.signals()] == [3]


def test_cusum_montgomery_table_9_1() -> None:
    # Montgomery ISQC 6th ed., Table 9.1 and Example 9.1: 20 observations from N(10, 1)
    # then 10 from N(11, 1); with k = 0.5 and h = 5 the upper CUSUM first exceeds h at
    # sample 29 (C+ = 5.28); at 30, by hand, 5.28 + (10.52 - 10 - 0.5) = 5.30.
    x = [9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34,
         9.03, 11.47, 10.51, 9.40, 10.08, 9.37, 10.62, 10.31, 8.52, 10.84,
         10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52]
    up = control_chart("cusum", x, options=ChartOptions(mu=10, sigma=1)).panels[0]
    assert up.values[28] == pytest.approx(5.28, abs=5e-3)
    assert up.values[29] == pytest.approx(5.30, abs=5e-3)
    assert [i + 1 for i, _ in up.signals()] == [29, 30]


def _qbinom_05(n: int) -> int:
    """Hand: the smallest c with P(X <= c) >= 0.05, X ~ Binomial(n, 0.5) (R's qbinom)."""
    total = 0.0
    for c in range(n + 1):
        total += math.comb(n, c) / 2 ** n
        if total >= 0.05:
            return c
    return n


def test_anhoej_limits() -> None:
    # Anhøj's critical values: longest run > round(log2(n) + 3), crossings < qbinom(0.05,
    # n - 1, 0.5); e.g. n = 20 -> 7 and 6 (hand: log2 20 = 4.32; binomial sum above).
    for n in (10, 20, 24, 30, 50):
        r = runs_analysis(np.array([1.0, -1.0] * (n // 2)), 0.0)
        assert r.useful == n
        assert r.longest_run_max == round(math.log2(n) + 3)
        assert r.crossings_min == _qbinom_05(n - 1)
    assert runs_analysis(np.array([1.0, -1.0] * 10), 0.0).longest_run_max == 7
    assert _qbinom_05(19) == 6


def test_run_chart_runs_and_crossings() -> None:
    # Hand: median of 1..9 plus 5 repeated is 5; points equal to the median are skipped.
    x = [1, 2, 3, 7, 8, 9, 5, 4, 6, 3]
    result = control_chart("run", x)
    assert result.panels[0].center[0] == 4.5
    # sides: - - - + + + + - + -  -> runs 3,4,1,1,1: longest 4; crossings 4
    (runs,) = result.runs
    assert (runs.longest_run, runs.crossings) == (4, 4)
    assert runs.useful == 10


def test_run_chart_shift_signals() -> None:
    x = [1.0] * 6 + [2.0, 1.5] + [5.0] * 12  # a long run above the median
    result = control_chart("run", x)
    assert result.runs[0].signal
    assert "non-random" in result.notes[0]


def test_run_chart_skips_points_on_median() -> None:
    r = runs_analysis(np.array([1.0, 2.0, 2.0, 3.0, 2.0, 1.0]), 2.0)
    # useful: 1, 3, 1 -> sides - + -, crossings 2, longest 1
    assert (r.useful, r.crossings, r.longest_run) == (3, 2, 1)


def test_rules_none_disables_ewma_test() -> None:
    e = control_chart("ewma", [10.0] * 5 + [20.0] * 5,
                      options=ChartOptions(mu=10, sigma=1, rules=RuleConfig("none"))).panels[0]
    assert e.signals() == []
