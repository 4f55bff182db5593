"""The run-rule engine: which points fail which test, in a few vectorised passes.

Long series are worked through in blocks of ``BLOCK`` points that overlap by the longest
look-back a test needs, so the dozens of temporary arrays stay small (in cache, reused by
the allocator) instead of a fresh megabyte each; the verdicts are the same as for the
whole series in one piece. See ``opsdesk.core.spc.rules`` for the tests and conventions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

from opsdesk.core.errors import OpsdeskError

BLOCK = 1 << 16  # 64 KiB bool temporaries: well inside L2 and below the mmap threshold


def run_at_least(cond: np.ndarray, k: int,
                 scratch: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """True where ``cond`` has held for the last ``k`` points (this one included).

    Doubling: runs of 2, 4, 8, ... each one AND of the array with itself shifted, so a
    run of 15 costs four passes. ``scratch`` (two bool arrays of the same length) holds
    the intermediate steps, so only the result is a fresh allocation.
    """
    if k <= 1:
        return cond.copy()
    n = len(cond)
    steps: list[int] = []
    length = 1
    while length * 2 <= k:
        steps.append(length)
        length *= 2
    if length < k:
        steps.append(k - length)
    bufs = scratch or (np.empty(n, dtype=bool), np.empty(n, dtype=bool))
    have = cond
    for j, by in enumerate(steps):
        out = np.empty(n, dtype=bool) if j == len(steps) - 1 else bufs[j % 2]
        out[:by] = False
        if by < n:
            np.logical_and(have[by:], have[: n - by], out=out[by:])
        have = out
    return have


def _same_as_previous(code: np.ndarray) -> np.ndarray:
    """code[i] == code[i - 1] != 0 (int8 codes: +1, -1, 0), False at the first point."""
    out = np.empty(len(code), dtype=bool)
    out[:1] = False
    np.equal(code[1:], code[:-1], out=out[1:])
    out &= code != 0
    return out


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
) -> Mapping[int, np.ndarray]:
    """Which points fail each test: {test: bool array aligned with ``values``}.

    ``sigma`` is the standard deviation of the plotted statistic at each point (for an
    X-bar chart sigma/sqrt(n)); ``center`` and ``sigma`` must be finite. Only the tests in
    ``tests`` run.
    """
    x_all = np.asarray(values, dtype=float)
    n_all = len(x_all)
    c_all: np.ndarray | float = _as_scalar(center)
    s_all: np.ndarray | float = _as_scalar(sigma)
    lead = 0  # leading gaps (the first moving range), found without a full pass
    while lead < min(n_all, 16) and not np.isfinite(x_all[lead]):
        lead += 1
    # a finite sum means no gap after the leading ones (one reduction, no allocation)
    if lead < 16 and np.isfinite(np.add.reduce(x_all[lead:])):
        # Only leading gaps (or none): work on the whole array; comparisons with NaN are
        # False, and conditions that are true by negation are cleared over the gap.
        keep: slice | np.ndarray = slice(None)
        compress = False
    else:
        keep, compress, lead = np.isfinite(x_all), True, 0
    x = x_all[keep] if compress else x_all
    c = c_all[keep] if compress and isinstance(c_all, np.ndarray) else c_all
    s = s_all[keep] if compress and isinstance(s_all, np.ndarray) else s_all
    n = len(x)
    # One byte per point holds every verdict (bit t-1 for test t): an eighth of the
    # memory of one bool array per test, written block by block while still in cache.
    mask = np.zeros(n, dtype=np.uint8)
    back = max((int(k) for k in tests.values()), default=0) + 2
    for start in range(0, n, BLOCK):
        lo, hi = max(0, start - back), min(n, start + BLOCK)
        part = _block(x[lo:hi], _part(c, lo, hi), _part(s, lo, hi), tests, max(0, lead - lo))
        target = mask[start:hi]
        for t, hits in part.items():
            bits = hits[start - lo:].view(np.uint8)
            target |= bits << np.uint8(t - 1) if t > 1 else bits
    if compress:
        full = np.zeros(n_all, dtype=np.uint8)
        full[keep] = mask
        mask = full
    return TestHits(mask, tuple(tests))


class TestHits(Mapping[int, np.ndarray]):
    """{test: bool array of the points failing it}, kept as one bit mask per point;
    a test's bool array is made when first asked for."""

    def __init__(self, mask: np.ndarray, tests: tuple[int, ...]) -> None:
        self.mask = mask
        self.tests = tests
        self._arrays: dict[int, np.ndarray] = {}

    def __getitem__(self, test: int) -> np.ndarray:
        if test not in self.tests:
            raise KeyError(test)
        if test not in self._arrays:
            self._arrays[test] = (self.mask & np.uint8(1 << (test - 1))) != 0
        return self._arrays[test]

    def __iter__(self) -> Iterator[int]:
        return iter(self.tests)

    def __len__(self) -> int:
        return len(self.tests)


def _part(a: np.ndarray | float, lo: int, hi: int) -> np.ndarray | float:
    return a[lo:hi] if isinstance(a, np.ndarray) else a


def _block(x: np.ndarray, c: np.ndarray | float, s: np.ndarray | float,
           tests: Mapping[int, float], lead: int) -> dict[int, np.ndarray]:
    """The tests on one stretch of points (``lead`` leading gaps)."""
    out: dict[int, np.ndarray] = {}
    cache: dict[tuple[str, float], np.ndarray] = {}
    scratch = (np.empty(len(x), dtype=bool), np.empty(len(x), dtype=bool))

    def above(z: float) -> np.ndarray:  # x more than z sigma above the centre (strict)
        key = ("a", z)
        if key not in cache:
            cache[key] = x > c + z * s if z else x > c
        return cache[key]

    def outside(z: float) -> np.ndarray:  # beyond z sigma on either side
        key = ("o", z)
        if key not in cache:
            cache[key] = above(z) | below(z)
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
            hit = outside(float(k_value))  # read only: folded into the mask at once
        elif test == 2:  # K on one side = K-1 repeats of the same side in a row
            side = above(0.0).view(np.int8) - below(0.0).view(np.int8)
            hit = (run_at_least(_same_as_previous(side), k - 1, scratch) if k > 1
                   else side != 0)
        elif test in (3, 4):
            up, down = up_down()
            if test == 3:  # K points rising = K-1 rises = K-2 repeats of the direction
                move = up.view(np.int8) - down.view(np.int8)
                hit = (run_at_least(_same_as_previous(move), k - 2, scratch) if k > 2
                       else move != 0)
            else:  # K points alternating = K-2 changes of direction in a row
                turn = np.zeros(len(x), dtype=bool)
                turn[2:] = (up[2:] & down[1:-1]) | (down[2:] & up[1:-1])
                hit = run_at_least(turn, k - 2, scratch) if k > 2 else up | down
        elif test in (5, 6):
            zone = 2.0 if test == 5 else 1.0
            hi, lo = above(zone), below(zone)
            hit = (hi & (_window_count(hi, k + 1) >= k)) | (lo & (_window_count(lo, k + 1) >= k))
        elif test == 7:
            within = ~outside(1.0)
            within[:lead] = False  # a gap is not "within 1 sigma"
            hit = run_at_least(within, k, scratch)
        elif test == 8:
            hit = run_at_least(outside(1.0), k, scratch)
        else:
            raise OpsdeskError(f"There is no test {test}; tests are numbered 1 to 8.")
        out[test] = hit
    return out




def signal_list(failed: Mapping[int, np.ndarray]) -> list[tuple[int, list[int]]]:
    """[(point index, [tests it fails])] in point order."""
    if not failed:
        return []
    if isinstance(failed, TestHits):
        mask = failed.mask
        points = np.flatnonzero(mask)
        codes = mask[points]
        wanted = sorted(failed.tests)
        return [(int(i), [t for t in wanted if code >> (t - 1) & 1])
                for i, code in zip(points.tolist(), codes.tolist(), strict=True)]
    tests = sorted(failed)
    stacked = np.vstack([failed[t] for t in tests])
    points = np.flatnonzero(stacked.any(axis=0))
    return [(int(i), [tests[j] for j in np.flatnonzero(stacked[:, i])]) for i in points]
