"""The read-only tables and the empty-state hint the Improvement page's tabs share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from opsdesk.ui.kpis.rows_model import RowsModel
from opsdesk.ui.widgets.column_fit import ColumnFit


def table(model: RowsModel, fill: int, flexible: dict[int, int]) -> QTableView:
    """A read-only table, one row selected at a time; its free-text columns (with the
    characters they keep) give up width first (see ColumnFit)."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    ColumnFit(view, flexible=tuple(flexible), fill=fill, floors=flexible)
    return view


def hint(text: str) -> QLabel:
    """What to do first, shown in place of an empty table."""
    label = QLabel(text)
    label.setObjectName("secondary")
    label.setWordWrap(True)
    # at the top of the space the hidden table leaves, where the eye starts
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label
