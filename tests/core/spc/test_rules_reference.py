"""The vectorised rule engine against the tests written out point by point.

The reference below follows the definitions of Minitab's tests 1-8 ("Tests for special
causes", Minitab Help) with the conventions of the issue, one point at a time: "beyond"
strict, "within" inclusive, a point on the centre line breaks a one-side run, equal
neighbours break a trend or an alternation, run rules mark from the K-th point on, window
rules mark the last point when it is itself beyond (shorter windows at the start), and
missing values are skipped. Long series and large K make runs and windows cross the
engine's 64-point words and blocks.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from opsdesk.core.spc.rules import DEFAULT_K, evaluate


def _side(v: float, c: float, s: float, z: float) -> int:
    return 1 if v > c + z * s else -1 if v < c - z * s else 0


def reference(x: list[float], c: list[float], s: list[float], test: int, k: float
              ) -> list[bool]:
    idx = [i for i, v in enumerate(x) if np.isfinite(v)]  # gaps skipped: neighbours
    v = [x[i] for i in idx]
    cc = [c[i] for i in idx]
    ss = [s[i] for i in idx]
    n, kk = len(v), int(k)
    hit = [False] * n
    for p in range(n):
        if test == 1:
            hit[p] = _side(v[p], cc[p], ss[p], float(k)) != 0
        elif test == 2:
            side = _side(v[p], cc[p], ss[p], 0.0)
            run = 0
            while run < p + 1 and side and _side(v[p - run], cc[p - run], ss[p - run], 0) == side:
                run += 1
            hit[p] = side != 0 and run >= kk
        elif test in (3, 4):
            moves = [int(v[q] > v[q - 1]) - int(v[q] < v[q - 1]) for q in range(1, p + 1)]
            if kk <= 2:
                hit[p] = bool(moves) and moves[-1] != 0
                continue
            last = moves[len(moves) - (kk - 1):] if len(moves) >= kk - 1 else []
            if test == 3:  # K points = K-1 moves, all the same way
                hit[p] = bool(last) and last[0] != 0 and all(m == last[0] for m in last)
            else:  # K points = K-1 moves, each the opposite of the one before
                hit[p] = bool(last) and all(m != 0 for m in last) and all(
                    a == -b for a, b in pairwise(last))
        elif test in (5, 6):
            zone = 2.0 if test == 5 else 1.0
            side = _side(v[p], cc[p], ss[p], zone)
            window = range(max(0, p - kk), p + 1)
            count = sum(_side(v[q], cc[q], ss[q], zone) == side for q in window)
            hit[p] = side != 0 and count >= kk
        else:  # 7: within 1 sigma; 8: beyond 1 sigma, either side
            want_beyond = test == 8
            run = 0
            while run < p + 1 and (_side(v[p - run], cc[p - run], ss[p - run], 1.0) != 0
                                   ) == want_beyond:
                run += 1
            hit[p] = run >= kk
    out = [False] * len(x)
    for j, i in enumerate(idx):
        out[i] = hit[j]
    return out


@pytest.mark.parametrize("seed", range(6))
def test_engine_matches_the_point_by_point_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = [70, 150, 300, 64, 129, 260][seed]
    # noise around a slow swing, so that every zone and run gets hits
    swing = 1.6 * np.sin(np.arange(n) / 6.0)
    x = np.round(swing + rng.normal(0.0, [0.6, 1.0, 1.4][seed % 3], n), 1)
    if seed % 2:
        x[:1] = np.nan  # a leading gap, as in a moving-range panel
    if seed in (2, 5):
        x[n // 3] = np.nan  # an inner gap
    c = np.where(np.arange(n) < n // 2, 0.0, 0.2)
    s = np.where(np.arange(n) < n // 3, 1.0, 1.3)
    # default K, then edited K: long runs (across 64-point words) and wide windows
    for tests in (dict(DEFAULT_K), {1: 2.5, 2: 70, 3: 3, 4: 5, 5: 9, 6: 1, 7: 66, 8: 2},
                  {2: 1, 3: 2, 4: 2, 5: 0, 7: 1, 8: 1}):
        failed = evaluate(x, c, s, tests)
        for t, k in tests.items():
            expected = reference(list(x), list(c), list(s), t, k)
            assert failed[t].tolist() == expected, (seed, t, k)
