"""Step 2: the preview grid and the column mapping, suggested and editable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.imports.mapping import FIELDS, Mapping
from opsdesk.ui.widgets.plain_text import rich

LABELS = {
    "date": "Date",
    "kpi": "KPI name",
    "value": "Value",
    "subgroup": "Subgroup",
    "size": "Sample size",
    "segment": "Site / segment",
    "note": "Note",
    "key": "Source key",
}
NONE = "—"


class ColumnsPage(QWidget):
    mapping_changed = Signal()

    def __init__(self, model: object) -> None:
        super().__init__()
        self.view = QTableView()
        self.view.setModel(model)  # type: ignore[arg-type]
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(130)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.layout_label = QLabel()
        self.layout_label.setTextFormat(Qt.TextFormat.RichText)
        self.layout_label.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field in FIELDS:
            combo = QComboBox()
            combo.setMinimumWidth(160)
            combo.activated.connect(lambda _i: self.mapping_changed.emit())
            self.combos[field] = combo
            form.addRow(LABELS[field], combo)
        self.values = QListWidget()
        self.values.itemChanged.connect(lambda _item: self.mapping_changed.emit())
        self.values_box = QGroupBox("Value columns (wide layout)")
        inner = QVBoxLayout(self.values_box)
        inner.addWidget(self.values)
        self.filler = QWidget()  # takes the room of the value list in the long layout
        side = QVBoxLayout()
        side.addWidget(self.layout_label)
        side.addLayout(form)
        side.addWidget(self.values_box, 1)
        side.addWidget(self.filler, 1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setMaximumWidth(340)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(panel)

    def show_mapping(self, names: list[str], mapping: Mapping, note: str = "") -> None:
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([NONE, *names])
            combo.setCurrentText(mapping.fields.get(field, NONE))
            combo.blockSignals(False)
        self.values.blockSignals(True)
        self.values.clear()
        chosen = set(mapping.kpi_columns or mapping.period_columns)
        taken = set(mapping.fields.values())
        for name in names:
            if name in taken:
                continue
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.values.addItem(item)
        self.values.blockSignals(False)
        wide = mapping.layout == "wide"
        self.values_box.setVisible(wide)
        self.filler.setVisible(not wide)
        for field in ("kpi", "value"):
            self.combos[field].setEnabled(not wide or field == "kpi")
        if wide and mapping.period_columns:
            text = "Wide layout: one row per KPI, one column per period."
        elif wide:
            text = "Wide layout: one row per date, one column per KPI."
        else:
            text = "Long layout: one row per observation."
        self.layout_label.setText(
            f"<b>{text}</b>"
            + (f"<br>{rich(note)}" if note else "")
            + "<br>Suggested from the column names and contents; change "
            "any of them."
        )

    def fit_columns(self) -> None:
        """Wide enough for each header's two lines, never wider than a third of the view."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for section in range(header.count()):
            header.resizeSection(section, min(max(header.sectionSize(section), 90), 260))

    def edited(self, base: Mapping) -> Mapping:
        """The mapping as the combos and the value list now say."""
        fields = {f: c.currentText() for f, c in self.combos.items() if c.currentText() != NONE}
        mapping = Mapping(**{**base.__dict__, "fields": fields})
        checked = [
            self.values.item(i).text()
            for i in range(self.values.count())
            if self.values.item(i).checkState() == Qt.CheckState.Checked
        ]
        mapping.kpi_columns, mapping.period_columns = [], []
        if mapping.layout == "wide":
            fields.pop("value", None)
            if "kpi" in fields and "date" not in fields:
                mapping.period_columns = [c for c in checked if c not in fields.values()]
            else:
                fields.pop("kpi", None)
                mapping.kpi_columns = [c for c in checked if c not in fields.values()]
        return mapping
