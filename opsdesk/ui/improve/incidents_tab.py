"""The Incidents tab: the incidents that started in a chosen quarter (severity, service,
category, started, time to restore) and that quarter's metrics from core's
``incident_metrics``, each with its definition beside it; downtime counts outages, or
outages and degraded service, as the user chooses. Beside the metrics, the chosen
incident's root causes, edited as a tree (``CauseTree``; the page reads them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.incident_kpis import NAMES as KPI_NAMES
from opsdesk.core.improve.incident_kpis import Source
from opsdesk.core.improve.incident_metrics import (
    CFR_DEFINITION,
    MTBF_DEFINITION,
    IncidentMetrics,
    minutes_text,
)
from opsdesk.core.improve.incident_store import StoredIncident
from opsdesk.core.improve.root_cause_store import StoredCause
from opsdesk.ui.improve.cause_tree import CauseTree
from opsdesk.ui.improve.improve_data import IncidentData, Quarter
from opsdesk.ui.improve.tables import hint, table
from opsdesk.ui.kpis.rows_model import ID_ROLE, RowsModel

INCIDENT_COLUMNS = (("key", "Incident"), ("severity", "Severity"), ("service", "Service"),
                    ("category", "Category"), ("started", "Started (UTC)"),
                    ("restore", "Time to restore"), ("status", "Status"), ("owner", "Owner"),
                    ("title", "Title"))
METRIC_COLUMNS = (("metric", "Metric"), ("mean", "Mean or value"), ("median", "Median"),
                  ("n", "Counted"), ("definition", "Definition"))
NAMES = {"mttd": "MTTD", "mtta": "MTTA", "restore": "Time to restore",
         "respond": "Time to respond", "resolve": "Time to resolve"}
AVAILABILITY_DEFINITION = ("Availability: uptime ÷ the period (downtime: impact start to "
                           "restore of downtime incidents, overlaps once)")
EMPTY_HINT = ("No incidents yet. Import an export of ServiceNow, Jira Service Management, "
              "PagerDuty, Opsgenie or opsdesk's own columns with opsdesk incident import "
              "WORKSPACE FILE.csv (deployments with --kind deployments); the metrics of "
              "each quarter then appear here.")
NO_INCIDENT = ("Select an incident above to see and edit its root causes: the five whys, "
               "each confirmed or ruled out with evidence. They go into its post-incident "
               "review.")


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def incident_row(s: StoredIncident) -> dict[str, Any]:
    i = s.incident
    restore = None if i.restored is None else (i.restored - i.started).total_seconds() / 60
    return {"id": s.id, "key": i.key, "severity": i.severity, "service": i.service,
            "category": i.category, "started": f"{i.started:%Y-%m-%d %H:%M}",
            "restore": minutes_text(restore), "status": s.status, "owner": i.owner,
            "title": i.title}


def metric_rows(m: IncidentMetrics) -> list[dict[str, Any]]:
    """One row per metric: mean and median (or the value), how many counted, and the
    definition core gives it."""
    rows = []
    for key, d in m.durations.items():
        left = f", {d.excluded} left out" if d.excluded else ""
        rows.append({"key": key, "metric": NAMES[key], "mean": minutes_text(d.mean_min),
                     "median": minutes_text(d.median_min), "n": f"{d.n}{left}",
                     "definition": d.definition})
    counts = "outage" if m.downtime_kind == "outage" else "outage and degraded"
    left = f", {m.downtime_excluded} left out" if m.downtime_excluded else ""
    rows.append({"key": "mtbf", "metric": "MTBF", "mean": minutes_text(m.mtbf_min),
                 "median": "", "n": f"{m.downtime_incidents} ({counts}){left}",
                 "definition": MTBF_DEFINITION})
    rows.append({"key": "availability", "metric": "Availability",
                 "mean": f"{m.availability:.4%}", "median": "",
                 "n": f"downtime {minutes_text(m.downtime_min)}",
                 "definition": AVAILABILITY_DEFINITION})
    cfr = "—" if m.change_failure_rate is None else f"{m.change_failure_rate:.1%}"
    rows.append({"key": "change_failure_rate", "metric": "Change failure rate", "mean": cfr,
                 "median": "", "n": f"{m.failed_deployments} of {m.deployments} deployments",
                 "definition": CFR_DEFINITION})
    r = m.recovery
    rows.append({"key": "recovery", "metric": "Failed-deployment recovery",
                 "mean": minutes_text(r.mean_min), "median": minutes_text(r.median_min),
                 "n": f"{r.n}" + (f", {r.excluded} left out" if r.excluded else ""),
                 "definition": r.definition})
    return rows


def _metric_style(row: dict[str, Any], key: str, role: int) -> Any:
    if role == Qt.ItemDataRole.TextAlignmentRole and key in ("mean", "median"):
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


class IncidentsTab(QWidget):
    # the user chose another quarter or downtime rule: the page reads again
    period_changed = Signal()
    # the user asked for a KPI computed from the incidents (the metric's key)
    track_requested = Signal(str)
    # the user asked to write the chosen incident's post-incident review (its id)
    review_requested = Signal(int)
    # the chosen incident changed (its id, or None): the page reads its root causes
    incident_chosen = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.data: IncidentData | None = None
        self.quarter_box = QComboBox()
        self.downtime_box = QComboBox()
        self.downtime_box.addItem("outage", "outage")
        self.downtime_box.addItem("outage and degraded", "degraded")
        self.summary = QLabel()
        self.summary.setObjectName("secondary")
        self.summary.setWordWrap(True)
        self.incidents = RowsModel(INCIDENT_COLUMNS)
        self.incidents_view = table(self.incidents, 8, {2: 10, 3: 10, 7: 13, 8: 14})
        self.metrics = RowsModel(METRIC_COLUMNS, id_key="key", style=_metric_style)
        self.metrics_view = table(self.metrics, 4, {4: 24})
        # the definitions are the point: they wrap rather than elide
        self.metrics_view.setWordWrap(True)
        self.metrics_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.metrics_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.causes = CauseTree()
        self.causes_title = QLabel(NO_INCIDENT)
        self.causes_title.setWordWrap(True)
        causes_page = QWidget()
        causes_layout = QVBoxLayout(causes_page)
        causes_layout.addWidget(self.causes_title)
        causes_layout.addWidget(self.causes)
        causes_layout.addStretch(1)
        causes_scroll = QScrollArea()
        causes_scroll.setWidgetResizable(True)
        causes_scroll.setWidget(causes_page)
        self.below = QTabWidget()
        self.below.addTab(self.metrics_view, "Metrics of the quarter")
        self.below.addTab(causes_scroll, "Root causes")
        self.empty = hint(EMPTY_HINT)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Quarter"))
        bar.addWidget(self.quarter_box)
        bar.addWidget(QLabel("Downtime counts"))
        bar.addWidget(self.downtime_box)
        bar.addStretch(1)
        self.track_button = QPushButton("Track as a KPI")
        self.track_button.setToolTip(
            "Add a KPI computed from the incidents, kept up to date as they change: the "
            "scorecard, the control charts and the review then show it")
        self.track_menu = QMenu(self.track_button)
        self.track_button.setMenu(self.track_menu)
        bar.addWidget(self.track_button)
        self.review_button = QPushButton("Review…")
        self.review_button.setToolTip("Write the chosen incident's blameless post-incident "
                                      "review (double-click an incident too)")
        self.review_button.setEnabled(False)
        bar.addWidget(self.review_button)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.incidents_view)
        self.split.addWidget(self.below)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.split, 1)
        self.causes.hide()
        self.quarter_box.currentIndexChanged.connect(lambda _i: self.period_changed.emit())
        self.review_button.clicked.connect(self._ask_review)
        self.incidents_view.doubleClicked.connect(lambda _i: self._ask_review())
        self.incidents_view.selectionModel().selectionChanged.connect(
            lambda *_a: self._chosen())
        self.downtime_box.currentIndexChanged.connect(lambda _i: self.period_changed.emit())

    def _chosen(self) -> None:
        chosen = self.selected_id()
        self.review_button.setEnabled(chosen is not None)
        if chosen is None:
            self.show_causes(None, [], True)
        self.incident_chosen.emit(chosen)

    def show_causes(self, incident_id: int | None, causes: list[StoredCause],
                    read_only: bool) -> None:
        """The root causes of incident ``incident_id`` as read; a read for an incident no
        longer chosen is dropped."""
        if incident_id != self.selected_id():
            return
        row = next((r for r in self.incidents.rows if r["id"] == incident_id), None)
        if incident_id is None or row is None:
            self.causes_title.setText(NO_INCIDENT)
            self.causes.hide()
            return
        self.causes_title.setText(f"Root causes of {row['key']}: {row['title']}")
        self.causes.show_causes(causes, row["title"], read_only)
        self.causes.show()

    def selected_id(self) -> int | None:
        rows = self.incidents_view.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def _ask_review(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.review_requested.emit(chosen)

    @property
    def quarter(self) -> Quarter | None:
        data = self.quarter_box.currentData()
        return data if isinstance(data, Quarter) else None

    @property
    def downtime(self) -> str:
        return str(self.downtime_box.currentData())

    def choose(self, quarter: Quarter) -> None:
        """Show ``quarter`` (one the incidents fall in)."""
        index = self.quarter_box.findText(quarter.label)
        if index >= 0:
            self.quarter_box.setCurrentIndex(index)

    def show_data(self, data: IncidentData) -> None:
        self.data = data
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for q in data.quarters:
            self.quarter_box.addItem(q.label, q)
        if data.quarter is not None:
            self.quarter_box.setCurrentIndex(data.quarters.index(data.quarter))
        self.quarter_box.blockSignals(False)
        chosen = self.selected_id()
        self.incidents.set_rows([incident_row(s) for s in data.incidents])
        self._reselect(chosen)
        m = data.metrics
        self.metrics.set_rows(metric_rows(m) if m else [])
        if m is not None and data.quarter is not None:
            self.summary.setText(
                f"{_count(m.incidents, 'incident')} started in {data.quarter.label} "
                f"({data.quarter.start:%Y-%m-%d} to {data.quarter.end:%Y-%m-%d}, UTC, end "
                f"exclusive); {_count(m.deployments, 'deployment')}")
        self._fill_track_menu(data.tracked)
        some = bool(data.quarters)
        self.empty.setVisible(not some)
        self.split.setVisible(some)
        self.summary.setVisible(some)

    def _reselect(self, incident_id: int | None) -> None:
        """Keep the chosen incident chosen when the rows are read again."""
        for row, values in enumerate(self.incidents.rows):
            if values["id"] == incident_id:
                self.incidents_view.selectRow(row)
                return
        self._chosen()

    def _fill_track_menu(self, tracked: dict[Source, str]) -> None:
        """One entry per metric over every service; one tracked already names its KPI."""
        self.track_menu.clear()
        for metric, name in KPI_NAMES.items():
            held = tracked.get(Source(metric))
            unit = "per period" if metric == "incidents" else "minutes, per incident"
            action = self.track_menu.addAction(
                f"{name} ({unit})" if held is None else f"{name}: tracked as {held!r}")
            action.setEnabled(held is None)
            action.triggered.connect(lambda _c=False, m=metric: self.track_requested.emit(m))
