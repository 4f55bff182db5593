"""From a signal to an incident in one step: an alert on a KPI (red, an SPC signal, a
missed forecast) opens an incident filled in from it.

The incident is linked to the alert's KPI, detected by an alert at the moment the alert
was raised, titled with the alert's message, and its category guessed from the KPI's
name (a drift KPI gives "data drift", an accuracy KPI "model degradation", a latency KPI
"inference latency spike"; else "other"). When the impact started is not known from an
alert, so it is taken as the moment of detection and the timeline says so, for the team
to correct; until they do, the time to detect reads 0 for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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
        timeline = [
            {"at": moment, "text": f"Alert ({kind}, {period}) on {kpi_name}: {message}",
             "author": "opsdesk"},
            {"at": moment, "text": "Impact start taken as the alert's time; correct it "
             "when known.", "author": "opsdesk"}]
        inserted = InsertRows("incidents", ({
            "title": message, "severity": SEVERITY, "status": "open", "kpi_id": kpi_id,
            "category": category_of(kpi_name), "started_at": moment, "detected_at": moment,
            "detection_source": "alert", "timeline": json.dumps(timeline),
            "created_at": tx.at, "updated_at": tx.at},), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, inserted.result[0])
