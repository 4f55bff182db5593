"""I-MR-R/S, g, t, Z-MR, Hotelling T² and moving-average charts, each against its
published formulas with the numbers worked out by hand (written out below)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import control_chart
from opsdesk.core.spc.fitted import weibull_fit
from opsdesk.core.spc.model import ChartOptions

D2 = 2 / math.sqrt(math.pi)          # d2(2) = 1.128379
D3 = math.sqrt(2 - 4 / math.pi)      # d3(2) = 0.852502
D4 = 1 + 3 * D3 / D2                 # 3.266532


def test_i_mr_r_between_within_by_hand() -> None:
    # Minitab's I-MR-R/S formulas (Wheeler's three-way chart). Subgroups of 2:
    # (10, 12), (15, 14), (11, 13), (16, 17): means 11, 14.5, 12, 16.5; ranges 2, 1, 2, 1.
    # I chart of the means: centre 54/4 = 13.5; moving ranges 3.5, 2.5, 4.5, MR-bar 3.5,
    # sigma 3.5 / 1.128379 = 3.101794, limits 13.5 +- 9.305383 = 22.805383 / 4.194617;
    # MR chart UCL D4 x 3.5 = 11.432862. R chart: R-bar 1.5, UCL D4 x 1.5 = 4.899798.
    # sigma within = 1.5 / 1.128379 = 1.329340; sigma between = sqrt(3.101794^2 -
    # 1.329340^2 / 2) = 2.955935; sigma B/W = sqrt(2.955935^2 + 1.329340^2) = 3.241096.
    values = [10, 12, 15, 14, 11, 13, 16, 17]
    labels = ["1", "1", "2", "2", "3", "3", "4", "4"]
    r = control_chart("i-mr-r", values, labels=labels)
    i, mr, rng = r.panels
    assert [p.name for p in r.panels] == ["i", "mr", "r"]
    assert list(i.values) == [11, 14.5, 12, 16.5]
    assert (i.center[0], i.ucl[0], i.lcl[0]) == pytest.approx((13.5, 22.805383, 4.194617),
                                                              abs=1e-6)
    assert mr.ucl[1] == pytest.approx(11.432862, abs=1e-6)
    assert (rng.center[0], rng.ucl[0]) == pytest.approx((1.5, 4.899798), abs=1e-6)
    assert r.sigma is not None and r.sigma.method == "B/W"
    assert r.sigma.value == pytest.approx(3.241096, abs=1e-6)
    assert r.sigma.constants["sigma_between"] == pytest.approx(2.955935, abs=1e-6)
    s = control_chart("i-mr-s", values, labels=labels)
    assert s.panels[2].name == "s"
    with pytest.raises(OpsdeskError, match="subgroups"):
        control_chart("i-mr-r", values)


def test_g_chart_by_minitabs_formulas() -> None:
    # Minitab, Methods and formulas for G Chart: p = 1 / (g-bar + 1); percentiles of the
    # geometric "number until" F(k) = 1 - (1 - p)^k interpolated between whole k; the
    # plotted levels are G - 1. Days between events 10, 25, 5, 40, 20: g-bar 20, p = 1/21.
    # Median: F(14) = 0.494932, F(15) = 0.518983, G = 14 + (0.5 - 0.494932)/0.024051 =
    # 14.210718, CL = 13.210718. UCL at Phi(3) = 0.998650: F(135) = 0.998621, F(136) =
    # 0.998687, G = 135.437513, UCL = 134.437513. LCL: F(1) = p > Phi(-3), so G below 1
    # and the LCL is 0.
    r = control_chart("g", [10, 25, 5, 40, 20])
    g = r.panels[0]
    assert (g.center[0], g.ucl[0], g.lcl[0]) == pytest.approx((13.210718, 134.437513, 0.0),
                                                              abs=1e-6)
    assert r.sigma is None
    # the same limits from these five as baseline: 300 days without an event is beyond
    # the UCL 134.44, a signal that events have become rarer
    later = control_chart("g", [10, 25, 5, 40, 20, 300, 12],
                          options=ChartOptions(baseline=frozenset("12345")))
    assert later.panels[0].ucl[6] == pytest.approx(134.437513, abs=1e-6)
    assert list(np.flatnonzero(later.panels[0].failed[1])) == [5]


def test_t_chart_exponential_by_hand() -> None:
    # Minitab, Methods and formulas for T Chart: limits are the fitted distribution's
    # Phi(-3), 0.5 and Phi(3) percentiles. Exponential, scale = mean = 5 (times 2, 4, 6, 8):
    # CL = 5 ln 2 = 3.465736; UCL = -5 ln(1 - 0.998650) = 33.038631;
    # LCL = -5 ln(1 - 0.001350) = 0.006754.
    r = control_chart("t", [2, 4, 6, 8], options=ChartOptions(distribution="exponential"))
    t = r.panels[0]
    assert (t.center[0], t.ucl[0], t.lcl[0]) == pytest.approx((3.465736, 33.038631, 0.006754),
                                                              abs=1e-6)
    with pytest.raises(OpsdeskError, match="above 0"):
        control_chart("t", [2, 0, 6])


def test_t_chart_weibull_is_the_maximum_likelihood_fit() -> None:
    # The Weibull MLE (location 0) solves sum(x^k ln x)/sum(x^k) - 1/k - mean(ln x) = 0
    # with scale (mean(x^k))^(1/k); the limits are scale (-ln(1 - q))^(1/k).
    x = np.array([3.1, 7.4, 1.2, 12.9, 5.5, 9.8, 2.6, 4.4, 15.2, 6.1])
    k, lam = weibull_fit(x)
    score = np.sum(x ** k * np.log(x)) / np.sum(x ** k) - 1 / k - np.mean(np.log(x))
    assert abs(score) < 1e-12
    assert lam == pytest.approx(np.mean(x ** k) ** (1 / k), rel=1e-6)
    t = control_chart("t", x).panels[0]
    assert t.center[0] == pytest.approx(lam * math.log(2) ** (1 / k), rel=1e-9)


def test_z_mr_constant_and_by_part_by_hand() -> None:
    # Minitab's Z-MR chart. Parts A and B alternate: A 10, B 20, A 12, B 23, A 11, B 21.
    # Part means A 11, B 64/3. Deviations in time order: -1, -4/3, 1, 5/3, 0, -1/3; their
    # moving ranges 1/3, 7/3, 2/3, 5/3, 1/3, MR-bar 16/15; constant sigma = (16/15) /
    # 1.128379 = 0.945309; Z = deviation / sigma: -1.057855, -1.410474, 1.057855, 1.763092,
    # 0, -0.352618. By part: A's moving ranges 2, 1 -> sigma 1.5/1.128379 = 1.329340;
    # B's 3, 2 -> 2.5/1.128379 = 2.215567. The Z panel: centre 0, limits +-3; the MR
    # panel: centre d2(2) = 1.128379, UCL d2 + 3 d3 = 1.128379 + 3 x 0.852502 = 3.685887.
    values = [10, 20, 12, 23, 11, 21]
    parts = ["A", "B", "A", "B", "A", "B"]
    r = control_chart("z-mr", values, parts=parts)
    z, mr = r.panels
    assert list(z.values) == pytest.approx([-1.057855, -1.410474, 1.057855, 1.763092, 0.0,
                                            -0.352618], abs=1e-6)
    assert (z.center[0], z.ucl[0], z.lcl[0]) == (0.0, 3.0, -3.0)
    assert (mr.center[0], mr.ucl[0]) == pytest.approx((1.128379, 3.685887), abs=1e-6)
    by_part = control_chart("z-mr", values, parts=parts,
                            options=ChartOptions(sigma_method="by-part"))
    assert by_part.panels[0].values[0] == pytest.approx(-1 / 1.329340, abs=1e-6)
    assert by_part.panels[0].values[1] == pytest.approx(-(4 / 3) / 2.215567, abs=1e-6)
    with pytest.raises(OpsdeskError, match="--part"):
        control_chart("z-mr", values)


def test_hotelling_individuals_by_hand() -> None:
    # Montgomery ISQC 6th ed., section 11.3.2 (Tracy, Young & Mason 1992). Four points
    # (1, 2), (3, 3), (2, 5), (6, 6): mean (3, 4); deviations (-2,-2), (0,-1), (-1,1),
    # (3,2); S = [[14/3, 3], [3, 10/3]], det 59/9, S^-1 = [[30, -27], [-27, 42]] / 59.
    # T² = 72/59, 42/59, 126/59, 114/59 (they add to p (m - 1) = 6).
    # Phase I UCL = (m-1)^2/m B(1 - a; p/2, (m-p-1)/2) = 9/4 B(1 - a; 1, 1/2) and
    # B(1, 1/2) has F(x) = 1 - sqrt(1 - x), so the quantile is 1 - a^2: with
    # a = 2 Phi(-3) = 0.0026998, UCL = 2.25 (1 - a^2) = 2.249984.
    x = np.array([[1, 2], [3, 3], [2, 5], [6, 6]], dtype=float)
    r = control_chart("t2", x)
    t2 = r.panels[0]
    assert list(t2.values) == pytest.approx([72 / 59, 42 / 59, 126 / 59, 114 / 59])
    assert t2.ucl[0] == pytest.approx(2.249984, abs=1e-6)
    assert not t2.failed[1].any()


def test_hotelling_phase_two_f_limit_by_hand() -> None:
    # Phase II (points after the baseline): UCL = p (m+1)(m-1) / (m^2 - m p) F(1 - a; p,
    # m - p). Baseline the four points above (m = 4, p = 2): 2 x 5 x 3 / 8 = 3.75 times
    # F(1 - a; 2, 2) = (1 - a)/a = 369.398 -> 1385.2438. The new point (13, 14) has
    # deviation (10, 10) from (3, 4): T² = (100 x 30 - 2 x 100 x 27 + 100 x 42)/59 =
    # 1800/59 = 30.5085.
    x = np.array([[1, 2], [3, 3], [2, 5], [6, 6], [13, 14]], dtype=float)
    r = control_chart("t2", x, options=ChartOptions(baseline=frozenset({"1", "2", "3", "4"})))
    t2 = r.panels[0]
    assert t2.values[4] == pytest.approx(1800 / 59)
    assert t2.ucl[4] == pytest.approx(1385.2438, abs=1e-3)
    assert t2.ucl[0] == pytest.approx(2.249984, abs=1e-6)


def test_hotelling_subgroups_by_hand() -> None:
    # Montgomery ISQC 6th ed., section 11.3.1, T² = n (xbar_j - xbarbar)' Sbar^-1 (...).
    # Subgroups of 2: {(1,1),(3,3)}, {(2,4),(4,2)}, {(4,5),(6,7)}: means (2,2), (3,3),
    # (5,6); covariances [[2,2],[2,2]], [[2,-2],[-2,2]], [[2,2],[2,2]]; Sbar = [[2, 2/3],
    # [2/3, 2]], Sbar^-1 = [[9, -3], [-3, 9]] / 16; grand mean (10/3, 11/3). T² = 83/24,
    # 11/24, 152/24. Phase I UCL (Alt): p(m-1)(n-1)/(mn-m-p+1) F(1-a; p, mn-m-p+1) =
    # 4/2 x F(1-a; 2, 2) = 2 x 369.398 = 738.797.
    x = np.array([[1, 1], [3, 3], [2, 4], [4, 2], [4, 5], [6, 7]], dtype=float)
    r = control_chart("t2", x, labels=["a", "a", "b", "b", "c", "c"])
    t2 = r.panels[0]
    assert list(t2.values) == pytest.approx([83 / 24, 11 / 24, 152 / 24])
    assert t2.ucl[0] == pytest.approx(738.797, abs=1e-3)
    with pytest.raises(OpsdeskError, match="linearly dependent"):
        control_chart("t2", np.array([[1, 2], [2, 4], [3, 6], [4, 8.0]]))


def test_moving_average_by_hand() -> None:
    # Montgomery ISQC 6th ed., section 9.3: M_i = mean of the last w values; limits
    # mu +- 3 sigma / sqrt(k), k = min(i, w). mu 10, sigma 1, w 3; values 9, 11, 10, 13, 13:
    # M = 9, 10, 10, 34/3 = 11.333, 12; limits 13/7, 10 +- 2.121320, then 10 +- 1.732051.
    # M_5 = 12 > 11.732051: test 1 at point 5.
    opts = ChartOptions(mu=10.0, sigma=1.0, span=3)
    r = control_chart("ma", [9, 11, 10, 13, 13], options=opts)
    ma = r.panels[0]
    assert list(ma.values) == pytest.approx([9, 10, 10, 34 / 3, 12])
    assert list(ma.ucl) == pytest.approx([13, 12.121320, 11.732051, 11.732051, 11.732051],
                                         abs=1e-6)
    assert list(np.flatnonzero(ma.failed[1])) == [4]
