"""The two-sample test on the means that a before/after verdict rests on: Welch's t-test.

Welch's test does not assume the two periods share a variance (an improvement often
changes the spread too), which is why Minitab's Assistant and most texts use it for a
before/after comparison:

    t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂)
    ν = (s₁²/n₁ + s₂²/n₂)² / [ (s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1) ]

with the two-sided p-value from Student's t with ν degrees of freedom (Welch 1947,
Biometrika 34; Montgomery & Runger, *Applied Statistics and Probability for Engineers*,
section 10-2.2). ``before_after`` reads only ``MeansTest``'s fields, so another module's
test with the same fields can take this one's place in one line there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from opsdesk.core.errors import OpsdeskError


class MeansTest(Protocol):
    """What a verdict reads from a two-sample test on the means."""

    @property
    def p(self) -> float: ...  # two-sided p-value

    @property
    def method(self) -> str: ...


@dataclass(frozen=True)
class TwoSample:
    n1: int
    n2: int
    mean1: float
    mean2: float
    sd1: float
    sd2: float
    t: float
    df: float
    p: float  # two-sided
    method: str = "Welch's two-sample t-test (variances not assumed equal)"


def welch_test(first: Sequence[float] | np.ndarray,
               second: Sequence[float] | np.ndarray) -> TwoSample:
    """Welch's t-test of the means of ``first`` and ``second`` (two-sided)."""
    from scipy.stats import t as student_t

    a = np.asarray(first, dtype=float)
    b = np.asarray(second, dtype=float)
    if len(a) < 2 or len(b) < 2:
        raise OpsdeskError("A two-sample t-test needs at least 2 values on each side.")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise OpsdeskError("A two-sample t-test needs a number for every value.")
    n1, n2 = len(a), len(b)
    m1, m2 = float(a.mean()), float(b.mean())
    v1, v2 = float(a.var(ddof=1)), float(b.var(ddof=1))
    q1, q2 = v1 / n1, v2 / n2
    if q1 + q2 == 0:
        raise OpsdeskError("The values on both sides have no spread, so a t-test cannot "
                           "weigh the difference against noise.")
    t = (m1 - m2) / math.sqrt(q1 + q2)
    df = (q1 + q2) ** 2 / (q1 ** 2 / (n1 - 1) + q2 ** 2 / (n2 - 1))
    p = float(2 * student_t.sf(abs(t), df))
    return TwoSample(n1, n2, m1, m2, math.sqrt(v1), math.sqrt(v2), t, df, min(1.0, p))


def p_text(p: float) -> str:
    """A p-value as a sentence shows it: "p < 0.001", "p = 0.016", "p = 0.31"."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"
