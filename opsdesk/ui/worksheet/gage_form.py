"""The form of a measurement-system study: part, operator and measurement columns, the
method (crossed by ANOVA or X̄-R, nested, or attribute agreement with its optional
known-standard column) and an optional tolerance for %tolerance."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from opsdesk.core.msa.run_gage import GageRequest
from opsdesk.ui.worksheet.fields import (
    ColumnBox,
    column_required,
    first_named,
    form,
    number,
    optional_box,
)

METHODS = (("Crossed, ANOVA", "anova"), ("Crossed, X̄-R (average and range)", "xbar-r"),
           ("Nested, ANOVA (destructive tests)", "nested"),
           ("Attribute agreement (kappa)", "attribute"))


class GageForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.part_box = ColumnBox()
        self.operator_box = ColumnBox()
        self.value_box = ColumnBox()
        self.method_box = QComboBox()
        for text, key in METHODS:
            self.method_box.addItem(text, key)
        self.tolerance_box = optional_box("USL − LSL, optional")
        self.standard_box = ColumnBox(optional=True)
        self.standard_box.setToolTip("Attribute agreement: each part's known rating, to "
                                     "judge each appraiser against the standard.")
        self.form = form()
        self.form.addRow("Parts", self.part_box)
        self.form.addRow("Operators", self.operator_box)
        self.form.addRow("Measurements", self.value_box)
        self.form.addRow("Method", self.method_box)
        self.form.addRow("Tolerance", self.tolerance_box)
        self.form.addRow("Standard", self.standard_box)
        self.setLayout(self.form)
        self.method_box.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def _show_fields(self) -> None:
        attribute = self.method_box.currentData() == "attribute"
        self.form.setRowVisible(self.tolerance_box, not attribute)
        self.form.setRowVisible(self.standard_box, attribute)
        label = self.form.labelForField(self.value_box)
        if label is not None:
            label.setProperty("text", "Ratings" if attribute else "Measurements")

    def set_columns(self, names: Sequence[str], numeric: Sequence[str]) -> None:
        """Found by their names (Part, Operator, Measurement) where they can be; else three
        different columns: labels for the parts and operators, numbers to measure."""
        part = first_named(names, "part", "sample", "item")
        operator = first_named(names, "operator", "appraiser", "inspector")
        value = first_named(names, "measure", "value", "reading")
        taken = {part, operator, value}
        labels = [n for n in names if n not in numeric and n not in taken]
        if part is None and labels:
            part = labels.pop(0)
        if operator is None and labels:
            operator = labels.pop(0)
        if value is None:
            value = next((n for n in reversed(numeric) if n not in (part, operator)), None)
        self.part_box.set_columns(names, part)
        self.operator_box.set_columns(names, operator)
        self.value_box.set_columns(names, value)
        self.standard_box.set_columns(names, first_named(names, "standard", "reference"))

    def request(self) -> GageRequest:
        method = str(self.method_box.currentData())
        attribute = method == "attribute"
        return GageRequest(part=column_required(self.part_box, "parts"),
                           operator=column_required(self.operator_box, "operators"),
                           value=column_required(self.value_box,
                                                 "ratings" if attribute else "measurements"),
                           method="xbar-r" if method == "xbar-r" else "anova",
                           nested=method == "nested", attribute=attribute,
                           standard=self.standard_box.column() if attribute else None,
                           tolerance=None if attribute else number(self.tolerance_box,
                                                                   "tolerance"))
