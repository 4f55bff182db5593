"""Where a dragged shape snaps: to another shape's edge or centre line when one is
near (an alignment guide is drawn along it), else to the grid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF

GRID = 10.0
NEAR = 6.0  # scene units within which an edge or centre snaps


@dataclass(frozen=True)
class Snap:
    dx: float
    dy: float
    guides: tuple[QLineF, ...] = ()


def _lines(r: QRectF, horizontal: bool) -> tuple[float, float, float]:
    return ((r.top(), r.center().y(), r.bottom()) if horizontal
            else (r.left(), r.center().x(), r.right()))


def _best(moving: tuple[float, ...], others: Sequence[QRectF], horizontal: bool
          ) -> tuple[float, float, QRectF] | None:
    """The smallest shift that lines one of ``moving`` up with another shape's line."""
    best: tuple[float, float, QRectF] | None = None
    for other in others:
        for target in _lines(other, horizontal):
            for mine in moving:
                shift = target - mine
                if abs(shift) <= NEAR and (best is None or abs(shift) < abs(best[0])):
                    best = (shift, target, other)
    return best


def snap_move(rect: QRectF, others: Sequence[QRectF]) -> Snap:
    """The shift that snaps ``rect`` (where the drag puts it), with its guides."""
    near = [o for o in others if o.adjusted(-400, -400, 400, 400).intersects(rect)]
    guides: list[QLineF] = []
    by_x = _best(_lines(rect, horizontal=False), near, horizontal=False)
    by_y = _best(_lines(rect, horizontal=True), near, horizontal=True)
    if by_x is None:
        dx = round(rect.left() / GRID) * GRID - rect.left()
    else:
        dx, x, other = by_x
        top, bottom = min(rect.top(), other.top()), max(rect.bottom(), other.bottom())
        guides.append(QLineF(x, top - 10, x, bottom + 10))
    if by_y is None:
        dy = round(rect.top() / GRID) * GRID - rect.top()
    else:
        dy, y, other = by_y
        left, right = min(rect.left(), other.left()), max(rect.right(), other.right())
        guides.append(QLineF(left - 10, y, right + 10, y))
    return Snap(dx, dy, tuple(guides))
