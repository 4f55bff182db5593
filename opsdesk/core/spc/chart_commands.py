"""Commands on saved charts (all undoable): create, change, delete, exclude, annotate."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.workspace.commands import Applied, Transaction
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow


@dataclass(frozen=True)
class NewChart:
    """A saved chart of a KPI; the result is its id."""

    name: str
    kpi_id: int
    chart_type: str
    rule_set: str = "nelson"
    tests: tuple[int, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    baseline: tuple[str, ...] = ()
    stages: tuple[Mapping[str, str], ...] = ()
    sort_order: int = 0

    @property
    def title(self) -> str:
        return f"Create chart {self.name}"

    def apply(self, tx: Transaction) -> Applied[int]:
        row = {"name": self.name, "kpi_id": self.kpi_id, "chart_type": self.chart_type,
               "rule_set": self.rule_set, "tests": json.dumps(list(self.tests)),
               "params": json.dumps(dict(self.params)),
               "baseline": json.dumps(list(self.baseline)),
               "stages": json.dumps([dict(s) for s in self.stages]),
               "sort_order": self.sort_order, "created_at": tx.at, "updated_at": tx.at}
        inserted = InsertRows("charts", (row,), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, inserted.result[0])


@dataclass(frozen=True)
class ChangeChart:
    """Change columns of a chart; lists and dicts are stored as JSON."""

    chart_id: int
    title: str
    values: Mapping[str, Any]

    def apply(self, tx: Transaction) -> Applied[None]:
        stored = {k: json.dumps(v) if isinstance(v, (list, dict, tuple)) else v
                  for k, v in self.values.items()}
        stored["updated_at"] = tx.at
        return UpdateRow("charts", self.chart_id, stored, self.title).apply(tx)


@dataclass(frozen=True)
class DeleteChart:
    chart_id: int
    name: str

    @property
    def title(self) -> str:
        return f"Delete chart {self.name}"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("charts", (self.chart_id,), self.title).apply(tx)


@dataclass(frozen=True)
class ExcludePoint:
    chart_id: int
    label: str
    reason: str

    @property
    def title(self) -> str:
        return f"Exclude point {self.label}"

    def apply(self, tx: Transaction) -> Applied[None]:
        row = {"chart_id": self.chart_id, "point_label": self.label,
               "reason": self.reason.strip() or "excluded", "created_at": tx.at}
        inserted = InsertRows("chart_exclusions", (row,), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, None)


@dataclass(frozen=True)
class IncludePoint:
    exclusion_id: int
    label: str

    @property
    def title(self) -> str:
        return f"Include point {self.label}"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("chart_exclusions", (self.exclusion_id,), self.title).apply(tx)


@dataclass(frozen=True)
class AnnotatePoint:
    chart_id: int
    kpi_id: int | None
    label: str
    text: str
    ts: str | None = None

    @property
    def title(self) -> str:
        return f"Annotate point {self.label}"

    def apply(self, tx: Transaction) -> Applied[None]:
        row = {"chart_id": self.chart_id, "kpi_id": self.kpi_id, "point_label": self.label,
               "ts": self.ts, "text": self.text.strip(), "created_at": tx.at}
        inserted = InsertRows("annotations", (row,), self.title).apply(tx)
        return Applied(inserted.inverse, inserted.changes, None)
