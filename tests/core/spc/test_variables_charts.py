"""Variables charts against published examples and hand calculations."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart
from tests.core.spc.helpers import column, labels, rows, trial

PISTON = "pistonrings.csv"


def piston(chart: str, **options: object) -> object:
    return control_chart(chart, column(PISTON, "diameter"), labels=labels(PISTON, "sample"),
                         options=ChartOptions(baseline=trial(PISTON, "sample"), **options))  # type: ignore[arg-type]


def test_xbar_r_piston_rings_trial_limits() -> None:
    # Montgomery, ISQC 2nd ed. (1991), Example 5-1 (6.1 in later editions): from the 25
    # trial samples x-double-bar = 74.001, R-bar = 0.023, X-bar limits 73.988 / 74.014,
    # R chart UCL = D4 R-bar = 2.114 x 0.023 = 0.049, LCL = 0.
    result = piston("xbar-r")
    xbar, r = result.panels
    assert xbar.center[0] == pytest.approx(74.001, abs=5e-4)
    assert xbar.ucl[0] == pytest.approx(74.014, abs=5e-4)
    assert xbar.lcl[0] == pytest.approx(73.988, abs=5e-4)
    assert r.center[0] == pytest.approx(0.023, abs=5e-4)
    assert r.ucl[0] == pytest.approx(0.049, abs=1e-3)
    assert r.lcl[0] == 0.0
    # sigma = R-bar / d2 = 0.02276 / 2.326 (hand: sum of the 25 ranges is 0.569)
    assert result.sigma.value == pytest.approx(0.569 / 25 / 2.326, rel=1e-3)
    assert result.sigma.constants["d2"] == pytest.approx(2.326, abs=5e-4)
    # Montgomery's phase II discussion: samples 37, 38 and 39 plot above the UCL.
    beyond = [result.label(i) for i, tests in xbar.signals() if 1 in tests]
    assert beyond == ["37", "38", "39"]
    assert r.signals() == []


def test_xbar_s_piston_rings() -> None:
    # Montgomery ISQC, Example 5-3 (6.3 later): X-bar limits from s-bar are
    # 74.001 +/- A3 s-bar -> 73.988 / 74.014 (A3 = 1.427), S chart UCL = B4 s-bar
    # (B4 = 2.089), LCL = 0. s-bar by hand: the mean of the 25 trial sample std devs.
    groups: dict[str, list[float]] = {}
    for row in rows(PISTON):
        if row["trial"] == "TRUE":
            groups.setdefault(row["sample"], []).append(float(row["diameter"]))
    sbar = statistics.mean(statistics.stdev(g) for g in groups.values())
    result = piston("xbar-s")
    xbar, s = result.panels
    assert s.center[0] == pytest.approx(sbar, rel=1e-9)
    assert xbar.ucl[0] == pytest.approx(74.014, abs=5e-4)
    assert xbar.lcl[0] == pytest.approx(73.988, abs=5e-4)
    assert xbar.ucl[0] - xbar.center[0] == pytest.approx(1.427 * sbar, rel=5e-4)
    assert s.ucl[0] == pytest.approx(2.089 * sbar, rel=5e-4)
    assert s.lcl[0] == 0.0


def test_xbar_s_unequal_sizes_per_point_limits() -> None:
    # Hand calculation: sigma = mean of S_i / c4(n_i) with c4(3) = 0.8862, c4(4) = 0.9213,
    # c4(5) = 0.9400 (Montgomery Appendix VI); X-bar limits x-bar-bar +/- 3 sigma / sqrt(n_i);
    # x-bar-bar the mean of all measurements.
    name = "pistonrings_unequal.csv"
    data = rows(name)
    groups: dict[str, list[float]] = {}
    for row in data:
        groups.setdefault(row["sample"], []).append(float(row["diameter"]))
    c4 = {3: 0.8862, 4: 0.9213, 5: 0.9400}
    sigma = statistics.mean(statistics.stdev(g) / c4[len(g)] for g in groups.values())
    grand = statistics.mean(v for g in groups.values() for v in g)
    result = control_chart("xbar-s", [float(r["diameter"]) for r in data],
                           labels=[r["sample"] for r in data])
    xbar, s = result.panels
    assert result.sigma.value == pytest.approx(sigma, rel=2e-4)
    sizes = [len(g) for g in groups.values()]
    assert len(set(sizes)) > 1
    for i, n in enumerate(sizes):
        assert xbar.center[i] == pytest.approx(grand, abs=1e-9)
        assert xbar.ucl[i] == pytest.approx(grand + 3 * sigma / math.sqrt(n), rel=1e-6)
        # S chart: centre c4(n) sigma, limits +/- 3 sigma sqrt(1 - c4^2), floored at 0
        spread = 3 * sigma * math.sqrt(1 - c4[n] ** 2)
        assert s.center[i] == pytest.approx(c4[n] * sigma, rel=2e-4)
        assert s.ucl[i] == pytest.approx(c4[n] * sigma + spread, rel=2e-4)
        assert s.lcl[i] == pytest.approx(max(0.0, c4[n] * sigma - spread), abs=1e-6)
    assert "unequal" in result.sigma.statement


def test_pooled_sigma_option() -> None:
    # Hand: S_p = sqrt(sum (n_i - 1) s_i^2 / sum (n_i - 1)), divided by c4(d + 1), d = 100
    # for 25 subgroups of 5 (Minitab, "Methods and formulas", pooled standard deviation).
    data = [r for r in rows(PISTON) if r["trial"] == "TRUE"]
    groups: dict[str, list[float]] = {}
    for row in data:
        groups.setdefault(row["sample"], []).append(float(row["diameter"]))
    sp = math.sqrt(sum(4 * statistics.variance(g) for g in groups.values()) / 100)
    c4_101 = math.sqrt(2 / 100) * math.exp(math.lgamma(101 / 2) - math.lgamma(100 / 2))
    result = control_chart("xbar-s", [float(r["diameter"]) for r in data],
                           labels=[r["sample"] for r in data],
                           options=ChartOptions(sigma_method="pooled"))
    assert result.sigma.value == pytest.approx(sp / c4_101, rel=1e-9)
    assert result.sigma.method == "pooled"


def test_imr_viscosity_hand_calculation() -> None:
    # Montgomery ISQC 5th ed. pp. 232-235 data; phase I batches 1-20. Hand calculation:
    # centre = mean of the 20 values; MR-bar = mean of the 19 moving ranges |x_i - x_(i-1)|;
    # sigma = MR-bar / 1.128; limits centre +/- 3 sigma; MR chart UCL = 3.267 MR-bar.
    x = column("viscosity.csv", "viscosity")
    phase1 = x[:20]
    mean = sum(phase1) / 20
    mrbar = sum(abs(phase1[i] - phase1[i - 1]) for i in range(1, 20)) / 19
    result = control_chart("i-mr", x, labels=labels("viscosity.csv", "batch"),
                           options=ChartOptions(baseline=trial("viscosity.csv", "batch")))
    ind, mr = result.panels
    assert ind.center[0] == pytest.approx(mean, rel=1e-12)
    assert result.sigma.value == pytest.approx(mrbar / 1.1283791671, rel=1e-9)
    assert ind.ucl[0] == pytest.approx(mean + 3 * mrbar / 1.1283791671, rel=1e-9)
    assert mr.center[0] == pytest.approx(mrbar, rel=1e-9)
    assert mr.ucl[0] == pytest.approx(3.267 * mrbar, rel=2e-4)
    assert math.isnan(mr.values[0])
    assert mr.values[1] == pytest.approx(abs(x[1] - x[0]))


def test_imr_exclusion_drops_its_moving_ranges() -> None:
    # Hand: values 10, 12, 30, 11, 13; excluding point 3 leaves the centre mean(10,12,11,13)
    # = 11.5 and the moving ranges not touching point 3: |12-10| = 2, |13-11| = 2 -> MR-bar 2.
    result = control_chart("i-mr", [10, 12, 30, 11, 13],
                           options=ChartOptions(exclusions={"3": "sensor fault"}))
    ind = result.panels[0]
    assert ind.center[0] == pytest.approx(11.5)
    assert result.sigma.value == pytest.approx(2 / 1.1283791671)
    assert result.excluded.tolist() == [False, False, True, False, False]
    # still plotted and tested: 30 is beyond 11.5 + 3 x 1.7725 = 16.82
    assert (2, [1]) in ind.signals()
    assert result.exclusion_reasons == {2: "sensor fault"}


def test_stages_recompute_limits() -> None:
    # Hand: stage A = 1, 2, 3 -> mean 2, MR-bar 1; stage B = 11, 13, 15 -> mean 13, MR-bar 2.
    # The moving range across the boundary (|11 - 3|) belongs to neither stage.
    result = control_chart("i-mr", [1, 2, 3, 11, 13, 15],
                           row_stages=["A", "A", "A", "B", "B", "B"])
    ind, mr = result.panels
    d2 = 1.1283791671
    assert ind.center.tolist() == [2, 2, 2, 13, 13, 13]
    assert ind.ucl[0] == pytest.approx(2 + 3 / d2)
    assert ind.ucl[5] == pytest.approx(13 + 6 / d2)
    assert math.isnan(mr.values[3])
    assert [s.name for s in result.stages] == ["A", "B"]


def test_baseline_freezes_limits() -> None:
    # Limits from points 1-4 only (mean 2.5, MR-bar 1); later points are judged against them.
    result = control_chart("i-mr", [1, 2, 3, 4, 50, 60],
                           options=ChartOptions(baseline=frozenset({"1", "2", "3", "4"})))
    ind = result.panels[0]
    assert ind.center[5] == pytest.approx(2.5)
    assert ind.ucl[5] == pytest.approx(2.5 + 3 / 1.1283791671)
    assert [i for i, t in ind.signals() if 1 in t] == [4, 5]


def test_historical_mu_sigma() -> None:
    # Typed-in mu = 74, sigma = 0.01, n = 5: X-bar limits 74 +/- 3 x 0.01 / sqrt(5);
    # R chart centre d2 sigma = 0.02326, UCL D4-like = (2.326 + 3 x 0.864) x 0.01.
    result = control_chart("xbar-r", column(PISTON, "diameter"),
                           labels=labels(PISTON, "sample"),
                           options=ChartOptions(mu=74.0, sigma=0.01))
    xbar, r = result.panels
    assert xbar.ucl[0] == pytest.approx(74 + 0.03 / math.sqrt(5))
    assert r.center[0] == pytest.approx(0.02326, abs=1e-5)
    assert r.ucl[0] == pytest.approx((2.326 + 3 * 0.864) * 0.01, abs=2e-5)
    assert result.sigma.method == "historical"


def test_subgroup_of_one_is_refused() -> None:
    with pytest.raises(OpsdeskError, match="Subgroup 'b' has only 1 value"):
        control_chart("xbar-r", [1.0, 2.0, 3.0], labels=["a", "a", "b"])


def test_rule_set_none_gives_no_signals() -> None:
    result = control_chart("i-mr", [0, 0, 0, 0, 100.0],
                           options=ChartOptions(rules=RuleConfig("none")))
    assert all(not p.signals() for p in result.panels)


def test_spread_panels_get_tests_1_to_4_only() -> None:
    result = piston("xbar-r")
    assert set(result.panels[0].tests) == set(range(1, 9))
    assert set(result.panels[1].tests) == {1, 2, 3, 4}


def test_one_million_points_stay_arrays() -> None:
    x = np.random.default_rng(5).normal(10, 2, 1_000_000)
    result = control_chart("i-mr", x)
    assert result.label_list is None and result.label(999_999) == "1000000"
    assert result.panels[0].values.shape == (1_000_000,)
