"""Save as KPI: which column holds the values, which the dates, and the KPI's name."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


@dataclass(frozen=True)
class SaveChoice:
    name: str
    values: str
    dates: str
    unit: str


class SaveKpiDialog(QDialog):
    def __init__(self, parent: QWidget | None, columns: tuple[str, ...], values: str,
                 chart_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save as KPI")
        self.name = QLineEdit(values)
        self.values = QComboBox()
        self.values.addItems(list(columns))
        self.values.setCurrentText(values)
        self.dates = QComboBox()
        self.dates.addItems(list(columns))
        self.dates.setCurrentIndex(next((i for i, c in enumerate(columns) if c != values), 0))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("optional, e.g. mm, %, days")
        form = QFormLayout(self)
        form.addRow(QLabel(f"A new KPI with a row per value, dated by the chosen column, and "
                           f"a saved {chart_name} of it; undo takes all of it back."))
        form.addRow("KPI name", self.name)
        form.addRow("Values", self.values)
        form.addRow("Dates", self.dates)
        form.addRow("Unit", self.unit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> SaveChoice:
        return SaveChoice(self.name.text().strip(), self.values.currentText(),
                          self.dates.currentText(), self.unit.text().strip())
