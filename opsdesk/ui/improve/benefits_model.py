"""The project's benefits as a table model: one row a month (hard expected and realised,
the KPI estimate beside the realised figure of its kind, soft expected and realised, the
note), then the totals. An edit is handed over as a request (``edit_requested``: month,
kind, field, text) the panel turns into a command; the model shows the new value only
when the workspace says it changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont

from opsdesk.core.improve.benefit_store import MonthRow, ProjectBenefits
from opsdesk.core.improve.benefits import Benefit
from opsdesk.ui.widgets.list_model import Index, ListTableModel

# (key, header); a key "<kind>_<field>" is that kind's figure
BASE: tuple[tuple[str, str], ...] = (("month", "Month"), ("hard_expected", "Hard expected"),
        ("hard_realised", "Hard realised"), ("soft_expected", "Soft expected"),
        ("soft_realised", "Soft realised"), ("note", "Note"))
ESTIMATE = ("estimate", "KPI estimate")
TOTAL = "Total"


def money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def columns_for(data: ProjectBenefits | None) -> tuple[tuple[str, str], ...]:
    """The columns, the estimate beside the realised figure of the kind it estimates."""
    if data is None or data.estimate_total is None:
        return BASE
    after = f"{data.estimate_kind}_realised"
    out: list[tuple[str, str]] = []
    for column in BASE:
        out.append(column)
        if column[0] == after:
            out.append(ESTIMATE)
    return tuple(out)


def _figure(b: Benefit | None, field: str) -> float | None:
    if b is None:
        return None
    return b.expected if field == "expected" else b.realised


class BenefitsModel(ListTableModel[MonthRow]):
    # (month, kind, field, text typed): the panel makes it SetBenefit
    edit_requested = Signal(object, str, str, str)

    def __init__(self) -> None:
        super().__init__([h for _k, h in BASE])
        self.columns = BASE
        self.benefits: ProjectBenefits | None = None
        self.editable = True

    def set_data(self, data: ProjectBenefits | None, editable: bool) -> None:
        self.beginResetModel()
        self.benefits = data
        self.editable = editable
        self.columns = columns_for(data)
        self.headers = tuple(h for _k, h in self.columns)
        self.rows = list(data.months) if data is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.rows) + (1 if self.rows else 0)  # the totals row

    def key(self, column: int) -> str:
        return self.columns[column][0]

    def is_total(self, row: int) -> bool:
        return row == len(self.rows)

    def month_of(self, row: int) -> date | None:
        return None if not 0 <= row < len(self.rows) else self.rows[row].month

    def text(self, row: int, key: str) -> str:
        if self.is_total(row):
            return self._total(key)
        m = self.rows[row]
        if key == "month":
            return f"{m.month:%b %Y}"
        if key == "note":
            return m.note
        if key == "estimate":
            return money(m.estimate)
        kind, field = key.split("_")
        return money(_figure(m.hard if kind == "hard" else m.soft, field))

    def _total(self, key: str) -> str:
        data = self.benefits
        if data is None:
            return ""
        t = data.totals
        return {"month": TOTAL, "note": "", "estimate": money(data.estimate_total),
                "hard_expected": money(t.expected_hard), "hard_realised": money(t.realised_hard),
                "soft_expected": money(t.expected_soft),
                "soft_realised": money(t.realised_soft)}[key]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.key(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(index.row(), key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("month", "note"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_total(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key == "estimate" and self.benefits:
            return self.benefits.explanation
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if (self.editable and index.isValid() and not self.is_total(index.row())
                and self.key(index.column()) not in ("month", "estimate")):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or \
                not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row, key = index.row(), self.key(index.column())
        text = "" if value is None else str(value)
        if text == self.text(row, key):
            return False
        m = self.rows[row]
        if key == "note":  # kept on the month's hard row (its soft one if only that)
            self.edit_requested.emit(m.month, m.note_kind, "note", text)
        else:
            kind, field = key.split("_")
            self.edit_requested.emit(m.month, kind, field, text)
        return False  # the workspace change refreshes the model
