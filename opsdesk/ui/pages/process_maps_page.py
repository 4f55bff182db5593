"""The Process maps page: the workspace's maps, the canvas of one, its step data and the
figures it implies (analysis, simulation), overlays, presentation mode and export."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from opsdesk.core.maps.analysis import Analysis, analyse
from opsdesk.core.maps.map_file import EXPORTS
from opsdesk.core.maps.model import Orientation, ProcessMap
from opsdesk.core.maps.simulation import Simulation
from opsdesk.core.maps.store import MapSummary
from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.maps.analysis_panel import AnalysisPanel
from opsdesk.ui.maps.capture import Capture, starts_capture
from opsdesk.ui.maps.label_editor import LabelEditor
from opsdesk.ui.maps.look import Look, Overlays
from opsdesk.ui.maps.map_canvas import MapCanvas
from opsdesk.ui.maps.map_editor import MapEditor
from opsdesk.ui.maps.map_view import MapView
from opsdesk.ui.maps.palette import Palette
from opsdesk.ui.maps.properties_panel import PropertiesPanel
from opsdesk.ui.pages.base import Page
from opsdesk.ui.widgets.vertical_scroll import VerticalScrollArea

WATCHED = Changes.MAPS | Changes.KPIS
PRESENTED_TEXT_SCALE = 1.6
PRESENTED_READABLE = 0.8  # from the back of a room: fit shows part of a long map, larger


@dataclass(frozen=True)
class Loaded:
    """What the page shows, as one background read gives it."""

    maps: list[MapSummary]
    map_id: int | None
    pmap: ProcessMap | None  # as stored: what the canvas edits
    timed: ProcessMap | None  # KPI-linked steps timed from their KPIs: what the numbers use
    analysis: Analysis | None


def lane_order(pmap: ProcessMap) -> list[str]:
    """The leaf lanes as drawn: pool by pool, parents before children, by position."""
    order: list[str] = []

    def walk(parent: str | None, pool: str | None) -> None:
        for lane in pmap.child_lanes(parent, pool):
            if pmap.child_lanes(lane.id):
                walk(lane.id, pool)
            else:
                order.append(lane.id)

    for pool in [None, *(p.id for p in pmap.pools)]:
        walk(None, pool)
    return order
MAP_ID = Qt.ItemDataRole.UserRole


class ProcessMapsPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.map_id: int | None = None
        self.pmap: ProcessMap | None = None
        self.analysis: Analysis | None = None
        self.simulation: Simulation | None = None
        self.look = Look()
        self.overlays = Overlays()
        self.presentation: QWidget | None = None
        self.maps: list[MapSummary] = []  # as last read
        self._name_next: int | None = None  # a new map whose name opens once it is shown
        self.reads = BackgroundRead(ctx, self)
        self.editor = MapEditor(ctx)
        self.canvas = MapCanvas(self.editor)
        self.editor.canvas = self.canvas
        self.view = self.canvas.view
        self.view.key_handler = self._key
        self.view.node_activated.connect(self.labels_start)
        self.view.placed.connect(lambda: self.tools.disarm())
        self.view.context_asked.connect(lambda key, at: self.context_menu(key).exec(at))
        self.canvas.scene.selectionChanged.connect(self._selection_changed)
        self.capture = Capture(self.canvas, self.add_next)
        self.labels = LabelEditor(self.view, self._rename)
        self.editor.rename_asked.connect(self.labels_start)
        self._build()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("Process maps")
        title.setObjectName("pageTitle")
        self.new_button = QPushButton("New map")
        self.new_button.clicked.connect(self.new_map)
        self.delete_button = QPushButton("Delete map")
        self.delete_button.clicked.connect(self.delete_map)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self._file_button())
        head.addWidget(self.new_button)
        head.addWidget(self.delete_button)
        self.map_list = QListWidget()
        self.map_list.setMaximumHeight(110)
        self.map_list.currentItemChanged.connect(self._map_chosen)
        self.map_list.itemChanged.connect(self._map_renamed)
        self.tools = Palette()
        self.tools.kind_armed.connect(self._arm)
        self.tools.overlays_changed.connect(self.set_overlays)
        self.tools.add_lane.triggered.connect(self.add_lane)
        self.tools.layout_action.triggered.connect(self.tidy_up)
        for how, action in self.tools.arrange_actions.items():
            action.triggered.connect(lambda _=False, h=how: self.editor.arrange(h))
        self.tools.zoom_in.triggered.connect(lambda: self.view.zoom_by(1.25))
        self.tools.zoom_out.triggered.connect(lambda: self.view.zoom_by(0.8))
        self.tools.fit.triggered.connect(self.view.fit)
        self.tools.present.triggered.connect(self.present)
        self.empty = QLabel("No process maps yet. Press New map, then type the first step's "
                            "name and Enter: each Enter adds the next step, connected.")
        self.empty.setObjectName("emptyBody")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tools)
        column.addWidget(self.empty)
        column.addWidget(self.canvas, 1)
        self.canvas_column = column
        self.properties = PropertiesPanel()
        self.properties.label_edited.connect(self._rename)
        self.properties.step_edited.connect(self.editor.set_step)
        self.properties.branch_edited.connect(self.editor.set_branch)
        self.analysis_panel = AnalysisPanel(self.ctx)
        self.analysis_panel.ids_chosen.connect(self._mark)
        self.analysis_panel.simulated.connect(self._simulated)
        self.tabs = QTabWidget()
        self.step_tab = VerticalScrollArea(self.properties)  # a zoomed form scrolls
        self.tabs.addTab(self.step_tab, "Step")
        self.tabs.addTab(self.analysis_panel, "Analysis")
        self.tabs.addTab(self.analysis_panel.simulation_box, "Simulation")
        side = QWidget()
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side.setMinimumWidth(300)
        side_column.addWidget(self.map_list)
        side_column.addWidget(self.tabs, 1)
        split = QSplitter()
        split.addWidget(middle)
        split.addWidget(side)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 340])
        split.setCollapsible(0, False)
        self.split = split
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)

    def _file_button(self) -> QPushButton:
        """File: import a BPMN file as a new map; export the shown map; copy it."""
        menu = QMenu(self)
        self.import_action = menu.addAction("Import BPMN…", self.import_bpmn)
        menu.addSeparator()
        # the files `opsdesk map export` writes: drawings by the review's diagram drawer
        self.export_actions: dict[str, QAction] = {}
        for kind in EXPORTS:
            action = menu.addAction(f"Export {kind.upper()}…")
            action.triggered.connect(lambda _=False, k=kind: self.export(k))
            self.export_actions[kind] = action
        menu.addSeparator()
        self.copy_action = menu.addAction("Copy as image", self.copy_image)
        self.file_button = QPushButton("File")
        self.file_button.setMenu(menu)
        self.file_menu = menu
        return self.file_button

    # -- reading the workspace -------------------------------------------------------------
    def refresh(self, changes: Changes | None) -> None:
        if changes is not None and not changes.touches(WATCHED):
            return
        if self.ctx.workspace is not None:
            self.show_map(self.map_id)

    def show_map(self, map_id: int | None) -> None:
        """Read the list of maps and ``map_id`` (else the first map) in the background,
        then show them."""

        def compute(conn: sqlite3.Connection) -> Loaded:
            from opsdesk.core.maps.linked_times import with_kpi_times
            from opsdesk.core.maps.store import list_maps, load_map

            maps = list_maps(conn)
            ids = [m.id for m in maps]
            chosen = map_id if map_id in ids else (ids[0] if ids else None)
            pmap = None if chosen is None else load_map(conn, chosen)
            # The numbers as `opsdesk map analyse`, the exports and the PDF give them.
            timed = None if pmap is None else with_kpi_times(conn, pmap)
            return Loaded(maps, chosen, pmap, timed,
                          None if timed is None else analyse(timed))

        self.reads.run(compute, self._loaded, "reading the process maps")

    def _loaded(self, data: Loaded) -> None:
        ws = self.ctx.workspace
        read_only = ws is None or ws.read_only
        self.maps = data.maps
        self.map_list.blockSignals(True)
        self.map_list.clear()
        for m in data.maps:
            item = QListWidgetItem(m.name)
            item.setData(MAP_ID, m.id)
            item.setToolTip(f"{m.steps} steps, {m.flows} flows, {m.lanes} lanes")
            if not read_only:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.map_list.addItem(item)
            if m.id == data.map_id:
                self.map_list.setCurrentItem(item)
        self.map_list.blockSignals(False)
        self.delete_button.setEnabled(bool(data.maps) and not read_only)
        self.new_button.setEnabled(not read_only)
        self.import_action.setEnabled(not read_only)
        for action in (*self.export_actions.values(), self.copy_action):
            action.setEnabled(data.pmap is not None)
        self.tools.setEnabled(not read_only)
        self.view.read_only = read_only
        self._show(data)
        if data.map_id is not None and data.map_id == self._name_next:
            self._name_next = None
            item = self.map_list.currentItem()
            if item is not None:
                self.map_list.editItem(item)  # a new map: its name, ready to type

    def _map_chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.show_map(int(item.data(MAP_ID)))

    def _show(self, data: Loaded) -> None:
        if data.map_id != self.map_id:
            self.simulation = None
        self.map_id = self.editor.map_id = data.map_id
        self.pmap = self.editor.pmap = data.pmap
        self.analysis = data.analysis
        if data.pmap is None:
            self.canvas.clear()
            self.canvas.hide()
            self.empty.show()
            self.properties.show_node(None)
            self.analysis_panel.show_analysis(None, None, None)
            return
        self.empty.hide()
        self.canvas.show()
        self.canvas.show_map(data.pmap, self.analysis, self.overlays, self.look)
        self.capture.set_lanes(data.pmap, lane_order(data.pmap))
        self.analysis_panel.show_analysis(data.timed, self.analysis, self.simulation)
        self._selection_changed()

    # -- editing -----------------------------------------------------------------------------
    def _key(self, event: QKeyEvent) -> bool:
        if self.editor.handle_key(event):
            return True
        if self.map_id is not None and not self.editor.read_only and starts_capture(event):
            self.capture.open(event.text())
            return True
        return False

    def current_node(self) -> str | None:
        nodes = self.canvas.scene.selected_node_ids()
        return nodes[0] if len(nodes) == 1 else None

    def _selection_changed(self) -> None:
        if not isValid(self.canvas.scene):
            return  # the scene is being taken down with the page
        key = self.current_node()
        node = self.pmap.node_by_id.get(key) if self.pmap and key else None
        read_only = self.editor.read_only
        flows = self.canvas.scene.selected_flow_ids()
        if self.pmap is not None and node is None and len(flows) == 1 and not key:
            flow = next(f for f in self.pmap.flows if f.id == flows[0])
            names = {n.id: n.name for n in self.pmap.nodes}
            self.properties.show_flow(flow, names.get(flow.source, flow.source),
                                      names.get(flow.target, flow.target), read_only)
            return
        self.properties.show_node(node, self.pmap.time_unit if self.pmap else "min", read_only)
        if node is not None:
            self.capture.follow(node.lane_id)

    def add_next(self, kind: str, name: str, lane: str | None) -> None:
        """Keyboard capture: the next step after the current one, in ``lane``."""
        key = self.editor.add_after(kind, name, self.current_node(), lane)  # type: ignore[arg-type]
        if key is not None:
            self.canvas.scene.select([key])
            self.capture.lane = lane
            self.view.ensureVisible(self.canvas.scene.shapes[key], 80, 80)

    def _arm(self, kind: object) -> None:
        self.view.armed = kind  # type: ignore[assignment]
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor if kind else
                                       Qt.CursorShape.ArrowCursor)

    def labels_start(self, key: str) -> None:
        if not self.editor.read_only:
            self.labels.start(key)

    def _rename(self, key: str, text: str) -> None:
        self.editor.relabel(key, text)

    def _map_renamed(self, item: QListWidgetItem) -> None:
        ws = self.ctx.workspace
        if ws is None or self.pmap is None or int(item.data(MAP_ID)) != self.map_id:
            return
        text = item.text().strip()
        # after the list's editor has closed: the rename redraws the list
        if text and text != self.pmap.name:
            QTimer.singleShot(0, lambda: self.editor.relabel(self.pmap.id, text)
                              if self.pmap is not None else None)
        else:
            QTimer.singleShot(0, lambda: self.refresh(None))

    def new_map(self) -> None:
        map_id = self.editor.new_map(self.maps)
        if map_id is not None:
            self._name_next = map_id
            self.show_map(map_id)

    def delete_map(self) -> None:
        if self.map_id is not None:
            self.editor.delete_map()

    def add_lane(self) -> None:
        key = self.editor.add_lane()
        if key is not None:
            self.labels_start(key)

    def tidy_up(self) -> None:
        self.editor.tidy_up()

    def context_menu(self, key: str) -> QMenu:
        """What can be done to the thing under the mouse (a step, flow or lane), and to
        the map."""
        menu = QMenu(self)
        p, editor = self.pmap, self.editor
        if p is None or editor.read_only:
            return menu
        if key:
            menu.addAction("Rename", lambda: self.labels_start(key))
        if key in p.lane_by_id:
            menu.addAction("Delete lane", lambda: editor.delete_lane(key))
        elif key:
            menu.addAction("Delete", editor.delete_selected if key in p.node_by_id
                           else lambda: editor.delete_keys((key,)))
        menu.addSeparator()
        menu.addAction("Add lane", self.add_lane)
        turn: Orientation = "horizontal" if p.vertical else "vertical"
        menu.addAction(f"Turn lanes {turn}", lambda: editor.turn_lanes(turn))
        menu.addAction("Tidy up", self.tidy_up)
        return menu

    # -- overlays and analysis -----------------------------------------------------------------
    def set_overlays(self, overlays: Overlays) -> None:
        self.overlays = overlays
        if self.pmap is not None:
            self.canvas.show_map(self.pmap, self.analysis, overlays, self.look)

    def _mark(self, ids: tuple[str, ...]) -> None:
        scene = self.canvas.scene
        scene.select([i for i in ids if i in scene.shapes],
                     [i for i in ids if i in scene.connectors])

    def _simulated(self, sim: Simulation) -> None:
        self.simulation = sim

    # -- presentation and export -------------------------------------------------------------
    def present(self, full_screen: bool = True) -> QWidget | None:
        """Presentation mode (the window it opens, or None without a map)."""
        from opsdesk.ui.maps.presentation import present

        if self.pmap is None:
            return None
        return present(self, self.pmap.name, full_screen)

    def presenting(self, on: bool) -> None:
        """Large type, no overview, and a fit that shows part of a long map, larger (to be
        read from the back of a room); or the desk's look again."""
        self.view.readable = PRESENTED_READABLE if on else MapView.readable_default
        self.canvas.show_overview = not on
        self.set_look(Look(text_scale=PRESENTED_TEXT_SCALE) if on else Look())
        self.view.fit()

    def set_look(self, look: Look) -> None:
        self.look = look
        if self.pmap is not None:
            self.canvas.show_map(self.pmap, self.analysis, self.overlays, look)

    def import_bpmn(self) -> None:
        from opsdesk.ui.maps.map_files import choose_import

        choose_import(self)

    def export(self, kind: str) -> None:
        from opsdesk.ui.maps.map_files import choose_export

        choose_export(self, kind)

    def copy_image(self) -> None:
        from opsdesk.ui.maps.map_image import copy_image

        copy_image(self.canvas.scene)
