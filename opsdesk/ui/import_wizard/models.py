"""Table models of the import wizard: the file preview, the problems, past imports."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from opsdesk.core.imports.history import ImportRecord
from opsdesk.core.imports.mapping import ColumnProfile, Mapping
from opsdesk.core.imports.problems import Problem, shown_value
from opsdesk.core.imports.table import RawTable
from opsdesk.ui.widgets.list_model import Index, ListTableModel
from opsdesk.ui.widgets.plain_text import tip

PREVIEW_ROWS = 500  # the preview shows the top of the file; validation reads all of it


def _kind(profile: ColumnProfile) -> str:
    best = max((profile.dates, "dates"), (profile.numbers, "numbers"), (profile.texts, "text"))
    return best[1] if profile.filled else "empty"


class PreviewModel(QAbstractTableModel):
    """The rows under the header, with each column's name, detected type and field."""

    def __init__(self) -> None:
        super().__init__()
        self.table: RawTable | None = None
        self.names: list[str] = []
        self.start = 0
        self.kinds: list[str] = []
        self.fields: dict[str, str] = {}  # column -> what it was mapped to

    def load(
        self,
        table: RawTable,
        names: list[str],
        header: int | None,
        profiles: list[ColumnProfile],
        mapping: Mapping,
    ) -> None:
        self.beginResetModel()
        self.table, self.names = table, names
        self.start = 0 if header is None else header + 1
        self.kinds = [_kind(p) for p in profiles]
        self.fields = {column: field for field, column in mapping.fields.items()}
        for column in mapping.kpi_columns:
            self.fields[column] = "KPI"
        for column in mapping.period_columns:
            self.fields[column] = "period"
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        if self.table is None or parent.isValid():
            return 0
        return max(0, min(PREVIEW_ROWS, self.table.height - self.start))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.names)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = shown_value(self.table.columns[index.column()][self.start + index.row()])
            return shown if role == Qt.ItemDataRole.DisplayRole else tip(shown)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.kinds[index.column()] == "numbers":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.table is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.table.row_numbers[self.start + section])
            return None
        name = self.names[section]
        if role == Qt.ItemDataRole.DisplayRole:
            field = self.fields.get(name)
            return f"{name}\n{self.kinds[section]}" + (f" → {field}" if field else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Column {self.table.letters[section]} of the file"
        return None


class ProblemsModel(ListTableModel[Problem]):
    def __init__(self) -> None:
        super().__init__(("Row", "Column", "Value", "Problem"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        p = self.rows[index.row()]
        values = ("" if p.row is None else str(p.row), p.column, p.value, p.reason)
        shown = values[index.column()]
        return shown if role == Qt.ItemDataRole.DisplayRole else tip(shown)


class ImportsModel(ListTableModel[ImportRecord]):
    """Past imports, newest first."""

    def __init__(self) -> None:
        super().__init__(
            ("When", "File", "Sheet", "Layout", "Imported", "Duplicates", "Skipped",
             "KPIs created", "State")
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and 4 <= index.column() <= 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            r.imported_at.replace("T", " ")[:16],
            r.file_name,
            r.sheet or "",
            r.layout or "",
            f"{r.rows_imported:,}",
            f"{r.duplicates:,}",
            f"{r.rows_skipped:,}",
            ", ".join(r.kpis_created),
            "undone " + r.undone_at.replace("T", " ")[:16] if r.undone_at else "in place",
        )
        return values[index.column()]
