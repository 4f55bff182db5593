"""The timeline ladder under a value stream's processes, its totals and its conventions.

Upper rungs under the inventories and waits carry their days; lower rungs under the
processes carry their cycle times (Rother & Shook's timeline). A parallel block has one
upper and one lower rung: the days and the processing time of its longest branch, the
one the lead time follows; each branch has its own small ladder under it, with its
totals. At the end, the totals: production lead time, processing
time and PCE; under the ladder, the conventions they follow (``vsm_format.conventions``).
"""

from __future__ import annotations

from collections.abc import Iterator

from opsdesk.core.maps.model import Box, Point
from opsdesk.core.maps.vsm_diagram import SIZE, VsmItem
from opsdesk.core.maps.vsm_format import conventions, days_text, duration_text, percent_text
from opsdesk.core.maps.vsm_icons import Poly, Prim, Rect, Text
from opsdesk.core.maps.vsm_metrics import InventoryMetrics, Timeline, VsmMetrics
from opsdesk.core.maps.vsm_model import Delay, Element, Inventory, Parallel, Process

RUNG = 26.0  # between the upper and the lower rung
BRANCH_RUNG = 20.0
BRANCH_LADDER_H = BRANCH_RUNG + 36  # its rungs, their labels and its totals line
TOTALS_W = 200.0


def _count_stock(e: Element) -> tuple[int, int]:
    """How many inventories (and delays) and processes ``e`` holds, depth first."""
    if isinstance(e, Parallel):
        stocks = steps = 0
        for branch in e.branches:
            for sub in branch:
                a, b = _count_stock(sub)
                stocks, steps = stocks + a, steps + b
        return stocks, steps
    return (0, 1) if isinstance(e, Process) else (1, 0)


def _rungs(columns: list[tuple[float, float, Element]], stocks: Iterator[InventoryMetrics],
           blocks: Iterator[tuple[Timeline, ...]], upper: float, lower: float
           ) -> tuple[list[Prim], list[Point]]:
    """The rung labels and the ladder's line under ``columns``: ``stocks`` are their
    inventories' metrics and ``blocks`` their parallel blocks' timelines, in flow order."""
    prims: list[Prim] = []
    points: list[Point] = []

    def rung(x0: float, x1: float, y: float, label: str) -> None:
        if not points or points[-1].y != y:  # a vertical step at the column's edge
            points.append(Point(x0, y))
        points.append(Point(x1, y))
        dy = -9 if y == upper else 10
        prims.append(Text(Point((x0 + x1) / 2, y + dy), label, SIZE))

    for x0, x1, e in columns:
        if isinstance(e, (Inventory, Delay)):
            inv = next(stocks, None)
            rung(x0, x1, upper, days_text(inv.days if inv else None))
        elif isinstance(e, Process):
            rung(x0, x1, lower, duration_text(e.cycle_time_s))
        else:
            n_stock, _ = _count_stock(e)
            for _ in range(n_stock):
                next(stocks, None)
            longest = _longest(next(blocks, ()))
            mid = (x0 + x1) / 2
            rung(x0, mid, upper, days_text(longest.lead_time_days))
            rung(mid, x1, lower, duration_text(longest.processing_time_s))
    if len(points) > 1:
        prims.insert(0, Poly(tuple(points), width=1.4))
    return prims, points


def _longest(lines: tuple[Timeline, ...]) -> Timeline:
    """The branch the lead time follows: the most days, then the most processing time."""
    return max(lines, key=lambda t: (t.lead_time_days, t.processing_time_s),
               default=Timeline(0.0, 0.0))


def branch_ladder(name: str, columns: list[tuple[float, float, Element]],
                  stocks: list[InventoryMetrics], line: Timeline, longest: bool, top: float
                  ) -> VsmItem | None:
    """A branch's own ladder under it (its stocks' days, its processes' times) and its
    totals, said to be the one the lead time follows when it is."""
    upper, lower = top + 10, top + 10 + BRANCH_RUNG
    prims, points = _rungs(columns, iter(stocks), iter(line.branches), upper, lower)
    if len(points) < 2:
        return None
    total = (f"{name}: {days_text(line.lead_time_days)}, "
             f"{duration_text(line.processing_time_s)}"
             + (" (longest: the lead time follows it)" if longest else ""))
    prims.append(Text(Point(points[0].x, lower + 20), total, 8.0, "start", longest,
                      "ink" if longest else "muted"))
    box = Box(points[0].x, top, points[-1].x - points[0].x, BRANCH_LADDER_H)
    return VsmItem(f"timeline:{name}", "timeline", box, tuple(prims), text=total)


def ladder(m: VsmMetrics, columns: list[tuple[float, float, Element]], top: float,
           totals_x: float, notes: list[str] | tuple[str, ...] = ()
           ) -> tuple[list[VsmItem], float]:
    """The ladder's items under ``columns`` (x0, x1, element of the top-level flow) from
    ``top``, the conventions and ``notes`` under it; and the y where the drawing ends."""
    prims, points = _rungs(columns, iter(m.inventories), iter(m.timeline.branches),
                           top + 12, top + 12 + RUNG)
    items: list[VsmItem] = []
    if len(points) > 1:
        box = Box(points[0].x, top, points[-1].x - points[0].x, RUNG + 24)
        items.append(VsmItem("timeline", "timeline", box, tuple(prims)))
    totals = [("Production lead time", days_text(m.lead_time_days)),
              ("Processing time", duration_text(m.processing_time_s)),
              ("PCE", percent_text(m.pce))]
    box = Box(totals_x, top, TOTALS_W, 12 + 14 * len(totals))
    tprims: list[Prim] = [Rect(box, fill="light", width=1.2)]
    for i, (name, value) in enumerate(totals):
        y = box.y + 13 + i * 14
        tprims.append(Text(Point(box.x + 8, y), name, SIZE, "start", True))
        tprims.append(Text(Point(box.right - 8, y), value, SIZE, "end", True))
    items.append(VsmItem("totals", "totals", box, tuple(tprims),
                         text="; ".join(f"{a} {b}" for a, b in totals)))
    y = max(box.bottom, top + RUNG + 24) + 16
    left = columns[0][0] if columns else totals_x
    printed = [*conventions(m), *notes]
    for i, line in enumerate(printed):
        at = Point(left, y + i * 12)
        items.append(VsmItem(f"conventions{i}", "conventions",
                             Box(at.x, at.y - 6, len(line) * 4.6, 12),
                             (Text(at, line, 8.0, "start", tone="muted"),), text=line))
    return items, y + 12 * len(printed)
