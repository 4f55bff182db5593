"""A KPI's observations as an editable Qt table model; edits go out as requests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal

from opsdesk.core.kpi.queries import StoredObservation
from opsdesk.ui.widgets.list_model import Index, ListTableModel

COLUMNS = (("ts", "Date"), ("value", "Value"), ("subgroup", "Subgroup"),
           ("segment", "Segment"), ("note", "Note"))
EDITABLE = {"ts", "value", "note"}


class ObservationsModel(ListTableModel[StoredObservation]):
    # (observation id, column name, new text): the page turns it into an undoable command
    edit_requested = Signal(int, str, object)

    def __init__(self) -> None:
        super().__init__([header for _key, header in COLUMNS])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = getattr(self.rows[index.row()], COLUMNS[index.column()][0])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if isinstance(value, float):
                return f"{value:.10g}"
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if COLUMNS[index.column()][0] in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()][0]
        if str(value) == self.data(index):
            return False
        self.edit_requested.emit(self.rows[index.row()].id, column, value)
        return False  # the workspace change refreshes the model

    def observation_id(self, row: int) -> int:
        return self.rows[row].id
