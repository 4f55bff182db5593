"""Run rules (tests for special causes), vectorised with numpy.

Tests are numbered as Minitab numbers them; each has an editable K:

1. 1 point more than K sigma from the centre line (K = 3)
2. K points in a row on the same side of the centre line (K = 9)
3. K points in a row, all increasing or all decreasing (K = 6)
4. K points in a row, alternating up and down (K = 14)
5. K out of K+1 points more than 2 sigma from the centre line, same side (K = 2)
6. K out of K+1 points more than 1 sigma from the centre line, same side (K = 4)
7. K points in a row within 1 sigma of the centre line, either side (K = 15)
8. K points in a row more than 1 sigma from the centre line, either side (K = 8)

Conventions: "more than" is strict and "within" inclusive; a point on the centre line
breaks a one-side run; equal neighbours break a trend or an alternation; a run rule marks
every point from the K-th point of the run on; a K-of-(K+1) window rule marks the last
point of the window when that point is itself beyond the zone line on the same side
(windows at the start of the series are shorter); every test a point fails is reported.
Missing values (NaN) are skipped: the points around them are treated as neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from opsdesk.core.errors import OpsdeskError

DEFAULT_K: dict[int, float] = {1: 3, 2: 9, 3: 6, 4: 14, 5: 2, 6: 4, 7: 15, 8: 8}

DESCRIPTIONS: dict[int, str] = {
    1: "1 point more than {K}σ from the centre line",
    2: "{K} points in a row on the same side of the centre line",
    3: "{K} points in a row, all increasing or all decreasing",
    4: "{K} points in a row, alternating up and down",
    5: "{K} out of {K1} points more than 2σ from the centre line (same side)",
    6: "{K} out of {K1} points more than 1σ from the centre line (same side)",
    7: "{K} points in a row within 1σ of the centre line (either side)",
    8: "{K} points in a row more than 1σ from the centre line (either side)",
}

# Rule sets as Minitab-numbered tests with their K. Signals are always reported in the
# Minitab numbering, whatever the set.
RULE_SETS: dict[str, dict[int, float]] = {
    "none": {},
    # Western Electric Handbook (1956): beyond 3 sigma; 2 of 3 beyond 2 sigma; 4 of 5
    # beyond 1 sigma; 8 in a row on one side.
    "we": {1: 3, 5: 2, 6: 4, 2: 8},
    # Nelson (1984), J. Quality Technology 16(4): the eight tests as Minitab applies them.
    "nelson": dict(DEFAULT_K),
    # AIAG SPC manual (2nd ed. 2005): beyond the limits, 7 in a row on one side,
    # 7 in a row rising or falling.
    "aiag": {1: 3, 2: 7, 3: 7},
    # Montgomery, ISQC, the Western Electric rules plus the sensitizing rules of his
    # Table 5.1: 6 in a trend, 15 in zone C, 14 alternating, 8 on both sides outside C.
    "montgomery": {1: 3, 5: 2, 6: 4, 2: 8, 3: 6, 7: 15, 4: 14, 8: 8},
}

SET_NAMES: dict[str, str] = {
    "none": "no run rules", "we": "Western Electric", "nelson": "Nelson",
    "aiag": "AIAG", "montgomery": "Montgomery",
}

# Which tests a panel of each kind gets by default (the convention).
PATTERN_TESTS = frozenset(range(1, 9))   # X-bar and individuals
SPREAD_TESTS = frozenset({1, 2, 3, 4})   # R, S, MR and attributes charts
LIMIT_ONLY = frozenset({1})              # EWMA and CUSUM


@dataclass(frozen=True)
class RuleConfig:
    """The chosen rule set, the tests switched on and their K values."""

    rule_set: str = "nelson"
    tests: frozenset[int] | None = None  # None: all the tests of the set
    k: Mapping[int, float] = field(default_factory=dict)  # overrides of the set's K

    def active(self, allowed: Iterable[int] = PATTERN_TESTS) -> dict[int, float]:
        if self.rule_set not in RULE_SETS:
            raise OpsdeskError(
                f"Unknown rule set {self.rule_set!r}; use one of {', '.join(RULE_SETS)}."
            )
        base = dict(RULE_SETS[self.rule_set])
        if self.tests is not None:
            for t in self.tests:
                if t not in DEFAULT_K:
                    raise OpsdeskError(f"There is no test {t}; tests are numbered 1 to 8.")
                base.setdefault(t, DEFAULT_K[t])
            base = {t: v for t, v in base.items() if t in self.tests}
        for t, v in self.k.items():
            if t in base:
                base[t] = v
        allowed_set = set(allowed)
        return {t: v for t, v in sorted(base.items()) if t in allowed_set}


def describe(test: int, k: float) -> str:
    ks = int(k) if float(k).is_integer() else k
    k1 = int(k) + 1 if float(k).is_integer() else k
    return f"Test {test}: " + DESCRIPTIONS[test].format(K=ks, K1=k1)


def _shift(a: np.ndarray, by: int) -> np.ndarray:
    """``a`` moved ``by`` places later, filled with False."""
    out = np.empty_like(a)
    out[:by] = False
    if by < len(a):
        out[by:] = a[: len(a) - by]
    return out


def _and_shifted(a: np.ndarray, by: int) -> np.ndarray:
    """a[i] and a[i - by] (False where i < by), in one pass."""
    out = np.empty_like(a)
    out[:by] = False
    if by < len(a):
        np.logical_and(a[by:], a[: len(a) - by], out=out[by:])
    return out


def run_at_least(cond: np.ndarray, k: int) -> np.ndarray:
    """True where ``cond`` has held for the last ``k`` points (this one included)."""
    if k <= 1:
        return cond.copy()
    have, length = cond, 1
    while length * 2 <= k:  # doubling: runs of 2, 4, 8, ... with a few AND passes
        have = _and_shifted(have, length)
        length *= 2
    if length < k:
        have = _and_shifted(have, k - length)
    return have


def _window_count(cond: np.ndarray, m: int) -> np.ndarray:
    """How many of the last ``m`` points (this one included) satisfy ``cond``."""
    if m <= 8:
        total = cond.view(np.uint8).copy()
        for by in range(1, min(m, len(cond))):
            total[by:] += cond[: len(cond) - by].view(np.uint8)
        return total
    cs = np.cumsum(cond, dtype=np.int64)
    out = cs.copy()
    out[m:] -= cs[:-m]
    return out


def _as_scalar(a: np.ndarray | float) -> np.ndarray | float:
    """A broadcast (zero-stride) array as its single value: comparisons run faster."""
    if isinstance(a, np.ndarray) and a.ndim == 1 and a.size and a.strides[0] == 0:
        return float(a[0])
    return a


def evaluate(
    values: np.ndarray,
    center: np.ndarray | float,
    sigma: np.ndarray | float,
    tests: Mapping[int, float],
) -> dict[int, np.ndarray]:
    """Which points fail each test: {test: bool array aligned with ``values``}.

    ``sigma`` is the standard deviation of the plotted statistic at each point (for an
    X-bar chart sigma/sqrt(n)); ``center`` and ``sigma`` must be finite. Only the tests in
    ``tests`` run.
    """
    x_all = np.asarray(values, dtype=float)
    n_all = len(x_all)
    c_all: np.ndarray | float = _as_scalar(center)
    s_all: np.ndarray | float = _as_scalar(sigma)
    finite = np.isfinite(x_all)
    lead = int(np.argmax(finite)) if n_all else 0  # leading gaps: the first moving range
    if finite[lead:].all():
        # Only leading gaps (or none): work on the whole array; comparisons with NaN are
        # False, and conditions that are true by negation are cleared over the gap.
        keep: slice | np.ndarray = slice(None)
        compress = False
    else:
        keep, compress, lead = finite, True, 0
    x = x_all[keep] if compress else x_all
    c = c_all[keep] if compress and isinstance(c_all, np.ndarray) else c_all
    s = s_all[keep] if compress and isinstance(s_all, np.ndarray) else s_all
    out: dict[int, np.ndarray] = {}
    cache: dict[tuple[str, float], np.ndarray] = {}

    def above(z: float) -> np.ndarray:  # x more than z sigma above the centre (strict)
        key = ("a", z)
        if key not in cache:
            cache[key] = x > c + z * s if z else x > c
        return cache[key]

    def below(z: float) -> np.ndarray:
        key = ("b", z)
        if key not in cache:
            cache[key] = x < c - z * s if z else x < c
        return cache[key]

    steps: tuple[np.ndarray, np.ndarray] | None = None

    def up_down() -> tuple[np.ndarray, np.ndarray]:  # rises and falls, at the later point
        nonlocal steps
        if steps is None:
            up = np.empty(len(x), dtype=bool)
            down = np.empty(len(x), dtype=bool)
            up[:1] = down[:1] = False
            np.greater(x[1:], x[:-1], out=up[1:])
            np.less(x[1:], x[:-1], out=down[1:])
            steps = (up, down)
        return steps
    for test, k_value in tests.items():
        k = int(k_value)
        if test == 1:
            hit = above(float(k_value)) | below(float(k_value))
        elif test == 2:
            hit = run_at_least(above(0.0), k) | run_at_least(below(0.0), k)
        elif test in (3, 4):
            up, down = up_down()
            if test == 3:  # K points rising = K-1 rises in a row
                hit = run_at_least(up, k - 1) | run_at_least(down, k - 1)
            else:  # K points alternating = K-2 changes of direction in a row
                turn = np.zeros(len(x), dtype=bool)
                turn[2:] = (up[2:] & down[1:-1]) | (down[2:] & up[1:-1])
                hit = run_at_least(turn, k - 2) if k > 2 else up | down
        elif test in (5, 6):
            zone = 2.0 if test == 5 else 1.0
            hi, lo = above(zone), below(zone)
            hit = (hi & (_window_count(hi, k + 1) >= k)) | (lo & (_window_count(lo, k + 1) >= k))
        elif test == 7:
            within = ~(above(1.0) | below(1.0))
            within[:lead] = False  # a gap is not "within 1 sigma"
            hit = run_at_least(within, k)
        elif test == 8:
            hit = run_at_least(above(1.0) | below(1.0), k)
        else:
            raise OpsdeskError(f"There is no test {test}; tests are numbered 1 to 8.")
        if compress:
            full = np.zeros(n_all, dtype=bool)
            full[keep] = hit
            hit = full
        out[test] = hit
    return out


def signal_list(failed: Mapping[int, np.ndarray]) -> list[tuple[int, list[int]]]:
    """[(point index, [tests it fails])] in point order."""
    if not failed:
        return []
    tests = sorted(failed)
    stacked = np.vstack([failed[t] for t in tests])
    points = np.flatnonzero(stacked.any(axis=0))
    return [(int(i), [tests[j] for j in np.flatnonzero(stacked[:, i])]) for i in points]
