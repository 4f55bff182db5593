"""Crossed gage R&R against the AIAG MSA manual and Minitab's example on the same data."""

from __future__ import annotations

import math

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.msa.crossed import crossed_anova, crossed_xbar_r, d2_star
from opsdesk.core.msa.study import gage_study
from tests.core.msa.aiag import columns


def _study():  # type: ignore[no-untyped-def]
    return gage_study(*columns())


def test_anova_table_with_interaction_matches_minitab() -> None:
    # Minitab Help, "Example of Crossed Gage R&R Study" (gageaiag, ANOVA method), Two-Way
    # ANOVA Table With Interaction: Part SS 88.3619 MS 9.81799 F 492.291; Operator SS
    # 3.1673 MS 1.58363 F 79.406; Operator*Part SS 0.3590 MS 0.01994 F 0.434 P 0.974;
    # Repeatability SS 2.7589 MS 0.04598 (df 60); Total SS 94.6471 (df 89).
    result = crossed_anova(_study(), tolerance=8)
    full, reduced = result.anova
    part, oper, inter, repeat, total = full
    assert (part.df, part.ss, part.ms, part.f) == (9, pytest.approx(88.3619, abs=1e-4),
                                                   pytest.approx(9.81799, abs=1e-5),
                                                   pytest.approx(492.291, abs=1e-3))
    assert (oper.ss, oper.ms, oper.f) == pytest.approx((3.1673, 1.58363, 79.406), abs=1e-3)
    assert (inter.df, inter.ss, inter.ms) == (18, pytest.approx(0.3590, abs=1e-4),
                                              pytest.approx(0.01994, abs=1e-5))
    assert inter.f == pytest.approx(0.434, abs=1e-3)
    assert inter.p == pytest.approx(0.974, abs=5e-4)
    assert (repeat.df, repeat.ss, repeat.ms) == (60, pytest.approx(2.7589, abs=1e-4),
                                                 pytest.approx(0.04598, abs=1e-5))
    assert (total.df, total.ss) == (89, pytest.approx(94.6471, abs=1e-4))
    # the table without the interaction: Repeatability 78 df, SS 3.1179, MS 0.03997;
    # Part F 245.614, Operator F 39.617
    assert reduced[2].df == 78 and reduced[2].ms == pytest.approx(0.03997, abs=1e-5)
    assert reduced[0].f == pytest.approx(245.614, abs=1e-3)
    assert reduced[1].f == pytest.approx(39.617, abs=1e-3)


def test_anova_components_match_minitab_gageaiag() -> None:
    # Minitab's example, Gage R&R table (tolerance 8): VarComp Total Gage R&R 0.09143
    # (%Contribution 7.76), Repeatability 0.03997 (3.39), Reproducibility = Operator
    # 0.05146 (4.37), Part-To-Part 1.08645 (92.24), Total 1.17788. Study Var (6 x SD):
    # 1.81423, 1.19960, 1.36103, 6.25396, 6.51180; %Study Var 27.86, 18.42, 20.90, 96.04;
    # %Tolerance 22.68, 15.00, 17.01, 78.17, 81.40; number of distinct categories 4.
    result = crossed_anova(_study(), tolerance=8)
    assert result.interaction_pooled is True
    expected = {
        "gage_rr": (0.09143, 7.76, 1.81423, 27.86, 22.68),
        "repeatability": (0.03997, 3.39, 1.19960, 18.42, 15.00),
        "reproducibility": (0.05146, 4.37, 1.36103, 20.90, 17.01),
        "operator": (0.05146, 4.37, 1.36103, 20.90, 17.01),
        "operator_x_part": (0.0, 0.0, 0.0, 0.0, 0.0),
        "part": (1.08645, 92.24, 6.25396, 96.04, 78.17),
        "total": (1.17788, 100.0, 6.51180, 100.0, 81.40),
    }
    for name, (var, contr, sv, pct_sv, pct_tol) in expected.items():
        c = result.component(name)
        assert c.variance == pytest.approx(var, abs=6e-6), name
        assert c.pct_contribution == pytest.approx(contr, abs=6e-3), name
        assert c.study_var == pytest.approx(sv, abs=6e-5), name
        assert c.pct_study_var == pytest.approx(pct_sv, abs=6e-3), name
        assert c.pct_tolerance == pytest.approx(pct_tol, abs=6e-3), name
    assert result.ndc == 4
    assert "pooled" in result.notes[0] and "0.974" in result.notes[0]


def test_interaction_kept_when_significant() -> None:
    # Hand calculation, 2 operators x 2 parts x 2 trials, operator B reads part 2 high:
    # cells A1 = (1, 1), A2 = (2, 2), B1 = (1, 1), B2 = (4, 4) plus a spread of +-0.1.
    # grand mean 2.0; operator means 1.5, 2.5; part means 1.0, 3.0; interaction effects
    # +-0.5, so SS_OP = 2 trials x 4 cells x 0.25 = 2.0 (df 1); SS_E = 8 x 0.01 = 0.08
    # (df 4), MS_E = 0.02; F = 100, p = 0.00056 < 0.25: not pooled.
    # sigma2_OP = (2.0 - 0.02) / 2 = 0.99; sigma2_O = (SS_O 2.0 / 1 - 2.0) / 4 = 0 (MS_O
    # equals MS_OP); sigma2_P = (8.0 - 2.0) / 4 = 1.5.
    parts, ops, vals = [], [], []
    for op, part, centre in (("A", "1", 1), ("A", "2", 2), ("B", "1", 1), ("B", "2", 4)):
        for d in (-0.1, 0.1):
            parts.append(part)
            ops.append(op)
            vals.append(centre + d)
    result = crossed_anova(gage_study(parts, ops, vals))
    assert result.interaction_pooled is False
    assert result.interaction_p == pytest.approx(0.000561, rel=1e-2)
    assert result.component("repeatability").variance == pytest.approx(0.02)
    assert result.component("operator_x_part").variance == pytest.approx(0.99)
    assert result.component("operator").variance == pytest.approx(0.0)
    assert result.component("part").variance == pytest.approx(1.5)
    assert result.component("reproducibility").variance == pytest.approx(0.99)
    assert "kept" in result.notes[0]


def test_xbar_r_matches_aiag_report() -> None:
    # AIAG MSA 4th ed., Gage Repeatability and Reproducibility Report (average and range
    # method) on this data: R-double-bar 0.3417, X-bar-diff 0.4447, Rp 3.511;
    # EV 0.20188, AV 0.22963, GRR 0.30575, PV 1.10456, TV 1.14610; %EV 17.62, %AV 20.04,
    # %GRR 26.68, %PV 96.38; ndc 5. The manual rounds K1 = 0.5908, K2 = 0.5231 and
    # K3 = 0.3146 to four digits, which moves its sigmas by up to 1.3e-4 from the exact
    # constants (and its percentages by up to 0.01).
    result = crossed_xbar_r(_study())
    sds = {k: result.component(k).sd for k in ("repeatability", "reproducibility",
                                                 "gage_rr", "part", "total")}
    assert sds == pytest.approx({"repeatability": 0.20188, "reproducibility": 0.22963,
                                 "gage_rr": 0.30575, "part": 1.10456, "total": 1.14610},
                                abs=1.3e-4)
    pct = {k: result.component(k).pct_study_var for k in ("repeatability", "reproducibility",
                                                            "gage_rr", "part")}
    assert pct == pytest.approx({"repeatability": 17.62, "reproducibility": 20.04,
                                 "gage_rr": 26.68, "part": 96.38}, abs=0.015)
    assert result.ndc == 5
    assert result.components["operator_x_part"] is None
    assert result.interaction_p is None and result.interaction_pooled is None


def test_d2_star_matches_aiag_appendix_c() -> None:
    # AIAG MSA 4th ed., Appendix C, d2* for g = 1: m = 2: 1.41421, m = 3: 1.91155,
    # m = 10: 3.17905 (K2 = 1/d2*(3) = 0.5231, K3 = 1/d2*(10) = 0.3146 in the manual).
    assert d2_star(2) == pytest.approx(math.sqrt(2), abs=1e-9)
    assert d2_star(3) == pytest.approx(1.91155, abs=2e-5)
    assert d2_star(10) == pytest.approx(3.17905, abs=2e-4)
    assert round(1 / d2_star(3), 4) == 0.5231 and round(1 / d2_star(10), 4) == 0.3146


@pytest.mark.parametrize(("parts", "ops", "values", "words"), [
    (["1", "2", "1"], ["A", "A", "B"], [1.0, 2.0, 3.0], "did not measure part '2'"),
    (["1", "1", "1", "2", "2", "2", "1", "1", "2", "2"], list("AAAAAABBBB"),
     [1.0] * 10, "the same number of times"),
    (["1", "2", "1", "2"], list("AABB"), [1.0, 2.0, 1.0, 2.0], "at least twice"),
    (["1", "1", "2", "2"], list("AAAA"), [1.0, 2.0, 1.0, 2.0], "at least 2 operators"),
])
def test_unbalanced_study_refused_in_one_sentence(parts: list[str], ops: list[str],
                                                  values: list[float], words: str) -> None:
    with pytest.raises(OpsdeskError, match=words):
        gage_study(parts, ops, values)


def test_no_spread_refused() -> None:
    study = gage_study(["1", "1", "2", "2"] * 2, list("AAAABBBB"), [5.0] * 8)
    with pytest.raises(OpsdeskError, match="no spread"):
        crossed_anova(study)
