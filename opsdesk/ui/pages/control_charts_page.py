"""The Control charts page: saved charts of the workspace's KPIs, their capability and a
Pareto view. Every change (chart type, rules, tests, baseline, stages, exclusions, notes)
is a command, so it is saved in the workspace at once and can be undone."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import chart_commands as cmd
from opsdesk.core.spc.model import CHART_NAMES, CHART_TYPES
from opsdesk.core.spc.pareto_sources import ParetoSource
from opsdesk.core.spc.rules import DEFAULT_K, RULE_SETS, SET_NAMES, describe
from opsdesk.core.spc.saved import Computed, SavedChart
from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.pages.base import Page
from opsdesk.ui.spc.capability_panel import CapabilityPanel
from opsdesk.ui.spc.pareto_view import ParetoView
from opsdesk.ui.spc.point_actions import PointActions
from opsdesk.ui.widgets.chart_view import ChartView
from opsdesk.ui.widgets.flow_layout import FlowLayout
from opsdesk.ui.widgets.plain_text import tip

if TYPE_CHECKING:
    from opsdesk.core.spc.pareto_sources import ParetoSource
    from opsdesk.core.spc.saved import SavedChart

WATCHED = (Changes.CHARTS | Changes.ANNOTATIONS | Changes.OBSERVATIONS | Changes.KPIS
           | Changes.INCIDENTS)
CHART_ID = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class _Shown:
    """One saved chart as read in the pool: computed, or the problem that stopped it."""

    chart: SavedChart | None
    suggested: str | None
    computed: Computed | None
    problem: str
    sources: list[ParetoSource]


def _read_lists(conn: sqlite3.Connection) -> tuple[list[tuple[int, str]], list[dict[str, Any]]]:
    from opsdesk.core.kpi.queries import kpi_choices
    from opsdesk.core.spc.saved import list_charts

    return kpi_choices(conn), list_charts(conn)


def _read_chart(conn: sqlite3.Connection, chart_id: int) -> _Shown:
    from opsdesk.core.spc.pareto_sources import chart_sources
    from opsdesk.core.spc.saved import compute, kpi_points, load_chart, suggest_type

    chart, suggested = None, None
    try:
        chart = load_chart(conn, chart_id)
        suggested = suggest_type(kpi_points(conn, chart.kpi_id))
        comp = compute(conn, chart)
    except OpsdeskError as error:
        return _Shown(chart, suggested, None, str(error), chart_sources(conn, None, "", None))
    return _Shown(chart, suggested, comp, "",
                  chart_sources(conn, chart.kpi_id, comp.points.name, comp.result))


def _suggest(conn: sqlite3.Connection, kpi_id: int) -> tuple[str, str]:
    """The KPI's name and the chart type its data suggest."""
    from opsdesk.core.spc.saved import kpi_points, suggest_type

    points = kpi_points(conn, kpi_id)
    return points.name, suggest_type(points)


class ControlChartsPage(PointActions, Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.current: Computed | None = None
        self.chart_id: int | None = None
        self._region: object | None = None
        self._busy = False
        self.list_read = BackgroundRead(ctx, self)
        self.chart_read = BackgroundRead(ctx, self)
        self.kpi_read = BackgroundRead(ctx, self)  # the chart type a KPI's data suggest
        self.new_read = BackgroundRead(ctx, self)  # the same, for a new chart
        self.include_read = BackgroundRead(ctx, self)  # the exclusion a point's include undoes

        title = QLabel("Control charts")
        title.setObjectName("pageTitle")
        self.chart_list = QListWidget()
        self.chart_list.setMinimumWidth(220)
        self.chart_list.currentItemChanged.connect(self._list_changed)
        new = QPushButton("New chart…")
        new.clicked.connect(self._new_clicked)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self._delete_clicked)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Saved charts"))
        left_layout.addWidget(self.chart_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)

        self.kpi = QComboBox()
        self.kpi.activated.connect(self._kpi_chosen)
        self.chart_type = QComboBox()
        for t in CHART_TYPES:
            self.chart_type.addItem(CHART_NAMES[t], t)
        self.chart_type.activated.connect(self._type_chosen)
        self.rules = QComboBox()
        for key in RULE_SETS:
            self.rules.addItem(SET_NAMES[key], key)
        self.rules.activated.connect(self._rules_chosen)
        for combo in (self.kpi, self.chart_type, self.rules):  # the chosen text whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tests_button = QPushButton("Tests")  # sized for its text and its menu arrow
        self.tests_menu = QMenu(self)
        self.test_actions: dict[int, QAction] = {}
        for test, k in DEFAULT_K.items():
            action = self.tests_menu.addAction(describe(test, k))
            action.setCheckable(True)
            action.triggered.connect(self._tests_toggled)
            self.test_actions[test] = action
        self.tests_menu.addSeparator()
        self.tests_menu.addAction("Change a test's K…", self._ask_k)
        self.tests_button.setMenu(self.tests_menu)
        self.baseline_button = QPushButton("Select baseline…")
        self.baseline_button.setCheckable(True)
        self.baseline_button.setToolTip("Drag the shaded range over the points that set the "
                                        "limits, then press Apply")
        self.baseline_button.toggled.connect(self._baseline_toggled)
        self.apply_baseline = QPushButton("Apply")
        self.apply_baseline.clicked.connect(self._apply_region)
        self.apply_baseline.hide()
        self.clear_baseline_button = QPushButton("Clear baseline")
        self.clear_baseline_button.clicked.connect(self.clear_baseline)
        bar = FlowLayout()  # one row when wide, two on a projector
        for label, widget in (("KPI", self.kpi), ("Chart", self.chart_type),
                              ("Rules", self.rules)):
            bar.add_labelled(label, widget)
        bar.addWidget(self.tests_button)
        bar.add_stretch()
        bar.add_row(self.baseline_button, self.apply_baseline, self.clear_baseline_button)

        self.view = ChartView()
        self.view.point_clicked.connect(self._point_clicked)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("message")
        chart_tab = QWidget()
        chart_layout = QVBoxLayout(chart_tab)
        chart_layout.addWidget(self.problem)
        chart_layout.addWidget(self.view, 1)
        hint = QLabel("Click a point to exclude it, annotate it or start a stage there.")
        hint.setObjectName("hint")
        chart_layout.addWidget(hint)
        self.capability = CapabilityPanel()
        self.pareto = ParetoView()
        self.tabs = QTabWidget()
        self.tabs.addTab(chart_tab, "Control chart")
        self.tabs.addTab(self.capability, "Capability")
        self.tabs.addTab(self.pareto, "Pareto")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.tabs, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([230, 1000])
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(split, 1)

    # -- refreshing ----------------------------------------------------------------
    def refresh(self, changes: Changes | None) -> None:
        if changes is not None and not changes.touches(WATCHED):
            return
        self.list_read.run(_read_lists, self._show_lists, "listing the charts")

    def _show_lists(self, lists: tuple[list[tuple[int, str]], list[dict[str, Any]]]) -> None:
        kpis, charts = lists
        self._busy = True
        self.kpi.clear()
        for kpi_id, name in kpis:
            self.kpi.addItem(name, kpi_id)
        self.chart_list.clear()
        keep = None
        for c in charts:
            item = QListWidgetItem(c["name"])
            item.setData(CHART_ID, c["id"])
            item.setToolTip(tip(f"{c['kpi_name']} · {CHART_NAMES.get(c['chart_type'], '')}"))
            self.chart_list.addItem(item)
            if c["id"] == self.chart_id:
                keep = item
        self._busy = False
        if keep is None and self.chart_list.count():
            keep = self.chart_list.item(0)
        if keep is not None:
            self.chart_list.setCurrentItem(keep)
        self._show(keep.data(CHART_ID) if keep is not None else None)

    def _list_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if not self._busy and item is not None:
            self._show(item.data(CHART_ID))

    def select_chart(self, chart_id: int) -> None:
        for i in range(self.chart_list.count()):
            if self.chart_list.item(i).data(CHART_ID) == chart_id:
                self.chart_list.setCurrentRow(i)
        self._show(chart_id)

    def _show(self, chart_id: int | None) -> None:
        self.chart_id = chart_id
        self.current = None
        self.baseline_button.setChecked(False)
        enabled = chart_id is not None and self.ctx.workspace is not None
        for w in (self.kpi, self.chart_type, self.rules, self.tests_button,
                  self.baseline_button, self.clear_baseline_button, self.delete_button):
            w.setEnabled(enabled)
        if not enabled:
            self.chart_read.drop_pending()
            self._problem("No saved charts yet. Press “New chart…” to chart a KPI.")
            self.capability.set_computed(None)
            self.pareto.set_sources([])
            return
        assert chart_id is not None
        self.chart_read.run(lambda c: _read_chart(c, chart_id), self._show_chart,
                            "drawing the chart")

    def _show_chart(self, shown: _Shown) -> None:
        from opsdesk.core.spc.chart_spec import control_chart_spec

        chart = shown.chart
        if chart is not None:
            self._sync_controls(chart.kpi_id, chart.chart_type, chart.rule_set, chart.tests)
        if shown.suggested is not None:
            self._mark_suggested(shown.suggested)
        if chart is None or shown.computed is None:
            self._problem(shown.problem)
            self.capability.set_computed(None)
            self.pareto.set_sources(shown.sources)
            return
        comp = self.current = shown.computed
        if chart.chart_type != "run":
            self._sync_tests(set(comp.result.panels[0].tests))
        labels = comp.result.labels()
        index = {label: i for i, label in enumerate(labels)}
        notes = {index[k]: v for k, v in chart.annotations.items() if k in index}
        spec = control_chart_spec(comp.result, chart.name, x=comp.x, point_notes=notes)
        self.problem.hide()
        self.view.show()
        self.view.set_spec(spec)
        self.capability.set_computed(comp)
        self.pareto.set_sources(shown.sources)

    def _problem(self, text: str) -> None:
        self.view.set_spec(None)
        self.view.hide()
        self.problem.setText(text)
        self.problem.show()

    def _mark_suggested(self, suggested: str) -> None:
        """The chart type the data suggest carries "(suggested)" in the list."""
        for i in range(self.chart_type.count()):
            key = self.chart_type.itemData(i)
            text = CHART_NAMES[key] + (" (suggested)" if key == suggested else "")
            self.chart_type.setItemText(i, text)

    def _sync_controls(self, kpi_id: int, chart_type: str, rule_set: str,
                       tests: tuple[int, ...]) -> None:
        for combo, value in ((self.kpi, kpi_id), (self.chart_type, chart_type),
                             (self.rules, rule_set)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._sync_tests(set(tests) if tests else set(RULE_SETS.get(rule_set, {})))
        self.tests_button.setEnabled(chart_type != "run")  # Anhøj's rules, not tests 1-8

    def _sync_tests(self, active: set[int]) -> None:
        """Tick the tests the chart applies (its first panel's: an attributes chart takes
        tests 1-4 of the default set)."""
        for t, action in self.test_actions.items():
            action.setChecked(t in active)
        count = len(active)
        self.tests_button.setText(f"Tests ({count})" if count else "Tests (none)")

    # -- commands ------------------------------------------------------------------
    def _change(self, title: str, **values: object) -> None:
        if self.chart_id is not None:
            self.ctx.execute(cmd.ChangeChart(self.chart_id, title, values))

    def set_chart_type(self, chart_type: str) -> None:
        self._change(f"Chart type: {CHART_NAMES[chart_type]}", chart_type=chart_type)

    def set_rule_set(self, rule_set: str) -> None:
        self._change(f"Rules: {SET_NAMES[rule_set]}", rule_set=rule_set, tests=[])

    def set_tests(self, tests: list[int]) -> None:
        self._change("Switch run-rule tests", tests=sorted(tests))

    def set_test_k(self, test: int, k: float) -> None:
        """Edit one test's K (kept in the chart's params as test_k)."""
        if self.current is None:
            return
        params = dict(self.current.chart.params)
        edited = {str(t): v for t, v in params.get("test_k", {}).items()}
        edited[str(test)] = k
        params["test_k"] = edited
        self._change(f"Test {test}: K = {k:g}", params=params)

    def _ask_k(self) -> None:
        from opsdesk.core.spc.rules import DESCRIPTIONS

        if self.current is None:
            return
        names = [f"{t}: {DESCRIPTIONS[t].format(K='K', K1='K+1')}" for t in DEFAULT_K]
        choice, ok = QInputDialog.getItem(self, "Change K", "Test:", names, 0, False)
        if not ok:
            return
        test = int(choice.split(":")[0])
        current = self.current.result.panels[0].tests.get(test, DEFAULT_K[test])
        k, ok = QInputDialog.getDouble(self, "Change K", f"K for test {test}:", current,
                                       1, 100, 1 if test == 1 else 0)
        if ok:
            self.set_test_k(test, k)

    def _type_chosen(self, _index: int) -> None:
        self.set_chart_type(self.chart_type.currentData())

    def _rules_chosen(self, _index: int) -> None:
        self.set_rule_set(self.rules.currentData())

    def _tests_toggled(self, _checked: bool = False) -> None:
        self.set_tests([t for t, a in self.test_actions.items() if a.isChecked()])

    def _kpi_chosen(self, _index: int) -> None:
        kpi_id, chart_id = self.kpi.currentData(), self.chart_id
        if kpi_id is None or chart_id is None:
            return
        title = f"Chart {self.kpi.currentText()}"

        def chart_it(suggestion: tuple[str, str]) -> None:
            self.ctx.execute(cmd.ChangeChart(chart_id, title, {
                "kpi_id": kpi_id, "chart_type": suggestion[1], "baseline": [], "stages": []}))

        self.kpi_read.run(lambda conn: _suggest(conn, kpi_id), chart_it,
                          "suggesting a chart type")

    def new_chart(self, kpi_id: int, chart_type: str | None = None, name: str = "") -> None:
        """Save a new chart of ``kpi_id``: the type its data suggest unless given."""
        count = self.chart_list.count()

        def save(suggestion: tuple[str, str]) -> None:
            kpi_name, suggested = suggestion
            kind = chart_type or suggested
            applied = self.ctx.execute(cmd.NewChart(name or f"{kpi_name}: {CHART_NAMES[kind]}",
                                                    kpi_id, kind, sort_order=count))
            if applied is not None:
                self.chart_id = applied.result
                self.refresh(None)

        self.new_read.run(lambda conn: _suggest(conn, kpi_id), save, "suggesting a chart type")

    def _new_clicked(self) -> None:
        if self.ctx.workspace is None or self.kpi.count() == 0:
            self.ctx.show_error("There are no KPIs to chart yet.")
            return
        names = [self.kpi.itemText(i) for i in range(self.kpi.count())]
        name, ok = QInputDialog.getItem(self, "New chart", "KPI to chart:", names, 0, False)
        if ok:
            self.new_chart(self.kpi.itemData(names.index(name)))

    def delete_current(self) -> None:
        if self.chart_id is not None and self.current is not None:
            self.ctx.execute(cmd.DeleteChart(self.chart_id, self.current.chart.name))
        elif self.chart_id is not None:
            self.ctx.execute(cmd.DeleteChart(self.chart_id, "chart"))

    def _delete_clicked(self) -> None:
        item = self.chart_list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(self, "Delete chart",
                                      f"Delete the chart “{item.text()}”? (Undo brings it back.)")
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_current()
