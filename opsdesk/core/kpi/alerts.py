"""Alerts raised when new data arrive: red, SPC signal, stale, forecast miss.

``raise_alerts`` runs inside the command that brought the data (an observation edit, an
import) and writes through its connection, so the alerts are undone with it. An alert is
raised once per KPI, kind and period (the table's unique key), so an acknowledged alert
does not come back for the same period.

A KPI whose newest data are stale gets its alert from its newest period alone (two index
look-ups): no history, no SPC, no forecast, and numpy is not loaded for it. An import of
old data (years of history ending months ago) raises its alerts in milliseconds.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from opsdesk.core.kpi.aggregate import Newest, newest
from opsdesk.core.kpi.definitions import Kpi, load_kpis
from opsdesk.core.kpi.formatting import fmt
from opsdesk.core.kpi.periods import end_of, key_of, label, shift, start_of
from opsdesk.core.kpi.status import judge
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Transaction, now_iso
from opsdesk.core.workspace.row_commands import DeleteRows, UpdateRow

if TYPE_CHECKING:  # the scorecard and the forecast load numpy: imported when needed
    from opsdesk.core.kpi.scorecard import KpiStatus

KINDS = {"red": "Turned red", "signal": "SPC signal", "stale": "Data stale",
         "forecast_miss": "Forecast miss"}


def _forecast_miss(s: KpiStatus, values: object, as_of: date) -> tuple[str, str] | None:
    """(quarter label, message) when the forecast for the quarter's end misses target."""
    import numpy as np

    from opsdesk.core.kpi.forecast import FIT_PERIODS, MIN_PERIODS, fit_best, predict
    from opsdesk.core.kpi.natural_range import natural_range

    history = np.asarray(values, dtype=float)
    if s.period_start is None or len(history) < MIN_PERIODS:
        return None
    kpi, freq = s.kpi, s.kpi.frequency
    quarter = start_of(as_of, "quarterly")
    goal_start = start_of(end_of(quarter, "quarterly"), freq)
    steps, cursor = 0, s.period_start
    while cursor < goal_start:
        cursor, steps = shift(cursor, freq), steps + 1
    target = kpi.target_on(goal_start)
    if steps == 0 or target is None:  # with no target, no forecast can miss it: no fit
        return None
    point, low, high = predict(fit_best(history[-FIT_PERIODS:]), steps,
                               bounds=natural_range(kpi, history.tolist()))
    if judge(kpi, point, target) in ("green", "no target"):
        return None
    goal = (f"{fmt(kpi, target.band_low)}–{fmt(kpi, target.band_high)}"
            if kpi.direction == "band" and target else fmt(kpi, target.target if target else None))
    return label(quarter, "quarterly"), (
        f"{kpi.name}: forecast for {label(goal_start, freq)} is {fmt(kpi, point, True)}"
        f" ({fmt(kpi, low)} to {fmt(kpi, high)}), missing the target {goal}."
    )


def candidates(s: KpiStatus, values: object, as_of: date) -> list[tuple[str, str, str]]:
    """(kind, period, message) for what this status warrants."""
    kpi, out = s.kpi, []
    if s.status == "red" and s.period:
        goal = "its band" if kpi.direction == "band" else fmt(kpi, s.target_value, True)
        out.append(("red", s.period, f"{kpi.name} is red in {s.period}: "
                    f"{fmt(kpi, s.value, True)} against a target of {goal}."))
    if s.signals and s.period:
        tests = ", ".join(str(t) for t in s.signals)
        out.append(("signal", s.period, f"{kpi.name} shows a special cause in {s.period} "
                    f"(SPC test {tests}): a change, not noise."))
    if s.status == "stale" and s.period:
        out.append(_stale(kpi, s.period, s.last_date, s.last_value))
    if s.status not in ("stale", "no data"):
        miss = _forecast_miss(s, values, as_of)
        if miss:
            out.append(("forecast_miss", *miss))
    return out


def _stale(kpi: Kpi, period: str, last_date: str | None,
           last_value: float | None) -> tuple[str, str, str]:
    # Keyed by the last period with data: one alert while the feed stays silent.
    return ("stale", period, f"{kpi.name} has had no data since {last_date} "
            f"(last value {fmt(kpi, last_value, True)}).")


def _from_newest(kpi: Kpi, last: Newest | None, as_of: date) -> list[tuple[str, str, str]] | None:
    """The alerts when the newest observation decides them, else None (the history does).

    No data: none. Newest data older than the two periods before the current one: the
    KPI is stale (the scorecard's rule), and a stale KPI is judged on nothing else.
    """
    if last is None:
        return []
    current = start_of(as_of, kpi.frequency)
    if last.start >= shift(current, kpi.frequency, -2):
        return None
    return [_stale(kpi, label(last.start, kpi.frequency), last.ts[:10], last.value)]


def raise_alerts(
    conn: sqlite3.Connection, kpi_ids: Iterable[int], as_of: date | None = None
) -> list[int]:
    """Raise the alerts that these KPIs' data now warrant; returns the new alert ids.

    Call it inside the command's transaction (``tx.conn``) after writing observations.
    """
    if as_of is None:
        from opsdesk.core.kpi.review_date import review_date

        as_of = review_date(conn)
    kpis = load_kpis(conn, sorted(set(kpi_ids)), include_archived=False)
    found: dict[int, list[tuple[str, str, str]]] = {}
    for kpi in kpis:
        try:
            quick = _from_newest(kpi, newest(conn, kpi, as_of), as_of)
        except ValueError:  # a timestamp that is not ISO: let the full path judge it
            quick = None
        if quick is not None:
            found[kpi.id] = quick
    rest = [k for k in kpis if k.id not in found]
    if rest:
        from opsdesk.core.kpi import period_refresh
        from opsdesk.core.kpi.aggregate import period_values

        period_refresh.refresh_within(conn)  # the sums of what this transaction wrote
        from opsdesk.core.kpi.scorecard import kpi_status

        values = period_values(conn, rest, as_of)
        for kpi in rest:
            pv = values.get(kpi.id)
            status = kpi_status(kpi, pv, as_of)
            current = key_of(start_of(as_of, kpi.frequency))
            done: object = [] if pv is None else pv.values[: bisect_left(pv.keys, current)]
            found[kpi.id] = candidates(status, done, as_of)
    stamp, new_ids = now_iso(), []
    for kpi in kpis:
        for kind, period, message in found[kpi.id]:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO alerts (kpi_id, kind, period, message, raised_at)"
                " VALUES (?, ?, ?, ?, ?)", (kpi.id, kind, period, message, stamp))
            if cursor.rowcount:
                new_ids.append(int(cursor.lastrowid or 0))
    return new_ids


def open_alerts(
    conn: sqlite3.Connection, include_acknowledged: bool = False
) -> list[dict[str, object]]:
    sql = ("SELECT a.id, a.kpi_id, k.name AS kpi, a.kind, a.period, a.message, a.raised_at,"
           " a.acknowledged_at, a.acknowledged_by FROM alerts a JOIN kpis k ON k.id = a.kpi_id")
    if not include_acknowledged:
        sql += " WHERE a.acknowledged_at IS NULL"
    cursor = conn.execute(sql + " ORDER BY a.raised_at DESC, a.id DESC")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


@dataclass(frozen=True)
class AcknowledgeAlerts:
    """Record that someone has seen these alerts (undo clears the acknowledgement)."""

    ids: tuple[int, ...]
    title: str = "Acknowledge alerts"

    def apply(self, tx: Transaction) -> Applied[None]:
        updates = tuple(UpdateRow("alerts", alert_id,
                                  {"acknowledged_at": tx.at, "acknowledged_by": tx.user},
                                  self.title) for alert_id in self.ids)
        applied = Batch(self.title, updates).apply(tx)
        return Applied(applied.inverse, Changes.ALERTS, None)


@dataclass(frozen=True)
class RaiseAlerts:
    """Raise the alerts these KPIs' data now warrant (``raise_alerts``); undo removes them.

    Follows every command that changes a KPI's data, in its transaction:
    ``applied.then(tx, RaiseAlerts(kpi_ids))``. The result is the new alerts' ids.
    """

    kpi_ids: tuple[int, ...]
    as_of: date | None = None
    title: str = "Raise alerts"

    def apply(self, tx: Transaction) -> Applied[list[int]]:
        raised = raise_alerts(tx.conn, self.kpi_ids, self.as_of)
        inverse = DeleteRows("alerts", tuple(raised), self.title)
        return Applied(inverse, Changes.ALERTS if raised else Changes.NONE, raised)
