"""The forms of a control chart and of a Pareto chart of worksheet columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability_view import non_normal_method
from opsdesk.core.spc.model import CHART_NAMES
from opsdesk.core.spc.run_spc import SpcRequest
from opsdesk.core.worksheet.analysis import ParetoRequest
from opsdesk.ui.worksheet.fields import (
    ColumnBox,
    column_required,
    first_named,
    form,
    non_normal_box,
    number,
    optional_box,
)

# Every chart of ``opsdesk spc``, variables first, then rare events and attributes.
CHARTS = ("i-mr", "xbar-r", "xbar-s", "i-mr-r", "i-mr-s", "run", "ewma", "cusum", "ma",
          "z-mr", "t2", "g", "t", "p", "np", "c", "u", "laney-p", "laney-u")
SUBGROUPED = ("xbar-r", "xbar-s", "i-mr-r", "i-mr-s", "ma", "t2")
SIZED = ("p", "np", "u", "laney-p", "laney-u")
VARIABLES = ("i-mr", "xbar-r", "xbar-s", "i-mr-r", "i-mr-s", "ewma", "cusum", "ma")


class ControlChartForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart_box = QComboBox()
        for key in CHARTS:
            self.chart_box.addItem(CHART_NAMES[key], key)
        self.value_box = ColumnBox()
        self.more_box = QListWidget()  # T²: the other variables, ticked
        self.more_box.setToolTip("Hotelling T²: tick the other measured variables (two "
                                 "or more in all).")
        self.more_box.setMaximumHeight(90)
        self.subgroup_box = ColumnBox(optional=True)
        self.size_box = ColumnBox(optional=True)
        self.part_box = ColumnBox(optional=True)
        self.part_box.setToolTip("Z-MR: the part (product) of each value; each part's "
                                 "values are standardised by its own mean.")
        self.distribution_box = QComboBox()
        for text, key in (("Weibull", "weibull"), ("Exponential", "exponential")):
            self.distribution_box.addItem(text, key)
        self.lsl_box = optional_box()
        self.usl_box = optional_box()
        self.non_normal_box = non_normal_box(
            "Capability of data that are not normal: on Box-Cox or Johnson transformed "
            "data, or by the percentile method (ISO 22514-2) on a fitted distribution; the "
            "best fit has the smallest Anderson-Darling statistic.")
        self.form = form()
        self.form.addRow("Chart", self.chart_box)
        self.form.addRow("Values", self.value_box)
        self.form.addRow("More variables", self.more_box)
        self.form.addRow("Subgroups", self.subgroup_box)
        self.form.addRow("Sample sizes", self.size_box)
        self.form.addRow("Parts", self.part_box)
        self.form.addRow("Distribution", self.distribution_box)
        self.form.addRow("LSL", self.lsl_box)
        self.form.addRow("USL", self.usl_box)
        self.form.addRow("Non-normal", self.non_normal_box)
        self.setLayout(self.form)
        self.chart_box.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def set_columns(self, names: Sequence[str], numeric: Sequence[str]) -> None:
        self.value_box.set_columns(names, numeric[0] if numeric else None)
        self.subgroup_box.set_columns(names)
        self.size_box.set_columns(names)
        self.part_box.set_columns(names, first_named(
            [n for n in names if n not in numeric], "part", "product", "item"))
        ticked = set(self.more_variables())
        self.more_box.clear()
        for name in numeric:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in ticked
                               else Qt.CheckState.Unchecked)
            self.more_box.addItem(item)

    def more_variables(self) -> list[str]:
        items = (self.more_box.item(i) for i in range(self.more_box.count()))
        return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]

    def _show_fields(self) -> None:
        kind = self.chart_box.currentData()
        self.form.setRowVisible(self.more_box, kind == "t2")
        self.form.setRowVisible(self.subgroup_box, kind in SUBGROUPED)
        self.form.setRowVisible(self.size_box, kind in SIZED)
        self.form.setRowVisible(self.part_box, kind == "z-mr")
        self.form.setRowVisible(self.distribution_box, kind == "t")
        for box in (self.lsl_box, self.usl_box, self.non_normal_box):
            self.form.setRowVisible(box, kind in VARIABLES)

    def request(self) -> SpcRequest:
        kind = str(self.chart_box.currentData())
        variables = kind in VARIABLES
        value = column_required(self.value_box, "values")
        if kind == "t2":
            value = ",".join([value, *(c for c in self.more_variables() if c != value)])
        transform, fit = (non_normal_method(self.non_normal_box.currentData())
                          if variables else (None, None))
        lsl = number(self.lsl_box, "LSL") if variables else None
        usl = number(self.usl_box, "USL") if variables else None
        if (transform or fit) and lsl is None and usl is None:
            raise OpsdeskError(f"{self.non_normal_box.currentText()} judges capability: "
                               "give the LSL, the USL or both.")
        return SpcRequest(chart=kind, value=value,
                          subgroup=self.subgroup_box.column() if kind in SUBGROUPED else None,
                          size=self.size_box.column() if kind in SIZED else None,
                          part=self.part_box.column() if kind == "z-mr" else None,
                          distribution=str(self.distribution_box.currentData()),
                          lsl=lsl, usl=usl, transform=transform, fit=fit)


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
