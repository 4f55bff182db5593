"""d2, d3 and c4 exact to double precision, against references of 20 digits or more.

The references are independent of opsdesk's code: published decimal expansions and
closed forms, and the defining integrals evaluated here with mpmath at 20-30 digits
(tanh-sinh or Gauss-Legendre with mpmath's own error control, not the grids opsdesk uses).
"""

from __future__ import annotations

import mpmath as mp
import pytest

from opsdesk.core.spc import constants as K

# "Exact to double precision": within a few units in the last place.
REL = 1e-15


def _mp_d2(n: int) -> mp.mpf:
    """d2 = integral of 1 - F^n - (1 - F)^n over the line (Tippett 1925), 30 digits."""
    with mp.workdps(30):
        return 2 * mp.quad(lambda x: 1 - mp.ncdf(x) ** n - mp.ncdf(-x) ** n, [0, 3, 6, mp.inf])


def _mp_d3(n: int, m: mp.mpf) -> mp.mpf:
    """d3 = sqrt of the integral of (r - d2)^2 times the range's density, 20 digits.

    The density f(r) = n (n-1) * integral of phi(x) phi(x+r) (F(x+r) - F(x))^(n-2) dx,
    written about its centre x = t - r/2. About 10 s an n: run with ``-m slow``.
    """
    with mp.workdps(20):
        def density(r: mp.mpf) -> mp.mpf:
            h = r / 2

            def inner(t: mp.mpf) -> mp.mpf:
                return mp.exp(-(t * t + h * h)) / (2 * mp.pi) * (
                    mp.ncdf(t + h) - mp.ncdf(t - h)) ** (n - 2)

            return 2 * n * (n - 1) * mp.quad(inner, [0, 2, 5, mp.inf], method="gauss-legendre")

        return mp.sqrt(mp.quad(lambda r: (r - m) ** 2 * density(r), [0, m, m + 3, mp.inf],
                               method="gauss-legendre"))


def _mp_c4(n: int) -> mp.mpf:
    """c4 = sqrt(2/(n-1)) Gamma(n/2) / Gamma((n-1)/2), from mpmath's log-gamma at 30 digits."""
    with mp.workdps(30):
        return mp.sqrt(mp.mpf(2) / (n - 1)) * mp.exp(
            mp.loggamma(mp.mpf(n) / 2) - mp.loggamma(mp.mpf(n - 1) / 2))


# d3 from _mp_d3 at 20 digits (d2 from _mp_d2), recomputed by the slow test below.
D3_REFERENCE = {
    4: "0.87980820282498331168",
    5: "0.86408194109950407462",
    6: "0.84803968611749529677",
    7: "0.8332053356222936605",
    8: "0.81983148979194395906",
    10: "0.7970506735194112452",
    15: "0.75621142972794392175",
    20: "0.72868634570730523305",
    25: "0.70844076588865502762",
    50: "0.65214258842995855711",
    100: "0.60517910948785378171",
}


def test_d2_closed_forms_and_published_expansions() -> None:
    # d2 = 2 E[max of n]. Closed forms of E[max] for n <= 5 and the decimal expansions of
    # n = 6 and 8: Finch, Mathematical Constants (2003), section 5.16, p. 365; OEIS A243523
    # (n = 6) and A243961 (n = 8).
    pi = mp.pi
    with mp.workdps(30):
        closed = {
            3: 3 / mp.sqrt(pi),
            4: 2 * 3 * pi ** -1.5 * mp.acos(-mp.mpf(1) / 3),
            5: 2 * mp.mpf(5) / 2 * pi ** -1.5 * mp.acos(-mp.mpf(23) / 27),
            6: 2 * mp.mpf("1.26720636061147129764934888186399444269365"),
            8: 2 * mp.mpf("1.423600306045277753078324649306257253"),
        }
    for n, value in closed.items():
        assert K.d2(n) == pytest.approx(float(value), rel=REL), n


@pytest.mark.parametrize("n", [3, 4, 5, 7, 10, 15, 25, 50, 100, 1000])
def test_d2_against_the_integral_at_30_digits(n: int) -> None:
    assert K.d2(n) == pytest.approx(float(_mp_d2(n)), rel=REL)


def test_d3_closed_form_for_three() -> None:
    # By hand from the moments of 3 normal order statistics, E[X(3)^2] = E[X(1)^2]
    # = 1 + sqrt3/(2 pi) and E[X(1) X(3)] = -sqrt3/pi (with E[X(1) X(2)] = sqrt3/(2 pi) each
    # row of the product moments sums to 1, as it must for normal order statistics):
    # E[R^2] = 2 (1 + sqrt3/(2 pi)) + 2 sqrt3/pi = 2 + 3 sqrt3/pi, d2 = 3/sqrt(pi), so
    # d3^2 = 2 + (3 sqrt3 - 9)/pi: 0.888368004..., which the old integration missed in
    # the 5th digit (0.888382661).
    with mp.workdps(30):
        exact = mp.sqrt(2 + (3 * mp.sqrt(3) - 9) / mp.pi)
    assert K.d3(3) == pytest.approx(float(exact), rel=REL)
    assert K.d3(3) == pytest.approx(0.888368004045204289, rel=REL)


@pytest.mark.parametrize("n", sorted(D3_REFERENCE))
def test_d3_against_the_integral_at_20_digits(n: int) -> None:
    assert K.d3(n) == pytest.approx(float(D3_REFERENCE[n]), rel=REL)


def test_n2_closed_forms() -> None:
    # Range of two normals = sqrt(2)|Z|: mean 2/sqrt(pi), variance 2 - 4/pi (by hand).
    with mp.workdps(30):
        assert K.d2(2) == pytest.approx(float(2 / mp.sqrt(mp.pi)), rel=REL)
        assert K.d3(2) == pytest.approx(float(mp.sqrt(2 - 4 / mp.pi)), rel=REL)
        assert K.c4(2) == pytest.approx(float(mp.sqrt(2 / mp.pi)), rel=REL)


@pytest.mark.parametrize("n", [3, 4, 5, 10, 25, 100, 343, 344, 1000, 10_000, 1_000_000])
def test_c4_against_log_gamma_at_30_digits(n: int) -> None:
    assert K.c4(n) == pytest.approx(float(_mp_c4(n)), rel=REL)


@pytest.mark.slow
@pytest.mark.parametrize("n", sorted(D3_REFERENCE))
def test_d3_reference_values_are_the_integral(n: int) -> None:
    with mp.workdps(20):
        value = _mp_d3(n, _mp_d2(n))
        assert mp.almosteq(value, mp.mpf(D3_REFERENCE[n]), rel_eps=mp.mpf("1e-18"))
