"""Writing a project's monthly benefits, as commands (DESIGN.md rule 3), each one undoable
step with its exact inverse.

    SetBenefit(project_id, month, kind, values)   expected, realised, note of one month and
                                                  kind; the row is made when missing
    DeleteBenefit(project_id, month, kind)        that row; kind None: the month's both

A benefit may be negative, expected or realised: a change can cost money or time, and the
benefits show harm as plainly as gain (as the KPI estimate does). Everything is checked
before anything is written, so a refused command changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.benefit_store import find_benefit, kind_of
from opsdesk.core.improve.benefits import Benefit, BenefitKind, check_benefit
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Command, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow

FIELDS = ("expected", "realised", "note")
NOTHING = "nothing was changed"


def _project(tx: Transaction, project_id: int) -> None:
    if tx.conn.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone() is None:
        raise OpsdeskError(f"There is no project {project_id} (deleted meanwhile?); {NOTHING}.")


def _month(month: object) -> date:
    if not isinstance(month, date):
        raise OpsdeskError(f"A benefit's month is a date, not {month!r}; {NOTHING}.")
    try:
        check_benefit(Benefit(month, "hard"))
    except OpsdeskError as error:
        raise OpsdeskError(f"{str(error).rstrip('.')}; {NOTHING}.") from None
    return month


def _amount(value: Any, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OpsdeskError(f"The {what} benefit {value!r} is not a number; {NOTHING}.") from None
    if not math.isfinite(number):
        raise OpsdeskError(f"The {what} benefit must be a finite amount, not {value!r}; "
                           f"{NOTHING}.")
    return number


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise OpsdeskError(f"A benefit has no field {unknown[0]!r}; use one of "
                           f"{', '.join(FIELDS)}.")
    out: dict[str, Any] = {}
    for key in ("expected", "realised"):
        if key in values:
            out[key] = _amount(values[key], key)
    if "note" in values:
        out["note"] = " ".join(str(values["note"] or "").split())
    return out


@dataclass(frozen=True)
class SetBenefit:
    """The given fields of the project's benefit of ``kind`` in ``month`` (its first day);
    the others as they were (empty on a new row)."""

    project_id: int
    month: date
    kind: str
    values: Mapping[str, Any] = field(default_factory=dict)
    title: str = "Set benefit"

    def apply(self, tx: Transaction) -> Applied[None]:
        kind: BenefitKind = kind_of(self.kind)
        month = _month(self.month)
        clean = _clean(self.values)
        _project(tx, self.project_id)
        old = find_benefit(tx.conn, self.project_id, month, kind)
        if old is None:
            row = {"project_id": self.project_id, "month": month.isoformat(), "kind": kind,
                   "expected": None, "realised": None, "note": "", **clean}
            inserted = InsertRows("project_benefits", (row,), self.title).apply(tx)
            return Applied(inserted.inverse, inserted.changes, None)
        b = old.benefit
        before = {"expected": b.expected, "realised": b.realised, "note": b.note}
        changed = {k: v for k, v in clean.items() if before[k] != v}
        if not changed:  # as it was: nothing to write, nothing to undo
            return Applied(Batch(self.title, ()), Changes.NONE, None)
        return UpdateRow("project_benefits", old.id, changed, self.title).apply(tx)


@dataclass(frozen=True)
class DeleteBenefit:
    """The project's benefit of ``kind`` in ``month``; ``kind`` None: both of the month."""

    project_id: int
    month: date
    kind: str | None = None
    title: str = "Delete benefit"

    def apply(self, tx: Transaction) -> Applied[None]:
        kinds: tuple[BenefitKind, ...] = ("hard", "soft") if self.kind is None else (
            kind_of(self.kind),)
        month = _month(self.month)
        _project(tx, self.project_id)
        found = [b for k in kinds if (b := find_benefit(tx.conn, self.project_id, month, k))]
        if not found:
            what = "benefit" if self.kind is None else f"{kinds[0]} benefit"
            raise OpsdeskError(f"The project has no {what} in {month:%B %Y}; {NOTHING}.")
        command: Command[None] = DeleteRows("project_benefits", tuple(b.id for b in found),
                                            self.title)
        return command.apply(tx)
