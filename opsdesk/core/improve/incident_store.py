"""Incidents and deployments in the workspace: how their rows map to the model, and the
typed queries that read them (``incidents`` and ``deployments`` tables, format 5).

Times are stored as ``timestamps.iso`` writes them (UTC, ``YYYY-MM-DDTHH:MM:SS``), so a
period is a text range on the indexed column: ``started_at >= from AND started_at < to``.
``metric_columns`` reads a period's incidents and deployments straight into the columns
``incident_metrics`` runs on; a deployment's failure and recovery are inferred in SQL as
``incidents.is_failed`` and ``DeploymentColumns.from_deployments`` infer them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from opsdesk.core.improve.incident_table import (
    DeploymentColumns,
    IncidentColumns,
    read_deployment_columns,
    read_incident_columns,
)
from opsdesk.core.improve.incidents import Deployment, Incident, TimelineEntry
from opsdesk.core.improve.timestamps import iso

# model attribute -> column
INCIDENT_COLUMNS: dict[str, str] = {
    "key": "key", "title": "title", "started": "started_at", "service": "service",
    "category": "category", "severity": "severity",
    "availability_impact": "availability_impact", "detected": "detected_at",
    "acknowledged": "acknowledged_at", "restored": "restored_at", "resolved": "resolved_at",
    "closed": "closed_at", "detection_source": "detection_source", "model": "model",
    "model_version": "model_version", "caused_by_deployment": "caused_by_deployment",
    "kpi_id": "kpi_id", "timeline": "timeline", "owner": "owner"}
DEPLOYMENT_COLUMNS: dict[str, str] = {
    "key": "key", "deployed_at": "deployed_at", "service": "service", "kind": "kind",
    "failed": "failed", "linked_incident": "linked_incident",
    "service_restored": "service_restored"}
# an import file's field -> model attribute, where the names differ
FILE_FIELDS = {"id": "key", "deployment": "key", "failed_needing_remediation": "failed"}
INCIDENT_TIMES = ("started", "detected", "acknowledged", "restored", "resolved", "closed")
STATUSES = ("open", "mitigated", "resolved", "reviewed")


def _time(value: datetime | None) -> str | None:
    return None if value is None else iso(value)


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def incident_values(incident: Incident) -> dict[str, Any]:
    """The row of ``incident`` (column -> stored value), without id, status and stamps."""
    out: dict[str, Any] = {}
    for attr, column in INCIDENT_COLUMNS.items():
        value = getattr(incident, attr)
        if attr in INCIDENT_TIMES:
            value = _time(value)
        elif attr == "timeline":
            value = json.dumps([{"at": iso(e.at), "text": e.text, "author": e.author}
                                for e in value], ensure_ascii=False)
        out[column] = value
    return out


def deployment_values(deployment: Deployment) -> dict[str, Any]:
    return {"key": deployment.key, "deployed_at": iso(deployment.deployed_at),
            "service": deployment.service, "kind": deployment.kind,
            "failed": None if deployment.failed is None else int(deployment.failed),
            "linked_incident": deployment.linked_incident,
            "service_restored": _time(deployment.service_restored)}


def status_of(incident: Incident) -> str:
    """What an incident's times say of it: resolved (or closed), mitigated (service
    restored), else open. A reviewed incident stays reviewed (``incident_commands``)."""
    if incident.resolved is not None or incident.closed is not None:
        return "resolved"
    return "mitigated" if incident.restored is not None else "open"


def incident_from_row(row: Mapping[str, Any]) -> Incident:
    """The model of a stored row (a mapping of the columns above)."""
    timeline = tuple(TimelineEntry(datetime.fromisoformat(e["at"]), e.get("text", ""),
                                   e.get("author", ""))
                     for e in json.loads(row.get("timeline") or "[]"))
    return Incident(
        row["key"], row["title"], datetime.fromisoformat(row["started_at"]), row["service"],
        row["category"], row["severity"], row["availability_impact"],
        _moment(row["detected_at"]), _moment(row["acknowledged_at"]),
        _moment(row["restored_at"]), _moment(row["resolved_at"]), _moment(row["closed_at"]),
        row["detection_source"], row["model"], row["model_version"],
        row["caused_by_deployment"], row["kpi_id"], timeline, row["owner"])


def deployment_from_row(row: Mapping[str, Any]) -> Deployment:
    failed = row["failed"]
    return Deployment(row["key"], datetime.fromisoformat(row["deployed_at"]), row["service"],
                      row["kind"], None if failed is None else bool(failed),
                      row["linked_incident"], _moment(row["service_restored"]))


@dataclass(frozen=True)
class StoredIncident:
    id: int          # the row's id in the workspace
    status: str      # open, mitigated, resolved, reviewed
    incident: Incident


@dataclass(frozen=True)
class StoredDeployment:
    id: int
    deployment: Deployment


_INCIDENT_SELECT = ("SELECT id, status, coalesce(key, 'incident_' || id) AS key, "
                    + ", ".join(c for c in INCIDENT_COLUMNS.values() if c != "key")
                    + " FROM incidents")


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()
          ) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor]


def _period(start: datetime | None, end: datetime | None, column: str
            ) -> tuple[str, tuple[str, ...]]:
    where, params = [], []
    if start is not None:
        where.append(f"{column} >= ?")
        params.append(iso(start))
    if end is not None:
        where.append(f"{column} < ?")
        params.append(iso(end))
    return (" WHERE " + " AND ".join(where) if where else ""), tuple(params)


def list_incidents(conn: sqlite3.Connection, start: datetime | None = None,
                   end: datetime | None = None) -> list[StoredIncident]:
    """The incidents that started in [start, end) (either open), oldest first."""
    where, params = _period(start, end, "started_at")
    rows = _rows(conn, f"{_INCIDENT_SELECT}{where} ORDER BY started_at, id", params)
    return [StoredIncident(r["id"], r["status"], incident_from_row(r)) for r in rows]


def unresolved_owners(conn: sqlite3.Connection) -> list[str]:
    """The owner of each incident not yet resolved (open or mitigated) that has one."""
    return [str(owner) for (owner,) in conn.execute(
        "SELECT owner FROM incidents WHERE status IN ('open', 'mitigated') AND owner <> ''")]


def list_deployments(conn: sqlite3.Connection, start: datetime | None = None,
                     end: datetime | None = None) -> list[StoredDeployment]:
    """The deployments made in [start, end), oldest first."""
    where, params = _period(start, end, "deployed_at")
    rows = _rows(conn, "SELECT id, key, deployed_at, service, kind, failed, linked_incident,"
                 f" service_restored FROM deployments{where} ORDER BY deployed_at, id", params)
    return [StoredDeployment(r["id"], deployment_from_row(r)) for r in rows]


def stored_by_key(conn: sqlite3.Connection, table: str, keys: list[str]
                  ) -> dict[str, dict[str, Any]]:
    """The stored rows of ``table`` (incidents or deployments) with these keys, by key."""
    if table not in ("incidents", "deployments"):
        raise ValueError(table)
    out: dict[str, dict[str, Any]] = {}
    for first in range(0, len(keys), 500):
        chunk = keys[first:first + 500]
        marks = ",".join("?" * len(chunk))
        for row in _rows(conn, f"SELECT * FROM {table} WHERE key IN ({marks})", tuple(chunk)):
            out[row["key"]] = row
    return out


METRIC_INCIDENTS = (
    "SELECT started_at AS started, detected_at AS detected, acknowledged_at AS acknowledged,"
    " restored_at AS restored, resolved_at AS resolved, severity, category,"
    " availability_impact FROM incidents WHERE started_at >= ? AND started_at < ?")
# failed: stated, else an incident names it as its cause or it names one; recovered: its
# own restore time, else the latest restore of the incidents linked to it
METRIC_DEPLOYMENTS = (
    "SELECT d.deployed_at AS deployed,"
    " coalesce(d.failed, d.linked_incident <> '' OR EXISTS (SELECT 1 FROM incidents i"
    "  WHERE i.caused_by_deployment = d.key)) AS failed,"
    " coalesce(d.service_restored, (SELECT max(i.restored_at) FROM incidents i"
    "  WHERE i.caused_by_deployment = d.key OR (d.linked_incident <> ''"
    "  AND i.key = d.linked_incident))) AS recovered"
    " FROM deployments d WHERE d.deployed_at >= ? AND d.deployed_at < ?")


def metric_columns(conn: sqlite3.Connection, start: datetime, end: datetime
                   ) -> tuple[IncidentColumns, DeploymentColumns]:
    """The incidents that started and the deployments made in [start, end), as columns."""
    period = (iso(start), iso(end))
    return (read_incident_columns(conn, METRIC_INCIDENTS, period),
            read_deployment_columns(conn, METRIC_DEPLOYMENTS, period))


def find_incident(conn: sqlite3.Connection, text: str) -> StoredIncident:
    """The incident whose id (``INC-2110``, its key; case forgiven) or row number is
    ``text``, or one sentence."""
    from opsdesk.core.errors import OpsdeskError

    wanted = text.strip()
    rows = _rows(conn, f"{_INCIDENT_SELECT} WHERE key = ? COLLATE NOCASE", (wanted,))
    if not rows and wanted.isdigit():
        rows = _rows(conn, f"{_INCIDENT_SELECT} WHERE id = ?", (int(wanted),))
    if not rows:
        raise OpsdeskError(f"There is no incident {text!r}; opsdesk incident list shows "
                           "them.")
    r = rows[0]
    return StoredIncident(r["id"], r["status"], incident_from_row(r))
