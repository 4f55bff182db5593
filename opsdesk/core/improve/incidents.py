"""AI/ML incidents and the deployments that may cause them.

An incident's six timestamps, in UTC (naive ``datetime`` values are UTC throughout):
impact started, detected, acknowledged, service restored, resolved (the fix in place),
closed. Only ``started`` is required (an incident belongs to the period it started in);
a missing one leaves the incident out of the metrics that need it, and only those.
``check_incident`` refuses times out of order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from opsdesk.core.errors import OpsdeskError

CATEGORIES = ("data drift", "model degradation", "inference latency spike", "outage",
              "data quality", "security or access", "cost anomaly", "other")
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
IMPACTS = ("none", "degraded", "outage")
DETECTION_SOURCES = ("drift or anomaly detector", "alert", "user report", "review")
TIMESTAMPS = ("started", "detected", "acknowledged", "restored", "resolved", "closed")
# Each pair (earlier, later) that must not run backwards. Restored may come before
# detected: an impact found afterwards, in a review, was already over.
ORDER = (("started", "detected"), ("detected", "acknowledged"), ("started", "restored"),
         ("started", "resolved"), ("restored", "resolved"), ("resolved", "closed"),
         ("started", "closed"))
Impact = Literal["none", "degraded", "outage"]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    text: str
    author: str = ""


@dataclass(frozen=True)
class Incident:
    key: str                      # its id in the file or system it came from
    title: str
    started: datetime
    service: str = ""
    category: str = "other"
    severity: str = "SEV3"
    availability_impact: Impact = "none"
    detected: datetime | None = None
    acknowledged: datetime | None = None
    restored: datetime | None = None
    resolved: datetime | None = None
    closed: datetime | None = None
    detection_source: str = ""
    model: str = ""
    model_version: str = ""
    caused_by_deployment: str = ""  # a deployment's key
    kpi_id: int | None = None       # the KPI whose signal or alert opened it
    timeline: tuple[TimelineEntry, ...] = ()
    owner: str = ""                 # who owns it, as the people directory spells them

    def time(self, name: str) -> datetime | None:
        value = getattr(self, name)
        return value if isinstance(value, datetime) else None


@dataclass(frozen=True)
class Deployment:
    key: str
    deployed_at: datetime
    service: str = ""
    kind: str = ""                     # model release, config change, rollback ...
    failed: bool | None = None         # failed and needed remediation; None: not stated
    linked_incident: str = ""          # the incident it caused, by key
    service_restored: datetime | None = None


def order_problem(times: dict[str, datetime | None]) -> tuple[str, str] | None:
    """The first (earlier, later) pair of ``times`` that runs backwards, or None."""
    for early, late in ORDER:
        a, b = times.get(early), times.get(late)
        if a is not None and b is not None and b < a:
            return early, late
    return None


def check_incident(incident: Incident) -> None:
    """One sentence for the first thing wrong with ``incident``."""
    where = f"Incident {incident.key!r}"
    for name, allowed in (("category", CATEGORIES), ("severity", SEVERITIES),
                          ("availability_impact", IMPACTS)):
        if getattr(incident, name) not in allowed:
            raise OpsdeskError(f"{where}: {name.replace('_', ' ')} is "
                               f"{getattr(incident, name)!r}; use one of {', '.join(allowed)}.")
    if incident.detection_source and incident.detection_source not in DETECTION_SOURCES:
        raise OpsdeskError(f"{where}: detection source is {incident.detection_source!r}; use "
                           f"one of {', '.join(DETECTION_SOURCES)}.")
    bad = order_problem({n: incident.time(n) for n in TIMESTAMPS})
    if bad:
        raise OpsdeskError(f"{where}: {bad[1]} ({incident.time(bad[1])}) is before {bad[0]} "
                           f"({incident.time(bad[0])}).")


def is_failed(deployment: Deployment, incidents_caused: set[str]) -> bool:
    """DORA's failed deployment: one that needed remediation. Stated on the deployment, or
    else inferred from an incident that names it as its cause (or that it names)."""
    if deployment.failed is not None:
        return deployment.failed
    return deployment.key in incidents_caused or bool(deployment.linked_incident)
