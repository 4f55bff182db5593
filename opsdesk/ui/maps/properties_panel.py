"""The step-data panel beside the canvas: what the selected step carries.

Each field is written when it is left (or Enter): one change, one command, one undo step.
A value that makes no sense is said in one sentence under the form, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.maps.model import ACTIVITY_KINDS, Flow, Node
from opsdesk.core.maps.step_data import VALUE_CLASSES, WASTE_KINDS, Duration, StepData
from opsdesk.core.maps.units import TimeUnit, parse_unit
from opsdesk.ui.maps.look import VALUE_NAMES

T = TypeVar("T")
KIND_NAMES = {"start": "Start event", "end": "End event", "intermediate": "Intermediate event",
              "boundary": "Boundary event", "task": "Task", "subprocess": "Sub-process",
              "exclusive": "Exclusive gateway", "parallel": "Parallel gateway",
              "inclusive": "Inclusive gateway", "data": "Data", "wait": "Wait",
              "annotation": "Annotation"}


def waste_name(kind: str) -> str:
    return kind.replace("_", "-").capitalize()


def parse_number(text: str, what: str, low: float | None = 0.0, high: float | None = None
                 ) -> float | None:
    """``text`` as a number (empty: None); ValueError with one sentence otherwise."""
    text = text.strip()
    if text.count(",") == 1 and "." not in text:  # a decimal comma
        text = text.replace(",", ".")
    if not text:
        return None
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip())
    except ValueError:
        raise ValueError(f"{what}: '{text}' is not a number.") from None
    if percent:
        value /= 100.0
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
        raise ValueError(f"{what}: {text} is out of range (give a value {bounds}).")
    return value


def parse_duration(text: str, unit: TimeUnit, what: str) -> Duration | None:
    """'10', '10 min', or a spread '5-10-20' (minimum, most likely, maximum) in ``unit``."""
    text = text.strip()
    if not text:
        return None
    parts = text.split()
    if len(parts) == 2:
        unit = parse_unit(parts[1])
        text = parts[0]
    pieces = [p for p in text.replace("–", "-").split("-") if p]
    numbers = [parse_number(p, what) for p in pieces]
    if len(numbers) == 1 and numbers[0] is not None:
        return Duration(numbers[0], unit)
    if len(numbers) == 3 and None not in numbers:
        low, mode, high = numbers
        assert low is not None and mode is not None and high is not None
        if not low <= mode <= high:
            raise ValueError(f"{what}: give minimum, most likely and maximum in that order.")
        return Duration(mode, unit, low, mode, high)
    raise ValueError(f"{what}: write one time (10) or minimum-most likely-maximum (5-10-20).")


def duration_text(d: Duration | None) -> str:
    if d is None:
        return ""
    if d.spread is not None:
        low, mode, high = d.spread
        return f"{num(low)}-{num(mode)}-{num(high)} {d.unit}"
    return f"{num(d.value)} {d.unit}"


def num(value: float | None) -> str:
    """A stored number as the form shows it (four significant digits; a field left as
    shown keeps the stored value exactly)."""
    return "" if value is None else f"{value:.4g}"


class PropertiesPanel(QWidget):
    label_edited = Signal(str, str)  # node id, new label
    step_edited = Signal(str, object, object)  # node id, StepData, probability or None
    branch_edited = Signal(str, object)  # flow id, probability or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node: Node | None = None
        self.flow: Flow | None = None
        self._shown: dict[int, str] = {}  # each number field's text as last shown
        self.unit: TimeUnit = "min"
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.name = QLineEdit()
        self.performer = QLineEdit()
        self.processing = QLineEdit()
        self.processing.setPlaceholderText("10, or 5-10-20 (min-likely-max)")
        self.wait = QLineEdit()
        self.cost = QLineEdit()
        self.value_class = QComboBox()
        self.value_class.addItem("Not classed", None)
        for v in VALUE_CLASSES:
            self.value_class.addItem(VALUE_NAMES[v], v)
        self.waste = QComboBox()
        self.waste.addItem("—", None)
        for w in WASTE_KINDS:
            self.waste.addItem(waste_name(w), w)
        self.rework = QLineEdit()
        self.rework.setPlaceholderText("0.1 or 10%")
        self.fpy = QLineEdit()
        self.probability = QLineEdit()
        self.resources = QLineEdit()
        self.resources.setPlaceholderText("comma-separated")
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.notes.installEventFilter(self)
        self.problem = QLabel()
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        # A narrow side panel puts a field under its label rather than cut the field.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Name", self.name)
        form.addRow("Performer", self.performer)
        form.addRow("Processing time", self.processing)
        form.addRow("Wait time", self.wait)
        form.addRow("Cost per execution", self.cost)
        form.addRow("Value class", self.value_class)
        form.addRow("Waste", self.waste)
        form.addRow("Rework probability", self.rework)
        form.addRow("First-pass yield", self.fpy)
        form.addRow("Chance it fires", self.probability)
        form.addRow("Resources", self.resources)
        form.addRow("Notes", self.notes)
        self.form = form
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.form_box)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.name.editingFinished.connect(self._name_done)
        for field in (self.performer, self.processing, self.wait, self.cost, self.rework,
                      self.fpy, self.probability, self.resources):
            field.editingFinished.connect(self._commit)
        self.value_class.activated.connect(lambda _i: self._commit())
        self.waste.activated.connect(lambda _i: self._commit())
        self.show_node(None)

    def _fields(self) -> list[QWidget]:
        return [self.name, self.performer, self.processing, self.wait, self.cost,
                self.value_class, self.waste, self.rework, self.fpy, self.probability,
                self.resources, self.notes]

    def _probability_label(self, text: str) -> None:
        label = self.form.labelForField(self.probability)
        if isinstance(label, QLabel):
            label.setText(text)

    def show_flow(self, flow: Flow, source: str, target: str, read_only: bool = False
                  ) -> None:
        """A flow's label and, out of a gateway, its branch probability."""
        self.show_node(None)
        self.flow = flow
        self.heading.setText(f"{flow.kind.capitalize()} flow: {source} → {target}")
        self.form_box.show()
        for w in self._fields():
            self.form.setRowVisible(w, w in (self.name, self.probability))
            w.setEnabled(not read_only)
        self._probability_label("Branch probability")
        self.name.setText(flow.label)
        self.probability.setText(num(flow.probability))
        self._remember()

    def show_node(self, node: Node | None, unit: TimeUnit = "min",
                  read_only: bool = False) -> None:
        self.node, self.unit, self.flow = node, unit, None
        self.problem.hide()
        for w in self._fields():
            self.form.setRowVisible(w, True)
        self._probability_label("Chance it fires")
        for w in self._fields():
            w.setEnabled(node is not None and not read_only)
        self.form_box.setVisible(node is not None)
        if node is None:
            self.heading.setText("Select a step to see and edit its data: times, cost, "
                                 "value class, quality, resources.")
            for line in (self.name, self.performer, self.processing, self.wait, self.cost,
                         self.rework, self.fpy, self.probability, self.resources):
                line.clear()
            self.notes.clear()
            return
        s = node.step
        self.heading.setText(f"{KIND_NAMES.get(node.kind, node.kind)}: {node.name}")
        self.name.setText(node.label)
        self.performer.setText(s.performer)
        self.processing.setText(duration_text(s.processing))
        self.processing.setPlaceholderText(f"10 {unit}, or 5-10-20 (min-likely-max)")
        self.wait.setText(duration_text(s.wait))
        self.cost.setText(num(s.cost))
        self.value_class.setCurrentIndex(max(0, self.value_class.findData(s.value_class)))
        self.waste.setCurrentIndex(max(0, self.waste.findData(s.waste)))
        self.waste.setEnabled(s.value_class == "waste" and not read_only)
        self.rework.setText(num(s.rework_probability))
        self.fpy.setText(num(s.first_pass_yield))
        self.probability.setText(num(node.probability))
        self.probability.setEnabled(node.kind == "boundary" and not read_only)
        self.resources.setText(", ".join(s.resources))
        self.notes.setPlainText(s.notes)
        self._remember()
        timed = node.kind in ACTIVITY_KINDS or node.kind == "wait"
        for w in (self.processing, self.wait, self.cost):
            w.setEnabled(timed and not read_only)

    def _name_done(self) -> None:
        item = self.node or self.flow
        if item is not None and self.name.text().strip() != item.label:
            self.label_edited.emit(item.id, self.name.text().strip())

    def read_step(self) -> tuple[StepData, float | None]:
        """The form as step data; ValueError with one sentence when a field makes no sense."""
        assert self.node is not None
        value_class = self.value_class.currentData()
        waste = self.waste.currentData() if value_class == "waste" else None
        resources = tuple(r.strip() for r in self.resources.text().split(",") if r.strip())
        s, unit = self.node.step, self.unit
        step = replace(
            s, performer=self.performer.text().strip(),
            processing=self._read(self.processing, s.processing,
                                  lambda t: parse_duration(t, unit, "Processing time")),
            wait=self._read(self.wait, s.wait, lambda t: parse_duration(t, unit, "Wait time")),
            cost=self._read(self.cost, s.cost, lambda t: parse_number(t, "Cost")),
            value_class=value_class, waste=waste,
            rework_probability=self._read(self.rework, s.rework_probability, lambda t:
                                          parse_number(t, "Rework probability", 0, 1)),
            first_pass_yield=self._read(self.fpy, s.first_pass_yield, lambda t:
                                        parse_number(t, "First-pass yield", 0, 1)),
            resources=resources, notes=self.notes.toPlainText().strip())
        probability = self._read(self.probability, self.node.probability,
                                 lambda t: parse_number(t, "Chance it fires", 0, 1))
        return step, probability

    def _remember(self) -> None:
        self._shown = {id(w): w.text() for w in (self.processing, self.wait, self.cost,
                                                 self.rework, self.fpy, self.probability)}

    def _read(self, field: QLineEdit, stored: T, parse: Callable[[str], T]) -> T:
        """The stored value while the field shows it as it was shown, else the text read."""
        return stored if self._shown.get(id(field)) == field.text() else parse(field.text())

    def _commit(self) -> None:
        if self.flow is not None:
            self._commit_branch(self.flow)
        node = self.node
        if node is None:
            return
        self.waste.setEnabled(self.value_class.currentData() == "waste")
        try:
            step, probability = self.read_step()
        except ValueError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.problem.hide()
        if step != node.step or probability != node.probability:
            self.step_edited.emit(node.id, step, probability)

    def _commit_branch(self, flow: Flow) -> None:
        try:
            p = self._read(self.probability, flow.probability,
                           lambda t: parse_number(t, "Branch probability", 0, 1))
        except ValueError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.problem.hide()
        if p != flow.probability:
            self.branch_edited.emit(flow.id, p)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self._commit()  # a text box has no "editing finished": leaving it is that
        return False
