"""Lay a fishbone out: the spine into the effect, a bone per category, a rib per cause.

Categories alternate above and below the spine, left to right, in pairs that share one
column; each bone leans back from the spine to its category's box. The causes of a
category are one right-aligned column of labels beside its bone, in tree order from the
top down, each label above its rib; a rib runs from its label to the bone (a sub-cause's
rib to a short twig down from its parent's rib). Columns are as wide as their widest
label, so nothing overlaps: labels, boxes and the bones of other categories keep apart
(the tests check every pair). Texts are wrapped to ``max_width`` by the renderer's own
``measure(text, font_size) -> width``, so each renderer's text fits its boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from opsdesk.core.improve.fishbone import Category, Cause, CauseStatus, Fishbone
from opsdesk.core.improve.fishbone_spec import FishboneSpec, Label, Line
from opsdesk.core.maps.model import Box, Point

Measure = Callable[[str, float], float]

FONT_SIZE = 9.0
LINE_HEIGHT = 1.25      # × font size
MAX_WIDTH = 150.0       # a cause label's widest line, points
BOX_WIDTH = 110.0       # a category box's widest line
HEAD_WIDTH = 130.0      # the effect box's widest line
SLOPE = 0.45            # a bone's run per unit of rise
PAD = 4.0               # inside boxes; between a label and its rib end
INDENT = 14.0           # per depth of a sub-cause
GAP = 24.0              # between columns, and before the effect
MARGIN = 12.0


def default_measure(text: str, size: float) -> float:
    """Widths in the PDF review's body font."""
    from opsdesk.core.report import fonts
    from opsdesk.core.report.draw_text import text_width

    fonts.register()
    return text_width(text, size)


def wrap(text: str, avail: float, size: float, measure: Measure) -> tuple[str, ...]:
    """Greedy word wrap; a word wider than ``avail`` is cut between letters."""
    out: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if measure(trial, size) <= avail:
            line = trial
            continue
        if line:
            out.append(line)
        line = ""
        for char in word:
            if line and measure(line + char, size) > avail:
                out.append(line)
                line = ""
            line += char
    out.append(line)
    return tuple(out)


@dataclass
class _Row:
    lines: tuple[str, ...]
    width: float
    depth: int
    status: CauseStatus
    cause_id: int
    parent: int | None  # index of the parent row


@dataclass
class _Side:
    """One category's column of rows, measured; positions relative to its spine point."""

    category: Category
    rows: list[_Row]
    box_lines: tuple[str, ...]
    box_width: float


def _side(category: Category, size: float, measure: Measure) -> _Side:
    rows: list[_Row] = []

    def down(causes: tuple[Cause, ...], depth: int, parent: int | None) -> None:
        for cause in causes:
            lines = wrap(cause.text, MAX_WIDTH, size, measure)
            rows.append(_Row(lines, max(measure(t, size) for t in lines), depth, cause.status,
                             cause.id, parent))
            down(cause.causes, depth + 1, len(rows) - 1)

    down(category.causes, 0, None)
    box = wrap(category.name, BOX_WIDTH, size, measure)
    return _Side(category, rows, box, max(measure(t, size) for t in box) + 2 * PAD)


def layout(tree: Fishbone, *, font_size: float = FONT_SIZE, measure: Measure | None = None,
           title: str = "") -> FishboneSpec:
    """The diagram of ``tree``."""
    measure = measure or default_measure
    lh = font_size * LINE_HEIGHT
    sides = [_side(c, font_size, measure) for c in tree.categories]
    tops, bottoms = sides[0::2], sides[1::2]
    row_gap = lh * 0.3
    near = lh * 0.6  # between the spine and the nearest label; between a box and its rows

    def content(side: _Side) -> float:
        return sum(len(r.lines) * lh + row_gap for r in side.rows)

    h_top = max([content(s) for s in tops] + [2 * lh]) + 2 * near
    h_bottom = max([content(s) for s in bottoms] + [2 * lh]) + 2 * near

    def box_h(side: _Side) -> float:
        return len(side.box_lines) * lh + 2 * PAD

    top_box = max([box_h(s) for s in tops] + [0.0])
    bottom_box = max([box_h(s) for s in bottoms] + [0.0])
    spine_y = MARGIN + top_box + h_top

    lines: list[Line] = []
    labels: list[Label] = []

    def place(side: _Side, xs: float, up: bool) -> tuple[float, float]:
        """Draw ``side`` with its bone meeting the spine at ``xs``; its (left, right)."""
        h = h_top if up else h_bottom
        sign = -1.0 if up else 1.0
        far = Point(xs - h * SLOPE, spine_y + sign * h)
        lines.append(Line(Point(xs, spine_y), far, "bone"))
        bh = box_h(side)
        box = Box(far.x - side.box_width / 2, far.y - bh if up else far.y, side.box_width, bh)
        labels.append(Label(box, side.box_lines, "category", "center", framed=True))
        # rows top-down: from the box towards the spine above it, from the spine below it
        y = spine_y - h + near if up else spine_y + near
        heights = [len(r.lines) * lh for r in side.rows]
        total = sum(heights) + row_gap * len(heights)
        last_y = y + total  # the far end (from the box) of the rows' span
        edge_y = y if up else last_y  # where the bone is nearest the labels' column
        right = xs - abs(edge_y - spine_y) * SLOPE - PAD
        left = min(box.x, xs)
        ribs: list[float] = []
        for row, height in zip(side.rows, heights, strict=True):
            rib_y = y + height
            r_edge = right - row.depth * INDENT
            rect = Box(r_edge - row.width, y, row.width, height)
            labels.append(Label(rect, row.lines, "cause", "right", status=row.status,
                                cause_id=row.cause_id, depth=row.depth))
            if row.depth == 0:
                end = Point(xs - abs(rib_y - spine_y) * SLOPE, rib_y)
            else:
                twig_x = r_edge + INDENT / 2
                end = Point(twig_x, rib_y)
                assert row.parent is not None
                lines.append(Line(Point(twig_x, ribs[row.parent]), end, "twig"))
            start_x = rect.x
            if any(r.parent == len(ribs) for r in side.rows):  # its children's twig on it
                start_x = min(start_x, r_edge - INDENT / 2 - PAD)
            lines.append(Line(Point(start_x, rib_y), end, "rib"))
            ribs.append(rib_y)
            left = min(left, start_x)
            y = rib_y + row_gap
        return left, max(xs, box.right)

    x = MARGIN
    for k in range(len(tops)):
        pair = [(tops[k], True)] + ([(bottoms[k], False)] if k < len(bottoms) else [])
        # measure the pair at a trial spine point, then shift it to start at x
        trial = _trial(pair, place, lines, labels)
        xs = x + trial
        extents = [place(side, xs, up) for side, up in pair]
        x = max(r for _, r in extents) + GAP
    head_lines = wrap(" ".join(tree.effect.split()) or "(effect)", HEAD_WIDTH, font_size,
                      measure)
    head_w = max(measure(t, font_size) for t in head_lines) + 2 * PAD
    head_h = max(len(head_lines) * lh + 2 * PAD, 2 * lh)
    head = Box(x, spine_y - head_h / 2, head_w, head_h)
    labels.append(Label(head, head_lines, "effect", "left", framed=True))
    lines.insert(0, Line(Point(MARGIN, spine_y), Point(head.x, spine_y), "spine", arrow=True))
    width = head.right + MARGIN
    height = spine_y + h_bottom + bottom_box + MARGIN if bottoms else spine_y + 2 * lh + MARGIN
    counts = {s: sum(1 for _, _, c in tree.walk() if c.status == s)
              for s in ("confirmed", "ruled out", "open")}
    note = ", ".join(f"{n} {s}" for s, n in counts.items())
    return FishboneSpec(title or tree.effect, width, max(height, head.bottom + MARGIN),
                        font_size, lh, tuple(lines), tuple(labels), (note,))


def _trial(pair: list[tuple[_Side, bool]],
           place: Callable[[_Side, float, bool], tuple[float, float]],
           lines: list[Line], labels: list[Label]) -> float:
    """How far right of its leftmost point a pair's spine point lies."""
    n_lines, n_labels = len(lines), len(labels)
    lefts = [place(side, 0.0, up)[0] for side, up in pair]
    del lines[n_lines:], labels[n_labels:]
    return -min(lefts)
