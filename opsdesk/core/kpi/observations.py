"""Undoable edits of observations and annotations; edits of data raise alerts.

Each command checks its input in ``apply`` (an ``OpsdeskError`` there changes nothing),
writes through the row commands, and then raises the alerts the new data warrant in the
same transaction (``RaiseAlerts``), so undo takes those alerts away too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.alerts import RaiseAlerts
from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow


def clean_timestamp(value: Any, where: str = "") -> str:
    """An ISO date or date-time string, or an error naming ``where``."""
    text = value.isoformat() if isinstance(value, date | datetime) else str(value or "").strip()
    try:
        if len(text) <= 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text)
    except ValueError:
        raise OpsdeskError(f"{where}date {text!r} is not a date like 2026-10-31.") from None
    ranges.check_date(date.fromisoformat(text[:10]), f"{where}date".capitalize())
    return text


def clean_value(value: Any, where: str = "") -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OpsdeskError(f"{where}value {value!r} is not a number.") from None
    if not math.isfinite(number):
        raise OpsdeskError(f"{where}value {value!r} is not a finite number.")
    return ranges.check_value(number, f"{where}value".capitalize())


def clean_observation(values: Mapping[str, Any]) -> dict[str, Any]:
    clean = dict(values)
    if "ts" in clean:
        clean["ts"] = clean_timestamp(clean["ts"])
    if "value" in clean:
        clean["value"] = clean_value(clean["value"])
    return clean


def _annotation_text(text: str) -> str:
    if not text.strip():
        raise OpsdeskError("An annotation needs some text.")
    return text.strip()


def _recorded(tx: Transaction, kpi_id: int) -> None:
    """Refuse to write a value of a KPI computed from the incidents: the next change to
    them would rewrite it (``improve.incident_kpis``)."""
    row = tx.conn.execute("SELECT name, computed_from FROM kpis WHERE id = ?",
                          (kpi_id,)).fetchone()
    if row is not None and row[1] is not None:
        raise OpsdeskError(f"{row[0]} is computed from the incidents; change the incidents, "
                           "not its values.")


@dataclass(frozen=True)
class AddObservations:
    """New observations of one KPI (each a mapping of observations columns)."""

    kpi_id: int
    rows: tuple[Mapping[str, Any], ...]
    title: str = "Add observation"

    def apply(self, tx: Transaction) -> Applied[list[int]]:
        _recorded(tx, self.kpi_id)
        clean = tuple({"created_at": tx.at, **clean_observation(r), "kpi_id": self.kpi_id}
                      for r in self.rows)
        applied = InsertRows("observations", clean, self.title).apply(tx)
        return applied.then(tx, RaiseAlerts((self.kpi_id,)))


@dataclass(frozen=True)
class EditObservation:
    kpi_id: int
    observation_id: int
    values: Mapping[str, Any]
    title: str = "Edit observation"

    def apply(self, tx: Transaction) -> Applied[None]:
        _recorded(tx, self.kpi_id)
        update = UpdateRow("observations", self.observation_id, clean_observation(self.values),
                           self.title)
        return update.apply(tx).then(tx, RaiseAlerts((self.kpi_id,)))


@dataclass(frozen=True)
class DeleteObservations:
    kpi_id: int
    ids: tuple[int, ...]
    title: str = "Delete observation"

    def apply(self, tx: Transaction) -> Applied[None]:
        _recorded(tx, self.kpi_id)
        applied = DeleteRows("observations", self.ids, self.title).apply(tx)
        return applied.then(tx, RaiseAlerts((self.kpi_id,)))


@dataclass(frozen=True)
class AddAnnotation:
    """A note on the KPI's chart; one that ``starts_stage`` also starts a stage there (the
    control limits are computed afresh from its period on, which can change signals)."""

    kpi_id: int
    ts: str
    text: str
    starts_stage: bool = False

    @property
    def title(self) -> str:
        return "Start a stage" if self.starts_stage else "Add annotation"

    def apply(self, tx: Transaction) -> Applied[list[int]]:
        row = {"kpi_id": self.kpi_id, "ts": clean_timestamp(self.ts),
               "text": _annotation_text(self.text), "created_at": tx.at,
               "starts_stage": int(self.starts_stage)}
        applied = InsertRows("annotations", (row,), self.title).apply(tx)
        if not self.starts_stage:
            return applied
        return applied.then(tx, RaiseAlerts((self.kpi_id,)))


@dataclass(frozen=True)
class MarkStage:
    """Let an annotation start a stage of the KPI's chart, or no longer."""

    kpi_id: int
    annotation_id: int
    starts: bool

    @property
    def title(self) -> str:
        return "Start a stage" if self.starts else "Remove a stage"

    def apply(self, tx: Transaction) -> Applied[None]:
        _recorded(tx, self.kpi_id)
        update = UpdateRow("annotations", self.annotation_id, {"starts_stage": int(self.starts)},
                           self.title)
        return update.apply(tx).then(tx, RaiseAlerts((self.kpi_id,)))


@dataclass(frozen=True)
class EditAnnotation:
    annotation_id: int
    text: str
    title: str = "Edit annotation"

    def apply(self, tx: Transaction) -> Applied[None]:
        return UpdateRow("annotations", self.annotation_id,
                         {"text": _annotation_text(self.text)}, self.title).apply(tx)


@dataclass(frozen=True)
class DeleteAnnotation:
    annotation_id: int
    title: str = "Delete annotation"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("annotations", (self.annotation_id,), self.title).apply(tx)
