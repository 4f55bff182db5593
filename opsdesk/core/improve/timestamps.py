"""Incident times as exports write them, read as UTC.

ISO 8601 with an offset or ``Z`` is converted to UTC ("2026-01-05T10:00:00+02:00" is
08:00 UTC); a time without an offset is taken as UTC already, as PagerDuty's and
Opsgenie's APIs write them (export in UTC from tools that write local times). Also read:
Jira's default ``05/Jan/26 10:23 AM``, spreadsheet date cells and serials, and the
day-first or month-first text dates of the KPI importer (``imports.dates``, with the
same refusal to guess an ambiguous order).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from opsdesk.core.imports import dates

_ISO_ZONE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*"
    r"(Z|UTC|[+-]\d{2}(?::?\d{2})?)$", re.I)
_JIRA = re.compile(r"^(\d{1,2})/([A-Za-z]{3,9})/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})"
                   r"(?::(\d{2}))?\s*([AaPp][Mm])?$")


def _zoned(match: re.Match[str]) -> tuple[datetime | None, str | None]:
    day, hh, mm, ss, _fraction, zone = match.groups()
    try:
        moment = datetime.fromisoformat(f"{day}T{int(hh):02d}:{mm}:{ss or '00'}")
    except ValueError:
        return None, dates.NOT_A_DATE
    zone = zone.upper()
    if zone not in ("Z", "UTC"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        moment = (moment.replace(tzinfo=timezone(sign * offset))
                  .astimezone(UTC).replace(tzinfo=None))
    return _checked(moment)


def _jira(match: re.Match[str]) -> tuple[datetime | None, str | None]:
    day, month_name, year, hh, mm, ss, ampm = match.groups()
    month = dates.MONTHS.get(month_name.lower())
    hour = int(hh)
    if month is None or hour > 23 or (ampm and not 1 <= hour <= 12):
        return None, dates.NOT_A_DATE
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    full_year = int(year) + (2000 if len(year) == 2 and int(year) < 69 else
                             1900 if len(year) == 2 else 0)
    try:
        return _checked(datetime(full_year, month, int(day), hour, int(mm), int(ss or 0)))
    except ValueError:
        return None, dates.NOT_A_DATE


def _checked(moment: datetime) -> tuple[datetime | None, str | None]:
    reason = dates.check_range(moment)
    return (None, reason) if reason else (moment.replace(microsecond=0), None)


def parse_utc(cell: object, order: str | None = None, date1904: bool = False
              ) -> tuple[datetime | None, str | None]:
    """(UTC time, None) or (None, reason) for one cell; a blank cell is (None, None)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, None
    if isinstance(cell, datetime):
        if cell.tzinfo is not None:
            cell = cell.astimezone(UTC).replace(tzinfo=None)
        return _checked(cell)
    if isinstance(cell, date):
        return _checked(datetime(cell.year, cell.month, cell.day))
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        text, reason = dates.from_serial(float(cell), date1904)
        return (datetime.fromisoformat(text), None) if text else (None, reason)
    text = " ".join(str(cell).split())
    match = _ISO_ZONE.match(text)
    if match:
        return _zoned(match)
    match = _JIRA.match(text)
    if match:
        return _jira(match)
    iso, reason = dates.parse_text(text, order)
    if iso is None:
        return None, reason
    return datetime.fromisoformat(iso), None


def iso(moment: datetime) -> str:
    """How a workspace stores a UTC time: ``YYYY-MM-DDTHH:MM:SS``."""
    return moment.isoformat(timespec="seconds")
