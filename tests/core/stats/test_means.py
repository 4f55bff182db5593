"""t tests against R's documented examples on Student's sleep data."""

from __future__ import annotations

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.stats.means import one_sample_t, paired_t, two_sample_t

# Student (1908), "The probable error of a mean", Biometrika 6: extra hours of sleep of
# 10 patients under two drugs (Cushny & Peebles), R's dataset ``sleep``.
DRUG1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
DRUG2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def test_welch_two_sample_matches_r() -> None:
    # R: t.test(extra ~ group, data = sleep): Welch Two Sample t-test, t = -1.8608,
    # df = 17.776, p-value = 0.07939, 95 % CI -3.3654832 to 0.2054832, means 0.75, 2.33.
    r = two_sample_t(DRUG1, DRUG2, names=("drug 1", "drug 2"))
    assert r.statistic == pytest.approx(-1.8608, abs=5e-5)
    assert r.df[0] == pytest.approx(17.776, abs=5e-4)
    assert r.p_value == pytest.approx(0.07939, abs=5e-6)
    assert r.ci == pytest.approx((-3.3654832, 0.2054832), abs=5e-8)
    assert [g.mean for g in r.groups] == pytest.approx([0.75, 2.33])
    assert not r.significant
    assert r.sentence.startswith("The data do not show that the mean of drug 1 (0.75, "
                                 "n = 10) differs from the mean of drug 2 (2.33, n = 10)")
    assert "p = 0.079" in r.sentence


def test_pooled_two_sample_matches_r() -> None:
    # R: t.test(extra ~ group, data = sleep, var.equal = TRUE): t = -1.8608, df = 18,
    # p-value = 0.07919, 95 % CI -3.363874 to 0.203874.
    r = two_sample_t(DRUG1, DRUG2, equal_var=True)
    assert (r.statistic, r.df[0], r.p_value) == (pytest.approx(-1.8608, abs=5e-5), 18.0,
                                                 pytest.approx(0.07919, abs=5e-6))
    assert r.ci == pytest.approx((-3.363874, 0.203874), abs=5e-7)


def test_paired_matches_r() -> None:
    # R: with(sleep, t.test(extra[group == 1], extra[group == 2], paired = TRUE)):
    # t = -4.0621, df = 9, p-value = 0.002833, 95 % CI -2.4598858 to -0.7001142,
    # mean difference -1.58.
    r = paired_t(DRUG1, DRUG2, names=("drug 1", "drug 2"))
    assert (r.statistic, r.df[0]) == (pytest.approx(-4.0621, abs=5e-5), 9.0)
    assert r.p_value == pytest.approx(0.002833, abs=5e-7)
    assert r.ci == pytest.approx((-2.4598858, -0.7001142), abs=5e-8)
    assert r.estimate == pytest.approx(-1.58)
    assert r.sentence.startswith("Drug 1 differs from drug 2 on average (mean difference "
                                 "-1.58, 10 pairs)")


def test_one_sample_on_the_differences_is_the_paired_test() -> None:
    # the paired test is the one-sample t test of the differences against 0 (R's output
    # above): t = -4.0621, df = 9, p = 0.002833; one-sided (less): p = 0.002833 / 2.
    diffs = [a - b for a, b in zip(DRUG1, DRUG2, strict=True)]
    r = one_sample_t(diffs, 0.0)
    assert r.statistic == pytest.approx(-4.0621, abs=5e-5)
    assert r.p_value == pytest.approx(0.002833, abs=5e-7)
    less = one_sample_t(diffs, 0.0, alternative="less")
    assert less.p_value == pytest.approx(0.002833 / 2, abs=5e-7)
    assert "is below 0" in less.sentence and less.ci is not None and less.ci[0] == -float("inf")
    assert less.as_dict()["ci"][0] is None  # valid JSON: no -Infinity


@pytest.mark.parametrize(("call", "words"), [
    (lambda: one_sample_t([1.0], 0.0), "needs at least 2"),
    (lambda: one_sample_t([2.0, 2.0, 2.0], 0.0), "no spread"),
    (lambda: two_sample_t([1.0, 2.0], [1.0, float("nan")]), "not a finite number"),
    (lambda: paired_t([1.0, 2.0], [1.0, 2.0, 3.0]), "needs pairs"),
    (lambda: one_sample_t([1.0, 2.0], 0.0, alpha=1.5), "between 0 and 1"),
])
def test_bad_input_one_sentence(call, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OpsdeskError, match=words):
        call()
