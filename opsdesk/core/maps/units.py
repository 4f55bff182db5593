"""Units of time for step data, and the one converter between them.

Times are calendar time: a day is 24 hours and a week 7 days. A map states the unit its
analyses report in (``ProcessMap.time_unit``); every step time is converted to it here.
"""

from __future__ import annotations

from typing import Literal, get_args

TimeUnit = Literal["s", "min", "h", "d", "wk"]
TIME_UNITS: tuple[TimeUnit, ...] = get_args(TimeUnit)

_SECONDS: dict[str, float] = {"s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0, "wk": 604800.0}
_NAMES = {"s": "seconds", "min": "minutes", "h": "hours", "d": "days", "wk": "weeks"}
# What people write, read as one of the units above (lower case, without a trailing dot).
_ALIASES = {
    "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "m": "min", "mins": "min", "minute": "min", "minutes": "min",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "day": "d", "days": "d",
    "w": "wk", "week": "wk", "weeks": "wk",
}


def convert(value: float, unit: TimeUnit, to: TimeUnit) -> float:
    """``value`` in ``unit`` expressed in ``to`` (5 min -> 0.0833 h)."""
    if unit == to:
        return value
    return value * _SECONDS[unit] / _SECONDS[to]


def parse_unit(text: str) -> TimeUnit:
    """The unit ``text`` names ("min", "Hours", "d."); ValueError with a sentence if none."""
    key = text.strip().lower().rstrip(".")
    key = _ALIASES.get(key, key)
    for unit in TIME_UNITS:
        if unit == key:
            return unit
    raise ValueError(f"'{text}' is not a unit of time (use one of {', '.join(TIME_UNITS)}).")


def unit_name(unit: TimeUnit) -> str:
    """The plural English name of ``unit`` ("minutes"), for tables and sentences."""
    return _NAMES[unit]
