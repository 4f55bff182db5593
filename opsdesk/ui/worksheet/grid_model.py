"""A worksheet's grid as a Qt table model, with room to type beyond its edge.

The model shows the grid and never changes it itself: an edit is a request
(``edit_requested``) that the page turns into a command, and the grid it shows is the one
the workspace then holds (house rule: the view is a view of core)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from opsdesk.core.worksheet.grid import Grid, empty, free_name

Index = QModelIndex | QPersistentModelIndex
SPARE_ROWS = 50  # blank rows under the data, to type into
SPARE_COLUMNS = 2


class GridModel(QAbstractTableModel):
    edit_requested = Signal(int, int, str)  # row, column, text

    def __init__(self) -> None:
        super().__init__()
        self.grid: Grid = empty()

    def set_grid(self, grid: Grid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.height + SPARE_ROWS

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.width + SPARE_COLUMNS

    def column_name(self, column: int) -> str:
        names = list(self.grid.names)
        while len(names) <= column:
            names.append(free_name(names))
        return names[column]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.column_name(section)
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        inside = row < self.grid.height and column < self.grid.width
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.grid.cell(row, column) if inside else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and inside:
            from opsdesk.core.imports.numbers import parse_number

            if parse_number(self.grid.cell(row, column)) is not None:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value).strip()
        if text != self.data(index):
            self.edit_requested.emit(index.row(), index.column(), text)
        return False  # shown once the workspace holds it
