"""The KPIs page: scorecard, bowling chart and alerts, and a KPI's detail."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.kpi.status import STATUSES
from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.kpis.alerts_panel import AlertsPanel
from opsdesk.ui.kpis.bowling_view import BowlingView
from opsdesk.ui.kpis.scorecard_model import (
    KPI_ID_ROLE,
    NAME_COLUMN,
    SIGNAL_COLUMN,
    SIGNALS_ROLE,
    SPARK_COLUMN,
    TEXT_COLUMNS,
    ScorecardModel,
    ScorecardProxy,
)
from opsdesk.ui.kpis.sparkline_delegate import SparklineDelegate
from opsdesk.ui.pages.base import Page
from opsdesk.ui.widgets.column_fit import ColumnFit
from opsdesk.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from opsdesk.core.improve.people import Person
    from opsdesk.core.kpi.bowling import Bowling
    from opsdesk.core.kpi.definitions import Kpi
    from opsdesk.core.kpi.scorecard import KpiStatus
    from opsdesk.ui.kpis.kpi_dialog import KpiDialog

WATCHED = Changes.KPI_DATA | Changes.ALERTS | Changes.IMPORTS | Changes.SETTINGS
ANY = "All"


class KpisPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.as_of = date.today()
        self.model = ScorecardModel()
        self.proxy = ScorecardProxy()
        self.proxy.setSourceModel(self.model)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._overview())
        self.detail: QWidget | None = None  # built when a KPI is first opened
        self.statuses_read = BackgroundRead(ctx, self)
        self.bowling_read = BackgroundRead(ctx, self)
        self.dialog_read = BackgroundRead(ctx, self)  # what the New/Edit KPI dialog needs
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # -- building ------------------------------------------------------------------
    def _overview(self) -> QWidget:
        title = QLabel("KPIs")
        title.setObjectName("pageTitle")
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.dateChanged.connect(self._as_of_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search KPIs…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 24)
        self.pillar = QComboBox()
        self.owner = QComboBox()
        self.status = QComboBox()
        self.status.addItems([ANY, *STATUSES])
        for widget in (self.pillar, self.owner, self.status):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            widget.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        new = QPushButton("New KPI…")
        new.clicked.connect(self.new_kpi)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        pack = QPushButton("Add KPI pack")  # a push button sizes itself for its menu arrow
        menu = QMenu(pack)
        for key, label in (("lean", "Lean operations"), ("service", "Service operations"),
                           ("ai-ops", "AI/ML operations")):
            menu.addAction(label, partial(self.add_pack, key))
        pack.setMenu(menu)
        # Flow layouts: one row each when wide, more on a projector or zoomed in.
        head = FlowLayout()
        head.addWidget(title)
        head.add_stretch()
        head.add_row(new, self.edit_button, self.delete_button, pack)
        head.add_labelled("As of", self.as_of_edit)
        bar = FlowLayout()
        bar.addWidget(self.search)
        for label, widget in (("Pillar", self.pillar), ("Owner", self.owner),
                              ("Status", self.status)):
            bar.add_labelled(label, widget)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setItemDelegateForColumn(SPARK_COLUMN, SparklineDelegate(self.table))
        header = self.table.horizontalHeader()
        # Size columns from the first rows only: measuring every row of a large scorecard
        # costs more than filling it.
        header.setResizeContentsPrecision(40)
        # Names, pillars and owners give up width (elided, the tooltip holds them) so
        # that the figures, the trend and the sparkline stay in view.
        self.columns = ColumnFit(self.table, flexible=TEXT_COLUMNS, fill=NAME_COLUMN,
                                 fixed={SPARK_COLUMN: 100}, floor_chars=10,
                                 floors={NAME_COLUMN: 15})
        self.table.doubleClicked.connect(self._open_index)
        self.bowling = BowlingView()
        self.bowling.frequency.currentIndexChanged.connect(lambda _i: self._load_bowling())
        self.bowling.table.doubleClicked.connect(
            lambda i: self.open_kpi(int(i.data(KPI_ID_ROLE))))
        self.alerts = AlertsPanel(self.ctx)
        self.alerts.kpi_activated.connect(self.open_kpi)
        self._count_pending = False
        self.alerts.loaded.connect(self._count_alerts)
        self.empty_hint = QLabel(
            "No KPIs yet. Define one with New KPI…, add a ready set with Add KPI pack "
            "(lean, service or AI/ML operations), or import a spreadsheet of observations.")
        self.empty_hint.setObjectName("emptyBody")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.hide()
        scorecard = QWidget()
        scorecard_layout = QVBoxLayout(scorecard)
        scorecard_layout.setContentsMargins(0, 0, 0, 0)
        scorecard_layout.addWidget(self.empty_hint)
        scorecard_layout.addWidget(self.table, 1)
        self.scorecard_tab = scorecard
        self.tabs = QTabWidget()
        self.tabs.addTab(scorecard, "Scorecard")
        self.tabs.addTab(self.bowling, "Bowling chart")
        self.tabs.addTab(self.alerts, "Alerts")
        self.tabs.currentChanged.connect(lambda _i: self._load_tab())
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self._bowling_stale = True
        return box

    # -- refreshing ----------------------------------------------------------------
    def refresh(self, changes: Changes | None) -> None:
        ws = self.ctx.workspace
        if ws is None:
            self.statuses_read.drop_pending()
            self.model.set_statuses([])
            return
        if changes is not None and not changes.touches(WATCHED):
            return
        if changes is not None and changes in Changes.ALERTS:  # an acknowledgement
            self._reload_alerts()
            return
        self._reload(new_review_date=changes is None)

    def _reload(self, new_review_date: bool = False) -> None:
        """Statuses in the pool, at the review date when the workspace is new to the page."""
        as_of = None if new_review_date else self.as_of

        def compute(conn: sqlite3.Connection) -> tuple[date, list[KpiStatus]]:
            from opsdesk.core.kpi.review_date import review_date
            from opsdesk.core.kpi.scorecard import compute_statuses

            when = review_date(conn) if as_of is None else as_of
            return when, compute_statuses(conn, when)

        self.statuses_read.run(compute, self._show_statuses, "computing the KPI statuses")

    def _show_statuses(self, result: tuple[date, list[KpiStatus]]) -> None:
        when, statuses = result
        shown = QDate(when.year, when.month, when.day)
        if self.as_of_edit.date() != shown:
            self.as_of_edit.blockSignals(True)
            self.as_of_edit.setDate(shown)
            self.as_of_edit.blockSignals(False)
        self.as_of = when
        self.model.set_statuses(statuses)
        self.empty_hint.setVisible(not statuses)
        self._fill_filter(self.pillar, sorted({s.kpi.pillar for s in statuses}))
        self._fill_filter(self.owner, sorted({s.kpi.owner for s in statuses if s.kpi.owner}))
        self._bowling_stale = True
        self._reload_alerts()
        self._load_tab()
        if self.stack.currentIndex() == 1 and self.detail is not None:
            kpi = getattr(self.detail, "kpi", None)
            if kpi is not None:
                self.detail.show_kpi(kpi.id, self.as_of)  # type: ignore[attr-defined]

    def _reload_alerts(self) -> None:
        self._count_pending = True  # the tab counts what the page reloads, not a toggle
        self.alerts.reload()

    def _count_alerts(self, shown: int) -> None:
        if not self._count_pending:
            return
        self._count_pending = False
        count = shown if not self.alerts.show_all.isChecked() else None
        self.tabs.setTabText(2, f"Alerts ({count})" if count else "Alerts")

    @staticmethod
    def _fill_filter(box: QComboBox, values: list[str]) -> None:
        current = box.currentText()
        box.blockSignals(True)
        box.clear()
        box.addItems([ANY, *values])
        box.setCurrentIndex(max(0, box.findText(current)))
        box.blockSignals(False)

    def _filter(self) -> None:
        def pick(box: QComboBox) -> str:
            return "" if box.currentText() == ANY else box.currentText()

        self.proxy.set_filters(pick(self.pillar), pick(self.owner), pick(self.status),
                               self.search.text())

    def _as_of_changed(self, value: QDate) -> None:
        self.as_of = date(value.year(), value.month(), value.day())
        self._reload()

    def _load_tab(self) -> None:
        if self.tabs.currentWidget() is self.bowling and self._bowling_stale:
            self._load_bowling()

    def _load_bowling(self) -> None:
        as_of, frequency = self.as_of, self.bowling.frequency.currentData()

        def compute(conn: sqlite3.Connection) -> Bowling:
            from opsdesk.core.kpi.bowling import bowling

            return bowling(conn, as_of, frequency)

        self._bowling_stale = False
        self.bowling_read.run(compute, self.bowling.show_chart, "drawing the bowling chart")

    # -- actions -------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(self.proxy.data(i, KPI_ID_ROLE)) for i in rows]

    def _open_index(self, index: QModelIndex) -> None:
        """A double-click opens the KPI; on a ⚑ flag, the glossary at its first test."""
        tests = self.proxy.data(index, SIGNALS_ROLE) if index.column() == SIGNAL_COLUMN else ()
        window = self.ctx.main_window
        if tests and window is not None and hasattr(window, "show_glossary"):
            window.show_glossary(f"test-{tests[0]}")
            return
        self.open_kpi(int(self.proxy.data(index, KPI_ID_ROLE)))

    def open_kpi(self, kpi_id: int) -> None:
        if self.detail is None:
            from opsdesk.ui.kpis.kpi_detail import KpiDetail

            detail = KpiDetail(self.ctx)
            detail.back.connect(lambda: self.stack.setCurrentIndex(0))
            self.stack.addWidget(detail)
            self.detail = detail
        self.stack.setCurrentWidget(self.detail)
        self.detail.show_kpi(kpi_id, self.as_of)  # type: ignore[attr-defined]

    def kpi_dialog(self, kpi_id: int | None, then: Callable[[KpiDialog], None]) -> None:
        """Read the names taken (and the KPI ``kpi_id`` to edit; None: a new one) and the
        people an owner is picked from in the pool, then hand ``then`` the dialog, not yet
        shown."""
        if self.ctx.workspace is None:
            return
        as_of = self.as_of

        def compute(conn: sqlite3.Connection
                    ) -> tuple[set[str], Kpi | None, tuple[Person, ...]]:
            from opsdesk.core.improve.people_store import owner_people
            from opsdesk.core.kpi.definitions import load_kpis
            from opsdesk.core.kpi.queries import kpi_names

            kpi = load_kpis(conn, [kpi_id])[0] if kpi_id is not None else None
            return kpi_names(conn), kpi, owner_people(conn)

        def build(read: tuple[set[str], Kpi | None, tuple[Person, ...]]) -> None:
            from opsdesk.ui.kpis.kpi_dialog import KpiDialog

            names, kpi, people = read
            then(KpiDialog(self, kpi, names, as_of, people))

        self.dialog_read.run(compute, build, "reading the KPI")

    def _run_dialog(self, kpi_id: int | None) -> None:
        def run(dialog: KpiDialog) -> None:
            if dialog.exec():
                self.ctx.execute(dialog.result_command)

        self.kpi_dialog(kpi_id, run)

    def new_kpi(self) -> None:
        self._run_dialog(None)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._run_dialog(ids[0])

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self, "Delete KPI", f"Delete {len(ids)} KPI(s) with their targets and data? "
            "You can undo this.")
        if answer == QMessageBox.StandardButton.Yes:
            from opsdesk.core.kpi.commands import DeleteKpis

            self.ctx.execute(DeleteKpis(tuple(ids), "Delete KPI" if len(ids) == 1
                                        else f"Delete {len(ids)} KPIs"))

    def add_pack(self, pack: str) -> None:
        from opsdesk.core.kpi.packs import AddPack

        self.ctx.execute(AddPack(pack))
