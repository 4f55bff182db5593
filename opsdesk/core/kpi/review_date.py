"""The date KPIs are judged as of, the one default for the app, the CLI, alerts and the PDF.

The review date is the day the review is made: the periods that ended before it are
judged, and the period it falls in (if any data has arrived for it) is shown "to date".
By default it is the day after the newest period that holds data ends: a workbook whose
newest row is "Dec-25" (dated 2025-12-01, which belongs to December) is reviewed as of
2026-01-01, with December judged whole, never as a December "to date". While that newest
period is still running (its end is after today), the review date is today.

A workspace prepared for a review (the demo, a client's month-end pack) may pin the date
in ``settings['kpi.as_of']``, so that every screen shows the statuses as they were then.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

from opsdesk.core.kpi.periods import end_of, start_of

SETTING = "kpi.as_of"


def pinned(conn: sqlite3.Connection) -> date | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    if row:
        try:
            return date.fromisoformat(str(json.loads(row[0])))
        except (ValueError, TypeError):
            pass  # a hand-edited value that is not a date: as if none were pinned
    return None


def after_newest_period(conn: sqlite3.Connection) -> tuple[date, date] | None:
    """(the day after the newest period holding data ends, the newest observation's day)
    over every KPI, each at its own frequency; None without observations.

    One index look-up per KPI (the newest ``ts`` of a KPI is the last entry of the
    (kpi_id, ts) index), not a pass over the observations.
    """
    best: tuple[date, date] | None = None
    for kpi_id, frequency in conn.execute("SELECT id, frequency FROM kpis").fetchall():
        (newest,) = conn.execute(
            "SELECT max(ts) FROM observations WHERE kpi_id = ?", (kpi_id,)
        ).fetchone()
        try:
            day = date.fromisoformat(str(newest)[:10]) if newest else None
        except ValueError:
            continue  # not an ISO date: it says nothing about periods
        if day is None:
            continue
        after = end_of(start_of(day, frequency), frequency) + timedelta(days=1)
        if best is None or after > best[0]:
            best = (after, max(day, best[1]) if best else day)
        elif day > best[1]:
            best = (best[0], day)
    return best


def review_date(conn: sqlite3.Connection, today: date | None = None) -> date:
    """The review date (see the module): pinned, else after the newest period with data,
    else today."""
    chosen = pinned(conn)
    if chosen is not None:
        return chosen
    today = today or date.today()
    newest = after_newest_period(conn)
    if newest is None:
        return today
    after, newest_day = newest
    if newest_day <= today < after:
        return today  # the newest period is still running
    return after
