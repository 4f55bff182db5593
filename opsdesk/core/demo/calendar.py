"""Period start dates for generating demo series."""

from __future__ import annotations

from datetime import date, timedelta


def period_starts(frequency: str, first: date, last: date) -> list[date]:
    """The first day of each period (ISO weeks start on Monday) from ``first`` to ``last``."""
    starts: list[date] = []
    if frequency == "daily":
        starts = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    elif frequency == "weekly":
        day = first - timedelta(days=first.weekday())
        while day <= last:
            starts.append(max(day, first))
            day += timedelta(days=7)
    else:
        step = 1 if frequency == "monthly" else 3
        month = first.month if step == 1 else 3 * ((first.month - 1) // 3) + 1
        day = date(first.year, month, 1)
        while day <= last:
            starts.append(max(day, first))
            month_index = day.month - 1 + step
            day = date(day.year + month_index // 12, month_index % 12 + 1, 1)
    return starts
