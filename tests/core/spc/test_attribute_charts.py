"""Attributes charts against Montgomery's examples (ISQC 2nd ed., chapter 6)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import ChartOptions, control_chart
from tests.core.spc.helpers import column, labels, trial

OJ = "orangejuice.csv"


def oj(**options: object) -> object:
    return control_chart("p", column(OJ, "D"), sizes=column(OJ, "size"),
                         labels=labels(OJ, "sample"),
                         options=ChartOptions(baseline=trial(OJ, "sample"), **options))  # type: ignore[arg-type]


def test_p_chart_orange_juice_trial_limits() -> None:
    # Montgomery ISQC 2nd ed. pp. 152-155 (Example 6-1): p-bar = 347/1500 = 0.2313,
    # UCL = 0.4102, LCL = 0.0524; samples 15 and 23 plot above the UCL.
    result = oj()
    p = result.panels[0]
    assert p.center[0] == pytest.approx(0.2313, abs=5e-5)
    assert p.ucl[0] == pytest.approx(0.4102, abs=5e-5)
    assert p.lcl[0] == pytest.approx(0.0524, abs=5e-5)
    trial_signals = [result.label(i) for i, t in p.signals() if i < 30 and 1 in t]
    assert trial_signals == ["15", "23"]


def test_p_chart_orange_juice_revised_limits() -> None:
    # Montgomery (same example): samples 15 and 23 had assignable causes and are dropped;
    # revised p-bar = 0.2150, UCL = 0.3893, LCL = 0.0407, and sample 21 is then above
    # the revised UCL (kept, as no cause was found).
    result = oj(exclusions={"15": "new batch of cardboard", "23": "inexperienced operator"})
    p = result.panels[0]
    assert p.center[0] == pytest.approx(0.2150, abs=5e-5)
    assert p.ucl[0] == pytest.approx(0.3893, abs=5e-5)
    assert p.lcl[0] == pytest.approx(0.0407, abs=5e-5)
    assert "21" in [result.label(i) for i, t in p.signals() if 1 in t]


def test_p_chart_after_adjustment() -> None:
    # Montgomery ISQC 2nd ed. pp. 155-159: samples 31-54 after the machine adjustment give
    # p-bar = 0.1108, UCL = 0.2440, LCL = 0 (the negative lower limit is floored).
    name = "orangejuice2.csv"
    result = control_chart("p", column(name, "D"), sizes=column(name, "size"),
                           labels=labels(name, "sample"),
                           options=ChartOptions(baseline=trial(name, "sample")))
    p = result.panels[0]
    assert p.center[0] == pytest.approx(0.1108, abs=5e-5)
    assert p.ucl[0] == pytest.approx(0.2440, abs=5e-5)
    assert p.lcl[0] == 0.0


def test_np_chart_is_p_chart_times_n() -> None:
    # np chart: centre n p-bar = 50 x 0.2313 = 11.57, limits n times the p limits.
    p = oj().panels[0]
    npc = control_chart("np", column(OJ, "D"), sizes=column(OJ, "size"),
                        labels=labels(OJ, "sample"),
                        options=ChartOptions(baseline=trial(OJ, "sample"))).panels[0]
    assert npc.center[0] == pytest.approx(50 * p.center[0])
    assert npc.ucl[0] == pytest.approx(50 * p.ucl[0])
    assert npc.lcl[0] == pytest.approx(50 * p.lcl[0])


def test_c_chart_circuit_boards() -> None:
    # Montgomery ISQC 2nd ed. pp. 173-175 (Example 6-3): 26 samples give c-bar = 19.85,
    # UCL = 33.22, LCL = 6.48; samples 6 and 20 are out of control. Dropping them
    # (assignable causes) gives c-bar = 19.67, UCL = 32.97, LCL = 6.36.
    name = "circuit.csv"
    x, lab, base = column(name, "x"), labels(name, "sample"), trial(name, "sample")
    c = control_chart("c", x, labels=lab, options=ChartOptions(baseline=base)).panels[0]
    # the book computes the limits from the rounded c-bar = 19.85: 0.01 of slack
    assert (c.center[0], c.ucl[0], c.lcl[0]) == pytest.approx((19.85, 33.22, 6.48), abs=1e-2)
    assert c.center[0] == pytest.approx(516 / 26)  # hand: the 26 counts add up to 516
    assert [lab[i] for i, t in c.signals() if i < 26 and 1 in t] == ["6", "20"]
    revised = control_chart("c", x, labels=lab, options=ChartOptions(
        baseline=base, exclusions={"6": "control failure", "20": "wave solder"})).panels[0]
    assert (revised.center[0], revised.ucl[0], revised.lcl[0]) == pytest.approx(
        (19.67, 32.97, 6.36), abs=1e-2)


def test_u_chart_personal_computers() -> None:
    # Montgomery ISQC 2nd ed. pp. 181-182: 193 nonconformities in 20 samples of 5 PCs:
    # u-bar = 1.93, UCL = 1.93 + 3 sqrt(1.93/5) = 3.79, LCL = 0.07.
    name = "pcmanufact.csv"
    u = control_chart("u", column(name, "x"), sizes=column(name, "size")).panels[0]
    assert (u.center[0], u.ucl[0], u.lcl[0]) == pytest.approx((1.93, 3.79, 0.07), abs=5e-3)


def test_u_chart_dyed_cloth_variable_units() -> None:
    # Montgomery ISQC 2nd ed. pp. 183-184: 153 nonconformities in 107.5 units, u-bar = 1.42;
    # per-roll limits 1.42 +/- 3 sqrt(1.42 / n_i): for n = 10, 2.55 / 0.29; for n = 8,
    # 2.68 / 0.16; for n = 13, 2.41 / 0.43 (hand calculation, as in the book's table).
    name = "dyedcloth.csv"
    sizes = column(name, "size")
    u = control_chart("u", column(name, "x"), sizes=sizes).panels[0]
    assert u.center[0] == pytest.approx(153 / 107.5)
    by_n = {n: (u.ucl[i], u.lcl[i]) for i, n in enumerate(sizes)}
    # the book rounds u-bar to 1.42 before computing the limits: 0.01 of slack
    assert by_n[10.0] == pytest.approx((2.55, 0.29), abs=1e-2)
    assert by_n[8.0] == pytest.approx((2.68, 0.16), abs=1e-2)
    assert by_n[13.0] == pytest.approx((2.41, 0.43), abs=1e-2)
    ubar = 153 / 107.5
    assert by_n[12.5][0] == pytest.approx(ubar + 3 * math.sqrt(ubar / 12.5), rel=1e-12)


def test_p_ucl_capped_at_one() -> None:
    # Hand: p-bar = 0.5 with n = 2: 0.5 + 3 sqrt(0.25/2) = 1.56 -> capped at 1; LCL floored 0.
    p = control_chart("p", [1, 1, 0, 2], sizes=[2, 2, 2, 2]).panels[0]
    assert p.ucl[0] == 1.0 and p.lcl[0] == 0.0


def test_laney_p_hand_calculation() -> None:
    # Laney (2002), Quality Engineering 14(4): z_i = (p_i - p-bar) / sigma_pi,
    # sigma_z = MR-bar(z) / 1.128, limits p-bar +/- 3 sigma_pi sigma_z. Hand calculation
    # for D = 40, 60, 45, 70 of n = 1000 each: p-bar = 215/4000 = 0.05375.
    d, n = [40, 60, 45, 70], [1000] * 4
    pbar = 215 / 4000
    sp = math.sqrt(pbar * (1 - pbar) / 1000)
    z = [(di / 1000 - pbar) / sp for di in d]
    sz = (abs(z[1] - z[0]) + abs(z[2] - z[1]) + abs(z[3] - z[2])) / 3 / 1.1283791671
    result = control_chart("laney-p", d, sizes=n)
    p = result.panels[0]
    assert p.center[0] == pytest.approx(pbar)
    assert p.ucl[0] == pytest.approx(pbar + 3 * sp * sz, rel=1e-9)
    assert result.sigma.constants["sigma_z"] == pytest.approx(sz, rel=1e-9)


def test_laney_p_widens_limits_for_overdispersed_data() -> None:
    # The NHS A&E series (Mohammed et al. 2013): ~270,000 attendances a week make the
    # binomial limits far too narrow; Laney's sigma_z is well above 1 and most points that
    # signal on the p chart do not on the p' chart.
    name = "nhs_accidents.csv"
    r, n = column(name, "r"), column(name, "n")
    plain = control_chart("p", r, sizes=n).panels[0]
    laney = control_chart("laney-p", r, sizes=n)
    assert laney.sigma.constants["sigma_z"] > 3
    signalling = len([1 for _, t in plain.signals() if 1 in t])
    assert signalling > len(plain.values) / 3
    assert len([1 for _, t in laney.panels[0].signals() if 1 in t]) < signalling / 3


def test_bad_attribute_input() -> None:
    with pytest.raises(OpsdeskError, match="sample size of 0"):
        control_chart("p", [1, 2], sizes=[10, 0])
    with pytest.raises(OpsdeskError, match="3 defectives in a sample of 2"):
        control_chart("p", [1, 3], sizes=[10, 2])
    with pytest.raises(OpsdeskError, match="needs a sample size"):
        control_chart("u", [1, 3])
    with pytest.raises(OpsdeskError, match="count of -1"):
        control_chart("c", [1, -1])


def test_grouped_rows_add_up() -> None:
    # Two rows for day "a" (2 of 10 and 3 of 10) make one point 5/20.
    p = control_chart("p", [2, 3, 4], sizes=[10, 10, 20], labels=["a", "a", "b"]).panels[0]
    assert np.allclose(p.values, [0.25, 0.2])


def test_u_chart_cdi_before_and_after_by_hand() -> None:
    # cdi.csv (qicharts2): infections n per risk days; stages "pre" (24 months) and "post".
    # Hand calculation per stage: u-bar = sum n / sum days; limits u-bar +/- 3 sqrt(u-bar/days_i).
    from tests.core.spc.helpers import rows

    data = rows("cdi.csv")
    n = [float(r["n"]) for r in data]
    days = [float(r["days"]) for r in data]
    period = [r["period"] for r in data]
    result = control_chart("u", n, sizes=days, labels=[r["month"] for r in data],
                           row_stages=period)
    u = result.panels[0]
    for stage in ("pre", "post"):
        idx = [i for i, p in enumerate(period) if p == stage]
        ubar = sum(n[i] for i in idx) / sum(days[i] for i in idx)
        i = idx[0]
        assert u.center[i] == pytest.approx(ubar, rel=1e-12)
        assert u.ucl[i] == pytest.approx(ubar + 3 * math.sqrt(ubar / days[i]), rel=1e-12)
    assert [s.name for s in result.stages] == ["pre", "post"]


def test_laney_u_hand_calculation() -> None:
    # Laney u': z_i = (u_i - u-bar) / sqrt(u-bar / n_i), sigma_z = MR-bar(z) / 1.128.
    # Counts 30, 50, 20, 45 over 10, 12, 8, 11 units: u-bar = 145 / 41.
    c, units = [30, 50, 20, 45], [10, 12, 8, 11]
    ubar = 145 / 41
    z = [(ci / ni - ubar) / math.sqrt(ubar / ni) for ci, ni in zip(c, units, strict=True)]
    sz = (abs(z[1] - z[0]) + abs(z[2] - z[1]) + abs(z[3] - z[2])) / 3 / 1.1283791671
    p = control_chart("laney-u", c, sizes=units).panels[0]
    for i, ni in enumerate(units):
        assert p.ucl[i] == pytest.approx(ubar + 3 * math.sqrt(ubar / ni) * sz, rel=1e-9)
        assert p.lcl[i] == pytest.approx(max(0.0, ubar - 3 * math.sqrt(ubar / ni) * sz),
                                         abs=1e-9)
