"""Axis ranges and tick positions for the PDF charts (numbers, dates, categories)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from opsdesk.core.charts import Axis
from opsdesk.core.ranges import VALUE_LIMIT

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


MAX_TICKS = 50  # a bound whatever the range: a huge span never means a huge loop


def nice_step(span: float, count: int) -> float:
    """A 1-2-2.5-5 step giving about ``count`` intervals over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, count)
    if raw == 0.0:  # the span is the least float above 0, and its part underflows
        return span
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def padded(lo: float, hi: float, axis: Axis, pad: float = 0.06) -> tuple[float, float]:
    """The drawn range: the axis's own limits where set, else the data plus a margin.

    Both ends stay finite: a margin that would overflow is left out.
    """
    if lo > hi:
        lo, hi = 0.0, 1.0
    if hi == lo:
        lo, hi = lo - (abs(lo) * 0.1 or 1.0), hi + (abs(hi) * 0.1 or 1.0)
    margin = (hi / 2 - lo / 2) * 2 * pad  # halves first: hi - lo may overflow
    low, high = lo - margin, hi + margin
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = lo, hi
    wanted_low, wanted_high = axis.min, axis.max
    if wanted_low is not None and math.isfinite(wanted_low):
        low = wanted_low
    if wanted_high is not None and math.isfinite(wanted_high):
        high = wanted_high
    return (low, high) if low < high else (lo, hi)


def number_ticks(lo: float, hi: float, count: int = 5) -> tuple[list[float], int]:
    """Tick values inside [lo, hi] and the decimals to print them with.

    At most ``MAX_TICKS`` ticks for any finite range, however wide or however far from 0
    (the step is worked out on halves, so spans past float's maximum do not overflow).
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return ([lo] if hi == lo else []), 0
    step = nice_step(hi / 2 - lo / 2, count) * 2 if math.isinf(hi - lo) else \
        nice_step(hi - lo, count)
    if not math.isfinite(step) or step <= 0 or lo + step == lo or hi - step == hi:
        return ([lo] if lo == hi else [lo, hi]), 0  # too wide or too narrow to divide
    first_index = math.ceil(lo / step - 1e-9)
    last_index = math.floor(hi / step + 1e-9)
    if last_index - first_index + 1 > MAX_TICKS:
        return [lo, hi], 0
    ticks = [0.0 if index == 0 else index * step
             for index in range(first_index, last_index + 1)]
    decimals = 0  # as many as the step needs to print exactly (0.25 needs 2)
    while decimals < 6 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6:
        decimals += 1
    return ticks, min(decimals, 6)


def format_number(value: float, decimals: int) -> str:
    # Past the accepted range (another program's values) a short form keeps labels short.
    text = f"{value:,.{decimals}f}" if abs(value) < VALUE_LIMIT else f"{value:.3g}"
    return text.replace("-", "−")


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def date_ticks(lo: float, hi: float, count: int = 7) -> list[tuple[float, str]]:
    """Month (or day) ticks between two POSIX timestamps, labelled like "Mar 26"."""
    start = datetime.fromtimestamp(lo, UTC).date()
    end = datetime.fromtimestamp(hi, UTC).date()
    span_days = (end - start).days
    ticks: list[tuple[float, str]] = []
    if span_days > 45:
        first, last = _month_index(start) + 1, _month_index(end)
        months = max(1, last - first + 1)
        step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 60) if months / s <= count)
        for index in range(first, last + 1):
            if index % step:
                continue
            day = date(index // 12, index % 12 + 1, 1)
            stamp = datetime(day.year, day.month, 1, tzinfo=UTC).timestamp()
            ticks.append((stamp, f"{MONTHS[day.month - 1]} {day.year % 100:02d}"))
        return ticks
    step_days = max(1, math.ceil(span_days / count))
    stamp = datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp()
    while stamp <= hi:
        if stamp >= lo:
            day = datetime.fromtimestamp(stamp, UTC).date()
            ticks.append((stamp, f"{day.day} {MONTHS[day.month - 1]}"))
        stamp += step_days * 86400
    return ticks
