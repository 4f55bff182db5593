"""Set a KPI's target (or band) from a date: each period is judged against the target in
force on its first day, so earlier periods keep the target they had."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.commands import SetTarget
from opsdesk.core.kpi.definitions import Kpi, validate_target
from opsdesk.ui.widgets.dialog_parts import error_label, ok_cancel


class TargetDialog(QDialog):
    def __init__(self, parent: QWidget | None, kpi: Kpi, today: date) -> None:
        super().__init__(parent)
        self.kpi = kpi
        self.setWindowTitle(f"Set target of {kpi.name}")
        current = kpi.target_on(today)
        band = kpi.direction == "band"
        self.target = QLineEdit()
        self.low, self.high, self.margin = QLineEdit(), QLineEdit(), QLineEdit()
        if current is not None:
            for edit, value in ((self.target, current.target), (self.low, current.band_low),
                                (self.high, current.band_high),
                                (self.margin, current.band_margin)):
                edit.setText("" if value is None else f"{value:g}")
        self.effective = QLineEdit(today.isoformat())
        self.note = QLineEdit()
        self.note.setPlaceholderText("why it changed, e.g. annual plan")
        form = QFormLayout(self)
        rows = ((("Band low", self.low), ("Band high", self.high), ("Amber margin", self.margin))
                if band else (("Target", self.target),))
        for label, widget in (*rows, ("Applies from", self.effective), ("Note", self.note)):
            form.addRow(label, widget)
        self.error = error_label()
        form.addRow(self.error)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        band = self.kpi.direction == "band"
        return {"effective_from": self.effective.text().strip(), "note": self.note.text(),
                "target": None if band else self.target.text(),
                "band_low": self.low.text() if band else None,
                "band_high": self.high.text() if band else None,
                "band_margin": self.margin.text() if band else None}

    def command(self) -> SetTarget:
        if not self.effective.text().strip():
            raise OpsdeskError("Give the date the target applies from.")
        clean = validate_target(self.kpi.direction, self.values())
        return SetTarget(self.kpi.id, clean, f"Set target of {self.kpi.name}")

    def accept(self) -> None:
        try:
            self.result_command = self.command()
        except OpsdeskError as error:
            self.error.setText(str(error))
            return
        super().accept()
