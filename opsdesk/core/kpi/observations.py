"""Undoable edits of observations and annotations; edits of data raise alerts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.alerts import raise_alerts
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Command, Sequence, Transaction, now_iso
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


@dataclass(frozen=True)
class WithAlerts:
    """Run a command that changed these KPIs' data, then raise the alerts it warrants.

    Undo removes the alerts it raised along with the change itself.
    """

    command: Command
    kpi_ids: tuple[int, ...]
    as_of: date | None = None

    @property
    def title(self) -> str:
        return self.command.title

    def apply(self, tx: Transaction) -> Applied:
        applied = self.command.apply(tx)
        raised = raise_alerts(tx.conn, self.kpi_ids, self.as_of)
        if not raised:
            return applied
        inverse = Sequence(self.title, (DeleteRows("alerts", tuple(raised), self.title),
                                        applied.inverse))
        return Applied(inverse, applied.changes | Changes.of("alerts"), applied.result)


def add_observations(kpi_id: int, rows: Iterable[Mapping[str, Any]],
                     title: str = "Add observation") -> WithAlerts:
    stamp = now_iso()
    clean = tuple({"created_at": stamp, **clean_observation(r), "kpi_id": kpi_id} for r in rows)
    return WithAlerts(InsertRows("observations", clean, title, also_changes=("kpis",)), (kpi_id,))


def edit_observation(kpi_id: int, observation_id: int, values: Mapping[str, Any],
                     title: str = "Edit observation") -> WithAlerts:
    return WithAlerts(UpdateRow("observations", observation_id, clean_observation(values), title,
                                also_changes=("kpis",)), (kpi_id,))


def delete_observations(kpi_id: int, ids: Iterable[int],
                        title: str = "Delete observation") -> WithAlerts:
    return WithAlerts(DeleteRows("observations", tuple(ids), title, also_changes=("kpis",)),
                      (kpi_id,))


def add_annotation(kpi_id: int, ts: str, text: str, created_at: str,
                   starts_stage: bool = False) -> InsertRows | WithAlerts:
    """A note on the KPI's chart; one that ``starts_stage`` also starts a stage there (the
    control limits are computed afresh from its period on, which can change signals)."""
    text = text.strip()
    if not text:
        raise OpsdeskError("An annotation needs some text.")
    row = {"kpi_id": kpi_id, "ts": clean_timestamp(ts), "text": text, "created_at": created_at,
           "starts_stage": int(starts_stage)}
    if not starts_stage:
        return InsertRows("annotations", (row,), "Add annotation")
    return WithAlerts(InsertRows("annotations", (row,), "Start a stage", also_changes=("kpis",)),
                      (kpi_id,))


def mark_stage(kpi_id: int, annotation_id: int, starts: bool) -> WithAlerts:
    """Let an annotation start a stage of the KPI's chart, or no longer."""
    title = "Start a stage" if starts else "Remove a stage"
    return WithAlerts(UpdateRow("annotations", annotation_id, {"starts_stage": int(starts)},
                                title, also_changes=("kpis",)), (kpi_id,))


def edit_annotation(annotation_id: int, text: str) -> UpdateRow:
    if not text.strip():
        raise OpsdeskError("An annotation needs some text.")
    return UpdateRow("annotations", annotation_id, {"text": text.strip()}, "Edit annotation")


def delete_annotation(annotation_id: int) -> DeleteRows:
    # "kpis" too: the annotation may have started a stage of the chart
    return DeleteRows("annotations", (annotation_id,), "Delete annotation", also_changes=("kpis",))
