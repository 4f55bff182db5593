"""The fields the Data page's analysis forms share: a column chooser that keeps its
choice while the grid changes, and a number box that says what is wrong with its text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability_view import NON_NORMAL

NONE = "—"


class ColumnBox(QComboBox):
    """A worksheet column; an optional one may be left at "—"."""

    def __init__(self, optional: bool = False) -> None:
        super().__init__()
        self.optional = optional
        self.setMinimumContentsLength(8)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def set_columns(self, names: Sequence[str], preferred: str | None = None) -> None:
        """The grid's columns; the choice is kept where it still exists, else
        ``preferred`` (a required box falls back to the first column)."""
        kept = self.currentText()
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem(NONE)
        self.addItems(list(names))
        if kept in names:
            self.setCurrentText(kept)
        elif preferred in names:
            self.setCurrentText(preferred or "")
        elif not self.optional and names:
            self.setCurrentIndex(0)
        self.blockSignals(False)

    def column(self) -> str | None:
        text = self.currentText()
        return None if text in ("", NONE) else text


def number(box: QLineEdit, what: str) -> float | None:
    from opsdesk.core.imports.numbers import parse_number

    text = box.text().strip()
    if not text:
        return None
    parsed = parse_number(text)
    if parsed is None:
        raise OpsdeskError(f"The {what} {text!r} is not a number.")
    return parsed[0]


def optional_box(placeholder: str = "optional") -> QLineEdit:
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    return box


def non_normal_box(tip: str) -> QComboBox:
    """The non-normal capability methods (core's ``NON_NORMAL``), each with its method."""
    box = QComboBox()
    # as narrow as a column's box: the long fit names do not squeeze the labels
    box.setMinimumContentsLength(8)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    for text, method in NON_NORMAL:
        box.addItem(text, method)
    box.setToolTip(tip)
    return box


def form() -> QFormLayout:
    layout = QFormLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return layout


def first_named(names: Sequence[str], *words: str) -> str | None:
    """The first column whose name holds one of ``words`` (a gage sheet's "Part")."""
    for word in words:
        found = next((n for n in names if word in n.casefold()), None)
        if found is not None:
            return found
    return None


def column_required(box: ColumnBox, what: str) -> str:
    name = box.column()
    if name is None:
        raise OpsdeskError(f"Choose the {what} column.")
    return name


def shown(layout: QFormLayout, widget: QWidget, visible: bool) -> None:
    layout.setRowVisible(widget, visible)
