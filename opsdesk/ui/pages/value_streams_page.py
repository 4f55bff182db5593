"""The Value streams page: the workspace's value streams, the map of one drawn from core's
spec (the timeline ladder under it), its metrics with their conventions, and the chosen
process's data box, inventory's or delay's box and the customer demand, edited through the
value-stream commands; elements inserted and removed, a stream started or imported."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.people import Person
from opsdesk.core.maps.vsm_diagram import VsmDiagram
from opsdesk.core.maps.vsm_metrics import VsmMetrics, VsmSettings
from opsdesk.core.maps.vsm_model import Delay, Inventory, Process
from opsdesk.core.maps.vsm_store import StoredStream, StreamSummary, state_title
from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.pages.base import Page
from opsdesk.ui.vsm.vsm_bursts_box import BurstsBox
from opsdesk.ui.vsm.vsm_bursts_edit import BurstsEditor
from opsdesk.ui.vsm.vsm_element_boxes import NamedProcessBox, StockBox
from opsdesk.ui.vsm.vsm_flow_bar import DeleteKey, FlowBar
from opsdesk.ui.vsm.vsm_info_panel import InfoFlowBox
from opsdesk.ui.vsm.vsm_panels import (
    DemandBox,
    LinksBox,
    MetricsBox,
    SettingsBox,
    notes_text,
)
from opsdesk.ui.vsm.vsm_scene import VsmScene, VsmView
from opsdesk.ui.widgets.vertical_scroll import VerticalScrollArea

WATCHED = Changes.MAPS | Changes.PEOPLE  # people: who can own a kaizen burst
MAP_ID = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Loaded:
    streams: list[StreamSummary]
    map_id: int | None
    stored: StoredStream | None
    metrics: VsmMetrics | None
    diagram: VsmDiagram | None
    kpis: list[tuple[int, str]] = field(default_factory=list)  # (id, name), to link
    projects: list[tuple[int, str]] = field(default_factory=list)  # for kaizen bursts
    people: tuple[Person, ...] = ()  # who can own a burst


def load(conn: sqlite3.Connection, map_id: int | None, settings: VsmSettings | None
         ) -> Loaded:
    """The list of value streams and ``map_id`` (else the first) with its KPI-fed values,
    its metrics (by ``settings``, else the map's own) and its map."""
    from opsdesk.core.improve.people_store import owner_people
    from opsdesk.core.improve.project_store import project_names
    from opsdesk.core.kpi.definitions import load_kpis
    from opsdesk.core.maps.vsm_store import list_streams
    from opsdesk.core.maps.vsm_view import stream_view

    streams = list_streams(conn)
    ids = [s.id for s in streams]
    chosen = map_id if map_id in ids else (ids[0] if ids else None)
    if chosen is None:
        return Loaded(streams, None, None, None, None)
    view = stream_view(conn, chosen, settings)
    kpis = [(k.id, k.name) for k in load_kpis(conn, include_archived=False)]
    return Loaded(streams, chosen, view.stored, view.metrics, view.diagram, kpis,
                  project_names(conn), owner_people(conn))


class ValueStreamsPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.map_id: int | None = None
        self.data: Loaded | None = None
        self.presentation: QWidget | None = None
        self.wanted: str | None = None  # the element to choose once the map is read
        self.reads = BackgroundRead(ctx, self)
        self._build()

    def _build(self) -> None:
        title = QLabel("Value streams")
        title.setObjectName("pageTitle")
        self.future_button = QPushButton("Copy as future state")
        self.future_button.clicked.connect(self.copy_as_future)
        self.fit_button = QPushButton("Fit")
        self.present_button = QPushButton("Present")
        self.present_button.setToolTip("The map alone, full screen (Esc leaves)")
        self.present_button.clicked.connect(lambda: self.present())
        self.flow_bar = FlowBar(self)
        self.new_button = QPushButton("New value stream…")
        self.import_button = QPushButton("Import steps table…")
        self.new_button.clicked.connect(self._new_stream)
        self.import_button.clicked.connect(self._import_table)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.fit_button)
        head.addWidget(self.present_button)
        head.addWidget(self.future_button)
        self.stream_list = QListWidget()
        self.stream_list.setMinimumWidth(120)
        self.stream_list.setWordWrap(True)
        self.stream_list.currentItemChanged.connect(self._chosen)
        self.scene = VsmScene(self)
        self.view = VsmView(self.scene)
        self.canvas = self.view  # what presentation mode takes full screen
        self.fit_button.clicked.connect(self.view.fit)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.empty = QLabel("No value streams yet. Start one with 'New value stream…' and "
                            "draw it with the team, or build one from a spreadsheet with "
                            "'Import steps table…' (a row a step: kind, name, cycle time…).")
        self.empty.setObjectName("emptyBody")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notes = QLabel()
        self.notes.setObjectName("vsmNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.flow_bar, 0, Qt.AlignmentFlag.AlignLeft)  # the map's own tools
        column.addWidget(self.empty)
        column.addWidget(self.view, 1)
        column.addWidget(self.notes)
        self.canvas_column = column
        self.settings_box = SettingsBox()
        self.settings_box.settings_changed.connect(self.change_settings)
        self.metrics_box = MetricsBox()
        self.process_box = NamedProcessBox()
        self.process_box.edited.connect(self.edit_process)
        self.stock_box = StockBox()
        self.stock_box.edited.connect(self.edit_stock)
        self.stock_box.kind_chosen.connect(self.change_kind)
        self.box_stack = QStackedWidget()  # the chosen element's box
        self.box_stack.addWidget(self.process_box)
        self.box_stack.addWidget(self.stock_box)
        self.links_box = LinksBox()
        self.links_box.linked.connect(self.link_field)
        self.demand_box = DemandBox()
        self.demand_box.edited.connect(self.edit_demand)
        self.info_box = InfoFlowBox()  # its gestures come out as commands
        self.info_box.command.connect(self.ctx.execute)
        first = QWidget()
        first_column = QVBoxLayout(first)
        first_column.setContentsMargins(0, 0, 0, 0)
        first_column.addWidget(self.stream_list, 1)
        first_column.addWidget(self.new_button)  # stacked: a narrow window keeps both whole
        first_column.addWidget(self.import_button)
        first_column.addWidget(self.settings_box)
        panels = QWidget()
        row = QHBoxLayout(panels)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit_tabs = QTabWidget()
        self.edit_tabs.addTab(self.box_stack, "Data box")
        self.edit_tabs.addTab(self.links_box, "KPI links")
        self.edit_tabs.addTab(self.demand_box, "Demand")
        self.bursts_box = BurstsBox()
        self.edit_tabs.addTab(self.bursts_box, "Kaizen bursts")
        self.bursts = BurstsEditor(self.ctx, self.scene, self.view, self.bursts_box, self)
        self.edit_tabs.addTab(self.info_box, "Information flow")
        for w, stretch in ((first, 3), (self.metrics_box, 2), (self.edit_tabs, 3)):
            row.addWidget(w, stretch)
        bottom = VerticalScrollArea(panels)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 340])  # a wide map needs little height; the fields need theirs
        split.setCollapsible(0, False)
        self.split = split
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self.delete_key = DeleteKey(self)

    # -- reading -------------------------------------------------------------------------
    def refresh(self, changes: Changes | None) -> None:
        if changes is not None and not changes.touches(WATCHED):
            return
        if self.ctx.workspace is not None:
            self.show_stream(self.map_id)

    def show_stream(self, map_id: int | None, settings: VsmSettings | None = None) -> None:
        """Show value stream ``map_id`` by ``settings`` (default: the map's own)."""
        self.reads.run(lambda conn: load(conn, map_id, settings), self._loaded,
                       "reading the value streams")

    def select_stream(self, map_id: int) -> None:
        """Show value stream ``map_id`` (as choosing it in the list does)."""
        self.show_stream(map_id)

    def _loaded(self, data: Loaded) -> None:
        keep = self.scene.selected_key() if data.map_id == self.map_id else None
        if self.wanted is not None and data.stored is not None and \
                self.wanted in data.stored.node_ids:
            keep, self.wanted = self.wanted, None
        self.data, self.map_id = data, data.map_id
        self.stream_list.blockSignals(True)
        self.stream_list.clear()
        for s in data.streams:
            item = QListWidgetItem(state_title(s.name, s.state))
            item.setData(MAP_ID, s.id)
            self.stream_list.addItem(item)
            if s.id == data.map_id:
                self.stream_list.setCurrentItem(item)
        self.stream_list.blockSignals(False)
        shown = data.diagram is not None
        self.empty.setVisible(not shown)
        self.view.setVisible(shown)
        self.present_button.setEnabled(shown)
        self.scene.show_diagram(data.diagram, keep)
        self.view.fit()
        self.metrics_box.show_metrics(data.metrics)
        if data.metrics is not None:
            self.settings_box.show_settings(data.metrics.settings)
        self.notes.setText(notes_text(data.metrics))
        self.bursts.show(data.stored, data.projects, self.read_only, data.people)
        stream = data.stored.stream if data.stored else None
        self.demand_box.show_demand(stream.demand if stream else None, self.read_only)
        self.demand_box.setEnabled(stream is not None)
        self.info_box.show_stream(data.stored, self.read_only)
        self.future_button.setEnabled(not self.read_only and data.stored is not None
                                      and data.stored.state == "current"
                                      and data.stored.pair_id is None)
        self.new_button.setEnabled(not self.read_only)
        self.import_button.setEnabled(not self.read_only)
        self._selection_changed()

    @property
    def read_only(self) -> bool:
        ws = self.ctx.workspace
        return ws is None or ws.read_only

    def _chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.show_stream(int(item.data(MAP_ID)))

    def element(self, key: str | None) -> Process | Inventory | Delay | None:
        """The process, inventory or delay ``key`` names in the stream shown."""
        data = self.data
        if key is None or data is None or data.stored is None:
            return None
        found = _element(data.stored, key)
        return found if isinstance(found, (Process, Inventory, Delay)) else None

    def process(self, key: str | None) -> Process | None:
        """The process element ``key`` names in the stream shown."""
        found = self.element(key)
        return found if isinstance(found, Process) else None

    def select_process(self, key: str | None) -> None:
        self.scene.select(key)

    def select_element(self, key: str) -> None:
        """Choose element ``key``, now if it is drawn, else once the map is read again."""
        if key in self.scene.graphics:
            self.scene.select(key)
        else:
            self.wanted = key

    def _selection_changed(self) -> None:
        if not isValid(self.scene):
            return
        key = self.scene.selected_key()
        shown = self.process_box.key if self.box_stack.currentWidget() is self.process_box \
            else self.stock_box.key
        if key is not None and key != shown and \
                self.edit_tabs.currentWidget() not in (self.links_box,
                                                  self.bursts_box):  # newly chosen
            self.edit_tabs.setCurrentWidget(self.box_stack)
        element = self.element(key)
        process = element if isinstance(element, Process) else None
        stock = element if isinstance(element, (Inventory, Delay)) else None
        self.process_box.show_process(key if process else None, process, self.read_only)
        self.stock_box.show_stock(key if stock else None, stock, self.read_only)
        self.box_stack.setCurrentWidget(self.stock_box if stock else self.process_box)
        linked = element if isinstance(element, (Process, Inventory)) else None
        self.links_box.show_links(linked, self.data.kpis if self.data else [], self.read_only)
        stored = self.data.stored if self.data else None
        self.flow_bar.show_for(element, stored is not None and not stored.stream.flow,
                               stored is not None and not self.read_only)

    # -- editing -------------------------------------------------------------------------
    def edit_process(self, field: str, text: str) -> None:
        from opsdesk.core.maps.vsm_commands import SetElement
        from opsdesk.core.maps.vsm_edits import edited_process
        from opsdesk.core.maps.vsm_element_edits import renamed

        key, process = self.process_box.key, self.process_box.process
        if key is None or process is None or self.map_id is None:
            return
        try:
            new = renamed(process, text) if field == "name" else \
                edited_process(process, field, text)
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            self._selection_changed()  # the value as stored again
            return
        self.ctx.execute(SetElement(self.map_id, key, new, f"Edit {process.name}'s data box"))

    def link_field(self, field: str, kpi_id: int | None) -> None:
        """Feed the chosen process's (or inventory's) ``field`` from KPI ``kpi_id`` (None:
        typed again)."""
        from opsdesk.core.maps.vsm_commands import SetElement
        from opsdesk.core.maps.vsm_edits import relinked

        key = self.scene.selected_key()
        element = self.element(key)
        if key is None or not isinstance(element, (Process, Inventory)) or self.map_id is None:
            return
        words = "typed again" if kpi_id is None else "fed by a KPI"
        name = element.name or "The inventory"
        self.ctx.execute(SetElement(self.map_id, key, relinked(element, field, kpi_id),
                                    f"{name}'s {field.removesuffix('_s')} {words}"))

    def edit_stock(self, field: str, text: str) -> None:
        """The chosen inventory's or delay's ``field`` typed as ``text``."""
        from opsdesk.core.maps.vsm_commands import SetElement
        from opsdesk.core.maps.vsm_element_edits import edited_stock

        key, stock = self.stock_box.key, self.stock_box.element
        if key is None or stock is None or self.map_id is None:
            return
        try:
            new = edited_stock(stock, field, text)
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            self._selection_changed()  # the value as stored again
            return
        words = "renamed" if field == "name" else f"{field} typed"
        self.ctx.execute(SetElement(self.map_id, key, new,
                                    f"{stock.name or 'Inventory'} {words}"))

    def change_kind(self, kind: str) -> None:
        """Draw the chosen inventory as ``kind``: a supermarket, a FIFO lane..."""
        from opsdesk.core.maps.vsm_commands import SetElement
        from opsdesk.core.maps.vsm_element_edits import STOCK_KIND_WORDS, rekinded

        key, stock = self.stock_box.key, self.stock_box.element
        if key is None or not isinstance(stock, Inventory) or self.map_id is None or \
                kind == stock.kind:
            return
        words = STOCK_KIND_WORDS.get(kind, kind)  # type: ignore[call-overload]
        self.ctx.execute(SetElement(self.map_id, key, rekinded(stock, kind),
                                    f"{stock.name or 'Inventory'} drawn as {words.lower()}"))

    def _new_stream(self) -> None:
        from opsdesk.ui.vsm.vsm_stream_actions import new_stream

        new_stream(self)

    def _import_table(self) -> None:
        from opsdesk.ui.vsm.vsm_stream_actions import choose_table

        choose_table(self)

    def edit_demand(self, field: str, text: str) -> None:
        from opsdesk.core.maps.vsm_commands import SetDemand
        from opsdesk.core.maps.vsm_edits import edited_demand

        data = self.data
        if data is None or data.stored is None or self.map_id is None:
            return
        try:
            demand = edited_demand(data.stored.stream.demand, field, text)
        except OpsdeskError as error:
            self.ctx.show_error(str(error))
            self.demand_box.show_demand(data.stored.stream.demand, self.read_only)
            return
        self.ctx.execute(SetDemand(self.map_id, demand))

    def change_settings(self, settings: VsmSettings) -> None:
        """The conventions chosen are kept with the map (the command line and the PDF use
        them too); a read-only workspace shows them without keeping them."""
        from opsdesk.core.maps.vsm_commands import SetSettings

        if self.map_id is None:
            return
        if self.read_only:
            self.show_stream(self.map_id, settings)
        else:
            self.ctx.execute(SetSettings(self.map_id, settings))

    def present(self, full_screen: bool = True) -> QWidget | None:
        """Presentation mode (the window it opens, or None with no stream shown)."""
        from opsdesk.ui.maps.presentation import present

        stored = self.data.stored if self.data else None
        if stored is None:
            return None
        return present(self, stored.stream.name, full_screen)

    def presenting(self, on: bool) -> None:
        """Drawn to scale, the map only fills the screen (its type grows with it)."""
        self.view.fit()

    def copy_as_future(self) -> None:
        from opsdesk.core.maps.vsm_commands import CopyAsFuture

        if self.map_id is None:
            return
        applied = self.ctx.execute(CopyAsFuture(self.map_id))
        if applied is not None:
            self.show_stream(applied.result)


def _element(stored: StoredStream, key: str) -> object:
    """The element of ``stored`` whose key is ``key`` (keys are in depth-first order)."""
    from opsdesk.core.maps.vsm_model import Parallel

    order: list[object] = []

    def walk(flow: tuple[object, ...]) -> None:
        for e in flow:
            order.append(e)
            if isinstance(e, Parallel):
                for branch in e.branches:
                    walk(branch)

    walk(stored.stream.flow)
    return dict(zip(stored.keys, order, strict=False)).get(key)
