"""Cohen's and Fleiss' kappa against published values, and attribute agreement by hand."""

from __future__ import annotations

import pytest

from opsdesk.core.msa.agreement import attribute_agreement
from opsdesk.core.msa.kappa import cohen_kappa, cohen_kappa_table, fleiss_kappa

# Fleiss (1971), Psychol. Bull. 76(5), 378-382: 30 patients, 6 psychiatrists each,
# 5 diagnoses (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis,
# 5 other), as the R package irr ships it ("diagnoses").
DIAGNOSES = [
    "444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334",
    "114444", "555555", "144444", "124444", "222333", "144444", "224445", "333335",
    "111455", "111112", "224444", "133555", "555555", "244444", "224555", "114444",
    "144445", "222224", "111155", "224444", "133333", "555555",
]


def test_fleiss_kappa_matches_fleiss_1971() -> None:
    # Fleiss (1971) reports kappa = 0.430; R irr::kappam.fleiss(diagnoses) prints
    # Kappa = 0.43 with z = 17.7 (0.4302445 and 17.65183 unrounded).
    k = fleiss_kappa([list(row) for row in DIAGNOSES])
    assert k.kappa == pytest.approx(0.4302445, abs=1e-7)
    assert k.z == pytest.approx(17.65183, abs=1e-5)
    assert k.p_value is not None and k.p_value < 1e-10


def test_cohen_kappa_matches_sas_proc_freq() -> None:
    # SAS PROC FREQ, AGREE option, on the 3 x 3 table [[0,4,1],[0,8,0],[0,1,5]] (as the
    # statsmodels test suite records its printout): Simple Kappa 0.4842, ASE 0.1380,
    # ASE under H0 0.1484, Z 3.2626, one-sided Pr > Z 0.0006.
    k = cohen_kappa_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    assert (k.kappa, k.se, k.se0, k.z) == pytest.approx((0.4842, 0.1380, 0.1484, 3.2626),
                                                        abs=6e-5)
    assert k.p_value == pytest.approx(0.0006, abs=6e-5)


def test_cohen_kappa_from_ratings() -> None:
    # Hand calculation: 10 items, the raters agree on 8 (6 pass, 2 fail); the first says
    # pass 7 times, the second 7 times: p_o = 0.8, p_e = 0.7 x 0.7 + 0.3 x 0.3 = 0.58,
    # kappa = (0.8 - 0.58) / (1 - 0.58) = 0.5238.
    a = ["P"] * 6 + ["F", "F"] + ["P", "F"]
    b = ["P"] * 6 + ["F", "F"] + ["F", "P"]
    assert cohen_kappa(a, b).kappa == pytest.approx(0.22 / 0.42)


def test_perfect_agreement_on_one_category_has_no_kappa() -> None:
    assert fleiss_kappa([["P", "P"], ["P", "P"]]).kappa is None


def test_attribute_agreement_by_hand() -> None:
    # 4 parts, appraisers A and B, 2 trials, standard G G N N.
    # A: part1 G G, part2 G N, part3 N N, part4 N N -> within 3/4, vs standard 3/4.
    # B: part1 G G, part2 G G, part3 N N, part4 G G -> within 4/4, vs standard 3/4.
    # Between (all four ratings equal): parts 1 and 3 -> 2/4; all vs standard: parts 1, 3.
    # A's Fleiss kappa over its 2 trials: counts G/N per part (2,0),(1,1),(0,2),(0,2);
    # P_i = 1, 0, 1, 1 -> mean 0.75; p_G = 3/8, p_N = 5/8, P_e = 34/64 = 0.53125;
    # kappa = (0.75 - 0.53125) / 0.46875 = 0.4667.
    rows = [("1", "A", "G"), ("1", "A", "G"), ("2", "A", "G"), ("2", "A", "N"),
            ("3", "A", "N"), ("3", "A", "N"), ("4", "A", "N"), ("4", "A", "N"),
            ("1", "B", "G"), ("1", "B", "G"), ("2", "B", "G"), ("2", "B", "G"),
            ("3", "B", "N"), ("3", "B", "N"), ("4", "B", "G"), ("4", "B", "G")]
    std = {"1": "G", "2": "G", "3": "N", "4": "N"}
    result = attribute_agreement([r[0] for r in rows], [r[1] for r in rows],
                                 [r[2] for r in rows], [std[r[0]] for r in rows])
    a, b = result.appraisers
    assert a.within is not None and (a.within.matched, a.within.inspected) == (3, 4)
    assert b.within is not None and b.within.matched == 4
    assert a.vs_standard is not None and a.vs_standard.matched == 3
    assert b.vs_standard is not None and b.vs_standard.matched == 3
    assert result.between.matched == 2
    assert result.all_vs_standard is not None and result.all_vs_standard.matched == 2
    assert a.within_kappa is not None
    assert a.within_kappa.kappa == pytest.approx((0.75 - 0.53125) / 0.46875)
    # exact 95 % interval of 3 of 4 (Clopper-Pearson): 19.41 % to 99.37 %
    assert a.within.ci == pytest.approx((19.41, 99.37), abs=0.01)
