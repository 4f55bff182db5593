"""Capability, normality and Box-Cox by hand calculation and published examples."""

from __future__ import annotations

import math

import numpy as np
import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability import capability
from opsdesk.core.spc.normality import ad_p_value, anderson_darling, box_cox

# A small data set for hand calculations: mean 10, sample standard deviation
# sqrt(sum (x - 10)^2 / 7) = sqrt(28 / 7) = 2.
DATA = np.array([7.0, 8.0, 9.0, 10.0, 10.0, 11.0, 12.0, 13.0])


def test_indices_by_hand() -> None:
    # sigma within 1.5 (given by a chart), LSL 4, USL 19, target midpoint 11.5.
    cap = capability(DATA, 1.5, 4.0, 19.0)
    assert cap.mean == 10 and cap.sigma_overall == pytest.approx(2.0)
    assert cap.cp == pytest.approx(15 / 9)            # (19 - 4) / (6 x 1.5)
    assert cap.cpl == pytest.approx(6 / 4.5)          # (10 - 4) / (3 x 1.5)
    assert cap.cpu == pytest.approx(9 / 4.5)
    assert cap.cpk == pytest.approx(6 / 4.5)
    assert cap.pp == pytest.approx(15 / 12)           # (19 - 4) / (6 x 2)
    assert cap.ppk == pytest.approx(6 / 6)
    # Cpm: sum (x - 11.5)^2 = 28 + 8 x 1.5^2 = 46; tau = sqrt(46 / 7);
    # min(11.5 - 4, 19 - 11.5) / (3 tau)
    assert cap.cpm == pytest.approx(7.5 / (3 * math.sqrt(46 / 7)))
    assert cap.target == 11.5


def test_ppm_by_hand() -> None:
    # Within: P(Z < (4 - 10)/1.5 = -4) = 3.167e-5 -> 31.67 PPM (standard normal table);
    # P(Z > 6) = 9.87e-10 -> 0.000987 PPM. Overall: P(Z < -3) = 0.0013499 -> 1349.9 PPM;
    # P(Z > 4.5) = 3.398e-6 -> 3.40 PPM.
    cap = capability(DATA, 1.5, 4.0, 19.0)
    assert cap.ppm_expected_within.below == pytest.approx(31.671, rel=1e-3)
    assert cap.ppm_expected_within.above == pytest.approx(0.000987, rel=1e-2)
    assert cap.ppm_expected_overall.below == pytest.approx(1349.9, rel=1e-3)
    assert cap.ppm_expected_overall.above == pytest.approx(3.398, rel=1e-3)
    assert cap.ppm_observed.total == 0
    # Z.bench overall: the normal quantile of 1 - 1353.3e-6 = 2.999 (table), +1.5 shift
    assert cap.z_bench_overall == pytest.approx(2.9993, abs=2e-3)
    assert cap.sigma_level == pytest.approx(cap.z_bench_overall + 1.5)


def test_observed_ppm_is_strict() -> None:
    # 7 is the LSL itself (not out of spec); 13 > 12.5 is: 1 of 8 = 125,000 PPM above.
    cap = capability(DATA, 1.5, 7.0, 12.5)
    assert cap.ppm_observed.below == 0
    assert cap.ppm_observed.above == pytest.approx(125_000)


def test_one_sided_spec() -> None:
    cap = capability(DATA, 1.5, None, 19.0)
    assert cap.cp is None and cap.cpl is None and cap.pp is None and cap.cpm is None
    assert cap.cpk == pytest.approx(cap.cpu) == pytest.approx(2.0)
    assert cap.ppk == pytest.approx(1.5)
    assert cap.ppm_expected_within.below is None


def test_cp_confidence_interval_montgomery() -> None:
    # Montgomery ISQC 6th ed., Example 8.5: n = 20 and Cp-hat = 1.33 give the 95% interval
    # Cp-hat sqrt(chi2_{0.975,19}/19) .. Cp-hat sqrt(chi2_{0.025,19}/19) with chi-square
    # table values 8.91 and 32.85 -> 0.91 .. 1.75 (the interval scales with Cp-hat).
    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, 20)
    s = float(np.std(x, ddof=1))
    cap = capability(x, s, float(np.mean(x)) - 4 * s, float(np.mean(x)) + 4 * s)
    assert cap.cp == pytest.approx(4 / 3)
    lo, hi = cap.cp_ci
    assert lo == pytest.approx(cap.cp * math.sqrt(8.907 / 19), rel=1e-3)
    assert hi == pytest.approx(cap.cp * math.sqrt(32.852 / 19), rel=1e-3)
    assert (lo, hi) == pytest.approx((0.91, 1.75), abs=0.01)


def test_cpk_confidence_interval_bissell() -> None:
    # Montgomery ISQC 6th ed., Example 8.6 (Bissell 1990): n = 20, Cpk-hat = 1.33:
    # 1.33 -/+ 1.96 sqrt(1/(9 x 20) + 1.33^2 / (2 x 19)) -> 0.88 .. 1.78.
    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, 20)
    m, s = float(np.mean(x)), float(np.std(x, ddof=1))
    cap = capability(x, s, m - 3.99 * s, m + 5 * s)  # Cpk = 3.99 / 3 = 1.33
    assert cap.cpk == pytest.approx(1.33)
    assert cap.cpk_ci == pytest.approx((0.88, 1.78), abs=0.005)


def test_capability_refuses_nonsense() -> None:
    with pytest.raises(OpsdeskError):
        capability(DATA, 1.5, None, None)
    with pytest.raises(OpsdeskError):
        capability(DATA, 1.5, 5.0, 4.0)


def test_anderson_darling_by_hand() -> None:
    # A^2 = -n - (1/n) sum (2i - 1) [ln F(z_i) + ln(1 - F(z_(n+1-i)))] with z from the mean
    # and sample standard deviation (D'Agostino & Stephens 1986, eq. 4.2), written out here
    # with math.erf.
    x = np.sort(DATA)
    n = len(x)
    z = (x - 10.0) / 2.0
    cdf = [0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z]
    a2 = -n - sum((2 * i + 1) * (math.log(cdf[i]) + math.log(1 - cdf[n - 1 - i]))
                  for i in range(n)) / n
    result = anderson_darling(DATA)
    assert result.ad == pytest.approx(a2, rel=1e-9)
    assert result.ad_adjusted == pytest.approx(a2 * (1 + 0.75 / 8 + 2.25 / 64))
    assert result.normal
    # Benard's median ranks: (1 - 0.3) / (8 + 0.4) = 8.33 %
    assert result.percent[0] == pytest.approx(100 * 0.7 / 8.4)


def test_ad_p_value_pieces() -> None:
    # D'Agostino & Stephens (1986) Table 4.9, each branch evaluated by hand:
    assert ad_p_value(1.0) == pytest.approx(math.exp(1.2937 - 5.709 + 0.0186))
    assert ad_p_value(0.5) == pytest.approx(math.exp(0.9177 - 4.279 * 0.5 - 1.38 * 0.25))
    assert ad_p_value(0.25) == pytest.approx(1 - math.exp(-8.318 + 42.796 * 0.25
                                                          - 59.938 * 0.0625))
    assert ad_p_value(0.1) == pytest.approx(1 - math.exp(-13.436 + 10.114 - 2.2373))
    # the 5 % critical value of A*^2 for case 3 is 0.752 (Stephens 1974, Table 1A)
    assert ad_p_value(0.752) == pytest.approx(0.05, abs=2e-3)


def test_skewed_data_is_not_normal_and_box_cox_finds_log() -> None:
    # x = exp(normal scores): the log (lambda = 0) makes it exactly normal-shaped, so the
    # maximum-likelihood lambda is close to 0 (Box & Cox 1964).
    from statistics import NormalDist

    scores = [NormalDist().inv_cdf((i - 0.375) / (200 + 0.25)) for i in range(1, 201)]
    x = np.exp(np.array(scores))
    assert not anderson_darling(x).normal
    bc = box_cox(x)
    assert abs(bc.lam) < 0.05
    assert anderson_darling(bc.transformed).normal
    assert "Box-Cox" in bc.statement()
    assert bc.apply(math.e) == pytest.approx((math.e ** bc.lam - 1) / bc.lam)


def test_box_cox_needs_positive_values() -> None:
    with pytest.raises(OpsdeskError):
        box_cox(np.array([1.0, 0.0, 2.0]))


def test_box_cox_lambda_maximises_the_likelihood() -> None:
    # The Box-Cox profile log-likelihood (Box & Cox 1964, eq. 9), written out by hand:
    # -n/2 ln(var of transformed) + (lambda - 1) sum ln x; the MLE beats its neighbours.
    x = np.array([1.2, 2.5, 3.1, 4.8, 7.5, 9.9, 15.2, 22.0, 35.5, 60.1])

    def llf(lam: float) -> float:
        y = np.log(x) if lam == 0 else (x ** lam - 1) / lam
        return -len(x) / 2 * math.log(float(np.var(y))) + (lam - 1) * float(np.sum(np.log(x)))

    lam = box_cox(x).lam
    assert -5 < lam < 5
    assert llf(lam) >= llf(lam + 0.01) and llf(lam) >= llf(lam - 0.01)
