"""The boxes of the element chosen on the value-stream canvas: a process's data box with
its name, and an inventory's (its kind, name, quantity and given days) or a delay's
(name and wait). Each finished edit is a request the page turns into one command."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from opsdesk.core.maps.vsm_element_edits import (
    DELAY_FIELDS,
    INVENTORY_FIELDS,
    STOCK_KIND_WORDS,
)
from opsdesk.core.maps.vsm_format import count_text
from opsdesk.core.maps.vsm_model import Delay, Inventory, Process
from opsdesk.ui.vsm.vsm_panels import FieldsBox, ProcessBox


def _name_row(box: FieldsBox) -> None:
    """A Name field on top of ``box``'s form, edited like its other fields."""
    edit = QLineEdit()
    edit.setObjectName("name")
    edit.editingFinished.connect(lambda: box._finished("name"))
    form = box.layout()
    assert isinstance(form, QFormLayout)
    form.insertRow(0, "Name", edit)
    box.edits = {"name": edit, **box.edits}
    box.fields = {"name": ("Name", "text"), **box.fields}


class NamedProcessBox(ProcessBox):
    """The data box, its process's name typed first (a new process is "Process 3")."""

    def __init__(self) -> None:
        super().__init__()
        _name_row(self)

    def show_process(self, key: str | None, process: Process | None, read_only: bool) -> None:
        super().show_process(key, process, read_only)
        name = process.name if process else ""
        self._shown["name"] = name
        self.edits["name"].setText(name)


class StockBox(FieldsBox):
    """An inventory's box (the icon it is drawn as, its name, quantity and given days) or
    a delay's (name, wait); ``kind_chosen(kind)`` when another icon is chosen."""

    kind_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__("Inventory", {f: v for f, v in INVENTORY_FIELDS.items()
                                       if f != "name"})
        _name_row(self)
        self.key: str | None = None
        self.element: Inventory | Delay | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.setSizeAdjustPolicy(  # a narrow column keeps the conventions' room
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(9)
        for kind, words in STOCK_KIND_WORDS.items():
            self.kind.addItem(words, kind)
        self.kind.activated.connect(lambda _i: self.kind_chosen.emit(self.kind.currentData()))
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.insertRow(0, "Kind", self.kind)
        hint = QLabel("Days given override the days computed from the quantity.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.form, self.hint = form, hint

    def show_stock(self, key: str | None, element: Inventory | Delay | None,
                   read_only: bool) -> None:
        self.key, self.element = key, element
        stock = isinstance(element, Inventory)
        for widget in (self.kind, self.edits["quantity"], self.hint):
            self.form.setRowVisible(widget, stock or element is None)
        days = (INVENTORY_FIELDS if stock or element is None else DELAY_FIELDS)["days"][0]
        label = self.form.labelForField(self.edits["days"])
        if isinstance(label, QLabel):
            label.setText(days)
        values: dict[str, object] = {}
        if element is not None:
            values = {"name": element.name, "days": element.days}
        parts = ""
        if isinstance(element, Inventory):
            values["quantity"] = element.quantity
            parts = ", ".join(f"{count_text(p.quantity)} {p.name}" for p in element.by_part)
            self.kind.setCurrentIndex(max(self.kind.findData(element.kind), 0))
        self.show_values(values, read_only)
        self.edits["quantity"].setPlaceholderText(f"by part: {parts}" if parts else "")
        self.kind.setEnabled(not read_only)
        what = "Delay" if isinstance(element, Delay) else "Inventory"
        self.setTitle(f"{what}: {element.name}" if element and element.name else what)
        self.setEnabled(element is not None)
