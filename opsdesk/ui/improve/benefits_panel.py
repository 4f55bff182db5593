"""The project's benefits in its detail: a month by (hard expected, hard realised, soft
expected, soft realised, note) table edited in place, its totals row, and the KPI-derived
estimate beside the typed realised figure when the KPI link has a value per unit (set in
the field above the table). Every gesture is a request (a signal) that ``BenefitActions``
makes one undoable command; nothing is written here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.benefit_store import ProjectBenefits, parse_month
from opsdesk.ui import ask
from opsdesk.ui.improve.benefits_model import BenefitsModel, money
from opsdesk.ui.improve.charter_text import number_of
from opsdesk.ui.improve.commit_fields import CommitLine

if TYPE_CHECKING:
    from collections.abc import Callable

    from opsdesk.ui.app_context import AppContext

EMPTY = ("No benefits booked yet. Add month books what the project is expected to bring "
         "that month and, later, what it brought: hard (in the accounts) and soft (time "
         "freed, risk avoided).")


class BenefitsPanel(QWidget):
    # (month, kind, {field: value}, undo title)
    set_requested = Signal(object, str, dict, str)
    delete_requested = Signal(object)           # a month: both its rows
    add_requested = Signal()
    per_unit_requested = Signal(object)         # the KPI link's value per unit (or None)
    invalid = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.data: ProjectBenefits | None = None
        self.model = BenefitsModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setMinimumHeight(150)
        self.empty = QLabel(EMPTY)
        self.empty.setObjectName("secondary")
        self.empty.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setObjectName("secondary")
        self.explanation.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.per_unit = CommitLine()
        self.per_unit.setObjectName("value_per_unit")
        self.per_unit.setPlaceholderText("money per unit a month")
        self.per_unit.setMaximumWidth(180)
        self.per_unit_label = QLabel("KPI value per unit")
        self.add_button = QPushButton("Add month…")
        self.delete_button = QPushButton("Delete month")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.per_unit_label)
        buttons.addWidget(self.per_unit)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addWidget(self.explanation)
        self.model.edit_requested.connect(self._edit)
        self.add_button.clicked.connect(self.add_requested.emit)
        self.delete_button.clicked.connect(self._delete)
        self.per_unit.committed.connect(self._per_unit)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self.read_only = False

    def show_benefits(self, data: ProjectBenefits, has_kpi: bool, per_unit: float | None,
                      read_only: bool) -> None:
        self.data = data
        self.read_only = read_only
        chosen = self.selected_month()
        self.model.set_data(data, not read_only)
        t = data.totals
        self.summary.setText(f"Expected {money(t.expected) or '0'} "
                             f"(hard {money(t.expected_hard) or '0'}, soft "
                             f"{money(t.expected_soft) or '0'}); realised "
                             f"{money(t.realised) or '0'}")
        self.explanation.setText(data.explanation)
        self.explanation.setVisible(has_kpi)
        self.per_unit_label.setVisible(has_kpi)
        self.per_unit.setVisible(has_kpi)
        self.per_unit.show_value("" if per_unit is None else f"{per_unit:g}")
        self.per_unit.setReadOnly(read_only)
        self.empty.setVisible(not data.months)
        self.view.setVisible(bool(data.months))
        self.view.resizeColumnsToContents()
        rows = self.model.rowCount()
        height = (self.view.horizontalHeader().height() + 2 * self.view.frameWidth()
                  + sum(self.view.rowHeight(r) for r in range(rows)) + 4)
        self.view.setFixedHeight(max(height, 60))
        if chosen is not None:
            self.select(chosen)
        self._buttons()

    def selected_month(self) -> date | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.month_of(rows[0].row()) if rows else None

    def select(self, month: date) -> None:
        for row, m in enumerate(self.model.rows):
            if m.month == month:
                self.view.selectRow(row)

    def _buttons(self) -> None:
        self.add_button.setEnabled(not self.read_only)
        self.delete_button.setEnabled(not self.read_only and self.selected_month() is not None)

    def _edit(self, month: date, kind: str, field: str, text: str) -> None:
        value: Any = text
        if field != "note":
            try:
                value = number_of(text, f"The {kind} {field} benefit")
            except OpsdeskError as error:
                self.invalid.emit(str(error))
                return
        title = f"Set {kind} {field} benefit of {month:%b %Y}"
        # after the delegate has committed and closed its editor: the command's change
        # resets the model, which must not happen under an editor still closing
        QTimer.singleShot(0, lambda: self.set_requested.emit(month, kind, {field: value},
                                                             title))

    def _delete(self) -> None:
        month = self.selected_month()
        if month is not None:
            self.delete_requested.emit(month)

    def _per_unit(self, text: str) -> None:
        try:
            value = number_of(text, "The KPI's value per unit")
        except OpsdeskError as error:
            self.invalid.emit(str(error))
            return
        self.per_unit_requested.emit(value)

    def next_month(self) -> date:
        """The month after the last one booked (this month's first day if none)."""
        if self.data is None or not self.data.months:
            return date.today().replace(day=1)
        last = self.data.months[-1].month
        return date(last.year + last.month // 12, last.month % 12 + 1, 1)


class BenefitActions:
    """What the panel's gestures become: SetBenefit, DeleteBenefit and the KPI link's
    value per unit (EditProject), each one undoable step through ``ctx.execute``."""

    def __init__(self, ctx: AppContext, panel: BenefitsPanel,
                 project: Callable[[], int | None], parent: QWidget) -> None:
        self.ctx = ctx
        self.panel = panel
        self.project = project
        self.parent = parent
        panel.set_requested.connect(self.set)
        panel.delete_requested.connect(self.delete)
        panel.add_requested.connect(self.add)
        panel.per_unit_requested.connect(self.per_unit)
        panel.invalid.connect(ctx.show_error)

    def set(self, month: date, kind: str, values: dict[str, Any], title: str) -> None:
        from opsdesk.core.improve.benefit_commands import SetBenefit

        project_id = self.project()
        if project_id is not None:
            self.ctx.execute(SetBenefit(project_id, month, kind, values, title))

    def delete(self, month: date) -> None:
        from opsdesk.core.improve.benefit_commands import DeleteBenefit

        project_id = self.project()
        if project_id is not None:
            self.ctx.execute(DeleteBenefit(project_id, month, None,
                                           f"Delete benefits of {month:%b %Y}"))

    def add(self) -> None:
        text = ask.text(self.parent, "Add month", "The month to book benefits in (YYYY-MM):",
                        f"{self.panel.next_month():%Y-%m}")
        if text is None:
            return
        try:
            month = parse_month(text)
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            return
        data = self.panel.data
        if data is not None and any(m.month == month and (m.hard or m.soft)
                                    for m in data.months):
            self.panel.select(month)
            self.ctx.show_error(f"{month:%B %Y} is in the table already: type its figures "
                                "in its row. Nothing was changed.")
            return
        self.set(month, "hard", {}, f"Add benefit month {month:%b %Y}")

    def per_unit(self, value: float | None) -> None:
        from opsdesk.core.improve.project_edits import EditProject

        project_id = self.project()
        if project_id is not None:
            self.ctx.execute(EditProject(project_id, {"value_per_unit": value},
                                         "Set the KPI's value per unit"))
