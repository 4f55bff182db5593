"""Review periods: days, ISO weeks (Monday to Sunday), calendar months and quarters.

A period is identified by its first day. Labels follow ISO 8601 where it has one:
``2026-10-31`` (day), ``2026-W43`` (ISO week-numbering year and week), ``2026-10``
(month) and ``2026-Q3`` (quarter, the common business form).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

Frequency = Literal["daily", "weekly", "monthly", "quarterly"]
FREQUENCIES: tuple[Frequency, ...] = ("daily", "weekly", "monthly", "quarterly")


def start_of(day: date, frequency: str) -> date:
    """The first day of the period that contains ``day``."""
    if frequency == "daily":
        return day
    if frequency == "weekly":
        return day - timedelta(days=day.weekday())
    if frequency == "monthly":
        return day.replace(day=1)
    if frequency == "quarterly":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    raise ValueError(f"unknown frequency {frequency!r}")


def _add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def shift(start: date, frequency: str, count: int = 1) -> date:
    """The start of the period ``count`` periods after (or before, if negative) ``start``."""
    if frequency == "daily":
        return start + timedelta(days=count)
    if frequency == "weekly":
        return start + timedelta(days=7 * count)
    if frequency == "monthly":
        return _add_months(start, count)
    if frequency == "quarterly":
        return _add_months(start, 3 * count)
    raise ValueError(f"unknown frequency {frequency!r}")


def end_of(start: date, frequency: str) -> date:
    """The last day of the period that starts on ``start``."""
    return shift(start, frequency) - timedelta(days=1)


def label(start: date, frequency: str) -> str:
    if frequency == "daily":
        return start.isoformat()
    if frequency == "weekly":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == "monthly":
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


# Julian day number minus proleptic Gregorian ordinal (date.toordinal) for the same day.
JDN_OFFSET = 1721425


def sql_key(frequency: str, column: str = "ts") -> str:
    """An SQL expression giving the period key of an ISO date/datetime column.

    Keys are the labels above, except for weeks, whose key is the Julian day number of
    the Monday (integer arithmetic is cheaper than SQLite's date modifiers, and SQLite
    before 3.46 has no ISO week format); ``start_from_key`` turns a key into a start.
    """
    day = f"substr({column}, 1, 10)"
    if frequency == "daily":
        return day
    if frequency == "weekly":
        # A Julian day number divisible by 7 is a Monday.
        return f"(CAST(julianday({day}) + 0.5 AS INTEGER) / 7) * 7"
    if frequency == "monthly":
        return f"substr({column}, 1, 7)"
    if frequency == "quarterly":
        return (f"substr({column}, 1, 4) || '-Q' || "
                f"((CAST(substr({column}, 6, 2) AS INTEGER) + 2) / 3)")
    raise ValueError(f"unknown frequency {frequency!r}")


def start_from_key(key: str | int, frequency: str) -> date:
    if isinstance(key, int):
        return date.fromordinal(key - JDN_OFFSET)
    if frequency == "daily":
        return date.fromisoformat(key)
    if frequency == "monthly":
        return date(int(key[:4]), int(key[5:7]), 1)
    return date(int(key[:4]), 3 * (int(key[6]) - 1) + 1, 1)


def parse_day(text: str) -> date:
    """The date part of an ISO date or datetime string."""
    return date.fromisoformat(text[:10])
