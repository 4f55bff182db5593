"""The Dashboard, the first page shown: statuses by pillar, what needs attention, open
alerts and recent imports.

It is built at start-up, so it imports only Qt and small core modules here; the
scorecard (numpy, the SPC rules) is imported when the page is first filled.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.workspace import Changes
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.background_read import BackgroundRead
from opsdesk.ui.kpis.rows_model import ID_ROLE, RowsModel
from opsdesk.ui.kpis.status_look import LOOK, STRONG, background, foreground, status_text
from opsdesk.ui.pages.base import Page
from opsdesk.ui.widgets.column_fit import ColumnFit

if TYPE_CHECKING:
    from opsdesk.core.kpi.dashboard import DashboardData

TILES = ("red", "amber", "green", "stale", "no data", "no target", "no direction")
SHOWN_WHEN_ANY = ("no direction",)  # a tile and a column only while some KPI has it
WATCHED = Changes.KPI_DATA | Changes.ALERTS | Changes.IMPORTS | Changes.SETTINGS


def _status_style(row: dict[str, Any], key: str, role: int) -> Any:
    status = row.get("_status")
    if key in ("status", *TILES) and isinstance(status, str) and status in LOOK:
        if role == Qt.ItemDataRole.BackgroundRole:
            return background(status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground(status)
    if role == Qt.ItemDataRole.TextAlignmentRole and key in TILES:
        return int(Qt.AlignmentFlag.AlignCenter)
    return None


def _table(model: RowsModel, fill: int, flexible: dict[int, int] | None = None,
           hold_minimum: bool = False) -> QTableView:
    """A read-only table; its free-text columns (with the characters they keep) give up
    width first (see ColumnFit)."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    ColumnFit(view, flexible=tuple(flexible or ()), fill=fill, floors=flexible,
              hold_minimum=hold_minimum)
    return view


def _box(title: str, widget: QWidget) -> tuple[QWidget, QLabel]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(title)
    heading.setObjectName("heading")
    layout.addWidget(heading)
    layout.addWidget(widget, 1)
    return box, heading


class Tile(QFrame):
    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status
        self.setObjectName("tile")
        self.setStyleSheet(
            f"QFrame#tile {{ background: {LOOK[status][1]}; border-radius: 6px; }}"
            f"QLabel {{ color: {LOOK[status][2]}; background: transparent; }}")
        self.count = QLabel("0")
        self.count.setObjectName("tileCount")
        self.count.setStyleSheet(f"color: {STRONG[status]};")
        self.caption = QLabel(status_text(status))
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.caption)


class DashboardPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.data: DashboardData | None = None
        self.reads = BackgroundRead(ctx, self)
        title = QLabel("Dashboard")
        title.setObjectName("pageTitle")
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("secondary")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.as_of_label)
        self.tiles = {s: Tile(s) for s in TILES}
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        # "no data" and "no target" on two lines: the table keeps to the width of its
        # counts and every column shows, down to the smallest window
        self.pillars = RowsModel((("pillar", "Pillar"),
                                  *((s, s.replace(" ", "\n")) for s in TILES
                                    if s not in SHOWN_WHEN_ANY)),
                                 style=self._pillar_style)
        self.attention = RowsModel((("name", "KPI"), ("status", "Status"),
                                    ("period", "Period"), ("reason", "Why"),
                                    ("owner", "Owner")), id_key="kpi_id", style=_status_style)
        self.alerts = RowsModel((("kpi", "KPI"), ("kind", "Alert"), ("period", "Period"),
                                 ("message", "Reason")), id_key="kpi_id")
        self.imports = RowsModel((("file_name", "File"), ("imported_at", "Imported"),
                                  ("rows_imported", "Rows"), ("state", "")))
        self.attention_view = _table(self.attention, 3, flexible={0: 14, 3: 14, 4: 8})
        self.attention_view.doubleClicked.connect(self._open)
        self.alerts_view = _table(self.alerts, 3, flexible={0: 14, 3: 12})
        self.alerts_view.doubleClicked.connect(self._open)
        self.pillars_view = _table(self.pillars, 0, hold_minimum=True)
        grid = QGridLayout()
        boxes = [_box("By pillar", self.pillars_view),
                 _box("Needs attention", self.attention_view),
                 _box("Recent imports", _table(self.imports, 0, flexible={0: 12})),
                 _box("Open alerts", self.alerts_view)]
        self.attention_heading, self.imports_heading = boxes[1][1], boxes[2][1]
        self.alerts_heading = boxes[3][1]
        for i, (box, _heading) in enumerate(boxes):
            grid.addWidget(box, i // 2, i % 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)

    @staticmethod
    def _pillar_style(row: dict[str, Any], key: str, role: int) -> Any:
        if key in TILES and row.get(key):
            return _status_style({"_status": key}, key, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in TILES:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def refresh(self, changes: Changes | None) -> None:
        ws = self.ctx.workspace
        if ws is None or (changes is not None and not changes.touches(WATCHED)):
            return

        def compute(conn: sqlite3.Connection) -> DashboardData:
            from opsdesk.core.kpi.dashboard import dashboard_data
            from opsdesk.core.kpi.review_date import review_date

            return dashboard_data(conn, review_date(conn))

        self.reads.run(compute, self.show_data, "reading the dashboard")

    def show_data(self, data: DashboardData) -> None:
        from opsdesk.core.kpi.alerts import KINDS

        self.data = data
        self.as_of_label.setText(f"Statuses as of {data.as_of.isoformat()}")
        for status, tile in self.tiles.items():
            tile.count.setText(str(data.counts.get(status, 0)))
            if status in SHOWN_WHEN_ANY:
                tile.setVisible(bool(data.counts.get(status)))
        shown = [s for s in TILES if s not in SHOWN_WHEN_ANY or data.counts.get(s)]
        self.pillars.set_columns((("pillar", "Pillar"),
                                  *((s, s.replace(" ", "\n")) for s in shown)))
        self.pillars.set_rows([{"pillar": p, **{s: c.get(s) or "" for s in TILES}}
                               for p, c in sorted(data.by_pillar.items())])
        self.attention.set_rows([{**a.__dict__, "status": status_text(a.status),
                                  "_status": a.status} for a in data.attention])
        self.alerts.set_rows([{**a, "kind": KINDS.get(str(a["kind"]), a["kind"])}
                              for a in data.alerts])
        self.alerts_heading.setText(f"Open alerts ({len(data.alerts)})" if data.alerts
                                    else "Open alerts (none)")
        if data.attention:
            attention = "Needs attention"
        elif data.counts:
            attention = "Needs attention (nothing: all on target)"
        else:
            attention = "Needs attention (no KPIs yet: add them on the KPIs page)"
        self.attention_heading.setText(attention)
        self.imports_heading.setText("Recent imports" if data.imports
                                     else "Recent imports (none yet)")
        self.imports.set_rows([{**i, "imported_at": str(i["imported_at"])[:16].replace("T", " "),
                                "state": "undone" if i["undone_at"] else ""}
                               for i in data.imports])

    def _open(self, index: Any) -> None:
        kpi_id = index.data(ID_ROLE)
        window = self.ctx.main_window
        if kpi_id is None or window is None:
            return
        page = window.show_page_by_key("kpis")  # type: ignore[attr-defined]
        page.open_kpi(int(kpi_id))
