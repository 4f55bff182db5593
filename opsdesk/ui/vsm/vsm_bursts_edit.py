"""Kaizen bursts edited on the Value streams page: what is chosen on the canvas goes to the
bursts box, the canvas's right-click menu, and each request made a burst command
(``core.maps.vsm_burst_commands``) run through the one write path, so undo, the read-only
refusal and the refresh work as for every other edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from shiboken6 import isValid

from opsdesk.core.improve.people import Person
from opsdesk.core.maps.vsm_model import Inventory, KaizenBurst, Parallel
from opsdesk.ui.vsm.vsm_bursts_box import (
    BURST_AT,
    BurstsBox,
    burst_id_of,
    burst_menu,
    graphic_at,
)
from opsdesk.ui.vsm.vsm_scene import VsmItemGraphic, VsmScene, VsmView

if TYPE_CHECKING:
    from opsdesk.core.maps.vsm_store import StoredStream
    from opsdesk.ui.app_context import AppContext


def element_names(stored: StoredStream) -> dict[str, str]:
    """Each element's name by its key (an unnamed inventory by its kind)."""
    from opsdesk.core.maps.vsm_links import walk

    out = {}
    for key, e in zip(stored.keys, walk(stored.stream.flow), strict=False):
        if not isinstance(e, Parallel):
            out[key] = e.name or ("Inventory" if isinstance(e, Inventory) else key)
    return out


class BurstsEditor(QObject):
    """Ties ``box`` to the page's canvas: ``show(stored, projects, read_only)`` after
    each read; the page tells it nothing else."""

    def __init__(self, ctx: AppContext, scene: VsmScene, view: VsmView, box: BurstsBox,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.scene, self.view, self.box = ctx, scene, view, box
        self.stored: StoredStream | None = None
        self.names: dict[str, str] = {}
        self.read_only = True
        self._pending: int | None = None  # a burst just added, chosen when it is shown
        scene.selectionChanged.connect(self._selection_changed)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        box.add_requested.connect(self.add)
        box.edit_requested.connect(self.edit)
        box.remove_requested.connect(self.remove)
        box.raise_requested.connect(self.raise_action)

    @property
    def map_id(self) -> int | None:
        return None if self.stored is None else self.stored.map_id

    def show(self, stored: StoredStream | None, projects: list[tuple[int, str]],
             read_only: bool, people: tuple[Person, ...] = ()) -> None:
        self.stored, self.read_only = stored, read_only
        self.names = element_names(stored) if stored else {}
        bursts: tuple[KaizenBurst, ...] = stored.stream.bursts if stored else ()
        self.box.show_bursts(bursts, self.names, projects, read_only, people)
        self.box.setEnabled(stored is not None)
        if self._pending is not None:
            self.box.choose(self._pending)
            self._pending = None
        self._selection_changed()

    # -- the canvas ----------------------------------------------------------------------
    def _selected(self) -> VsmItemGraphic | None:
        for g in self.scene.selectedItems():
            if isinstance(g, VsmItemGraphic):
                return g
        return None

    def _selection_changed(self) -> None:
        if not isValid(self.scene) or not isValid(self.box):
            return
        g = self._selected()
        if g is None:
            self.box.show_at(None)
            return
        key = g.item.key or ""
        burst_id = burst_id_of(g)
        if burst_id is not None:
            self.box.choose(burst_id)
            self.box.show_at(None)  # its fields edit it; a new one goes at an element
        elif g.item.role in BURST_AT and key in self.names:
            self.box.choose(None)  # the fields are for a new burst there
            self.box.show_at((key, self.names[key]))

    def _menu(self, pos: QPoint) -> None:
        g = graphic_at(self.view, pos)
        if g is None or self.stored is None:
            return
        g.scene().clearSelection()
        g.setSelected(True)
        menu = burst_menu(self.view, g, self.read_only, self.box, self._ask_text)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _ask_text(self) -> str | None:
        from opsdesk.ui import ask

        return ask.text(self.view, "Add kaizen burst", "What is to change here?")

    # -- the commands --------------------------------------------------------------------
    def add(self, at: str, text: str, owner: str, project_id: int | None) -> None:
        from opsdesk.core.maps.vsm_burst_commands import AddBurst

        if self.map_id is None:
            return
        name = self.names.get(at, at)
        applied = self.ctx.execute(AddBurst(self.map_id, at, text, owner, project_id,
                                            f"Add kaizen burst at {name}"))
        if applied is not None:
            self._pending = applied.result
            self.box.choose(applied.result)  # when the map was shown again already

    def edit(self, burst_id: int, text: str, owner: str, project_id: int | None) -> None:
        from opsdesk.core.maps.vsm_burst_commands import EditBurst

        if self.map_id is None:
            return
        if self.ctx.execute(EditBurst(self.map_id, burst_id, text, owner, project_id)) is None:
            self.box.show_bursts(self.stored.stream.bursts if self.stored else (),
                                 self.names, self._projects(), self.read_only,
                                 self.box.owner.directory.people)  # as stored

    def remove(self, burst_id: int) -> None:
        from opsdesk.core.maps.vsm_burst_commands import RemoveBurst

        if self.map_id is not None:
            self.ctx.execute(RemoveBurst(self.map_id, burst_id))

    def raise_action(self, burst_id: int) -> None:
        from opsdesk.core.maps.vsm_burst_commands import RaiseBurstAction
        from opsdesk.ui import ask

        if self.map_id is None:
            return
        applied = self.ctx.execute(RaiseBurstAction(self.map_id, burst_id))
        if applied is not None:
            ask.inform(self.view, "Action raised", f"Action {applied.result} is in the "
                       "actions list (Improvement page), its source this kaizen burst.")

    def _projects(self) -> list[tuple[int, str]]:
        combo = self.box.project
        return [(int(combo.itemData(i)), combo.itemText(i)) for i in range(1, combo.count())]
