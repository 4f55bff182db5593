"""Undoable commands on KPI definitions and targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.people_store import spelled
from opsdesk.core.kpi.definitions import validate_kpi, validate_target
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow


def _name_taken(tx: Transaction, name: str, other_than: int | None = None) -> bool:
    row = tx.conn.execute(
        "SELECT id FROM kpis WHERE name = ? COLLATE NOCASE AND id IS NOT ?", (name, other_than)
    ).fetchone()
    return row is not None


def _spell_owner(tx: Transaction, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("owner"):
        values["owner"] = spelled(tx.conn, values["owner"])
    return values


@dataclass(frozen=True)
class AddKpi:
    """A new KPI with its targets (each a mapping of kpi_targets columns)."""

    values: Mapping[str, Any]
    targets: tuple[Mapping[str, Any], ...] = ()
    title: str = "Add KPI"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the new KPI's id."""
        values = _spell_owner(tx, validate_kpi({"name": "", **self.values}))
        if _name_taken(tx, values["name"]):
            raise OpsdeskError(f"There is already a KPI named {values['name']!r}.")
        direction = values.get("direction", "higher")
        targets = [validate_target(direction, t) for t in self.targets]
        order = tx.conn.execute("SELECT coalesce(max(sort_order), -1) + 1 FROM kpis").fetchone()[0]
        row = {"sort_order": order, **values, "created_at": tx.at, "updated_at": tx.at}
        kpi_id = InsertRows("kpis", (row,), self.title).apply(tx).result[0]
        if targets:
            InsertRows("kpi_targets", tuple({**t, "kpi_id": kpi_id} for t in targets),
                       self.title).apply(tx)
        return Applied(DeleteRows("kpis", (kpi_id,), self.title),
                       Changes.KPIS | Changes.TARGETS, kpi_id)


@dataclass(frozen=True)
class EditKpi:
    """Change some fields of a KPI's definition."""

    kpi_id: int
    values: Mapping[str, Any]
    title: str = "Edit KPI"

    def apply(self, tx: Transaction) -> Applied[None]:
        values = _spell_owner(tx, validate_kpi(self.values))
        if "name" in values and _name_taken(tx, values["name"], self.kpi_id):
            raise OpsdeskError(f"There is already a KPI named {values['name']!r}.")
        if values.get("direction") == "band":
            lacking = tx.conn.execute(
                "SELECT count(*) FROM kpi_targets WHERE kpi_id = ? AND"
                " (band_low IS NULL OR band_high IS NULL)", (self.kpi_id,)).fetchone()[0]
            if lacking:
                raise OpsdeskError("A band KPI needs a band on every target; set them first.")
        return UpdateRow("kpis", self.kpi_id, {**values, "updated_at": tx.at},
                         self.title).apply(tx)


@dataclass(frozen=True)
class DeleteKpis:
    """Delete KPIs with their targets, observations, annotations and alerts (undoable)."""

    kpi_ids: tuple[int, ...]
    title: str = "Delete KPI"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("kpis", self.kpi_ids, self.title).apply(tx)


@dataclass(frozen=True)
class SetTarget:
    """Set the target in force from a date (replacing one set for that same date)."""

    kpi_id: int
    values: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Set target"

    def apply(self, tx: Transaction) -> Applied[None]:
        row = tx.conn.execute("SELECT direction FROM kpis WHERE id = ?", (self.kpi_id,)).fetchone()
        if row is None:
            raise OpsdeskError("That KPI no longer exists; nothing was changed.")
        clean = validate_target(row[0], self.values)
        existing = tx.conn.execute(
            "SELECT id FROM kpi_targets WHERE kpi_id = ? AND effective_from = ?",
            (self.kpi_id, clean["effective_from"])).fetchone()
        if existing:
            return UpdateRow("kpi_targets", existing[0], clean, self.title).apply(tx)
        inserted = InsertRows("kpi_targets", ({**clean, "kpi_id": self.kpi_id},),
                              self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, None)


@dataclass(frozen=True)
class DeleteTarget:
    target_id: int
    title: str = "Delete target"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("kpi_targets", (self.target_id,), self.title).apply(tx)

