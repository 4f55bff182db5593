"""Periods: ISO weeks from Monday, calendar months and quarters, days.

Expected labels come from the ISO 8601 week rules (week 1 holds the year's first
Thursday) worked by hand against a calendar.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from opsdesk.core.kpi.periods import (
    end_of,
    key_of,
    label,
    shift,
    sql_key,
    start_from_key,
    start_of,
)


@pytest.mark.parametrize(("day", "frequency", "start", "text"), [
    # 2026-01-01 is a Thursday: its ISO week 2026-W01 starts on Monday 2025-12-29.
    (date(2026, 1, 1), "weekly", date(2025, 12, 29), "2026-W01"),
    # Sunday 2021-01-03 still belongs to 2020-W53 (2020 has 53 ISO weeks).
    (date(2021, 1, 3), "weekly", date(2020, 12, 28), "2020-W53"),
    # Monday 2026-10-19 starts week 43 (Jan 1 Thu -> W01 Mon Dec 29; +42 weeks = Oct 19).
    (date(2026, 10, 25), "weekly", date(2026, 10, 19), "2026-W43"),
    (date(2026, 10, 31), "monthly", date(2026, 10, 1), "2026-10"),
    (date(2026, 9, 30), "quarterly", date(2026, 7, 1), "2026-Q3"),
    (date(2026, 10, 1), "quarterly", date(2026, 10, 1), "2026-Q4"),
    (date(2026, 10, 31), "daily", date(2026, 10, 31), "2026-10-31"),
])
def test_start_and_label(day: date, frequency: str, start: date, text: str) -> None:
    assert start_of(day, frequency) == start
    assert label(start, frequency) == text


def test_shift_and_end() -> None:
    assert shift(date(2026, 11, 1), "monthly", -11) == date(2025, 12, 1)
    assert shift(date(2026, 10, 1), "quarterly", 1) == date(2027, 1, 1)
    assert end_of(date(2024, 2, 1), "monthly") == date(2024, 2, 29)  # leap year
    assert end_of(date(2026, 10, 19), "weekly") == date(2026, 10, 25)  # Sunday
    assert end_of(date(2026, 7, 1), "quarterly") == date(2026, 9, 30)


@pytest.mark.parametrize("frequency", ["daily", "weekly", "monthly", "quarterly"])
def test_sql_key_agrees_with_python(frequency: str) -> None:
    conn = sqlite3.connect(":memory:")
    day = date(2020, 12, 20)
    for _ in range(500):  # every weekday, month end and year end over ~17 months
        for ts in (day.isoformat(), f"{day.isoformat()}T23:59:00"):
            key = conn.execute(f"SELECT {sql_key(frequency, '?1')}", (ts,)).fetchone()[0]
            assert key == key_of(start_of(day, frequency)), (ts, frequency)
            assert start_from_key(key) == start_of(day, frequency)
        day += timedelta(days=1)
