"""Dates as spreadsheets hold them: Excel serials (1900 and 1904 systems), ISO text,
day-first and month-first text, month names, quarters and ISO weeks.

Results are ISO text (``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM:SS`` when there is a time).
A text date whose day and month could be swapped is never guessed: it needs the column's
other values to settle the order, or an explicit ``order`` ("dmy" or "mdy").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from opsdesk.core.ranges import DATE_OUT_OF_RANGE as OUT_OF_RANGE
from opsdesk.core.ranges import date_in_range

NOT_A_DATE = "not a date"
AMBIGUOUS = "ambiguous date: day-first or month-first? choose the date order"

_EPOCH_1900 = datetime(1899, 12, 30)  # serial 1 = 1900-01-01 once Lotus' 1900-02-29 is skipped
_EPOCH_1904 = datetime(1904, 1, 1)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "janv", "janvier", "januar", "ene", "enero", "gen"),
            ("feb", "february", "fev", "fév", "février", "februar", "febrero"),
            ("mar", "march", "mars", "märz", "marz", "marzo", "mrz"),
            ("apr", "april", "avr", "avril", "abr", "abril", "aprile"),
            ("may", "mai", "mayo", "maggio"),
            ("jun", "june", "juin", "juni", "junio", "giu"),
            ("jul", "july", "juil", "juillet", "juli", "julio", "lug"),
            ("aug", "august", "août", "aout", "ago", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre", "set"),
            ("oct", "october", "octobre", "okt", "oktober", "octubre", "ott"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "déc", "décembre", "dez", "dezember", "dic", "diciembre"),
        ],
        start=1,
    )
    for name in names
}

_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_NUMERIC = re.compile(
    r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"
)
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_QUARTER = re.compile(r"^(?:(\d{4})\s*[-/ ]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4}))$", re.I)
_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$", re.I)
_WORDS = re.compile(r"[A-Za-zÀ-ÿ]+\.?|\d+")


def _iso(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def check_range(value: date | datetime) -> str | None:
    """The reason a date is out of range, or None."""
    day = value.date() if isinstance(value, datetime) else value
    return None if date_in_range(day) else OUT_OF_RANGE


def from_python(value: date | datetime) -> tuple[str | None, str | None]:
    reason = check_range(value)
    return (None, reason) if reason else (_iso(value), None)


def from_serial(serial: float, date1904: bool = False) -> tuple[str | None, str | None]:
    """An Excel serial day number (days since the workbook's epoch) as ISO text."""
    if not 0 < serial < 2_958_466:  # 9999-12-31 in the 1900 system
        return None, OUT_OF_RANGE
    if date1904:
        moment = _EPOCH_1904 + timedelta(days=serial)
    elif serial < 61:
        # Excel counts a 1900-02-29 that never was (serial 60); earlier serials sit one day on.
        if int(serial) == 60:
            return None, NOT_A_DATE
        moment = _EPOCH_1900 + timedelta(days=serial + 1)
    else:
        moment = _EPOCH_1900 + timedelta(days=serial)
    # Serials carry float noise (0.5625 -> 13:29:59.99...): round to the second.
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    return from_python(moment)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # two-digit years: 00-68 -> 2000s, 69-99 -> 1900s, as Excel does
        year += 2000 if year < 69 else 1900
    return year


def _build(
    year: int, month: int, day: int, hms: tuple[int, int, int] = (0, 0, 0)
) -> tuple[str | None, str | None]:
    try:
        return from_python(datetime(year, month, day, *hms))
    except ValueError:
        return None, NOT_A_DATE


def numeric_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a ``12/05/2024``-style date, to settle a column's order."""
    match = _NUMERIC.match(text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _clock(
    hour: str | None, minute: str | None, second: str | None, ampm: str | None = None
) -> tuple[int, int, int] | None:
    if hour is None:
        return (0, 0, 0)
    h, m, s = int(hour), int(minute or 0), int(second or 0)
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.lower() == "pm" else 0)
    if h > 23 or m > 59 or s > 59:
        return None
    return (h, m, s)


def parse_text(text: str, order: str | None = None) -> tuple[str | None, str | None]:
    """(ISO text, None) or (None, reason) for a date typed as text.

    ``order`` is "dmy" or "mdy" for ``01/02/2024``-style dates; None refuses to guess
    when both readings are valid dates.
    """
    s = " ".join(text.replace("\u00a0", " ").split())
    if not s:
        return None, NOT_A_DATE
    match = _ISO.match(s)
    if match:
        y, mo, d, hh, mi, ss = match.groups()
        clock = _clock(hh, mi, ss)
        return _build(int(y), int(mo), int(d), clock) if clock else (None, NOT_A_DATE)
    match = _NUMERIC.match(s)
    if match:
        a, b, y, hh, mi, ss, ampm = match.groups()
        first, second = int(a), int(b)
        clock = _clock(hh, mi, ss, ampm)
        if clock is None:
            return None, NOT_A_DATE
        if order is None:
            if first > 12 and second <= 12:
                order = "dmy"
            elif second > 12 and first <= 12:
                order = "mdy"
            elif first == second:
                order = "dmy"  # 05/05: both readings are the same day
            else:
                return None, AMBIGUOUS
        day, month = (first, second) if order == "dmy" else (second, first)
        return _build(_year(y), month, day, clock)
    return _parse_period(s)


def _parse_period(s: str) -> tuple[str | None, str | None]:
    """Months, quarters, weeks and named-month dates; the first day of a period."""
    match = _YEAR_MONTH.match(s)
    if match:
        return _build(int(match.group(1)), int(match.group(2)), 1)
    match = _QUARTER.match(s)
    if match:
        year = int(match.group(1) or match.group(4))
        quarter = int(match.group(2) or match.group(3))
        return _build(year, 3 * quarter - 2, 1)
    match = _WEEK.match(s)
    if match:
        try:
            return from_python(date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1))
        except ValueError:
            return None, NOT_A_DATE
    return _parse_named(s)


def _parse_named(s: str) -> tuple[str | None, str | None]:
    """``Jan 2024``, ``31 Jan 2024``, ``January 31, 2024``, ``31-Jan-24``."""
    tokens = _WORDS.findall(s.lower())
    months = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    if len(months) != 1 or not 1 <= len(numbers) <= 2:
        return None, NOT_A_DATE
    month = MONTHS.get(months[0].rstrip("."))
    if month is None:
        return None, NOT_A_DATE
    if len(numbers) == 1:
        if len(numbers[0]) not in (2, 4):
            return None, NOT_A_DATE
        return _build(_year(numbers[0]), month, 1)
    day_text, year_text = numbers
    if len(day_text) == 4:
        day_text, year_text = year_text, day_text
    if len(day_text) > 2 or len(year_text) not in (2, 4):
        return None, NOT_A_DATE
    return _build(_year(year_text), month, int(day_text))


def infer_order(texts: list[str]) -> str | None:
    """ "dmy" or "mdy" when a column's values settle it, else None (unsettled or mixed)."""
    day_first = month_first = False
    for text in texts:
        parts = numeric_parts(text)
        if parts is None:
            continue
        first, second = parts
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
        if day_first and month_first:
            return None
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    return None
