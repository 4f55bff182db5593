"""Building the flow on the Value streams page: insert a process, an inventory or a delay
after the chosen element (or first, on an empty stream), remove the chosen one with the
bar's button or the Delete key on the canvas. Each is one command (``vsm_flow_commands``)
through ``AppContext.execute``, so Undo takes it back; nothing asks for confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_model import Delay, Inventory, Process

if TYPE_CHECKING:
    from opsdesk.ui.pages.value_streams_page import ValueStreamsPage

INSERTS = (("process", "+ Process"), ("inventory", "+ Inventory"), ("delay", "+ Delay"))


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _named(element: object) -> str:
    name = getattr(element, "name", "")
    return name or ("the inventory" if isinstance(element, Inventory) else "the element")


def insert(page: ValueStreamsPage, kind: str) -> None:
    """A new ``kind`` right after the chosen element (first when the stream is empty),
    then chosen itself, so its box is the one to type into."""
    from opsdesk.core.maps.vsm_element_edits import new_element
    from opsdesk.core.maps.vsm_flow_commands import InsertElement

    stored = page.data.stored if page.data else None
    if stored is None or page.map_id is None or page.read_only:
        return
    after = page.scene.selected_key()
    if after is None and stored.stream.flow:
        page.ctx.show_error("Choose the element on the map to insert after; nothing was "
                            "changed.")
        return
    try:
        element = new_element(kind, stored.stream)
    except OpsdeskError as error:
        page.ctx.show_error(str(error))
        return
    where = "first" if after is None else f"after {_named(page.element(after))}"
    applied = page.ctx.execute(InsertElement(page.map_id, after, element,
                                             f"Insert {_a(kind)} {where}"))
    if applied is not None:
        page.select_element(applied.result)
        page.view.setFocus()  # Delete takes it out again


def remove(page: ValueStreamsPage) -> None:
    """The chosen element taken out of the flow (one undo step)."""
    from opsdesk.core.maps.vsm_flow_commands import RemoveElement

    key = page.scene.selected_key()
    if key is None or page.map_id is None or page.read_only:
        return
    page.ctx.execute(RemoveElement(page.map_id, key, f"Remove {_named(page.element(key))}"))


class FlowBar(QWidget):
    """The buttons that insert after the chosen element and remove it."""

    def __init__(self, page: ValueStreamsPage) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.inserts: dict[str, QPushButton] = {}
        for kind, text in INSERTS:
            button = QPushButton(text)
            button.setObjectName(f"insert_{kind}")
            button.clicked.connect(lambda _c=False, k=kind: insert(page, k))
            row.addWidget(button)
            self.inserts[kind] = button
        self.remove = QPushButton("Remove")
        self.remove.setObjectName("remove_element")
        self.remove.setToolTip("Take the chosen element out of the flow (Delete on the map; "
                               "Undo brings it back)")
        self.remove.clicked.connect(lambda _c=False: remove(page))
        row.addWidget(self.remove)

    def show_for(self, chosen: Process | Inventory | Delay | None, empty: bool,
                 writable: bool) -> None:
        """Insert after the chosen element, or first in an empty stream; remove it."""
        can_insert = writable and (chosen is not None or empty)
        where = f"after {_named(chosen)}" if chosen is not None else (
            "as the stream's first element" if empty else
            "after the element chosen on the map")
        for kind, button in self.inserts.items():
            button.setEnabled(can_insert)
            button.setToolTip(f"Insert {_a(kind)} {where}")
        self.remove.setEnabled(writable and chosen is not None)


class DeleteKey(QObject):
    """Delete (or Backspace) on the canvas removes the chosen element."""

    def __init__(self, page: ValueStreamsPage) -> None:
        super().__init__(page)
        self.page = page
        page.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.page.scene.selected_key() is not None:
            remove(self.page)
            return True
        return super().eventFilter(watched, event)
