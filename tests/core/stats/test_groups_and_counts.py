"""ANOVA, Tukey, Levene, Mann-Whitney, two proportions and chi-square against published
outputs (R's documented examples, scipy's documentation) and hand calculations."""

from __future__ import annotations

import math

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.stats.counts import chi_square, two_proportions
from opsdesk.core.stats.descriptive import describe
from opsdesk.core.stats.groups import levene, mann_whitney, one_way_anova

# Dobson (1983), An Introduction to Statistical Modelling, p. 9: dried weight of plants
# under a control and two treatments (R's dataset ``PlantGrowth``).
PLANTS = {
    "ctrl": [4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14],
    "trt1": [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
    "trt2": [6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26],
}


def test_one_way_anova_and_tukey_match_r_on_plantgrowth() -> None:
    # R: summary(aov(weight ~ group, PlantGrowth)): group Df 2, F 4.846, Pr(>F) 0.0159;
    # residuals Df 27. TukeyHSD(...): trt1-ctrl -0.371 [-1.0622161, 0.3202161] p 0.3908711;
    # trt2-ctrl 0.494 [-0.1972161, 1.1852161] p 0.1979960; trt2-trt1 0.865 [0.1737839,
    # 1.5562161] p 0.0120064. (Here each pair is first minus second in group order.)
    r = one_way_anova(PLANTS)
    assert r.statistic == pytest.approx(4.846, abs=5e-4)
    assert r.df == (2.0, 27.0) and r.p_value == pytest.approx(0.0159, abs=5e-5)
    pairs = {(c.first, c.second): c for c in r.comparisons}
    c = pairs[("ctrl", "trt1")]
    assert (c.difference, *c.ci, c.p_value) == pytest.approx(
        (0.371, -0.3202161, 1.0622161, 0.3908711), abs=5e-6)
    c = pairs[("ctrl", "trt2")]
    assert (c.difference, *c.ci, c.p_value) == pytest.approx(
        (-0.494, -1.1852161, 0.1972161, 0.1979960), abs=5e-6)
    c = pairs[("trt1", "trt2")]
    assert (c.difference, *c.ci, c.p_value) == pytest.approx(
        (-0.865, -1.5562161, -0.1737839, 0.0120064), abs=5e-6)
    assert r.sentence.startswith("The group means differ (ctrl 5.032, trt1 4.661, trt2 5.526)")
    assert "find these pairs different: trt1 − trt2 = -0.865 (p = 0.012)." in r.sentence


def test_tukey_matches_scipys_documented_example() -> None:
    # scipy.stats.tukey_hsd documentation (Hollander & Wolfe): (0 - 1) -4.600, p 0.014,
    # CI (-8.249, -0.951); (0 - 2) -0.260, p 0.980; (1 - 2) 4.340, p 0.020.
    groups = {"0": [24.5, 23.5, 26.4, 27.1, 29.9], "1": [28.4, 34.2, 29.5, 32.2, 30.1],
              "2": [26.1, 28.3, 24.3, 26.2, 27.8]}
    pairs = {(c.first, c.second): c for c in one_way_anova(groups).comparisons}
    assert pairs[("0", "1")].difference == pytest.approx(-4.6)
    assert pairs[("0", "1")].ci == pytest.approx((-8.249, -0.951), abs=5e-4)
    assert [pairs[k].p_value for k in (("0", "1"), ("0", "2"), ("1", "2"))] == pytest.approx(
        [0.014, 0.980, 0.020], abs=5e-4)


def test_levene_matches_car_levenetest_on_plantgrowth() -> None:
    # R: car::leveneTest(weight ~ group, data = PlantGrowth) (center = median):
    # Df 2 and 27, F value 1.1192, Pr(>F) 0.3412.
    r = levene(PLANTS)
    assert r.statistic == pytest.approx(1.1192, abs=5e-5)
    assert r.p_value == pytest.approx(0.3412, abs=5e-5)
    assert r.sentence.startswith("The data do not show that the group variances differ")


def test_mann_whitney_matches_scipys_documented_example() -> None:
    # scipy.stats.mannwhitneyu documentation: ages of male and female workers,
    # U = 17.0, exact two-sided p = 0.1111.
    r = mann_whitney([19, 22, 16, 29, 24], [20, 11, 17, 12], names=("men", "women"))
    assert r.statistic == 17.0
    assert r.p_value == pytest.approx(0.1111111111, abs=1e-9)


def test_two_proportions_by_hand() -> None:
    # Hand calculation: 27 of 100 against 19 of 100. Pooled p = 46/200 = 0.23;
    # se = sqrt(0.23 x 0.77 x (1/100 + 1/100)) = 0.0595147; z = 0.08 / 0.0595147 = 1.344206;
    # two-sided p = 2 (1 - Phi(1.344206)) = 0.178882. Interval from the separate variances:
    # 0.08 +- 1.959964 sqrt(0.27 x 0.73 / 100 + 0.19 x 0.81 / 100) = 0.08 +- 0.116119.
    r = two_proportions((27, 19), (100, 100))
    assert r.statistic == pytest.approx(0.08 / math.sqrt(0.23 * 0.77 * 0.02), rel=1e-12)
    assert r.statistic == pytest.approx(1.344206, abs=5e-7)
    assert r.p_value == pytest.approx(0.178882, abs=5e-7)
    assert r.ci == pytest.approx((0.08 - 0.116119, 0.08 + 0.116119), abs=1e-6)
    with pytest.raises(OpsdeskError, match="no more events than trials"):
        two_proportions((5, 120), (100, 100))


def test_chi_square_matches_scipys_documented_example() -> None:
    # scipy.stats.chi2_contingency documentation: [[10, 10, 20], [20, 20, 20]]:
    # statistic 2.7777777777777777, p-value 0.24935220877729619, dof 2.
    r = chi_square([[10, 10, 20], [20, 20, 20]], names=("shift", "defect"))
    assert r.statistic == pytest.approx(2.7777777777777777, rel=1e-12)
    assert r.p_value == pytest.approx(0.24935220877729619, rel=1e-12)
    assert r.df == (2.0,)
    assert r.sentence.startswith("The data do not show that shift and defect are associated")


def test_describe_by_hand() -> None:
    # 2, 4, 4, 5, 7, 9, 10: n 7, mean 41/7 = 5.857143; squared deviations sum 50.857143,
    # sd = sqrt(50.857143 / 6) = 2.911390; quartiles at (n + 1) p = 2, 4 and 6: 4, 5, 9.
    d = describe([2, 4, 4, 5, 7, 9, 10], "cycle time")
    assert (d.n, d.mean, d.sd) == (7, pytest.approx(41 / 7), pytest.approx(2.911390, abs=5e-7))
    assert (d.q1, d.median, d.q3, d.minimum, d.maximum) == (4, 5, 9, 2, 10)
    assert d.se_mean == pytest.approx(2.911390 / math.sqrt(7), abs=5e-7)
    assert d.normality is not None and d.sentence.startswith("cycle time: 7 values")
    assert describe([3.0]).as_dict()["sd"] is None  # one value: no spread, valid JSON
