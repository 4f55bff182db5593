"""Writing incidents and deployments, as commands (DESIGN.md rule 3).

    ImportIncidents(incidents, deployments, fields)   add or update by id, in one step
    ImportIncidents.from_file(file)                   what ``incident_import`` read
    DeleteIncidents(ids)                              rows by id (reviews and actions go too)

Identity is the id an incident or deployment has in the file or system it came from (its
``key``): one that the workspace holds already is updated, not added again, so importing
the same export twice changes nothing the second time. An update writes only the fields
the file gives (``fields``): its columns and the times worked out from them; what a
source has no column for (ServiceNow's category, the KPI an incident is linked to) stays
as it was. An incident's owner is stored as the people directory spells them
(``Directory.spelling``). Every row is checked before anything is written; the command
undoes exactly (new rows deleted, updated ones put back).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_import import IncidentFile
from opsdesk.core.improve.incident_store import (
    DEPLOYMENT_COLUMNS,
    FILE_FIELDS,
    INCIDENT_COLUMNS,
    deployment_values,
    incident_from_row,
    incident_values,
    status_of,
    stored_by_key,
)
from opsdesk.core.improve.incidents import Deployment, Incident, check_incident
from opsdesk.core.improve.people_store import directory
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Command, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

# Fields an import may derive from its columns (PagerDuty's acknowledgement is created_at
# plus seconds_to_first_ack): given when any record has one.
DERIVED = ("detected", "acknowledged", "restored", "resolved", "closed", "service_restored")


@dataclass(frozen=True)
class ImportSummary:
    incidents_added: int = 0
    incidents_updated: int = 0
    deployments_added: int = 0
    deployments_updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"incidents_added": self.incidents_added,
                "incidents_updated": self.incidents_updated,
                "deployments_added": self.deployments_added,
                "deployments_updated": self.deployments_updated, "unchanged": self.unchanged}


def _given(fields: Iterable[str], records: Iterable[Incident | Deployment]) -> frozenset[str]:
    """The model attributes an import gives: its fields, and the derived times it holds."""
    given = {FILE_FIELDS.get(f, f) for f in fields}
    items = list(records)
    given.update(a for a in DERIVED if any(getattr(r, a, None) is not None for r in items))
    return frozenset(given)


@dataclass(frozen=True)
class _Plan:
    inserts: list[dict[str, Any]]
    updates: list[tuple[int, dict[str, Any]]]
    unchanged: int


def _plan(tx: Transaction, table: str, rows: list[dict[str, Any]], columns: set[str],
          check: Any) -> _Plan:
    """What to insert and update so the table holds ``rows`` (by key) for ``columns``."""
    stored = stored_by_key(tx.conn, table, [r["key"] for r in rows])
    inserts, updates, unchanged = [], [], 0
    for row in rows:
        old = stored.get(row["key"])
        if old is None:
            check(row)
            inserts.append({**row, "created_at": tx.at, "updated_at": tx.at})
            continue
        new = {c: v for c, v in row.items() if c in columns and old.get(c) != v}
        if table == "incidents" and old.get("status") == "reviewed":
            new.pop("status", None)
        if not new:
            unchanged += 1
            continue
        check({**old, **new})
        updates.append((int(old["id"]), {**new, "updated_at": tx.at}))
    return _Plan(inserts, updates, unchanged)


def _write(tx: Transaction, table: str, plan: _Plan, title: str) -> list[Command[object]]:
    inverses: list[Command[object]] = []
    if plan.inserts:
        top = int(tx.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
        rows = tuple({"id": top + n, **r} for n, r in enumerate(plan.inserts, start=1))
        inverses.append(InsertRows(table, rows, title).apply(tx).inverse)
    for n, (row_id, values) in enumerate(plan.updates, start=1):
        inverses.append(UpdateRow(table, row_id, values, title).apply(tx).inverse)
        if n % 5000 == 0:
            tx.task.check()
            tx.task.progress(n / len(plan.updates), f"Updated {n:,} {table}")
    return inverses


def _check_incident_row(row: dict[str, Any]) -> None:
    check_incident(incident_from_row(row))


def _check_deployment_row(row: dict[str, Any]) -> None:
    if row["service_restored"] is not None and row["service_restored"] < row["deployed_at"]:
        raise OpsdeskError(f"Deployment {row['key']!r}: service restored "
                           f"({row['service_restored']}) is before it was deployed "
                           f"({row['deployed_at']}); nothing was imported.")


@dataclass(frozen=True)
class ImportIncidents:
    """Incidents and deployments added or updated by id (see the module's docstring).

    ``fields`` None: every field is written (a demo, a form); else only those given.
    The result is an ``ImportSummary``.
    """

    incidents: tuple[Incident, ...] = ()
    deployments: tuple[Deployment, ...] = ()
    fields: frozenset[str] | None = None
    title: str = "Import incidents"

    @classmethod
    def from_file(cls, file: IncidentFile) -> ImportIncidents:
        records = file.incidents or file.deployments
        title = "Import incidents" if file.kind == "incidents" else "Import deployments"
        return cls(file.incidents, file.deployments, _given(file.columns, records), title)

    def _columns(self, mapping: dict[str, str]) -> set[str]:
        attrs = set(mapping) if self.fields is None else self.fields & set(mapping)
        return {mapping[a] for a in attrs} | {"key"}

    def apply(self, tx: Transaction) -> Applied[ImportSummary]:
        keys = [i.key for i in self.incidents]
        if len(set(keys)) < len(keys) or len({d.key for d in self.deployments}) < len(
                self.deployments):
            raise OpsdeskError("The same id is given twice; nothing was imported.")
        # every owner as the people directory spells them (the directory read once)
        people = directory(tx.conn)
        owners = {o: people.spelling(o) for o in {i.owner for i in self.incidents}}
        incident_rows = [{**incident_values(i), "owner": owners[i.owner],
                          "status": status_of(i)} for i in self.incidents]
        columns = self._columns(INCIDENT_COLUMNS)
        if columns & {"restored_at", "resolved_at", "closed_at"}:
            columns.add("status")
        incidents = _plan(tx, "incidents", incident_rows, columns, _check_incident_row)
        deployments = _plan(tx, "deployments", [deployment_values(d) for d in self.deployments],
                            self._columns(DEPLOYMENT_COLUMNS), _check_deployment_row)
        inverses = (_write(tx, "incidents", incidents, self.title)
                    + _write(tx, "deployments", deployments, self.title))
        summary = ImportSummary(len(incidents.inserts), len(incidents.updates),
                                len(deployments.inserts), len(deployments.updates),
                                incidents.unchanged + deployments.unchanged)
        if not inverses:
            return Applied(Batch(self.title, ()), Changes.NONE, summary)
        return Applied(Batch(self.title, tuple(reversed(inverses))), Changes.INCIDENTS,
                       summary)


@dataclass(frozen=True)
class DeleteIncidents:
    """Incidents by row id, with their reviews and actions (undo brings them back)."""

    ids: tuple[int, ...]
    title: str = "Delete incidents"

    def apply(self, tx: Transaction) -> Applied[None]:
        marks = ",".join("?" * len(self.ids))
        found = tx.conn.execute(f"SELECT count(*) FROM incidents WHERE id IN ({marks})",
                                self.ids).fetchone()[0] if self.ids else 0
        if found != len(set(self.ids)):
            raise OpsdeskError("Some of those incidents no longer exist; nothing was changed.")
        return DeleteRows("incidents", self.ids, self.title).apply(tx)
