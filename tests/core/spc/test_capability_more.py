"""Capability beyond the normal indices: intervals of Pp, Ppk and Cpm, fitted
distributions with the percentile method, the Johnson transformation, the sixpack."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from scipy.stats import norm

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability import capability
from opsdesk.core.spc.capability_intervals import cpm_dof
from opsdesk.core.spc.fitted import fit, fit_all, percentile_capability
from opsdesk.core.spc.johnson import johnson
from opsdesk.core.spc.sixpack import sixpack
from opsdesk.core.spc.transformed_capability import transformed_capability
from tests.conftest import DATASETS


def _scaled(n: int, seed: int) -> tuple[np.ndarray, float, float]:
    x = np.random.default_rng(seed).normal(0, 1, n)
    return x, float(np.mean(x)), float(np.std(x, ddof=1))


def test_pp_and_ppk_intervals_follow_montgomerys_examples() -> None:
    # Montgomery ISQC 6th ed., Example 8.5: n = 20, index 1.33 (4/3): the chi-square
    # interval with chi2(0.025; 19) = 8.91 and chi2(0.975; 19) = 32.85 is 0.91 .. 1.75.
    # Example 8.6 (Bissell): 1.33 -/+ 1.96 sqrt(1/180 + 1.33^2/38) = 0.88 .. 1.78.
    # Pp and Ppk use sigma overall, with n - 1 = 19 degrees of freedom.
    x, m, s = _scaled(20, 1)
    cap = capability(x, 2 * s, m - 4 * s, m + 4 * s)   # sigma within twice s: Pp alone 4/3
    assert cap.pp == pytest.approx(4 / 3)
    assert cap.pp_ci == pytest.approx((0.91, 1.75), abs=0.01)
    x, m, s = _scaled(20, 2)
    cap = capability(x, 2 * s, m - 3.99 * s, m + 5 * s)
    assert cap.ppk == pytest.approx(1.33)
    assert cap.ppk_ci == pytest.approx((0.88, 1.78), abs=0.005)
    assert set(cap.as_dict()) >= {"pp_ci", "ppk_ci", "cpm_ci"}


def test_cpm_interval_by_boyles() -> None:
    # Boyles (1991): Cpm sqrt(chi2(a/2; v)/v) .. Cpm sqrt(chi2(1 - a/2; v)/v) with
    # v = n (1 + d^2)^2 / (1 + 2 d^2), d = (mean - T)/s. On target (d = 0), v = n = 20 and
    # Cpm = Cp = 4/3 here; chi-square table values chi2(0.025; 20) = 9.591 and
    # chi2(0.975; 20) = 34.170 give 4/3 x sqrt(9.591/20) = 0.923 .. 4/3 x sqrt(34.170/20)
    # = 1.743. Off target by d = 0.5: v = 20 x 1.25^2 / 1.5 = 20.833.
    x, m, s = _scaled(20, 3)
    cap = capability(x, s, m - 4 * s, m + 4 * s, target=m)
    assert cap.cpm == pytest.approx(4 / 3)
    assert cap.cpm_ci == pytest.approx((0.923, 1.743), abs=0.001)
    assert cpm_dof(20, 1.5, 1.0, 1.0) == pytest.approx(20.8333, abs=1e-4)


def test_percentile_method_on_an_exponential_fit_by_hand() -> None:
    # ISO 22514-2 percentile method on an exponential of scale 2 (the mean of
    # 1, 2, 3, 0.5, 3.5): X0.135 = -2 ln(0.99865) = 0.0027018, X50 = 2 ln 2 = 1.3862944,
    # X99.865 = -2 ln(0.00135) = 13.2153014. With LSL 0.01 and USL 15: Pp = 14.99 /
    # 13.2125996 = 1.134523; PPU = (15 - 1.3862944) / (13.2153014 - 1.3862944) = 1.150875;
    # PPL = (1.3862944 - 0.01) / (1.3862944 - 0.0027018) = 0.994725 = Ppk.
    res = percentile_capability(np.array([1, 2, 3, 0.5, 3.5]), 0.01, 15.0, "exponential")
    assert res.fit.params == {"scale": 2.0}
    assert (res.x_low, res.x_mid, res.x_high) == pytest.approx(
        (0.0027018, 1.3862944, 13.2153014), abs=1e-7)
    assert (res.pp, res.ppu, res.ppl, res.ppk) == pytest.approx(
        (1.134523, 1.150875, 0.994725, 0.994725), abs=1e-6)
    # expected PPM below 0.01: 1e6 (1 - exp(-0.01/2)) = 4987.52
    assert res.ppm_expected.below == pytest.approx(4987.52, abs=0.01)


def test_lognormal_fit_is_the_closed_form_maximum_likelihood() -> None:
    # lognormal MLE: mu = mean(ln x), sigma = sqrt(mean((ln x - mu)^2)) (divisor n).
    x = np.array([2.0, 3.0, 5.0, 8.0, 13.0])
    f = fit(x, "lognormal")
    logs = np.log(x)
    assert f.params["mu"] == pytest.approx(float(np.mean(logs)))
    assert f.params["sigma"] == pytest.approx(float(np.sqrt(np.mean((logs - logs.mean()) ** 2))))


def test_best_fit_by_anderson_darling_finds_the_lognormal() -> None:
    # 60 values at the lognormal's own plotting positions exp(1 + 0.6 z_i): the lognormal
    # fits them almost exactly, the normal (on skewed data) and the exponential do not.
    z = norm.ppf((np.arange(1, 61) - 0.5) / 60)
    x = np.exp(1 + 0.6 * z)
    fits, notes = fit_all(x)
    assert fits[0].distribution == "lognormal"
    assert fits[0].ad < 0.1 < min(f.ad for f in fits if f.distribution in ("normal",
                                                                            "exponential"))
    assert {f.distribution for f in fits} == {"normal", "lognormal", "weibull", "gamma",
                                              "exponential"}
    _, notes = fit_all(np.array([-1.0, 2.0, 3.0, 4.0]))
    assert any("lognormal" in n and "above 0" in n for n in notes)


def test_johnson_recovers_an_sb_population() -> None:
    # Values at the plotting positions of a Johnson SB population (gamma 0.5, eta 1.5,
    # eps 2, lam 8): x = eps + lam t / (1 + t), t = exp((z - gamma) / eta). The selection
    # (Chou et al. 1998) finds the SB family and normal transformed data.
    z = norm.ppf((np.arange(1, 101) - 0.5) / 100)
    t = np.exp((z - 0.5) / 1.5)
    x = 2 + 8 * t / (1 + t)
    jt = johnson(x)
    assert jt.family == "SB"
    assert jt.p_value > 0.5
    assert (jt.gamma, jt.eta, jt.eps, jt.lam) == pytest.approx((0.5, 1.5, 2.0, 8.0), rel=0.1)
    with pytest.raises(OpsdeskError, match="at least 8"):
        johnson(x[:5])


def test_johnson_capability_is_overall_only() -> None:
    z = norm.ppf((np.arange(1, 101) - 0.5) / 100)
    x = np.exp(1 + 0.6 * z)
    res = transformed_capability(x, None, 20.0, None, "johnson", sigma_within=lambda apply: 1.0)
    assert res.method == "johnson" and not res.within
    assert res.as_dict()["cpk"] is None and res.as_dict()["ppk"] is not None
    # a lognormal population: 20 is exp(1 + 0.6 x 3.326), so Ppk = 3.326 / 3 = 1.11 on the
    # normal scale the transformation reaches (about; the Johnson fit is not exact)
    assert res.capability.ppk == pytest.approx((math.log(20) - 1) / 0.6 / 3, rel=0.05)


def _piston_rings_phase_one() -> tuple[list[float], list[str]]:
    with (DATASETS / "spc" / "pistonrings.csv").open(newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["trial"] == "TRUE"]
    return [float(r["diameter"]) for r in rows], [r["sample"] for r in rows]


def test_sixpack_on_montgomerys_piston_rings() -> None:
    # Montgomery ISQC, Example 5-1 (6.1 later): the 25 trial samples are in control; with
    # specs 74.000 +- 0.05 and sigma = R-bar / d2 = 0.023 / 2.326 = 0.0099, PCR = Cp =
    # 0.10 / (6 x 0.0099) = 1.68. The book rounds R-bar to 0.023 (0.0225 .. 0.0235) and
    # sigma to 0.0099; unrounded, Cp = 0.10 / (6 R-bar / d2) lies in 1.65 .. 1.72.
    values, labels = _piston_rings_phase_one()
    pack = sixpack(values, labels, lsl=73.95, usl=74.05)
    assert pack.in_control and pack.verdict.startswith("The process is in statistical "
                                                       "control")
    sigma = pack.capability.sigma_within
    assert 0.0225 / 2.326 <= sigma <= 0.0235 / 2.326
    assert pack.capability.cp == pytest.approx(0.10 / (6 * sigma))
    assert 1.65 <= pack.capability.cp <= 1.72
    titles = [c.title for c in pack.charts]
    assert titles[:2] == ["Subgroup mean (X̄)", "Range (R)"]
    assert titles[2:] == ["Last 25 subgroups", "Process: capability histogram",
                          "Normal probability plot", "Capability plot"]
    histogram = pack.charts[3].panels[0]
    assert [s.name for s in histogram.series] == ["Normal fit (overall)", "Normal fit (within)"]
    assert len(pack.charts[2].panels[0].x_axis.categories) == 25


def test_sixpack_says_first_when_the_process_is_not_in_control() -> None:
    # Montgomery's 40 samples: samples 37-39 are above the X-bar UCL.
    with (DATASETS / "spc" / "pistonrings.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    pack = sixpack([float(r["diameter"]) for r in rows], [r["sample"] for r in rows],
                   lsl=73.95, usl=74.05)
    assert not pack.in_control
    assert pack.verdict.startswith("The process is not in statistical control")
    assert pack.charts[2].title == "Last 25 subgroups"
