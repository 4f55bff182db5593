"""From a signal to an incident in one step: an alert on a KPI (red, an SPC signal, a
missed forecast), or a point of a KPI's control chart that signals a special cause, opens
an incident filled in from it.

The incident is linked to the alert's KPI, detected by an alert at the moment the alert
was raised, titled with the alert's message, and its category guessed from the KPI's
name (a drift KPI gives "data drift", an accuracy KPI "model degradation", a latency KPI
"inference latency spike"; else "other"). When the impact started is not known from an
alert, so it is taken as the moment of detection and the timeline says so, for the team
to correct; until they do, the time to detect reads 0 for it. From a chart's point, the
impact started at the point's time and was detected now, by the control chart (detection
source "drift or anomaly detector", which an SPC test is).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import InsertRows

# the first word found in the KPI's name (case ignored) decides the category
CATEGORY_WORDS = (("drift", "data drift"), ("accuracy", "model degradation"),
                  ("precision", "model degradation"), ("recall", "model degradation"),
                  ("latency", "inference latency spike"), ("availability", "outage"),
                  ("uptime", "outage"), ("quality", "data quality"), ("cost", "cost anomaly"))
SEVERITY = "SEV3"  # the team raises or lowers it once they know the impact


def category_of(kpi_name: str) -> str:
    name = kpi_name.casefold()
    return next((category for word, category in CATEGORY_WORDS if word in name), "other")


@dataclass(frozen=True)
class IncidentFromAlert:
    """A new open incident from alert ``alert_id``; the result is the incident's id."""

    alert_id: int
    title: str = "Open an incident from an alert"

    def apply(self, tx: Transaction) -> Applied[int]:
        row = tx.conn.execute(
            "SELECT a.kpi_id, a.kind, a.period, a.message, a.raised_at, k.name"
            " FROM alerts a JOIN kpis k ON k.id = a.kpi_id WHERE a.id = ?",
            (self.alert_id,)).fetchone()
        if row is None:
            raise OpsdeskError("That alert no longer exists; no incident was opened.")
        kpi_id, kind, period, message, raised_at, kpi_name = row
        moment = str(raised_at)[:19]
        timeline = [(moment, f"Alert ({kind}, {period}) on {kpi_name}: {message}"),
                    (moment, "Impact start taken as the alert's time; correct it when known.")]
        return _open(tx, self.title, message, kpi_id, kpi_name, moment, moment, "alert",
                     timeline)


@dataclass(frozen=True)
class IncidentFromSignal:
    """A new open incident from point ``point`` (its label, as the chart shows it) of a
    control chart of KPI ``kpi_id``, which the SPC ``tests`` flag; the result is the
    incident's id."""

    kpi_id: int
    point: str
    tests: tuple[int, ...]
    title: str = "Open an incident from a signal"

    def apply(self, tx: Transaction) -> Applied[int]:
        row = tx.conn.execute("SELECT name FROM kpis WHERE id = ?", (self.kpi_id,)).fetchone()
        if row is None:
            raise OpsdeskError("That KPI no longer exists; no incident was opened.")
        kpi_name = str(row[0])
        if not self.tests:
            raise OpsdeskError(f"The point {self.point} of {kpi_name} signals nothing; no "
                               "incident was opened.")
        tests = ", ".join(str(t) for t in self.tests)
        message = f"{kpi_name} shows a special cause at {self.point} (SPC test {tests})"
        now = tx.at[:19]
        try:  # a KPI's points are labelled by their time (a subgroup's by its name)
            started = datetime.fromisoformat(self.point[:19]).isoformat(timespec="seconds")
        except ValueError:
            started = now
        started = min(started, now)  # a point dated later than today (a plan, a typo)
        timeline = [(started, f"Control chart of {kpi_name}: the point {self.point} "
                     f"fails SPC test {tests}."),
                    (now, "Opened from the control chart.")]
        if started == now:
            timeline.append((now, "Impact start taken as the time it was opened; correct it "
                             "when known."))
        return _open(tx, self.title, message, self.kpi_id, kpi_name, started, now,
                     "drift or anomaly detector", timeline)


def _open(tx: Transaction, title: str, message: str, kpi_id: int, kpi_name: str,
          started: str, detected: str, source: str,
          timeline: list[tuple[str, str]]) -> Applied[int]:
    """Insert the open incident, linked to its KPI, as one undoable step."""
    inserted = InsertRows("incidents", ({
        "title": message, "severity": SEVERITY, "status": "open", "kpi_id": kpi_id,
        "category": category_of(kpi_name), "started_at": started, "detected_at": detected,
        "detection_source": source,
        "timeline": json.dumps([{"at": at, "text": text, "author": "opsdesk"}
                                for at, text in timeline]),
        "created_at": tx.at, "updated_at": tx.at},), title).apply(tx)
    return Applied(inserted.inverse, inserted.changes, inserted.result[0])
