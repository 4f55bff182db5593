"""The Value streams page's kaizen bursts: the map's bursts listed, the chosen one's text,
owner (picked from the people directory, or typed) and improvement project chosen, and
its buttons; and the canvas's
right-click menu for them. Every finished edit is a request (a signal) the page turns into
a command; nothing here writes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.people import Person
from opsdesk.core.maps.vsm_model import KaizenBurst
from opsdesk.ui.improve.owner_box import OwnerBox
from opsdesk.ui.vsm.vsm_scene import VsmItemGraphic, VsmView

BURST_ID = Qt.ItemDataRole.UserRole
NO_PROJECT = "No project"
BURST_AT = ("process", "inventory", "delay")  # the roles a burst can sit at


class BurstsBox(QGroupBox):
    """``add_requested(at, text, owner, project_id)`` adds at the element chosen on the
    canvas; ``edit_requested(burst_id, text, owner, project_id)`` when a field of the
    chosen burst is finished and changed; ``remove_requested(burst_id)`` and
    ``raise_requested(burst_id)`` from their buttons."""

    add_requested = Signal(str, str, str, object)
    edit_requested = Signal(int, str, str, object)
    remove_requested = Signal(int)
    raise_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__("Kaizen bursts")
        self.at: tuple[str, str] | None = None  # (key, name) chosen on the canvas
        self.bursts: dict[int, KaizenBurst] = {}
        self.names: dict[str, str] = {}
        self.read_only = True
        self.where = QLabel()
        self.where.setObjectName("hint")
        self.where.setWordWrap(True)
        self.listing = QListWidget()
        self.listing.setObjectName("bursts")
        self.listing.setWordWrap(True)
        self.listing.setMaximumHeight(110)
        self.listing.currentItemChanged.connect(lambda *_: self._chosen())
        self.text = QLineEdit()
        self.text.setObjectName("burst_text")
        self.text.setPlaceholderText("What is to change: Changeover to 10 min (SMED)")
        self.owner = OwnerBox(())
        self.owner.setObjectName("burst_owner")
        self.owner.setMinimumContentsLength(12)
        self.project = QComboBox()
        self.project.setObjectName("burst_project")
        self.project.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.project.setMinimumContentsLength(12)
        self.text.editingFinished.connect(self._finished)
        owner_line = self.owner.lineEdit()
        assert owner_line is not None  # editable
        owner_line.editingFinished.connect(self._finished)
        self.owner.activated.connect(lambda _i: self._finished())  # picked from the list
        self.project.activated.connect(lambda _i: self._finished())
        self.add_button = QPushButton("Add kaizen burst")
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(lambda: self._emit_chosen("remove"))
        self.raise_button = QPushButton("Raise action")
        self.raise_button.setToolTip("An open improvement action from the burst, in the "
                                     "actions list with the burst as its source")
        self.raise_button.clicked.connect(lambda: self._emit_chosen("raise"))
        form = QFormLayout()
        # Each label above its field: a project's name gets the box's whole width.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("Text", self.text)
        self.owner.add_to(form, "Owner")
        form.addRow("Project", self.project)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.raise_button):
            buttons.addWidget(b)
        column = QVBoxLayout(self)
        column.addWidget(self.where)
        column.addWidget(self.listing)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addStretch(1)  # a tall tab's room goes under the buttons
        self._shown: tuple[str, str, int | None] = ("", "", None)

    # -- showing -------------------------------------------------------------------------
    def show_bursts(self, bursts: tuple[KaizenBurst, ...], names: dict[str, str],
                    projects: list[tuple[int, str]], read_only: bool,
                    people: tuple[Person, ...] = ()) -> None:
        """The map's bursts (``names``: its elements' names by key), the projects a burst
        can be linked to and the people who can own it; the chosen burst stays chosen when
        it is still there."""
        keep = self.chosen_id()
        if people != self.owner.directory.people:
            self.owner.set_people(people)
        self.bursts = {b.id: b for b in bursts}
        self.names, self.read_only = names, read_only
        self.project.blockSignals(True)
        self.project.clear()
        self.project.addItem(NO_PROJECT, None)
        for project_id, name in projects:
            self.project.addItem(name, project_id)
        self.project.blockSignals(False)
        self.listing.blockSignals(True)
        self.listing.clear()
        for b in bursts:
            where = names.get(b.at, "its element is gone")
            owner = f" ({b.owner})" if b.owner else ""
            item = QListWidgetItem(f"{where}: {b.text}{owner}")
            item.setData(BURST_ID, b.id)
            self.listing.addItem(item)
            if b.id == keep:
                self.listing.setCurrentItem(item)
        self.listing.blockSignals(False)
        self._chosen()

    def show_at(self, at: tuple[str, str] | None) -> None:
        """The element chosen on the canvas (key, name), where Add puts a burst."""
        self.at = at
        self._enable()

    def choose(self, burst_id: int | None) -> None:
        """Choose burst ``burst_id`` in the list (None: none, to type a new one)."""
        self.listing.setCurrentRow(-1)
        for i in range(self.listing.count()):
            if self.listing.item(i).data(BURST_ID) == burst_id:
                self.listing.setCurrentRow(i)

    def chosen_id(self) -> int | None:
        item = self.listing.currentItem()
        return None if item is None else int(item.data(BURST_ID))

    def _chosen(self) -> None:
        burst = self.bursts.get(self.chosen_id() or -1)
        text, owner, project = ("", "", None) if burst is None else (
            burst.text, burst.owner, burst.project_id)
        self._shown = (text, owner, project)
        self.text.setText(text)
        self.owner.setEditText(owner)
        self.project.setCurrentIndex(max(self.project.findData(project), 0)
                                     if project is not None else 0)
        self._enable()

    def _enable(self) -> None:
        chosen = self.chosen_id() is not None
        self.text.setReadOnly(self.read_only)
        self.owner.setEnabled(not self.read_only)
        self.project.setEnabled(not self.read_only)
        at = None if chosen else self.at  # the fields show a burst: no new one from them
        self.add_button.setEnabled(not self.read_only and at is not None)
        self.add_button.setText(f"Add at {at[1]}" if at else "Add kaizen burst")
        self.remove_button.setEnabled(not self.read_only and chosen)
        self.raise_button.setEnabled(not self.read_only and chosen)
        if self.read_only:
            self.where.setText("The workspace is read-only: its bursts are shown, not edited.")
        elif chosen:
            self.where.setText("Edit the chosen burst's text, owner or project; click a "
                               "process or inventory on the map to add another there.")
        else:
            self.where.setText("Click a process or inventory on the map (or right-click it), "
                               "type what is to change and add it.")

    # -- requests ------------------------------------------------------------------------
    def _values(self) -> tuple[str, str, int | None]:
        return self.text.text(), self.owner.currentText(), self.project.currentData()

    def _finished(self) -> None:
        burst_id = self.chosen_id()
        values = self._values()
        if burst_id is None or self.read_only:
            return
        shown = self._shown
        if (values[0].strip(), values[1].strip(), values[2]) == (
                shown[0].strip(), shown[1].strip(), shown[2]):
            return
        self._shown = values
        self.edit_requested.emit(burst_id, *values)

    def _add(self) -> None:
        if self.at is None or self.read_only or self.chosen_id() is not None:
            return
        self.add_requested.emit(self.at[0], *self._values())

    def _emit_chosen(self, what: str) -> None:
        burst_id = self.chosen_id()
        if burst_id is not None and not self.read_only:
            (self.remove_requested if what == "remove" else self.raise_requested).emit(burst_id)


def burst_id_of(graphic: VsmItemGraphic) -> int | None:
    """The burst a canvas item draws (its id is ``burst:<n>``), else None."""
    item = graphic.item
    if item.role != "kaizen_burst" or not item.id.startswith("burst:"):
        return None
    return int(item.id.removeprefix("burst:"))


def graphic_at(view: VsmView, pos: QPoint) -> VsmItemGraphic | None:
    """The topmost map item under ``pos`` (viewport coordinates) a burst menu is for."""
    for g in view.items(pos):
        if isinstance(g, VsmItemGraphic) and g.item.key is not None and (
                g.item.role in BURST_AT or g.item.role == "kaizen_burst"):
            return g
    return None


def burst_menu(parent: QWidget, graphic: VsmItemGraphic, read_only: bool,
               box: BurstsBox, ask_text: object) -> QMenu:
    """The right-click menu for a process or inventory (add a burst there) or a burst
    (edit, remove, raise an action); ``ask_text()`` asks for a new burst's text."""
    menu = QMenu(parent)
    burst_id = burst_id_of(graphic)
    item = graphic.item
    if burst_id is None:
        add = QAction(f"Add kaizen burst at {item.text or 'this inventory'}…", menu)
        add.setEnabled(not read_only)
        add.triggered.connect(lambda: _add_asked(box, item.key or "", item.text, ask_text))
        menu.addAction(add)
        return menu
    actions = [("Edit kaizen burst", lambda: _edit(box, burst_id)),
               ("Remove kaizen burst", lambda: box.remove_requested.emit(burst_id)),
               ("Raise action from kaizen burst", lambda: box.raise_requested.emit(burst_id))]
    for title, run in actions:
        action = QAction(title, menu)
        action.setEnabled(not read_only)
        action.triggered.connect(run)
        menu.addAction(action)
    return menu


def _add_asked(box: BurstsBox, key: str, name: str, ask_text: object) -> None:
    text = ask_text()  # type: ignore[operator]
    if text is not None:
        box.add_requested.emit(key, text, "", None)


def _edit(box: BurstsBox, burst_id: int) -> None:
    box.choose(burst_id)
    box.text.setFocus()
    box.text.selectAll()
