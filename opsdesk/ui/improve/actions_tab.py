"""The Actions tab: one list of every action in the workspace, most urgent first (core's
``sort_actions``; the rows made ready in the pool, ``action_rows``), the overdue ones
(judged at the review date) marked; filtered to one owner's ("my actions": the people
directory's names, and any other owner an action names) or to the overdue ones; marked
done or set to another status through the page, which turns the request into core's
undoable ``EditAction``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.actions import STATUSES, person_key, same_person
from opsdesk.core.improve.people import Person
from opsdesk.ui.improve.action_rows import action_row as action_row  # the project tab's too
from opsdesk.ui.improve.action_rows import shown_rows
from opsdesk.ui.improve.improve_data import WorkData
from opsdesk.ui.improve.owner_box import who
from opsdesk.ui.improve.tables import hint, table
from opsdesk.ui.kpis.rows_model import ID_ROLE, RowsModel
from opsdesk.ui.kpis.status_look import background, foreground

COLUMNS = (("title", "Action"), ("owner", "Owner"), ("due", "Due"), ("status", "Status"),
           ("priority", "Priority"), ("source", "Source"))
EVERYONE = "Everyone"
EMPTY_HINT = ("No actions yet. Actions come from improvement projects, post-incident "
              "reviews, kaizen bursts on a value stream and KPI alerts; Add action gives "
              "one to a project (start one on the Portfolio tab first).")


def owner_choices(people: Sequence[Person], owners: Iterable[str]
                  ) -> list[tuple[str, str]]:
    """The "my actions" names with their tooltips, by name: everyone in the directory,
    then each other owner the actions name (``owners``), once (a variant spelling of a
    listed name, as ``same_person`` judges, is that person)."""
    out = [(p.name, who(p)) for p in people]
    listed = {person_key(name) for name, _tip in out}  # as same_person compares them
    for owner in sorted({o for o in owners if o.strip()}, key=str.casefold):
        if person_key(owner) not in listed:
            listed.add(person_key(owner))
            out.append((owner, f"{owner}: not in the people directory"))
    return sorted(out, key=lambda choice: choice[0].casefold())


def action_style(row: dict[str, Any], key: str, role: int) -> Any:
    if row.get("_overdue"):
        if role == Qt.ItemDataRole.BackgroundRole:
            return background("red")
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground("red")
    return None


class ActionsTab(QWidget):
    # (action id, new status): the page makes it a command
    status_requested = Signal(int, str)
    add_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.data: WorkData | None = None
        self.people: tuple[Person, ...] = ()  # the directory, read with the People tab
        self.model = RowsModel(COLUMNS, style=action_style)
        self.view = table(self.model, 0, {0: 16, 1: 9, 5: 14})
        self.owner_box = QComboBox()
        self.owner_box.setToolTip("My actions: only this person's")
        self.owner_box.addItem(EVERYONE)
        self.overdue_box = QCheckBox("Overdue only")
        self.done_button = QPushButton("Mark done")
        self.status_box = QComboBox()
        self.status_box.addItems(list(STATUSES))
        self.status_button = QPushButton("Set status")
        self.add_button = QPushButton("Add action…")
        self.summary = QLabel()
        self.summary.setObjectName("secondary")
        self.summary.setWordWrap(True)
        self.empty = hint(EMPTY_HINT)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Owner"))
        bar.addWidget(self.owner_box)
        bar.addWidget(self.overdue_box)
        bar.addStretch(1)
        bar.addWidget(self.done_button)
        bar.addWidget(self.status_box)
        bar.addWidget(self.status_button)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.owner_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.overdue_box.toggled.connect(lambda _on: self._fill())
        self.add_button.clicked.connect(self.add_requested.emit)
        self.done_button.clicked.connect(lambda: self._request("done"))
        self.status_button.clicked.connect(
            lambda: self._request(self.status_box.currentText()))
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self._enable()

    @property
    def owner(self) -> str | None:
        text = self.owner_box.currentText()
        return None if text == EVERYONE else text

    def set_owner(self, name: str | None) -> None:
        """Show only ``name``'s actions (None: everyone's)."""
        index = 0 if name is None else next(
            (i for i in range(self.owner_box.count())
             if same_person(self.owner_box.itemText(i), name)), -1)
        if index >= 0:
            self.owner_box.setCurrentIndex(index)

    def show_data(self, data: WorkData, people: Sequence[Person] | None = None) -> None:
        """The actions (their rows ready, ``data.action_rows``) and, when given, the people
        directory "my actions" lists (read with them)."""
        self.data = data
        if people is not None:
            self.people = tuple(people)
        self._list_owners()
        self._fill()

    def _list_owners(self) -> None:
        owner = self.owner
        owners = self.data.action_rows.owners if self.data is not None else ()
        self.owner_box.blockSignals(True)
        self.owner_box.clear()
        self.owner_box.addItem(EVERYONE)
        for name, tip in owner_choices(self.people, owners):
            self.owner_box.addItem(name)
            self.owner_box.setItemData(self.owner_box.count() - 1, tip,
                                       Qt.ItemDataRole.ToolTipRole)
        self.set_owner(owner)
        self.owner_box.blockSignals(False)

    def _fill(self) -> None:
        data = self.data
        if data is None:
            return
        selected = self.selected_id()
        shown = shown_rows(data.action_rows, owner=self.owner,
                           overdue=True if self.overdue_box.isChecked() else None)
        self.model.set_rows(shown)
        c = data.action_rows.counts
        who = f" of {self.owner}'s" if self.owner else ""
        self.summary.setText(
            f"{len(shown)} shown{who}; {c.open} open, {c.overdue} overdue, {c.done} done "
            f"in all, overdue as of the review date {data.as_of.isoformat()}")
        self.empty.setVisible(not data.actions)
        self.view.setVisible(bool(data.actions))
        self.summary.setVisible(bool(data.actions))
        if selected is not None:
            self.select(selected)
        self._enable()

    def select(self, action_id: int) -> None:
        # the rows themselves searched, not 20,000 model indexes asked for their id
        row = next((i for i, r in enumerate(self.model.rows) if r["id"] == action_id), None)
        if row is None:
            self.view.clearSelection()
        else:
            self.view.selectRow(row)

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def _enable(self) -> None:
        chosen = self.selected_id() is not None
        for widget in (self.done_button, self.status_box, self.status_button):
            widget.setEnabled(chosen)

    def _request(self, status: str) -> None:
        action_id = self.selected_id()
        if action_id is not None:
            self.status_requested.emit(action_id, status)
