"""The Imports list: every past import, and undo of a whole one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.imports.commit import UndoImport
from opsdesk.core.imports.history import ImportRecord, import_rows
from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.import_wizard.models import ImportsModel


class ImportsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reads = BackgroundRead(ctx, self)
        self.setWindowTitle("Imports")
        self.resize(900, 420)
        self.model = ImportsModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)  # KPIs created
        self.empty = QLabel(
            "No imports yet. File › Import… brings KPI data in from xlsx, xls, "
            "ods or csv files; each import is listed here and can be undone."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.note = QLabel(
            "Undoing an import removes every observation it added, and the KPIs "
            "it created when nothing else uses them. Edit › Redo brings it back."
        )
        self.note.setWordWrap(True)
        self.undo_button = QPushButton("Undo import")
        self.undo_button.clicked.connect(self.undo_selected)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        ctx.workspace_changed.connect(self._changed)
        ctx.workspace_replaced.connect(self.refresh)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(Changes.IMPORTS | Changes.OBSERVATIONS):
            self.refresh()

    def refresh(self) -> None:
        if self.ctx.workspace is None:
            self.reads.drop_pending()
            self._show_rows([])
        else:
            self.reads.run(import_rows, self._show_rows, "listing the imports")

    def _show_rows(self, rows: list[ImportRecord]) -> None:
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        if rows:
            self.view.selectRow(0)
        self._update()

    def selected(self) -> ImportRecord | None:
        indexes = self.view.selectionModel().selectedRows()
        return self.model.rows[indexes[0].row()] if indexes else None

    def _update(self) -> None:
        row = self.selected()
        workspace = self.ctx.workspace
        self.undo_button.setEnabled(
            row is not None
            and not row.undone_at
            and workspace is not None
            and not workspace.read_only
        )

    def undo_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.ctx.execute(UndoImport(row.id, title=f"Undo import of {row.file_name}"))
