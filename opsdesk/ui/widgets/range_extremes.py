"""Where the min and max of any index range of a large series lie, in O(1) numpy steps
for all ranges at once: the envelope of a view, per pixel column, without touching the
points in view.

The series is cut into blocks of ``BLOCK`` points, and a sparse table over blocks gives
the extremes of any run of whole blocks from two overlapping power-of-two runs. A range
is then its partial first and last blocks, read directly (at most ``BLOCK`` points
each), and the run of whole blocks between them. Building costs a few passes over the
data (tens of ms for a million points). Indices rather than values are kept so that
each column's two extremes can be drawn at their own x, in the order they occur.

Pure numpy; the series must be finite with x non-decreasing (the caller checks).
"""

from __future__ import annotations

import numpy as np

BLOCK = 16  # points a block: the most read directly at each end of a range


def _better(y: np.ndarray, i: np.ndarray, j: np.ndarray, lowest: bool) -> np.ndarray:
    """Elementwise, of indices ``i`` and ``j``, the one at the lower (higher) value."""
    return np.where((y[j] < y[i]) if lowest else (y[j] > y[i]), j, i)


def _even_step(x: np.ndarray) -> float | None:
    """The spacing of x if its points are evenly spaced (to a quarter step), else None."""
    if len(x) < 2 or not x[-1] > x[0]:
        return None
    step = float(x[-1] - x[0]) / (len(x) - 1)
    drift = np.abs(x - (x[0] + step * np.arange(len(x)))).max()
    return step if drift <= step / 4 else None


class RangeExtremes:
    """Extremes of index ranges of ``y``; ``x`` only serves to find pixel columns."""

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        if len(x) != len(y):
            raise ValueError("x and y differ in length")
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=float)
        n = len(self.y)
        blocks = -(-n // BLOCK)
        kind = np.int32 if n < 2**31 else np.int64
        self._table: dict[bool, list[np.ndarray]] = {}
        self._step = _even_step(self.x)
        first = np.arange(blocks) * BLOCK
        for lowest in (True, False):
            padded = np.full(blocks * BLOCK, np.inf if lowest else -np.inf)
            padded[:n] = self.y
            rows = padded.reshape(blocks, BLOCK)
            pick = np.argmin(rows, axis=1) if lowest else np.argmax(rows, axis=1)
            # level k: for each block j, the extreme over blocks j .. j + 2**k - 1
            level = (first + pick).astype(kind)
            table = [level]
            span = 1
            while 2 * span <= blocks:
                level = _better(self.y, level[:-span], level[span:], lowest)
                table.append(level)
                span *= 2
            self._table[lowest] = table

    def __len__(self) -> int:
        return len(self.y)

    def _blocks_extremes(self, first: np.ndarray,
                         last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Min and max over whole blocks ``first .. last`` (inclusive, first <= last)."""
        k = np.floor(np.log2(last - first + 1)).astype(np.int64)
        lo = np.zeros(len(first), dtype=np.int64)
        hi = np.zeros(len(first), dtype=np.int64)
        for level in range(int(k.min()), int(k.max()) + 1):  # a view's runs differ little
            at = np.flatnonzero(k == level)
            if not len(at):
                continue
            left, right = first[at], last[at] - (1 << level) + 1
            mins, maxes = self._table[True][level], self._table[False][level]
            lo[at] = _better(self.y, mins[left], mins[right], True)
            hi[at] = _better(self.y, maxes[left], maxes[right], False)
        return lo, hi

    def _wide(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Extremes of ranges spanning two blocks or more: the partial end blocks read
        directly, the whole blocks between them from the table."""
        first, last = a // BLOCK, (b - 1) // BLOCK
        head_lo, head_hi = self._within(a, (first + 1) * BLOCK)
        tail_lo, tail_hi = self._within(last * BLOCK, b)
        lo = _better(self.y, head_lo, tail_lo, True)
        hi = _better(self.y, head_hi, tail_hi, False)
        inner = last - first >= 2
        if inner.any():
            run_lo, run_hi = self._blocks_extremes(first[inner] + 1, last[inner] - 1)
            lo[inner] = _better(self.y, lo[inner], run_lo, True)
            hi[inner] = _better(self.y, hi[inner], run_hi, False)
        return lo, hi

    def _within(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Extremes of short ranges (``BLOCK`` points at most), read directly."""
        index = a[:, None] + np.arange(BLOCK)
        inside = index < b[:, None]
        values = self.y[np.minimum(index, len(self.y) - 1)]
        lo = np.argmin(np.where(inside, values, np.inf), axis=1)
        hi = np.argmax(np.where(inside, values, -np.inf), axis=1)
        return a + lo, a + hi

    def extremes(self, starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each index range ``[start, stop)`` (non-empty), the index of a minimum and
        of a maximum."""
        a = np.asarray(starts, dtype=np.int64)
        b = np.asarray(stops, dtype=np.int64)
        lo = np.zeros(len(a), dtype=np.int64)
        hi = np.zeros(len(a), dtype=np.int64)
        short = (b - 1) // BLOCK == a // BLOCK
        if short.any():
            lo[short], hi[short] = self._within(a[short], b[short])
        wide = ~short
        if wide.any():
            lo[wide], hi[wide] = self._wide(a[wide], b[wide])
        return lo, hi

    def _count_below(self, edges: np.ndarray) -> np.ndarray:
        """For each edge, how many x lie below it (``searchsorted`` side left). Evenly
        spaced x (the usual 1..n) get a computed guess, then a check of its neighbours:
        a thousand binary searches over a million points miss the cache at each step."""
        n = len(self.x)
        if self._step is None:
            return np.searchsorted(self.x, edges, side="left")
        guess = np.ceil((edges - self.x[0]) / self._step)
        count: np.ndarray = np.clip(np.nan_to_num(guess), 0, n).astype(np.int64)
        for _ in range(4):  # the guess is off by one at most; this settles it exactly
            high = (count > 0) & (self.x[np.maximum(count - 1, 0)] >= edges)
            low = (count < n) & (self.x[np.minimum(count, n - 1)] < edges)
            if not (high.any() or low.any()):
                return count
            count = count - high.astype(np.int64) + low.astype(np.int64)
        return np.searchsorted(self.x, edges, side="left")

    def envelope(self, x0: float, x1: float, column_width: float) -> tuple[np.ndarray,
                                                                            np.ndarray]:
        """The points to draw for the view ``[x0, x1]`` with columns ``column_width`` wide
        (aligned on multiples of it, so panning keeps them): each non-empty column's min
        and max in x order, plus the nearest point outside each side so the line runs
        on to the edges. A view with no more points than that gets them as they are."""
        n = len(self.y)
        if n == 0 or column_width <= 0 or not np.isfinite([x0, x1, column_width]).all():
            return self.x, self.y
        first, last = np.floor(x0 / column_width), np.floor(x1 / column_width)
        edges = np.arange(first, last + 2) * column_width  # column k spans edges[k:k+2]
        bounds = self._count_below(edges)
        if bounds[-1] - bounds[0] <= 2 * (len(edges) - 1):
            lo, hi = max(int(bounds[0]) - 1, 0), min(int(bounds[-1]) + 1, n)
            return self.x[lo:hi], self.y[lo:hi]
        starts, stops = bounds[:-1], bounds[1:]
        filled = stops > starts
        i_lo, i_hi = self.extremes(starts[filled], stops[filled])
        pairs = np.sort(np.stack([i_lo, i_hi], axis=1), axis=1).ravel()
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # one-point columns
        before = [bounds[0] - 1] if bounds[0] > 0 else []
        after = [bounds[-1]] if bounds[-1] < n else []
        index = np.concatenate((before, pairs, after)).astype(np.int64)
        return self.x[index], self.y[index]
