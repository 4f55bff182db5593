"""The owner field every form shares (KPI, project leader, action, goal): an editable
combo box over the people directory whose popup says who each one is ("Name — role,
team") while the field holds the name alone, with a completer that finds a name from
any part of it, case forgiven. A name outside the directory (a client's, typed by a
consultant) is kept, and a small hint under the box says it is not in the directory.

The people are data handed in: whoever opens the form reads them first in the pool
(``with_people``), as every gesture that needs a read does (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from opsdesk.core.improve.people import Directory, Person

if TYPE_CHECKING:
    import sqlite3

    from opsdesk.ui.background_read import BackgroundRead

WHO_ROLE = Qt.ItemDataRole.UserRole + 1  # "Name — role, team", what the popups show
NOT_LISTED = "Not in the people directory; kept as typed."


def who(person: Person) -> str:
    """A person as the popups list them: "Name — role, team" (the parts they have)."""
    about = ", ".join(x for x in (person.role, person.team) if x)
    return f"{person.name} — {about}" if about else person.name


class WhoDelegate(QStyledItemDelegate):
    """Draws an item's ``WHO_ROLE`` text; its display text (the name) is what a pick
    puts in the field."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = index.data(WHO_ROLE)
        if text:
            option.text = text


class OwnerBox(QComboBox):
    """``owner()`` is what to store: the directory's spelling of the person typed (name,
    case and spacing forgiven, or e-mail), else the text as typed, spacing tidied."""

    def __init__(self, people: Sequence[Person], current: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = Directory(())
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typed names stay typed
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.delegate = WhoDelegate(self)
        self.setItemDelegate(self.delegate)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = completer.popup()
        assert popup is not None
        popup.setItemDelegate(WhoDelegate(popup))
        self.setCompleter(completer)
        self.hint = QLabel(NOT_LISTED)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.form: QFormLayout | None = None  # the form it is a row of, once added
        self.unlisted = False                # the text names no one in the directory
        self.set_people(people, current)
        self.editTextChanged.connect(self._check)

    def set_people(self, people: Sequence[Person], current: str = "") -> None:
        """Offer ``people``, the field holding ``current``."""
        self.directory = Directory(tuple(people))
        self.blockSignals(True)
        self.clear()
        for person in people:
            self.addItem(person.name)
            self.setItemData(self.count() - 1, who(person), WHO_ROLE)
            self.setItemData(self.count() - 1, who(person), Qt.ItemDataRole.ToolTipRole)
        line = self.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText("someone from the people directory, or type a name"
                                if people else "a name (the people directory is empty)")
        self.setCurrentIndex(-1)  # nobody chosen until someone is
        self.setEditText(current)
        self.blockSignals(False)
        self._check(current)

    def add_to(self, form: QFormLayout, label: str) -> None:
        """Add the box as the row ``label`` of ``form``, its hint under it."""
        form.addRow(label, self)
        form.addRow("", self.hint)
        self.form = form
        self._check(self.currentText())

    def listed(self) -> bool:
        """Whether the text names someone in the directory (an empty field does not)."""
        return self.directory.find(self.currentText()) is not None

    def owner(self) -> str:
        return self.directory.spelling(self.currentText())

    def _check(self, text: str) -> None:
        self.unlisted = bool(text.strip()) and not self.listed()
        if self.form is not None:
            self.form.setRowVisible(self.hint, self.unlisted)  # no empty row's spacing
        else:
            self.hint.setVisible(self.unlisted)


def with_people(read: BackgroundRead, then: Callable[[tuple[Person, ...]], None]) -> None:
    """Read the directory's people in the pool, then hand them to ``then`` on the GUI
    thread (which opens the form that offers them)."""

    def compute(conn: sqlite3.Connection) -> tuple[Person, ...]:
        from opsdesk.core.improve.people_store import owner_people

        return owner_people(conn)

    read.run(compute, then, "reading the people directory")
