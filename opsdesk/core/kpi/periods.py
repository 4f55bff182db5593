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


def _day_number(day_text: str) -> str:
    """SQL: the Julian day number of an ISO date (NULL when it is not one)."""
    return f"CAST(julianday({day_text}) + 0.5 AS INTEGER)"


def sql_key(frequency: str, column: str = "ts") -> str:
    """An SQL expression giving the period key of an ISO date/datetime column: the
    ordinal (``date.toordinal``) of the period's first day, for every frequency.

    Integer arithmetic on Julian day numbers: a number divisible by 7 is a Monday, and a
    month or quarter starts on its first day; ``start_from_key`` turns a key back into a
    date.
    """
    day = f"substr({column}, 1, 10)"
    if frequency == "daily":
        jdn = _day_number(day)
    elif frequency == "weekly":
        jdn = f"({_day_number(day)} / 7 * 7)"
    elif frequency == "monthly":
        jdn = _day_number(f"substr({column}, 1, 7) || '-01'")
    elif frequency == "quarterly":
        first_month = f"printf('%02d', (CAST(substr({column}, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1)"
        jdn = _day_number(f"substr({column}, 1, 5) || {first_month} || '-01'")
    else:
        raise ValueError(f"unknown frequency {frequency!r}")
    return f"({jdn} - {JDN_OFFSET})"


def key_of(start: date) -> int:
    """The key (as ``sql_key`` makes it) of the period that starts on ``start``."""
    return start.toordinal()


def start_from_key(key: int) -> date:
    return date.fromordinal(key)


def parse_day(text: str) -> date:
    """The date part of an ISO date or datetime string."""
    return date.fromisoformat(text[:10])
