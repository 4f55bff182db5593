"""The forms of a control chart and of a Pareto chart of worksheet columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from opsdesk.core.spc.model import CHART_NAMES
from opsdesk.core.spc.run_spc import SpcRequest
from opsdesk.core.worksheet.analysis import ParetoRequest
from opsdesk.ui.worksheet.fields import (
    ColumnBox,
    column_required,
    first_named,
    form,
    number,
    optional_box,
)

CHARTS = ("i-mr", "xbar-r", "xbar-s", "run", "ewma", "cusum", "p", "np", "c", "u")
SUBGROUPED = ("xbar-r", "xbar-s")
SIZED = ("p", "np", "u")
VARIABLES = ("i-mr", "xbar-r", "xbar-s", "ewma", "cusum")


class ControlChartForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart_box = QComboBox()
        for key in CHARTS:
            self.chart_box.addItem(CHART_NAMES[key], key)
        self.value_box = ColumnBox()
        self.subgroup_box = ColumnBox(optional=True)
        self.size_box = ColumnBox(optional=True)
        self.lsl_box = optional_box()
        self.usl_box = optional_box()
        self.form = form()
        self.form.addRow("Chart", self.chart_box)
        self.form.addRow("Values", self.value_box)
        self.form.addRow("Subgroups", self.subgroup_box)
        self.form.addRow("Sample sizes", self.size_box)
        self.form.addRow("LSL", self.lsl_box)
        self.form.addRow("USL", self.usl_box)
        self.setLayout(self.form)
        self.chart_box.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def set_columns(self, names: Sequence[str], numeric: Sequence[str]) -> None:
        self.value_box.set_columns(names, numeric[0] if numeric else None)
        self.subgroup_box.set_columns(names)
        self.size_box.set_columns(names)

    def _show_fields(self) -> None:
        kind = self.chart_box.currentData()
        self.form.setRowVisible(self.subgroup_box, kind in SUBGROUPED)
        self.form.setRowVisible(self.size_box, kind in SIZED)
        for box in (self.lsl_box, self.usl_box):
            self.form.setRowVisible(box, kind in VARIABLES)

    def request(self) -> SpcRequest:
        kind = str(self.chart_box.currentData())
        variables = kind in VARIABLES
        return SpcRequest(chart=kind, value=column_required(self.value_box, "values"),
                          subgroup=self.subgroup_box.column() if kind in SUBGROUPED else None,
                          size=self.size_box.column() if kind in SIZED else None,
                          lsl=number(self.lsl_box, "LSL") if variables else None,
                          usl=number(self.usl_box, "USL") if variables else None)


class ParetoForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.category_box = ColumnBox()
        self.count_box = ColumnBox(optional=True)
        self.form = form()
        self.form.addRow("Categories", self.category_box)
        self.form.addRow("Counts", self.count_box)
        hint = QLabel("Without counts, each row counts once.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.setLayout(self.form)

    def set_columns(self, names: Sequence[str], numeric: Sequence[str]) -> None:
        texts = [n for n in names if n not in numeric]
        self.category_box.set_columns(names, first_named(texts, "defect", "cause", "categor")
                                      or (texts[0] if texts else None))
        self.count_box.set_columns(names)

    def request(self) -> ParetoRequest:
        return ParetoRequest(column_required(self.category_box, "categories"),
                             self.count_box.column())
