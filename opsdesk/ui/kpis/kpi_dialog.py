"""New/Edit KPI: the definition and its current target, checked before anything is saved;
its owner picked from the people directory (``OwnerBox``), stored as the directory spells
them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.people import Person
from opsdesk.core.kpi.commands import AddKpi, EditKpi, SetTarget
from opsdesk.core.kpi.definitions import ALWAYS, PILLARS, Kpi, validate_kpi, validate_target
from opsdesk.core.spc.rules import SET_NAMES
from opsdesk.core.workspace.commands import Batch, Command
from opsdesk.ui.improve.owner_box import OwnerBox
from opsdesk.ui.widgets.dialog_parts import error_label, ok_cancel

DIRECTIONS = (("Higher is better", "higher"), ("Lower is better", "lower"),
              ("Stay within a band", "band"), ("Not set yet (no status)", "none"))
FREQUENCIES = (("Daily", "daily"), ("Weekly (ISO, from Monday)", "weekly"),
               ("Monthly", "monthly"), ("Quarterly", "quarterly"))
AGGREGATIONS = (("Mean of the period", "mean"), ("Sum of the period", "sum"),
                ("Last value in the period", "last"))


def _combo(items: tuple[tuple[str, str], ...], current: str | None) -> QComboBox:
    box = QComboBox()
    for label, value in items:
        box.addItem(label, value)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def _num_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class KpiDialog(QDialog):
    """Shows a definition; ``command()`` is what OK will do (AddKpi, or edits)."""

    def __init__(self, parent: QWidget | None, kpi: Kpi | None = None,
                 taken_names: set[str] | None = None, today: date | None = None,
                 people: Sequence[Person] = ()) -> None:
        super().__init__(parent)
        self.kpi = kpi
        self.today = today or date.today()
        self.taken = {n.casefold() for n in (taken_names or set())}
        self.setWindowTitle("Edit KPI" if kpi else "New KPI")
        current = kpi.target_on(self.today) if kpi else None
        self.name = QLineEdit(kpi.name if kpi else "")
        self.description = QLineEdit(kpi.description if kpi else "")
        self.pillar = QComboBox()
        self.pillar.setEditable(True)
        self.pillar.addItems(PILLARS)
        self.pillar.setCurrentText(kpi.pillar if kpi else "process")
        self.unit = QLineEdit(kpi.unit if kpi else "")
        self.direction = _combo(DIRECTIONS, kpi.direction if kpi else None)
        self.frequency = _combo(FREQUENCIES, kpi.frequency if kpi else "monthly")
        self.aggregation = _combo(AGGREGATIONS, kpi.aggregation if kpi else None)
        self.target = QLineEdit(_num_text(current.target) if current else "")
        self.effective = QLineEdit("" if kpi is None else self.today.isoformat())
        self.effective.setPlaceholderText("YYYY-MM-DD; empty: from the start")
        self.band_low = QLineEdit(_num_text(current.band_low) if current else "")
        self.band_high = QLineEdit(_num_text(current.band_high) if current else "")
        self.margin = QLineEdit(_num_text(current.band_margin) if current else "")
        red = ""
        if kpi and kpi.red_value is not None:
            red = _num_text(kpi.red_value)
        elif kpi and kpi.red_percent is not None:
            red = f"{kpi.red_percent:g}%"
        self.red = QLineEdit(red)
        self.red.setPlaceholderText("value or % of target, e.g. 85%; empty: 90 % / 110 %")
        self.red.setToolTip("Red beyond this value, or beyond this percent of the target. "
                            "Empty: 90 % of target (higher is better), 110 % (lower).")
        self.owner = OwnerBox(people, kpi.owner if kpi else "")
        self.source = QLineEdit(kpi.data_source if kpi else "")
        self.baseline = QLineEdit(_num_text(kpi.baseline) if kpi else "")
        self.lsl = QLineEdit(_num_text(kpi.lsl) if kpi else "")
        self.usl = QLineEdit(_num_text(kpi.usl) if kpi else "")
        self.rules = _combo(tuple((v, k) for k, v in SET_NAMES.items()),
                            kpi.rule_set if kpi else "nelson")
        form = QFormLayout()
        for label, widget in (
            ("Name", self.name), ("Description", self.description), ("Pillar", self.pillar),
            ("Unit", self.unit), ("Direction", self.direction), ("Review", self.frequency),
            ("Aggregation", self.aggregation), ("Target", self.target),
            ("Target applies from", self.effective), ("Band low", self.band_low),
            ("Band high", self.band_high), ("Amber margin", self.margin),
            ("Red threshold", self.red), ("Owner", self.owner), ("Data source", self.source),
            ("Baseline", self.baseline), ("Lower spec limit", self.lsl),
            ("Upper spec limit", self.usl), ("SPC rules", self.rules),
        ):
            if widget is self.owner:
                self.owner.add_to(form, label)  # with its hint's row under it
            else:
                form.addRow(label, widget)
        self.form = form
        self.error = error_label()
        self.error.hide()
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.direction.currentIndexChanged.connect(self._direction_changed)
        self._direction_changed()
        self.setMinimumWidth(520)

    def _direction_changed(self) -> None:
        band = self.direction.currentData() == "band"
        for widget, show in ((self.target, not band), (self.red, not band),
                             (self.band_low, band), (self.band_high, band), (self.margin, band)):
            self.form.setRowVisible(widget, show)

    def values(self) -> dict[str, Any]:
        red = self.red.text().strip()
        values: dict[str, Any] = {
            "name": self.name.text(), "description": self.description.text(),
            "pillar": self.pillar.currentText(), "unit": self.unit.text(),
            "direction": self.direction.currentData(),
            "frequency": self.frequency.currentData(),
            "aggregation": self.aggregation.currentData(), "owner": self.owner.owner(),
            "data_source": self.source.text(), "baseline": self.baseline.text(),
            "lsl": self.lsl.text(), "usl": self.usl.text(), "rule_set": self.rules.currentData(),
            "red_value": None, "red_percent": None,
        }
        if red and values["direction"] != "band":
            key = "red_percent" if red.endswith("%") else "red_value"
            values[key] = red.rstrip("%").strip()
        return values

    def target_values(self) -> dict[str, Any] | None:
        band = self.direction.currentData() == "band"
        texts = (self.band_low, self.band_high) if band else (self.target,)
        if not any(t.text().strip() for t in texts):
            return None
        return {"effective_from": self.effective.text().strip() or ALWAYS,
                "target": None if band else self.target.text(),
                "band_low": self.band_low.text() if band else None,
                "band_high": self.band_high.text() if band else None,
                "band_margin": self.margin.text() if band else None}

    def command(self) -> Command[object]:
        """The command OK stands for; raises OpsdeskError with what is wrong."""
        values = validate_kpi(self.values())
        if values["name"].casefold() in self.taken and (
                self.kpi is None or values["name"].casefold() != self.kpi.name.casefold()):
            raise OpsdeskError(f"There is already a KPI named {values['name']!r}.")
        target = self.target_values()
        if target is not None:
            target = validate_target(values["direction"], target)
        elif values["direction"] == "band":
            raise OpsdeskError("A band KPI needs a band: give its low and high values.")
        if self.kpi is None:
            return AddKpi(values, (target,) if target else (), f"Add KPI {values['name']}")
        title = f"Edit KPI {values['name']}"
        steps: list[Command[None]] = []
        current = self.kpi.target_on(self.today)
        changed = target is not None and (current is None or any(
            target[k] != getattr(current, k) for k in ("target", "band_low", "band_high",
                                                      "band_margin")))
        if changed:
            steps.append(SetTarget(self.kpi.id, target or {}, title))
        steps.append(EditKpi(self.kpi.id, values, title))
        return Batch(title, tuple(steps))

    def accept(self) -> None:
        try:
            self.result_command = self.command()
        except OpsdeskError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()
