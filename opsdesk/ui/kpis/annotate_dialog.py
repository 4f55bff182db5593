"""Annotate a period of a KPI's chart, and say whether it starts a stage there."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from opsdesk.ui.widgets.dialog_parts import ok_cancel


class AnnotateDialog(QDialog):
    """What happened around a period, and whether it starts a stage of the chart."""

    def __init__(self, parent: QWidget | None, day: str, text: str = "",
                 stage: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotate")
        self.text = QLineEdit(text)
        self.stage = QCheckBox("A new stage starts here: the control limits are computed "
                               "afresh from this period on")
        self.stage.setChecked(stage)
        form = QFormLayout(self)
        form.addRow(QLabel(f"What happened around {day}?"))
        form.addRow(self.text)
        form.addRow(self.stage)
        form.addRow(ok_cancel(self))
