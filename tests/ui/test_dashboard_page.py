"""The Dashboard: counts by status and pillar, what needs attention, open alerts, recent
imports; and it stays light at start-up. Statuses are those hand-worked in kpi_helpers."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from opsdesk.core.kpi.alerts import raise_alerts
from opsdesk.core.workspace.commands import now_iso
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.ui.kpis.rows_model import ID_ROLE
from opsdesk.ui.main_window import MainWindow
from tests.ui.kpi_helpers import seed_three


def dashboard(window: MainWindow) -> Any:
    page = window.show_page_by_key("dashboard")
    page.refresh(None)
    return page


def cells(model: Any, key: str) -> list[Any]:
    col = [c[0] for c in model.columns].index(key)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_counts_by_status_and_pillar(window: MainWindow) -> None:
    assert window.ctx.workspace is not None
    seed_three(window.ctx.workspace)
    page = dashboard(window)
    assert page.as_of_label.text() == "Statuses as of 2026-08-15"
    assert {s: t.count.text() for s, t in page.tiles.items() if not t.isHidden()} == {
        "red": "1", "amber": "1", "green": "1", "stale": "0", "no data": "0", "no target": "0"}
    # quality holds Red and Green, service holds Amber.
    assert cells(page.pillars, "pillar") == ["quality", "service"]
    assert cells(page.pillars, "red") == ["1", ""] and cells(page.pillars, "amber") == ["", "1"]


def test_attention_ranks_red_first_and_opens_the_kpi(window: MainWindow) -> None:
    ws = window.ctx.workspace
    assert ws is not None
    ids = seed_three(ws)
    page = dashboard(window)
    # Red (80 against 100) first, then Amber (worsening 96 -> 95); Green needs nothing.
    assert cells(page.attention, "name") == ["Red KPI", "Amber KPI"]
    assert cells(page.attention, "reason")[0] == "80.0 % against 100.0 %; worsening"
    page._open(page.attention.index(0, 0))
    kpis = window.show_page_by_key("kpis")
    assert kpis.detail is not None and kpis.detail.kpi.id == ids["Red KPI"]
    assert page.attention.index(0, 0).data(ID_ROLE) == ids["Red KPI"]


def test_open_alerts_and_recent_imports(window: MainWindow) -> None:
    ws = window.ctx.workspace
    assert ws is not None
    ids = seed_three(ws)
    from datetime import date

    with ws.transaction() as conn:
        raise_alerts(conn, ids.values(), date(2026, 8, 15))
    window.ctx.execute(InsertRows("imports", ({
        "file_name": "july.xlsx", "content_hash": "0" * 64, "rows_imported": 62,
        "imported_at": now_iso()},), "Import july.xlsx"))  # emits workspace_changed
    page = window.show_page_by_key("dashboard")
    assert cells(page.imports, "file_name") == ["july.xlsx"]
    assert cells(page.imports, "rows_imported") == ["62"]
    kinds = cells(page.alerts, "kind")
    assert "Turned red" in kinds and page.alerts_heading.text() == f"Open alerts ({len(kinds)})"


def test_empty_workspace_says_so(window: MainWindow) -> None:
    page = dashboard(window)
    assert page.tiles["red"].count.text() == "0"
    assert page.imports_heading.text() == "Recent imports (none yet)"
    assert page.alerts_heading.text() == "Open alerts (none)"


def test_module_import_stays_light() -> None:
    code = ("import sys, opsdesk.ui.pages.dashboard_page; "
            "print(sorted(m for m in ('pyqtgraph', 'scipy', 'sqlite_utils', 'numpy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout.strip()
    assert out == "[]"
