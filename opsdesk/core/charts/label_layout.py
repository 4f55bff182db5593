"""Where a chart's texts go: clear of the data, of each other, and inside the plot frame.

Both renderers use it, the screen in pixels and the PDF in points, in a frame ``width``
by ``height`` with y growing downwards (the PDF turns its y over). The data's ink is
rasterised onto a grid of ``cell``-sized cells, points (their markers) apart from lines;
"is there ink in this box?" asks only the cells under the box, and the texts already
placed are kept in columns, so a pass over a few hundred texts stays quick on a
chart of a million points.

A text gets candidate boxes in order of preference and takes the first that lies inside
the frame and is clear of points, lines and texts (texts by a little more than a space);
failing that, the first clear of points and texts (it crosses a line); failing that,
none: a rule-number label is then left out (its point's tooltip and the chart's legend
of the tests still say what it means), while texts that must show (a limit's value, a
user's note) take their first candidate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

Box = tuple[float, float, float, float]  # left, top, right, bottom; y grows downwards

GAP = 3.0  # between a point or a line and its text
# Between two texts: more than a space, so that a point's rule numbers beside a limit's
# label ("2,6" by "CL = 25.00141") do not read as one text.
TEXT_GAP = 4.0


def _finite_sorted(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    keep = np.isfinite(x) & np.isfinite(y)
    if not bool(keep.all()):
        x, y = x[keep], y[keep]
    monotonic = len(x) < 2 or bool(np.all(x[1:] >= x[:-1]))
    return x, y, monotonic


class _Grid:
    """Cells of ink, filled in once all the ink is in.

    Each column span is kept as a +1 where it starts and a -1 below where it ends; one
    pass at ``finish`` sums them down each column (a cell is inked where some span covers
    it), rather than a pass over the whole grid for every batch of ink. A box asks the
    cells under it directly: a text covers a few dozen cells, so that is quicker than
    building a summed-area table over the whole frame for the few hundred boxes asked."""

    def __init__(self, cols: int, rows: int, cell: float) -> None:
        self.cell = cell
        self.shape = (rows, cols)
        self._starts: list[np.ndarray] = []  # flat indices into a (rows + 1) x cols grid
        self._ends: list[np.ndarray] = []
        self.ink: np.ndarray | None = None

    def fill_columns(self, lo: np.ndarray, hi: np.ndarray, cols: np.ndarray) -> None:
        """Mark rows lo..hi (pixel y, inclusive) in each cell column of ``cols``."""
        rows, ncols = self.shape
        keep = (cols >= 0) & (cols < ncols) & (hi >= 0) & (lo < rows * self.cell)
        if not keep.any():
            return
        # minimum/maximum rather than np.clip: the same integers, without np.clip's
        # Python-level checks (this runs for every series of every chart)
        r0 = np.minimum(np.maximum((lo[keep] // self.cell).astype(np.int64), 0), rows - 1)
        r1 = np.minimum(np.maximum((hi[keep] // self.cell).astype(np.int64), 0), rows - 1)
        c = cols[keep].astype(np.int64)
        spans = r0 <= r1  # an upside-down span marks nothing
        self._starts.append(r0[spans] * ncols + c[spans])
        self._ends.append((r1[spans] + 1) * ncols + c[spans])

    def finish(self) -> None:
        rows, ncols = self.shape
        size = (rows + 1) * ncols
        if not self._starts:
            self.ink = np.zeros((rows, ncols), dtype=bool)
            return
        diff = (np.bincount(np.concatenate(self._starts), minlength=size)
                - np.bincount(np.concatenate(self._ends), minlength=size))
        covered = np.cumsum(diff.reshape(rows + 1, ncols), axis=0, dtype=np.int32)
        self.ink = covered[:rows] > 0

    def hits(self, box: Box) -> bool:
        assert self.ink is not None
        rows, cols = self.shape
        c0, c1 = max(0, int(box[0] // self.cell)), min(cols - 1, int(box[2] // self.cell))
        r0, r1 = max(0, int(box[1] // self.cell)), min(rows - 1, int(box[3] // self.cell))
        if c1 < c0 or r1 < r0:
            return False
        return bool(self.ink[r0:r1 + 1, c0:c1 + 1].any())


@dataclass
class Layout:
    """The obstacles of one panel and the texts placed so far."""

    width: float
    height: float
    cell: float = 3.0
    inset: float = 0.0  # a text box's margin around its glyphs: may touch, not overlap
    _placed: dict[int, list[Box]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        cols = max(1, math.ceil(self.width / self.cell))
        rows = max(1, math.ceil(self.height / self.cell))
        self.points = _Grid(cols, rows, self.cell)
        self.lines = _Grid(cols, rows, self.cell)

    # -- ink -------------------------------------------------------------------------
    def add_points(self, x: np.ndarray, y: np.ndarray, radius: float) -> None:
        """Markers of half-size ``radius`` at (x, y) (frame coordinates)."""
        x, y, _ = _finite_sorted(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        inside = (x >= -radius) & (x <= self.width + radius) & (y >= -radius) & (
            y <= self.height + radius)
        x, y = x[inside], y[inside]
        if not len(x):
            return
        first = np.floor((x - radius) / self.cell).astype(np.int64)
        last = np.floor((x + radius) / self.cell).astype(np.int64)
        # every cell column a marker spans, all markers at once
        cols = first[:, None] + np.arange(int((last - first).max()) + 1)[None, :]
        ok = cols <= last[:, None]
        lo = np.broadcast_to((y - radius)[:, None], cols.shape)[ok]
        hi = np.broadcast_to((y + radius)[:, None], cols.shape)[ok]
        self.points.fill_columns(lo, hi, cols[ok])

    def add_line(self, x: np.ndarray, y: np.ndarray) -> None:
        """A polyline through (x, y) (frame coordinates; NaN points left out)."""
        x, y, monotonic = _finite_sorted(np.asarray(x, dtype=float),
                                          np.asarray(y, dtype=float))
        if len(x) < 2:
            if len(x):
                self.add_points(x, y, 0.5)
            return
        if not monotonic:  # sample each segment at half a cell
            lengths = np.hypot(np.diff(x), np.diff(y))
            steps = np.minimum(np.ceil(lengths / (self.cell / 2)).astype(np.int64) + 1, 10_000)
            at = np.repeat(np.arange(len(steps)), steps)
            t = np.concatenate([np.linspace(0.0, 1.0, int(k)) for k in steps])
            xs = x[at] + (x[at + 1] - x[at]) * t
            ys = y[at] + (y[at + 1] - y[at]) * t
            self.add_points(xs, ys, 0.5)
            return
        # x rises: in each cell column the line spans its vertices there and the heights
        # where it crosses the column's two edges (exact for a polyline)
        ncols = self.lines.shape[1]
        c0 = max(0, int(x[0] // self.cell))
        c1 = min(ncols - 1, int(x[-1] // self.cell))
        if c1 < c0:
            return
        edges = np.arange(c0, c1 + 2) * self.cell
        at_edges = np.interp(edges, x, y)
        lo = np.minimum(at_edges[:-1], at_edges[1:])
        hi = np.maximum(at_edges[:-1], at_edges[1:])
        # the vertices of column k are x[first[k]:first[k + 1]] (x is sorted): a search per
        # column edge, not a pass over every point
        first = np.searchsorted(x, edges)
        filled = first[1:] > first[:-1]
        if filled.any():
            starts = first[:-1][filled]
            vy = y[:first[-1]]
            lo[filled] = np.minimum(lo[filled], np.minimum.reduceat(vy, starts))
            hi[filled] = np.maximum(hi[filled], np.maximum.reduceat(vy, starts))
        self.lines.fill_columns(lo, hi, np.arange(c0, c1 + 1))

    def add_hline(self, y: float, x0: float = 0.0, x1: float | None = None) -> None:
        end = self.width if x1 is None else x1
        if not (x0 <= end and math.isfinite(x0) and math.isfinite(end) and math.isfinite(y)):
            self.add_line(np.array([x0, end]), np.array([y, y]))
            return
        # what add_line marks for two points at one height: that row, in each column
        ncols = self.lines.shape[1]
        c0, c1 = max(0, int(x0 // self.cell)), min(ncols - 1, int(end // self.cell))
        if c1 >= c0:
            at = np.full(c1 - c0 + 1, float(y))
            self.lines.fill_columns(at, at, np.arange(c0, c1 + 1))

    def finish(self) -> None:
        """Call once all the ink is in, before placing texts."""
        self.points.finish()
        self.lines.finish()

    # -- texts -----------------------------------------------------------------------
    def _glyphs(self, box: Box) -> Box:
        i = self.inset
        return box[0] + i, box[1] + i, box[2] - i, box[3] - i

    def inside(self, box: Box) -> bool:
        left, top, right, bottom = self._glyphs(box)
        return left >= 0 and top >= 0 and right <= self.width and bottom <= self.height

    def _columns(self, box: Box) -> range:
        width = 64.0
        return range(int(box[0] // width), int(box[2] // width) + 1)

    def text_hits(self, box: Box) -> bool:
        """Whether ``box`` comes within TEXT_GAP of a text placed before."""
        d = TEXT_GAP
        g = self._glyphs(box)
        g = (g[0] - d, g[1] - d, g[2] + d, g[3] + d)
        return any(g[0] < o[2] and o[0] < g[2] and g[1] < o[3] and o[1] < g[3]
                   for c in self._columns(g) for o in self._placed.get(c, ()))

    def free(self, box: Box, cross_lines: bool = False) -> bool:
        g = self._glyphs(box)
        if self.points.hits(g) or self.text_hits(box):
            return False
        return cross_lines or not self.lines.hits(g)

    def take(self, box: Box) -> None:
        g = self._glyphs(box)
        for c in self._columns(g):
            self._placed.setdefault(c, []).append(g)

    def place(self, candidates: Sequence[Box], must: bool = False) -> int | None:
        """The index of the candidate taken (see the module's rules), None when none."""
        inside = [i for i, box in enumerate(candidates) if self.inside(box)]
        for cross in (False, True):
            for i in inside:
                if self.free(candidates[i], cross):
                    self.take(candidates[i])
                    return i
        if must and candidates:
            i = inside[0] if inside else 0
            self.take(candidates[i])
            return i
        return None


# -- candidates ---------------------------------------------------------------------------

def around_point(cx: float, cy: float, w: float, h: float, radius: float,
                 rings: int = 2) -> list[Box]:
    """Boxes beside a point: its four corners, then above, below, right and left of it,
    then the same one text height further out."""
    out: list[Box] = []
    d = radius + GAP
    for ring in range(rings):
        far = d + ring * h
        out += [(cx + d, cy - far - h, cx + d + w, cy - far),          # above right
                (cx - d - w, cy - far - h, cx - d, cy - far),          # above left
                (cx + d, cy + far, cx + d + w, cy + far + h),          # below right
                (cx - d - w, cy + far, cx - d, cy + far + h),          # below left
                (cx - w / 2, cy - far - h, cx + w / 2, cy - far),      # above
                (cx - w / 2, cy + far, cx + w / 2, cy + far + h),      # below
                (cx + far, cy - h / 2, cx + far + w, cy + h / 2),      # right
                (cx - far - w, cy - h / 2, cx - far, cy + h / 2)]      # left
    return out


def along_line(y: float, w: float, h: float, width: float, gap: float = GAP) -> list[Box]:
    """Boxes on a horizontal line's two sides: at its left end, its right end, then at
    points between (the middle first)."""
    spots = [gap, width - gap - w]
    for k in (0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875):
        spots.append(k * (width - w))
    out: list[Box] = []
    for left in spots:
        out.append((left, y - gap - h, left + w, y - gap))   # above
        out.append((left, y + gap, left + w, y + gap + h))   # below
    return out
