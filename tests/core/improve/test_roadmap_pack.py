"""The roadmap's row packing (``roadmap._pack``): each item in the lowest row free for it,
checked by hand on a small case and against the plain first-fit scan written out here
(every row tried in order) on many random ones."""

from __future__ import annotations

import random
from datetime import date, timedelta

from opsdesk.core.improve.roadmap import RoadmapItem, _pack

DAY0 = date(2026, 1, 1)


def item(i: int, start: int, end: int) -> RoadmapItem:
    return RoadmapItem("project", i, f"P{i}", DAY0 + timedelta(start), DAY0 + timedelta(end),
                       "", 0)


def first_fit(items: list[RoadmapItem], gap: timedelta) -> dict[int, int]:
    ends: list[date] = []
    rows = {}
    for it in sorted(items, key=lambda i: (i.start, i.end, i.kind, i.id)):
        row = next((r for r, end in enumerate(ends) if end + gap < it.start), len(ends))
        if row == len(ends):
            ends.append(it.end)
        else:
            ends[row] = it.end
        rows[it.id] = row
    return rows


def test_by_hand() -> None:
    # 1 [0, 10] row 0; 2 [5, 20] row 1; 3 [12, 15]: row 0 ends day 10 < 12, so row 0;
    # 4 [16, 30]: row 0 ends 15 < 16, row 0 (lowest); with a gap of 3 days, 3 needs a row
    # ending before day 9: none, so row 2; 4 needs one ending before day 13: row 0
    items = [item(1, 0, 10), item(2, 5, 20), item(3, 12, 15), item(4, 16, 30)]
    assert {i.id: i.row for i in _pack(items, timedelta(0))} == {1: 0, 2: 1, 3: 0, 4: 0}
    assert {i.id: i.row for i in _pack(items, timedelta(3))} == {1: 0, 2: 1, 3: 2, 4: 0}


def test_as_the_plain_first_fit() -> None:
    chance = random.Random(13)
    for _case in range(200):
        items = []
        for i in range(chance.randint(0, 60)):
            start = chance.randint(0, 200)
            items.append(item(i, start, start + chance.randint(0, 80)))
        gap = timedelta(days=chance.choice((0, 1, 30)))
        assert {i.id: i.row for i in _pack(items, gap)} == first_fit(items, gap)
