"""Open alerts with their reasons; acknowledging one records who and when (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.kpi.alerts import KINDS, AcknowledgeAlerts, open_alerts
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.widgets.list_model import Index, ListTableModel
from opsdesk.ui.widgets.plain_text import tip

if TYPE_CHECKING:
    from opsdesk.ui.app_context import AppContext

COLUMNS = (("kpi", "KPI"), ("kind", "Alert"), ("period", "Period"), ("message", "Reason"),
           ("raised_at", "Raised"), ("acknowledged", "Acknowledged"))


class AlertsModel(ListTableModel[dict[str, Any]]):
    def __init__(self) -> None:
        super().__init__([header for _key, header in COLUMNS])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "kind":
                return KINDS.get(str(row["kind"]), str(row["kind"]))
            if key == "raised_at":
                return str(row["raised_at"])[:16].replace("T", " ")
            if key == "acknowledged":
                if not row["acknowledged_at"]:
                    return ""
                return f"{str(row['acknowledged_at'])[:10]} by {row['acknowledged_by']}"
            return str(row[key] or "")
        if role == Qt.ItemDataRole.ToolTipRole and key == "message":
            return tip(str(row["message"]))
        return None


class AlertsPanel(QWidget):
    kpi_activated = Signal(int)
    loaded = Signal(int)  # the alerts shown, once read

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.reads = BackgroundRead(ctx, self)
        self.model = AlertsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(
            lambda i: self.kpi_activated.emit(int(self.model.rows[i.row()]["kpi_id"])))
        self.acknowledge_button = QPushButton("Acknowledge selected")
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.incident_button = QPushButton("Open incident")
        self.incident_button.setToolTip("Open an incident filled in from the selected alert "
                                        "(its KPI, message and time); it is then on the "
                                        "Improvement page's Incidents tab")
        self.incident_button.clicked.connect(self.open_incident)
        self.show_all = QCheckBox("Show acknowledged too")
        self.show_all.toggled.connect(lambda _on: self.reload())
        bar = QHBoxLayout()
        bar.addWidget(self.acknowledge_button)
        bar.addWidget(self.incident_button)
        bar.addWidget(self.show_all)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        """The alerts read in the pool; ``loaded`` says how many are shown."""
        if self.ctx.workspace is None:
            self.reads.drop_pending()
            self._show_rows([])
            return
        show_all = self.show_all.isChecked()
        self.reads.run(lambda conn: open_alerts(conn, show_all), self._show_rows,
                       "listing the alerts")

    def _show_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.loaded.emit(len(rows))

    def acknowledge_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = tuple(int(self.model.rows[r]["id"]) for r in rows
                    if not self.model.rows[r]["acknowledged_at"])
        if ids:
            title = "Acknowledge alert" if len(ids) == 1 else f"Acknowledge {len(ids)} alerts"
            self.ctx.execute(AcknowledgeAlerts(ids, title))

    def open_incident(self) -> None:
        """One undoable step: an incident from the first selected alert."""
        from PySide6.QtWidgets import QMainWindow

        from opsdesk.core.improve.incident_from_alert import IncidentFromAlert

        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        alert = self.model.rows[rows[0]]
        opened = self.ctx.execute(IncidentFromAlert(int(alert["id"])))
        window = self.window()
        if opened is not None and isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                f"Opened an incident from the alert on {alert['kpi']!r}; it is on the "
                "Improvement page's Incidents tab.", 8000)
