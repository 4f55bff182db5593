"""What to chart from a worksheet: the chart, its columns and specification limits."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.model import CHART_NAMES
from opsdesk.core.worksheet.analysis import PARETO

CHARTS = ("i-mr", "xbar-r", "xbar-s", "run", "ewma", "cusum", "p", "np", "c", "u", PARETO)
SUBGROUPED = ("xbar-r", "xbar-s")
SIZED = ("p", "np", "u")
VARIABLES = ("i-mr", "xbar-r", "xbar-s", "ewma", "cusum")
NONE = "—"


@dataclass(frozen=True)
class ChartChoice:
    chart: str
    value: str  # the values (categories for a Pareto)
    subgroup: str | None = None
    size: str | None = None  # sample sizes (counts for a Pareto)
    lsl: float | None = None
    usl: float | None = None


def _number(box: QLineEdit, what: str) -> float | None:
    from opsdesk.core.imports.numbers import parse_number

    text = box.text().strip()
    if not text:
        return None
    parsed = parse_number(text)
    if parsed is None:
        raise OpsdeskError(f"The {what} {text!r} is not a number.")
    return parsed[0]


class AnalysisPanel(QWidget):
    chart_requested = Signal()  # the page reads ``choice()`` and reports its errors
    save_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.chart_box = QComboBox()
        for key in CHARTS:
            self.chart_box.addItem("Pareto chart" if key == PARETO else CHART_NAMES[key], key)
        self.value_box = QComboBox()
        self.subgroup_box = QComboBox()
        self.size_box = QComboBox()
        self.lsl_box = QLineEdit()
        self.usl_box = QLineEdit()
        for box in (self.lsl_box, self.usl_box):
            box.setPlaceholderText("optional")
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow("Chart", self.chart_box)
        self.value_label = QLabel("Values")
        self.size_label = QLabel("Sample sizes")
        self.form.addRow(self.value_label, self.value_box)
        self.form.addRow("Subgroups", self.subgroup_box)
        self.form.addRow(self.size_label, self.size_box)
        self.form.addRow("LSL", self.lsl_box)
        self.form.addRow("USL", self.usl_box)
        self.run_button = QPushButton("Chart")
        self.run_button.setDefault(True)
        self.save_button = QPushButton("Save as KPI…")
        self.save_button.setToolTip("Keep a column as a KPI's observations, dated by another "
                                    "column, with a saved chart of the kind chosen here.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.chart_box.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.run_button.clicked.connect(self.chart_requested)
        self.save_button.clicked.connect(self.save_requested)
        self._show_fields()

    def set_columns(self, names: tuple[str, ...], numeric: tuple[str, ...] = ()) -> None:
        """The grid's columns to choose from; a column kept where it still exists, else
        the values default to the first column of numbers."""
        boxes = ((self.value_box, False), (self.subgroup_box, True), (self.size_box, True))
        for box, optional in boxes:
            kept = box.currentText()
            box.blockSignals(True)
            box.clear()
            if optional:
                box.addItem(NONE)
            box.addItems(list(names))
            if kept in names:
                box.setCurrentText(kept)
            elif not optional and names:
                box.setCurrentText(numeric[0] if numeric else names[0])
            box.blockSignals(False)

    def _show_fields(self) -> None:
        kind = self.chart_box.currentData()
        pareto = kind == PARETO
        self.value_label.setText("Categories" if pareto else "Values")
        self.size_label.setText("Counts" if pareto else "Sample sizes")
        self.form.setRowVisible(self.subgroup_box, kind in SUBGROUPED)
        self.form.setRowVisible(self.size_box, pareto or kind in SIZED)
        for box in (self.lsl_box, self.usl_box):
            self.form.setRowVisible(box, kind in VARIABLES)
        self.save_button.setEnabled(not pareto)

    def choice(self) -> ChartChoice:
        """The chart as chosen (raises ``OpsdeskError`` for a limit that is no number)."""
        kind = str(self.chart_box.currentData())
        if not self.value_box.currentText():
            raise OpsdeskError("The worksheet has no columns to chart yet.")

        def optional(box: QComboBox, used: bool) -> str | None:
            return box.currentText() if used and box.currentText() not in ("", NONE) else None

        variables = kind in VARIABLES
        return ChartChoice(kind, self.value_box.currentText(),
                           optional(self.subgroup_box, kind in SUBGROUPED),
                           optional(self.size_box, kind == PARETO or kind in SIZED),
                           _number(self.lsl_box, "LSL") if variables else None,
                           _number(self.usl_box, "USL") if variables else None)
