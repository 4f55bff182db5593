"""The bowling chart: KPIs down, the last 12 periods across, actual over target per cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.kpi.bowling import Bowling, BowlingCell
from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.formatting import fmt
from opsdesk.ui.kpis.status_look import LOOK, background, foreground
from opsdesk.ui.widgets.column_fit import ColumnFit
from opsdesk.ui.widgets.plain_text import tip

Index = QModelIndex | QPersistentModelIndex
KPI_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def cell_text(kpi: Kpi, cell: BowlingCell) -> str:
    actual = fmt(kpi, cell.value) if cell.value is not None else "–"
    if cell.status in LOOK:  # the symbol too, so the status reads without colour
        actual = f"{LOOK[cell.status][0]} {actual}"
    if cell.band is not None:  # on two lines: a band is as wide as two numbers
        goal = f"{fmt(kpi, cell.band[0])}–\n{fmt(kpi, cell.band[1])}"
    else:
        goal = fmt(kpi, cell.target)
    return f"{actual}\n{goal}"


class BowlingModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.chart = Bowling("monthly", (), ())

    def set_chart(self, chart: Bowling) -> None:
        self.beginResetModel()
        self.chart = chart
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.chart.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.chart.periods)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.chart.periods[section]
        kpi = self.chart.rows[section].kpi
        return f"{kpi.name} ({kpi.unit})" if kpi.unit else kpi.name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.chart.rows[index.row()]
        cell = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row.kpi, cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return background(cell.status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground(cell.status)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            status = cell.status or "no value"
            symbol = LOOK[cell.status][0] if cell.status else ""
            return tip(f"{row.kpi.name}, {self.chart.periods[index.column()]}: {symbol} "
                       f"{status}\nTop: actual. Bottom: target.")
        if role == KPI_ID_ROLE:
            return row.kpi.id
        return None


class BowlingView(QWidget):
    """The bowling table with a choice of period length."""

    def __init__(self) -> None:
        super().__init__()
        self.model = BowlingModel()
        self.frequency = QComboBox()
        for label, value in (("Months", "monthly"), ("Quarters", "quarterly"),
                             ("Weeks", "weekly")):
            self.frequency.addItem(label, value)
        self.caption = QLabel("Top of each cell: actual; bottom: target. Colour and symbol "
                              "(● green, ▲ amber, ■ red): status against the target then.")
        self.caption.setObjectName("secondary")
        self.caption.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Last 12"))
        top.addWidget(self.frequency)
        top.addWidget(self.caption, 1)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Long KPI names elide (the tooltip holds them) rather than squeeze the periods.
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Every figure whole: periods share the width, else the table scrolls and shows
        # the latest periods.
        ColumnFit(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def show_chart(self, chart: Bowling) -> None:
        """Show ``chart`` (``bowling(conn, as_of, self.frequency.currentData())``)."""
        self.model.set_chart(chart)
        self._cap_names()
        QTimer.singleShot(0, self._show_latest)  # after the columns are sized

    def _cap_names(self) -> None:
        width = self.table.fontMetrics().averageCharWidth() * 26
        self.table.verticalHeader().setMaximumWidth(width)

    def _show_latest(self) -> None:
        bar = self.table.horizontalScrollBar()
        bar.setValue(bar.maximum())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._cap_names()
