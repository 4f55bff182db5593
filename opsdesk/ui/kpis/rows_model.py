"""A read-only table model over a list of dicts, for the Dashboard's small tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from opsdesk.ui.widgets.list_model import Index, ListTableModel
from opsdesk.ui.widgets.plain_text import tip

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsModel(ListTableModel[dict[str, Any]]):
    """Columns are (key, header); ``style(row, key, role)`` may colour cells."""

    def __init__(self, columns: tuple[tuple[str, str], ...], id_key: str = "id",
                 style: Callable[[dict[str, Any], str, int], Any] | None = None) -> None:
        super().__init__([header for _key, header in columns])
        self.columns = columns
        self.id_key = id_key
        self.style = style

    def set_columns(self, columns: tuple[tuple[str, str], ...]) -> None:
        if columns != self.columns:
            self.beginResetModel()
            self.columns = columns
            self.headers = tuple(header for _key, header in columns)
            self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(key)
            return "" if value is None else str(value)
        if role == ID_ROLE:
            return row.get(self.id_key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(str(row.get(key) or "")) or None
        return self.style(row, key, role) if self.style else None
