"""``--json`` is always JSON: no bare Infinity or NaN, however far the specs lie.

Z.bench with very wide specs used to be infinite (the fraction out of spec underflows to
0 and its normal quantile is infinite), which Python wrote as a bare ``Infinity``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest

from opsdesk.core.json_text import json_text
from opsdesk.core.spc.capability import capability


def strict(text: str) -> Any:
    """json.loads that refuses what JSON has not got (NaN, Infinity, -Infinity)."""
    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


X = np.array([9.0, 11.0, 10.0, 10.5, 9.5, 10.0, 11.5, 8.5])  # mean 10


def test_z_bench_one_sided_is_the_distance_in_sigmas() -> None:
    # Minitab's Z.bench with one spec limit: Z.USL = (USL - mean) / sigma, here 50 and
    # 1000 sigmas (hand), far past where the tail fraction underflows (about 38 sigmas)
    for distance in (3.0, 50.0, 1000.0):
        cap = capability(X, 0.5, None, 10.0 + distance * 0.5)
        assert cap.z_bench_within == pytest.approx(distance, rel=1e-12)
        assert math.isfinite(cap.sigma_level)


def test_z_bench_two_sided_wide_specs_stay_finite() -> None:
    # LSL 60 sigmas below, USL 50 above: the fraction out is Q(50) (1 + Q(60)/Q(50)), the
    # second term below 1e-200, so Z.bench = 50 to double precision
    cap = capability(X, 0.5, 10.0 - 30.0, 10.0 + 25.0)
    assert cap.z_bench_within == pytest.approx(50.0, rel=1e-12)
    assert math.isfinite(cap.z_bench_overall)


def test_z_bench_with_the_mean_outside_the_specs() -> None:
    # Mean 10 five sigmas below LSL = 12.5 (no USL): Z.bench = -5 (the fraction in spec is
    # Q(5)); Python's norm.isf(1 - Q(5)) loses it in the rounding of 1 - Q(5)
    cap = capability(X, 0.5, 12.5, None)
    assert cap.z_bench_within == pytest.approx(-5.0, rel=1e-12)


def test_json_text_writes_null_and_says_so() -> None:
    text = json_text({"a": math.inf, "b": [1.0, math.nan], "c": {"d": -math.inf},
                      "notes": ["kept"]})
    data = strict(text)
    assert data["a"] is None and data["b"] == [1.0, None] and data["c"]["d"] is None
    assert data["notes"][0] == "kept"
    assert data["notes"][1] == ("null for a value that is not a finite number: a, b[1], c.d")
