"""The form of a capability sixpack: a value column, its subgroups and the spec limits."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from opsdesk.core.spc.capability_view import non_normal_method
from opsdesk.core.worksheet.sixpack_analysis import SixpackRequest
from opsdesk.ui.worksheet.fields import (
    ColumnBox,
    column_required,
    form,
    non_normal_box,
    number,
    optional_box,
)


class SixpackForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.value_box = ColumnBox()
        self.subgroup_box = ColumnBox(optional=True)
        self.subgroup_box.setToolTip("Rows with the same label form a subgroup (an X̄-R "
                                     "chart, X̄-S above 8 a subgroup); none: I-MR.")
        self.lsl_box = optional_box("lower spec limit")
        self.usl_box = optional_box("upper spec limit")
        self.target_box = optional_box("optional")
        self.non_normal_box = non_normal_box(
            "Capability of data that are not normal, under the six charts: on Box-Cox or "
            "Johnson transformed data, or by the percentile method (ISO 22514-2) on a "
            "fitted distribution; the best fit has the smallest Anderson-Darling A².")
        self.form = form()
        self.form.addRow("Values", self.value_box)
        self.form.addRow("Subgroups", self.subgroup_box)
        self.form.addRow("LSL", self.lsl_box)
        self.form.addRow("USL", self.usl_box)
        self.form.addRow("Target", self.target_box)
        self.form.addRow("Non-normal", self.non_normal_box)
        hint = QLabel("Give the LSL, the USL or both. No subgroups: an I-MR chart.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.setLayout(self.form)

    def set_columns(self, names: Sequence[str], numeric: Sequence[str]) -> None:
        self.value_box.set_columns(names, numeric[0] if numeric else None)
        self.subgroup_box.set_columns(names)

    def request(self) -> SixpackRequest:
        transform, fit = non_normal_method(self.non_normal_box.currentData())
        return SixpackRequest(column_required(self.value_box, "values"),
                              self.subgroup_box.column(), number(self.lsl_box, "LSL"),
                              number(self.usl_box, "USL"), number(self.target_box, "target"),
                              transform, fit)
