"""Control-chart constants against Montgomery, ISQC (6th ed. 2009), Appendix VI,
which prints them to three or four decimals (so the tolerance is half a unit there)."""

from __future__ import annotations

import pytest

from opsdesk.core.spc import constants as K

# n: (d2, d3, c4, A2, A3, D3, D4, B3, B4) from Appendix VI
TABLE = {
    2: (1.128, 0.853, 0.7979, 1.880, 2.659, 0.0, 3.267, 0.0, 3.267),
    3: (1.693, 0.888, 0.8862, 1.023, 1.954, 0.0, 2.574, 0.0, 2.568),
    4: (2.059, 0.880, 0.9213, 0.729, 1.628, 0.0, 2.282, 0.0, 2.266),
    5: (2.326, 0.864, 0.9400, 0.577, 1.427, 0.0, 2.114, 0.0, 2.089),
    6: (2.534, 0.848, 0.9515, 0.483, 1.287, 0.0, 2.004, 0.030, 1.970),
    7: (2.704, 0.833, 0.9594, 0.419, 1.182, 0.076, 1.924, 0.118, 1.882),
    8: (2.847, 0.820, 0.9650, 0.373, 1.099, 0.136, 1.864, 0.185, 1.815),
    10: (3.078, 0.797, 0.9727, 0.308, 0.975, 0.223, 1.777, 0.284, 1.716),
    15: (3.472, 0.756, 0.9823, 0.223, 0.789, 0.347, 1.653, 0.428, 1.572),
    20: (3.735, 0.729, 0.9869, 0.180, 0.680, 0.415, 1.585, 0.510, 1.490),
    25: (3.931, 0.708, 0.9896, 0.153, 0.606, 0.459, 1.541, 0.565, 1.435),
}


@pytest.mark.parametrize("n", sorted(TABLE))
def test_constants_match_appendix_vi(n: int) -> None:
    d2, d3, c4, a2, a3, d3f, d4f, b3, b4 = TABLE[n]
    assert K.d2(n) == pytest.approx(d2, abs=6e-4)
    assert K.d3(n) == pytest.approx(d3, abs=6e-4)
    assert K.c4(n) == pytest.approx(c4, abs=6e-5)
    assert K.a2(n) == pytest.approx(a2, abs=6e-4)
    assert K.a3(n) == pytest.approx(a3, abs=6e-4)
    # the printed D3/D4 were rounded from rounded d2, d3: one more unit of slack
    assert K.d3_factor(n) == pytest.approx(d3f, abs=1.1e-3)
    assert K.d4_factor(n) == pytest.approx(d4f, abs=1.1e-3)
    assert K.b3(n) == pytest.approx(b3, abs=6e-4)
    assert K.b4(n) == pytest.approx(b4, abs=6e-4)


def test_n2_closed_forms() -> None:
    # Range of two normals = sqrt(2)|Z|: mean 2/sqrt(pi), variance 2 - 4/pi (by hand).
    assert K.d2(2) == pytest.approx(1.1283791670955126, rel=1e-12)
    assert K.d3(2) == pytest.approx(0.8525024664, rel=1e-9)
    assert K.c4(2) == pytest.approx(0.7978845608, rel=1e-9)  # sqrt(2/pi)


def test_subgroup_of_one_has_no_constant() -> None:
    with pytest.raises(ValueError):
        K.d2(1)
