"""The scorecard as a Qt table model, and the proxy that sorts and filters it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from opsdesk.core.kpi.formatting import fmt, signed
from opsdesk.core.kpi.formatting import target_text as format_target
from opsdesk.core.kpi.scorecard import KpiStatus
from opsdesk.core.kpi.status import STATUSES
from opsdesk.ui.kpis.status_look import TREND_ARROWS, background, foreground, status_text
from opsdesk.ui.widgets.glossary_tips import tests_tip
from opsdesk.ui.widgets.plain_text import tip

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
KPI_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SPARK_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
SIGNALS_ROLE = Qt.ItemDataRole.UserRole + 4  # the tests the latest period fails

# What a reader scans first comes first: owner and pillar last, so that a long name there
# never pushes the figures, the trend or the sparkline out of a narrow window.
COLUMNS = ("KPI", "Period", "Value", "Target", "Status", "Change", "Trend", "Last 12",
           "Signal", "Owner", "Pillar")
(NAME_COLUMN, PERIOD_COLUMN, VALUE_COLUMN, TARGET_COLUMN, STATUS_COLUMN, CHANGE_COLUMN,
 TREND_COLUMN, SPARK_COLUMN, SIGNAL_COLUMN, OWNER_COLUMN, PILLAR_COLUMN) = range(len(COLUMNS))
TEXT_COLUMNS = (NAME_COLUMN, OWNER_COLUMN, PILLAR_COLUMN)  # free text, may be elided
# Worst first when sorting by status.
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}


def target_text(s: KpiStatus) -> str:
    return format_target(s.kpi, s.target, unit=True)


def value_text(s: KpiStatus) -> str:
    return fmt(s.kpi, s.value, unit=True)


class ScorecardModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.statuses: list[KpiStatus] = []

    def set_statuses(self, statuses: list[KpiStatus]) -> None:
        self.beginResetModel()
        self.statuses = statuses
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.statuses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.statuses[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, col)
        if role == SORT_ROLE:
            return self._sort_key(s, col)
        if role == KPI_ID_ROLE:
            return s.kpi.id
        if role == STATUS_ROLE:
            return s.status
        if role == SPARK_ROLE:
            return s.spark
        if role == SIGNALS_ROLE:
            return tuple(s.signals)
        if col == STATUS_COLUMN and role == Qt.ItemDataRole.BackgroundRole:
            return background(s.status)
        if col == STATUS_COLUMN and role == Qt.ItemDataRole.ForegroundRole:
            return foreground(s.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(self._tip(s, col))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
                VALUE_COLUMN, TARGET_COLUMN, CHANGE_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(s: KpiStatus, col: int) -> str:
        k = s.kpi
        if col == NAME_COLUMN:
            return k.name
        if col == PILLAR_COLUMN:
            return k.pillar
        if col == OWNER_COLUMN:
            return k.owner
        if col == PERIOD_COLUMN:
            return s.period or ""
        if col == VALUE_COLUMN:
            return value_text(s)
        if col == TARGET_COLUMN:
            return target_text(s)
        if col == STATUS_COLUMN:
            return status_text(s.status)
        if col == CHANGE_COLUMN:
            return signed(k, s.change, s.value, unit=True) if s.change is not None else ""
        if col == TREND_COLUMN:
            # A stale KPI has no trend; its period and tooltip say since when.
            return TREND_ARROWS.get(s.trend or "", "")
        if col == SIGNAL_COLUMN:
            return "⚑ " + ",".join(map(str, s.signals)) if s.signals else ""
        return ""

    @staticmethod
    def _sort_key(s: KpiStatus, col: int) -> Any:
        if col == STATUS_COLUMN:
            return STATUS_RANK[s.status]
        if col == VALUE_COLUMN:
            return s.value if s.value is not None else float("-inf")
        if col == CHANGE_COLUMN:
            return s.change if s.change is not None else float("-inf")
        if col == SIGNAL_COLUMN:
            return len(s.signals)
        return ScorecardModel._text(s, col).casefold()

    @staticmethod
    def _tip(s: KpiStatus, col: int) -> str | None:
        if col == SIGNAL_COLUMN and s.signals:
            return ("The latest period is a special cause:\n" + tests_tip(s.signals)
                    + "\nDouble-click for the glossary.")
        if col == STATUS_COLUMN and s.to_date_period:
            value = fmt(s.kpi, s.to_date_value, unit=True)
            return f"{s.to_date_period} to date: {value}" + (
                f" ({s.to_date_status})" if s.to_date_status else "")
        if col in (PERIOD_COLUMN, VALUE_COLUMN, TREND_COLUMN) and s.status == "stale":
            return (f"No data in the last two completed periods; last value "
                    f"{fmt(s.kpi, s.last_value, unit=True)} on {s.last_date}.")
        if col == NAME_COLUMN:  # the whole name too: a narrow column elides it
            return "\n".join(t for t in (s.kpi.name, s.kpi.description) if t)
        if col in TEXT_COLUMNS:
            return ScorecardModel._text(s, col) or None
        return None


class ScorecardProxy(QSortFilterProxyModel):
    """Filters by pillar, owner and status, and a search over name, owner and pillar."""

    def __init__(self) -> None:
        super().__init__()
        self.pillar = self.owner = self.status = ""
        self.search = ""
        self.setSortRole(SORT_ROLE)

    def set_filters(self, pillar: str = "", owner: str = "", status: str = "",
                    search: str = "") -> None:
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.9+; invalidateFilter before
        if begin is not None:
            begin()
        self.pillar, self.owner, self.status = pillar, owner, status
        self.search = search.strip().casefold()
        if begin is not None:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ScorecardModel)
        s = model.statuses[row]
        if self.pillar and s.kpi.pillar != self.pillar:
            return False
        if self.owner and s.kpi.owner != self.owner:
            return False
        if self.status and s.status != self.status:
            return False
        if self.search:
            hay = f"{s.kpi.name} {s.kpi.owner} {s.kpi.pillar} {s.kpi.description}".casefold()
            return self.search in hay
        return True
