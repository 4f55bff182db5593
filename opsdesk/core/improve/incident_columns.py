"""Which column of an incident or deployment export holds which field, per source.

opsdesk's own columns are those the incidents issue lists. The other sources are the
usual exports of four incident tools; where their names come from:

- ServiceNow: the incident table's field names (``number``, ``short_description``,
  ``priority``, ``category``, ``business_service``, ``cmdb_ci``, ``opened_at``,
  ``resolved_at``, ``closed_at``, ``caused_by``) and their labels as the form and list
  views show them (Number, Short description, Priority, Service, Configuration item,
  Opened, Resolved, Closed, Caused by Change), so an export with either header reads.
  ServiceNow records no impact start and no acknowledgement: the incident is opened when
  it is detected, so started and detected are both ``opened_at`` (MTTD reads 0; map
  ``started`` to a column of your own if you keep one). Resolved is ITIL's resolution,
  the service restored, so it gives both restored and resolved.
- Jira Service Management: the column headers of Jira's issue CSV export (Issue key,
  Summary, Priority, Created, Resolved, Component/s, and custom fields as ``Custom field
  (Name)``, such as its Affected services field). As with ServiceNow, Created stands for
  started and detected, and Resolved for restored and resolved.
- PagerDuty: the incident fields of its REST API v2 (``incident_number``, ``id``,
  ``title``, ``created_at``, ``urgency``, ``priority``) and of its Analytics raw incident
  data (``service_name``, ``priority_name``, ``resolved_at``, ``seconds_to_first_ack``).
  An incident is created when its alert triggers: started and detected are
  ``created_at``; acknowledged is ``created_at`` plus ``seconds_to_first_ack``.
- Opsgenie: the fields of its Incident API (``tinyId``, ``id``, ``message``,
  ``priority`` P1-P5, ``impactedServices``, ``createdAt``, ``impactStartDate``,
  ``impactEndDate``): started is the impact start, detected the creation, restored the
  impact end.

The owner is the person the incident is assigned to: ServiceNow's ``assigned_to``
(Assigned to), Jira's Assignee, PagerDuty's Assigned To (its incident list's CSV export;
``assignee`` in other exports), Opsgenie's Owner. It is stored as the people directory
spells that person (``people_store.spelled``), else as the export writes it.

None of them has opsdesk's AI/ML category or availability impact: those default to
"other" and "none" (no downtime) unless mapped with ``--map FIELD=COLUMN``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

INCIDENT_FIELDS = ("id", "title", "service", "category", "severity", "availability_impact",
                   "started", "detected", "acknowledged", "restored", "resolved", "closed",
                   "caused_by_deployment", "detection_source", "model", "model_version",
                   "owner")
DEPLOYMENT_FIELDS = ("deployment", "service", "deployed_at", "kind",
                     "failed_needing_remediation", "linked_incident", "service_restored")
REQUIRED = {"incidents": ("id", "started"), "deployments": ("deployment", "deployed_at")}
KINDS = ("incidents", "deployments")


@dataclass(frozen=True)
class Offset:
    """A field given as seconds after another field (PagerDuty's ``seconds_to_first_ack``)."""

    base: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class SourceColumns:
    name: str
    label: str
    kind: str                                    # incidents or deployments
    fields: Mapping[str, tuple[str, ...]]        # field -> header names, first found wins
    offsets: Mapping[str, Offset] = field(default_factory=dict)


def _own(fields: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {f: (f,) for f in fields}


SOURCES: tuple[SourceColumns, ...] = (
    SourceColumns("opsdesk", "opsdesk", "incidents", _own(INCIDENT_FIELDS)),
    SourceColumns("opsdesk", "opsdesk", "deployments", _own(DEPLOYMENT_FIELDS)),
    SourceColumns("servicenow", "ServiceNow", "incidents", {
        "id": ("number", "Number"),
        "title": ("short_description", "Short description"),
        "service": ("business_service", "Service", "cmdb_ci", "Configuration item"),
        "severity": ("priority", "Priority"),
        "started": ("opened_at", "Opened"),
        "detected": ("opened_at", "Opened"),
        "restored": ("resolved_at", "Resolved"),
        "resolved": ("resolved_at", "Resolved"),
        "closed": ("closed_at", "Closed"),
        "caused_by_deployment": ("caused_by", "Caused by Change"),
        "owner": ("assigned_to", "Assigned to"),
    }),
    SourceColumns("jira", "Jira Service Management", "incidents", {
        "id": ("Issue key",),
        "title": ("Summary",),
        "service": ("Custom field (Affected services)", "Affected services", "Component/s"),
        "severity": ("Priority",),
        "started": ("Created",),
        "detected": ("Created",),
        "restored": ("Resolved",),
        "resolved": ("Resolved",),
        "owner": ("Assignee",),
    }),
    SourceColumns("pagerduty", "PagerDuty", "incidents", {
        "id": ("incident_number", "id"),
        "title": ("title", "description"),
        "service": ("service_name", "service"),
        "severity": ("priority_name", "priority"),
        "started": ("created_at",),
        "detected": ("created_at",),
        "restored": ("resolved_at",),
        "resolved": ("resolved_at",),
        "owner": ("Assigned To", "assignee"),
    }, {"acknowledged": Offset("detected", ("seconds_to_first_ack",))}),
    SourceColumns("opsgenie", "Opsgenie", "incidents", {
        "id": ("tinyId", "id"),
        "title": ("message",),
        "service": ("impactedServices",),
        "severity": ("priority",),
        "started": ("impactStartDate",),
        "detected": ("createdAt",),
        "restored": ("impactEndDate",),
        "owner": ("Owner",),
    }),
)

# Values as the sources write them (compared in lower case, spaces collapsed).
SEVERITY_WORDS: dict[str, str] = {
    **{f"{p}{n}": f"SEV{n}" for n in range(1, 5) for p in ("sev", "sev-", "sev ", "p", "")},
    "p5": "SEV4", "5": "SEV4",
    # ServiceNow priorities (1 - Critical ... 5 - Planning)
    "1 - critical": "SEV1", "2 - high": "SEV2", "3 - moderate": "SEV3", "4 - low": "SEV4",
    "5 - planning": "SEV4",
    # Jira priorities
    "highest": "SEV1", "high": "SEV2", "medium": "SEV3", "low": "SEV4", "lowest": "SEV4",
    "critical": "SEV1", "moderate": "SEV3",
}
IMPACT_WORDS = {"none": "none", "no": "none", "no impact": "none", "degraded": "degraded",
                "partial outage": "degraded", "outage": "outage", "full outage": "outage",
                "down": "outage"}
CATEGORY_WORDS = {"security": "security or access", "access": "security or access",
                  "latency": "inference latency spike", "drift": "data drift"}
DETECTION_WORDS = {"detector": "drift or anomaly detector",
                   "drift detector": "drift or anomaly detector",
                   "anomaly detector": "drift or anomaly detector", "monitoring": "alert"}
BOOLEAN_WORDS = {"yes": True, "y": True, "true": True, "1": True, "failed": True,
                 "no": False, "n": False, "false": False, "0": False}


def sources(kind: str) -> list[SourceColumns]:
    return [s for s in SOURCES if s.kind == kind]


def source_names(kind: str) -> tuple[str, ...]:
    return tuple(s.name for s in sources(kind))
