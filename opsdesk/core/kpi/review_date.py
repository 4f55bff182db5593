"""The date the app judges KPIs as of: today, unless the workspace pins a review date.

A workspace prepared for a review (the demo, a client's month-end pack) stores
``settings['kpi.as_of']`` so that every screen shows the statuses as they were then.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

SETTING = "kpi.as_of"


def review_date(conn: sqlite3.Connection) -> date:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    if row:
        try:
            return date.fromisoformat(str(json.loads(row[0])))
        except (ValueError, TypeError):
            pass  # a hand-edited value that is not a date: fall back to today
    return date.today()
