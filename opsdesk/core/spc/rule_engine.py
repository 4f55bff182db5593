"""The run-rule engine: which points fail which test, in a few vectorised passes.

Each condition a test needs (beyond z sigma above or below, rising, falling) is compared
once per point and packed to one bit per point, 64 points to a word. Runs and windows are
then ANDs and ORs of shifted words: a pass over 1,000,000 points touches 125 KB instead
of 1 MB (bool) or 8 MB (float), and no pass needs a look-back across blocks. The float
comparisons go block by block so that their bool temporaries stay small (in cache,
reused by the allocator). See ``opsdesk.core.spc.rules`` for the tests and conventions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

import numpy as np

from opsdesk.core.errors import OpsdeskError

BLOCK = 1 << 16  # points compared at a time (a multiple of 64: blocks pack to whole words)
_ONE = np.uint64(1)


def _pack(cond: np.ndarray) -> np.ndarray:
    """A bool array as little-endian bits in uint64 words (bit i of word w: point 64w+i)."""
    words = np.zeros((len(cond) + 63) // 64, dtype=np.uint64)
    packed = np.packbits(cond, bitorder="little")
    words.view(np.uint8)[: len(packed)] = packed
    return words


def _unpack(words: np.ndarray, n: int) -> np.ndarray:
    return np.unpackbits(words.view(np.uint8), count=n, bitorder="little").view(bool)


def _shift(words: np.ndarray, by: int) -> np.ndarray:
    """Bits moved ``by`` points later: out[p] = in[p - by], False for p < by."""
    q, r = divmod(by, 64)
    out = np.empty_like(words)
    if q >= len(words):
        out[:] = 0
        return out
    out[:q] = 0
    src = words[: len(words) - q]
    if r == 0:
        out[q:] = src
    else:
        np.left_shift(src, np.uint64(r), out=out[q:])
        carry = np.right_shift(src[:-1], np.uint64(64 - r))
        np.bitwise_or(out[q + 1:], carry, out=out[q + 1:])
    return out


def _run_bits(words: np.ndarray, k: int) -> np.ndarray:
    """Bits set where the condition has held for the last ``k`` points (this one included).

    Doubling: runs of 2, 4, 8, ... each one AND of the bits with themselves shifted, so a
    run of 15 costs four shifts.
    """
    have = words
    length = 1
    while length * 2 <= k:
        have = np.bitwise_and(have, _shift(have, length), out=None if have is words else have)
        length *= 2
    if length < k:
        have = np.bitwise_and(have, _shift(have, k - length),
                              out=None if have is words else have)
    return have


def run_at_least(cond: np.ndarray, k: int) -> np.ndarray:
    """True where ``cond`` has held for the last ``k`` points (this one included)."""
    if k <= 1:
        return np.asarray(cond, dtype=bool).copy()
    return _unpack(_run_bits(_pack(cond), k), len(cond)).copy()


def _at_most_one_miss(words: np.ndarray, span: int) -> np.ndarray:
    """Bits set where at most one of the ``span`` points before this one lacks the
    condition (points before the start lack it): misses counted up to two, bit-sliced."""
    one = np.zeros_like(words)   # at least one miss so far
    two = np.zeros_like(words)   # at least two
    for by in range(1, span + 1):
        miss = np.invert(_shift(words, by))
        two |= one & miss
        one |= miss
    np.invert(two, out=two)
    return two


def _as_scalar(a: np.ndarray | float) -> np.ndarray | float:
    """A broadcast (zero-stride) array as its single value: comparisons run faster."""
    if isinstance(a, np.ndarray) and a.ndim == 1 and a.size and a.strides[0] == 0:
        return float(a[0])
    return a


Condition = tuple[str, float]  # ("a", z): above c + z s; ("b", z): below c - z s; ("up", 0)...


def _conditions(tests: Mapping[int, float]) -> list[Condition]:
    """The per-point comparisons the chosen tests need, each made once."""
    need: list[Condition] = []
    for test, k_value in tests.items():
        if test == 1:
            zones = [float(k_value)]
        elif test == 2:
            zones = [0.0]
        elif test in (3, 4):
            zones = []
            need += [("up", 0.0), ("down", 0.0)]
        elif test in (5, 6, 7, 8):
            zones = [2.0 if test == 5 else 1.0]
        else:
            raise OpsdeskError(f"There is no test {test}; tests are numbered 1 to 8.")
        need += [(side, z) for z in zones for side in ("a", "b")]
    return list(dict.fromkeys(need))


def _compare(x: np.ndarray, c: np.ndarray | float, s: np.ndarray | float,
             need: list[Condition], check_from: int | None = None
             ) -> dict[Condition, np.ndarray] | None:
    """Each condition as packed bits, compared block by block into one bool buffer.

    With ``check_from``, None if a value from that point on is missing (NaN or
    infinite): checked on each block while it is in cache rather than in a pass of its own.
    """
    n = len(x)
    words = np.zeros((len(need), (n + 63) // 64), dtype=np.uint64)
    packed = words.view(np.uint8)
    buf = np.empty((len(need), min(n, BLOCK)), dtype=bool)
    scalar = not isinstance(c, np.ndarray) and not isinstance(s, np.ndarray)
    # thresholds once for constant limits; the same arithmetic as per point otherwise
    fixed = [((c + z * s if kind == "a" else c - z * s) if z else c) if scalar else 0.0
             for kind, z in need]
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        xb, rows = x[start:stop], buf[:, : stop - start]
        if check_from is not None and not np.isfinite(
                np.add.reduce(xb[max(0, check_from - start):])):
            return None
        if scalar:
            cb, sb = c, s
        else:
            cb = c[start:stop] if isinstance(c, np.ndarray) else c
            sb = s[start:stop] if isinstance(s, np.ndarray) else s
        for row, (kind, z), level in zip(rows, need, fixed, strict=True):
            if kind in ("up", "down"):  # a rise or fall, at the later point
                op = np.greater if kind == "up" else np.less
                row[:1] = op(x[start], x[start - 1]) if start else False
                op(xb[1:], xb[:-1], out=row[1:])
            elif not scalar:
                level = (cb + z * sb if kind == "a" else cb - z * sb) if z else cb
            if kind == "a":
                np.greater(xb, level, out=row)
            elif kind == "b":
                np.less(xb, level, out=row)
        done = np.packbits(rows, axis=1, bitorder="little")
        packed[:, start // 8: start // 8 + done.shape[1]] = done
    return dict(zip(need, words, strict=True))


def evaluate(
    values: np.ndarray,
    center: np.ndarray | float,
    sigma: np.ndarray | float,
    tests: Mapping[int, float],
    *,
    finite: bool = False,
) -> Mapping[int, np.ndarray]:
    """Which points fail each test: {test: bool array aligned with ``values``}.

    ``sigma`` is the standard deviation of the plotted statistic at each point (for an
    X-bar chart sigma/sqrt(n)); ``center`` and ``sigma`` must be finite. Only the tests in
    ``tests`` run. ``finite``: the caller knows every value after the leading gaps is
    finite, so they are not checked again.
    """
    x_all = np.asarray(values, dtype=float)
    n_all = len(x_all)
    c_all: np.ndarray | float = _as_scalar(center)
    s_all: np.ndarray | float = _as_scalar(sigma)
    need = _conditions(tests)
    lead = 0  # leading gaps (the first moving range), found without a full pass
    while lead < min(n_all, 16) and not np.isfinite(x_all[lead]):
        lead += 1
    # Only leading gaps (or none): the whole array; comparisons with NaN are False, and
    # conditions true by negation are cleared over the leading gap.
    keep: np.ndarray | None = None
    check = None if finite else lead
    bits = _compare(x_all, c_all, s_all, need, check_from=check) if lead < 16 else None
    if bits is None:  # inner gaps: test the points that have values, as neighbours
        keep, lead = np.isfinite(x_all), 0
        c = c_all[keep] if isinstance(c_all, np.ndarray) else c_all
        s = s_all[keep] if isinstance(s_all, np.ndarray) else s_all
        bits = _compare(x_all[keep], c, s, need)
        assert bits is not None
    n = n_all if keep is None else int(np.count_nonzero(keep))
    planes = {t: _test_bits(t, int(k), float(k), bits, lead) for t, k in tests.items()}
    return TestHits(planes, n, keep)


def _either(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out: np.ndarray = a | b
    return out


def _test_bits(test: int, k: int, zone: float, bits: dict[Condition, np.ndarray],
               lead: int) -> np.ndarray:
    """One test's verdicts as packed bits."""
    if test == 1:
        return _either(bits["a", zone], bits["b", zone])
    if test == 2:  # K on one side = K-1 repeats of the same side in a row
        hi, lo = bits["a", 0.0], bits["b", 0.0]
        if k <= 1:
            return _either(hi, lo)
        return _run_bits((hi & _shift(hi, 1)) | (lo & _shift(lo, 1)), k - 1)
    if test in (3, 4):
        up, down = bits["up", 0.0], bits["down", 0.0]
        if k <= 2:
            return _either(up, down)
        if test == 3:  # K points rising = K-1 rises = K-2 repeats of the direction
            return _run_bits((up & _shift(up, 1)) | (down & _shift(down, 1)), k - 2)
        # K points alternating = K-2 changes of direction in a row
        return _run_bits((up & _shift(down, 1)) | (down & _shift(up, 1)), k - 2)
    if test in (5, 6):  # the point beyond, and at most one miss among the K before it
        zone = 2.0 if test == 5 else 1.0
        hi, lo = bits["a", zone], bits["b", zone]
        if k <= 1:
            return _either(hi, lo)
        return _either(hi & _at_most_one_miss(hi, k), lo & _at_most_one_miss(lo, k))
    outside = _either(bits["a", 1.0], bits["b", 1.0])
    if test == 8:
        return _run_bits(outside, k)
    within = ~outside  # a gap is not "within 1 sigma"
    if lead:
        within &= _shift(np.full_like(within, ~np.uint64(0)), lead)
    return _run_bits(within, k)


# byte b -> 8 bytes, byte i holding bit i of b: 8 points' verdicts laid out one a byte
_SPREAD = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1,
                        bitorder="little").view("<u8").ravel()


class TestHits(Mapping[int, np.ndarray]):
    """{test: bool array of the points failing it}, kept as packed bits per test; a
    test's bool array, and the one-byte-per-point mask (bit t-1 for test t), are made
    when first asked for."""

    def __init__(self, planes: dict[int, np.ndarray], n: int,
                 keep: np.ndarray | None = None) -> None:
        self.planes = planes
        self.tests = tuple(planes)
        self._n = n            # points evaluated
        self._keep = keep      # where they sit among all points (None: all of them)
        self._mask: np.ndarray | None = None
        self._arrays: dict[int, np.ndarray] = {}

    @property
    def mask(self) -> np.ndarray:
        if self._mask is None:
            # each packed byte (8 points of one test) looked up as 8 mask bytes at once
            words = np.zeros((self._n + 7) // 8, dtype=np.uint64)
            for t, plane in self.planes.items():
                lookup = _SPREAD << np.uint64(t - 1)
                words |= np.take(lookup, plane.view(np.uint8)[: len(words)])
            mask = words.view(np.uint8)[: self._n]
            if self._keep is not None:
                full = np.zeros(len(self._keep), dtype=np.uint8)
                full[self._keep] = mask
                mask = full
            self._mask = mask
        return self._mask

    def __getitem__(self, test: int) -> np.ndarray:
        if test not in self.planes:
            raise KeyError(test)
        if test not in self._arrays:
            if self._keep is None:
                self._arrays[test] = _unpack(self.planes[test], self._n)
            else:
                self._arrays[test] = (self.mask & np.uint8(1 << (test - 1))) != 0
        return self._arrays[test]

    def __iter__(self) -> Iterator[int]:
        return iter(self.tests)

    def __len__(self) -> int:
        return len(self.tests)



@lru_cache(maxsize=64)
def _code_tests(wanted: tuple[int, ...]) -> tuple[list[int], ...]:
    """For each of the 256 codes of a mask byte, the tests among ``wanted`` it holds (the
    lists are copied before they are handed out)."""
    return tuple([t for t in wanted if code >> (t - 1) & 1] for code in range(256))


def signal_list(failed: Mapping[int, np.ndarray]) -> list[tuple[int, list[int]]]:
    """[(point index, [tests it fails])] in point order."""
    if not failed:
        return []
    if isinstance(failed, TestHits):
        mask = failed.mask
        points = np.flatnonzero(mask)
        codes = mask[points]
        # the tests of each of the 256 possible codes, worked out once and copied
        table = _code_tests(tuple(sorted(failed.tests)))
        return [(i, table[code].copy())
                for i, code in zip(points.tolist(), codes.tolist(), strict=True)]
    tests = sorted(failed)
    stacked = np.vstack([failed[t] for t in tests])
    points = np.flatnonzero(stacked.any(axis=0))
    return [(int(i), [tests[j] for j in np.flatnonzero(stacked[:, i])]) for i in points]
