"""The root causes edited as a tree: the causes of a project or an incident under their
categories, with a toolbar (Add cause, Add sub-cause, Edit…, Confirm, Rule out, Reopen,
Delete, Move up/down) and the selected cause's five whys below. It knows nothing of
commands: each gesture is a request signal, which ``cause_actions.CauseActions`` turns
into core's undoable commands; what it shows comes back through ``show_causes``."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.five_whys import FiveWhys
from opsdesk.core.improve.root_cause_store import StoredCause, whys_of
from opsdesk.ui.improve.cause_model import CATEGORY_ROLE, CAUSE_ID_ROLE, CauseTreeModel
from opsdesk.ui.improve.tables import hint
from opsdesk.ui.widgets.flow_layout import FlowLayout

EMPTY = ("No root causes yet. Add cause puts one under a 6M category (Manpower, Machine, "
         "Method, Material, Measurement, Mother Nature) or one of your own; Add sub-cause "
         "asks why a cause happens; Confirm it once evidence shows it.")
NO_CHAIN = "Select a cause to see its five whys; Edit… writes them, with evidence per step."


def chain_text(chain: FiveWhys) -> str:
    """The chain on one line, each step's evidence beside it, and what lacks evidence."""
    steps = [chain.problem, *(f"{w.answer} [{w.evidence}]" if w.evidence else w.answer
                              for w in chain.steps)]
    gaps = len(chain.gaps())
    missing = f" ({gaps} without evidence)" if gaps else ""
    return "5 whys: " + " → ".join(steps) + missing


class CauseTree(QWidget):
    add_requested = Signal(str, object)     # (category, parent id or None)
    open_requested = Signal(int)            # Edit…: the cause's form
    edit_requested = Signal(int, dict)      # (cause id, changes) for EditCause
    move_requested = Signal(int, int)       # (cause id, -1 up / +1 down)
    delete_requested = Signal(tuple)        # cause ids (their sub-causes go with them)

    def __init__(self, effect_hint: str = "") -> None:
        super().__init__()
        self.causes: dict[int, StoredCause] = {}
        self.problem = effect_hint
        self.read_only = False
        self.model = CauseTreeModel()
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = hint(EMPTY)
        self.chain = QLabel(NO_CHAIN)
        self.chain.setObjectName("secondary")
        self.chain.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        bar = FlowLayout()  # one row when wide, two at 1024 px or zoomed in
        for key, text, tip in (
                ("add", "Add cause…", "a cause under the selected cause's category"),
                ("sub", "Add sub-cause…", "why the selected cause happens"),
                ("edit", "Edit…", "text, category, evidence and the five whys"),
                ("confirm", "Confirm", "evidence shows this cause (it asks for the evidence)"),
                ("rule_out", "Rule out", "evidence shows it is not the cause"),
                ("reopen", "Reopen", "back to open: neither shown nor ruled out"),
                ("delete", "Delete", "the selected causes with their sub-causes"),
                ("up", "↑ Up", "one place up among the causes beside it"),
                ("down", "↓ Down", "one place down among the causes beside it")):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setObjectName(f"cause_{key}")
            self.buttons[key] = button
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.chain)
        b = self.buttons
        b["add"].clicked.connect(lambda: self.add_requested.emit(self._category(), None))
        b["sub"].clicked.connect(self._add_sub)
        b["edit"].clicked.connect(self._open)
        b["confirm"].clicked.connect(lambda: self._status("confirmed"))
        b["rule_out"].clicked.connect(lambda: self._status("ruled out"))
        b["reopen"].clicked.connect(lambda: self._status("open"))
        b["delete"].clicked.connect(self._delete)
        b["up"].clicked.connect(lambda: self._move(-1))
        b["down"].clicked.connect(lambda: self._move(1))
        self.view.doubleClicked.connect(self._double_clicked)
        self.model.edit_requested.connect(self.edit_requested.emit)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._enable()

    # ---- what it shows ---------------------------------------------------------

    def show_causes(self, causes: list[StoredCause], problem: str, read_only: bool) -> None:
        """Show these causes (``causes_of``'s order), keeping the selection by id."""
        keep = self.selected_ids()
        self.causes = {c.id: c for c in causes}
        self.problem = problem
        self.read_only = read_only
        self.model.set_causes(causes, editable=not read_only)
        self.view.expandAll()
        self.view.resizeColumnToContents(0)
        widest = max(480, int(self.view.viewport().width() * 0.6))  # status, evidence beside
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0), 240), widest))
        rows = len(causes) + len({c.category.casefold() for c in causes if c.depth == 0})
        line = max(self.view.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.view.setFixedHeight(min(max(rows + 2, 5), 14) * line
                                 + self.view.header().sizeHint().height())
        self.empty.setVisible(not causes)
        self.view.setVisible(bool(causes))
        self.select(keep)
        self._selection_changed()

    def select(self, ids: list[int]) -> None:
        chosen = self.view.selectionModel()
        chosen.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for n, cause_id in enumerate(ids):
            index = self.model.index_of(cause_id)
            if index.isValid():
                chosen.select(index, flags)
                if n == 0:
                    chosen.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def selected_ids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows(0)
        ids = [index.data(CAUSE_ID_ROLE) for index in rows]
        return [i for i in ids if i is not None]

    def current(self) -> StoredCause | None:
        ids = self.selected_ids()
        return self.causes.get(ids[0]) if len(ids) == 1 else None

    # ---- gestures --------------------------------------------------------------

    def _category(self) -> str:
        rows = self.view.selectionModel().selectedRows(0)
        return str(rows[0].data(CATEGORY_ROLE)) if rows else ""

    def _add_sub(self) -> None:
        cause = self.current()
        if cause is not None:
            self.add_requested.emit(cause.category, cause.id)

    def _open(self) -> None:
        cause = self.current()
        if cause is not None:
            self.open_requested.emit(cause.id)

    def _double_clicked(self, index: QModelIndex) -> None:
        cause_id = index.data(CAUSE_ID_ROLE)
        if cause_id is not None and index.column() != 0 and not self.read_only:
            self.open_requested.emit(int(cause_id))

    def _status(self, status: str) -> None:
        for cause_id in self.selected_ids():
            if self.causes[cause_id].status != status:
                self.edit_requested.emit(cause_id, {"status": status})

    def _delete(self) -> None:
        ids = tuple(self.selected_ids())
        if ids:
            self.delete_requested.emit(ids)

    def _move(self, step: int) -> None:
        cause = self.current()
        if cause is not None:
            self.move_requested.emit(cause.id, step)

    def _selection_changed(self, *_: object) -> None:
        cause = self.current()
        self.chain.setText(chain_text(whys_of(cause, self.problem)) if cause else NO_CHAIN)
        self._enable()

    def _enable(self) -> None:
        ids = self.selected_ids()
        one = self.current()
        statuses = {self.causes[i].status for i in ids if i in self.causes}
        writable = not self.read_only
        b = self.buttons
        b["add"].setEnabled(writable)
        for key in ("sub", "edit", "up", "down"):
            b[key].setEnabled(writable and one is not None)
        b["delete"].setEnabled(writable and bool(ids))
        b["confirm"].setEnabled(writable and bool(statuses - {"confirmed"}))
        b["rule_out"].setEnabled(writable and bool(statuses - {"ruled out"}))
        b["reopen"].setEnabled(writable and bool(statuses - {"open"}))
        if one is not None and writable:
            order = self._siblings(one)
            b["up"].setEnabled(order.index(one.id) > 0)
            b["down"].setEnabled(order.index(one.id) < len(order) - 1)

    def _siblings(self, cause: StoredCause) -> list[int]:
        return [c.id for c in self.causes.values() if c.parent_id == cause.parent_id
                and (cause.parent_id is not None
                     or c.category.casefold() == cause.category.casefold())]
