"""The ranges opsdesk accepts for every number and date given to it, in one place.

The KPI commands, the importers, the CLI and the SPC engine check what they are given
against these ranges, so each refuses the same things with one sentence naming the field
and, where there is one, the row:

- a value (measurement, target, band, threshold, spec limit, historical mean or sigma,
  sample size): between -1e15 and 1e15. That holds any amount of money in any currency,
  every integer in it is exact as a float, and sums and spreads of millions of such values
  stay far from float overflow (1.8e308), so every statistic, axis and table stays finite;
- a date: 1900-01-01 to 2100-12-31, the span of a spreadsheet's calendar;
- a random seed: 0 to 2**32 - 1;

Charts and tables still cope with any finite value that another program wrote into a
workspace (their axes and number formats are bounded on their own).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from opsdesk.core.errors import OpsdeskError

VALUE_LIMIT = 1e15
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
SEED_LIMIT = 2**32 - 1

VALUE_RANGE = "from -1e15 to 1e15"
DATE_RANGE = f"from {EARLIEST.isoformat()} to {LATEST.isoformat()}"
OUT_OF_RANGE = f"outside the range opsdesk accepts ({VALUE_RANGE})"
DATE_OUT_OF_RANGE = f"date out of range ({EARLIEST.year}-{LATEST.year})"


def in_range(value: float) -> bool:
    """True for a finite value within ±``VALUE_LIMIT`` (NaN and infinities are not)."""
    return -VALUE_LIMIT <= value <= VALUE_LIMIT


def all_in_range(values: Iterable[float]) -> bool:
    """``in_range`` for every float of a column, at C speed (an import's fast path)."""
    return all(map(VALUE_LIMIT.__ge__, map(abs, values)))


def or_none(value: float | None) -> float | None:
    """A stored number as opsdesk uses it: None when outside the range (or not a number)."""
    return value if isinstance(value, int | float) and in_range(value) else None


def _shown(value: float) -> str:
    return f"{value:g}" if math.isfinite(value) else str(value)


def check_value(value: float, what: str, where: str = "") -> float:
    """``value`` if in range, else one sentence: what (and where) it is and the range."""
    if not in_range(value):
        place = f" ({where})" if where else ""
        raise OpsdeskError(f"{what}{place} is {_shown(value)}, {OUT_OF_RANGE}.")
    return value


def check_optional(value: float | None, what: str, where: str = "") -> float | None:
    return None if value is None else check_value(value, what, where)


def sql_in_range(column: str) -> str:
    """A WHERE term keeping the rows whose ``column`` is in range.

    Statistics over stored observations use it: a value outside the range can only have
    been written by another program, and is left out (``opsdesk check`` lists it) rather
    than overflowing every sum and spread it enters.
    """
    return f"abs({column}) <= {VALUE_LIMIT:.0e}"


def date_in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def check_date(day: date, what: str) -> date:
    if not date_in_range(day):
        raise OpsdeskError(
            f"{what} is {day.isoformat()}; opsdesk works with dates {DATE_RANGE}."
        )
    return day


def check_seed(seed: int, what: str = "The seed") -> int:
    if not 0 <= seed <= SEED_LIMIT:
        raise OpsdeskError(f"{what} is {seed}; give a whole number from 0 to {SEED_LIMIT:,}.")
    return seed

