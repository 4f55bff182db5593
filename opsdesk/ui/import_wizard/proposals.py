"""The check step's tables of what the workspace will gain: the KPIs the import creates
(their proposed meaning, editable before commit) and the stored values it restates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from opsdesk.core.imports.kpi_proposals import NewKpi
from opsdesk.core.kpi.definitions import AGGREGATIONS, PILLARS
from opsdesk.core.kpi.periods import FREQUENCIES
from opsdesk.ui.widgets.list_model import Index, ListTableModel
from opsdesk.ui.widgets.plain_text import tip

DIRECTIONS = (("higher", "Higher is better"), ("lower", "Lower is better"),
              ("none", "Not set (no status)"))
# column -> (NewKpi field, choices as (value, label); None for free text)
COLUMNS: tuple[tuple[str, str, tuple[tuple[str, str], ...] | None], ...] = (
    ("KPI", "name", None),
    ("Direction", "direction", DIRECTIONS),
    ("Unit", "unit", None),
    ("Aggregation", "aggregation", tuple((a, a) for a in AGGREGATIONS)),
    ("Review", "frequency", tuple((f, f) for f in FREQUENCIES)),
    ("Pillar", "pillar", tuple((p, p) for p in PILLARS)),
    ("Proposed from", "basis", None),
)
EDITABLE = {"direction", "unit", "aggregation", "frequency", "pillar"}


def _basis(kpi: NewKpi) -> str:
    if kpi.basis.startswith("pack "):
        return f"the {kpi.basis.removeprefix('pack ')} pack"
    return {"name": "its name", "unknown": "nothing known"}.get(kpi.basis, kpi.basis)


class NewKpisModel(ListTableModel[NewKpi]):
    """The KPIs to create; editing a cell changes the proposal the import will use."""

    def __init__(self) -> None:
        super().__init__([c[0] for c in COLUMNS])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kpi = self.rows[index.row()]
        _title, key, choices = COLUMNS[index.column()]
        value = getattr(kpi, key)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _basis(kpi) if key == "basis" else (
                dict(choices).get(value, value) if choices else value)
            return text if role == Qt.ItemDataRole.DisplayRole else tip(text)
        if role == Qt.ItemDataRole.ForegroundRole and key == "direction" and value == "none":
            from PySide6.QtGui import QColor

            return QColor("#8a5300")  # amber text: this one needs a decision
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()][1] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        _title, key, choices = COLUMNS[index.column()]
        text = str(value).strip()
        if key not in EDITABLE or (choices and text not in dict(choices)):
            return False
        kpi = self.rows[index.row()]
        setattr(kpi, key, text)
        if kpi.basis == "unknown" and key == "direction":
            kpi.basis = "you"
        self.dataChanged.emit(index, index)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the columns with fixed choices (free text for the unit)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        choices = COLUMNS[index.column()][2]
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ChangedModel(ListTableModel[dict[str, Any]]):
    """Stored values the file gives differently: old → new."""

    def __init__(self) -> None:
        super().__init__(("KPI", "Date", "Segment", "Stored", "In the file"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        c = self.rows[index.row()]
        where = " / ".join(str(c[k]) for k in ("segment", "subgroup") if c.get(k))
        values = (c["kpi"], str(c["ts"])[:10], where, f"{c['before']:g}", f"{c['after']:g}")
        text = values[index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else tip(text)
