"""An import that brings a red month raises the alert; undoing the import removes it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.kpi.alerts import open_alerts
from opsdesk.core.workspace import Changes
from tests.core.kpi.helpers import make_kpi


def test_import_raises_and_undo_removes_alerts(workspace: Any, tmp_path: Path) -> None:
    make_kpi(workspace, "OEE", targets=({"target": 100},))
    today = date.today()
    last = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 10)
    # Last month's mean (80 + 84) / 2 = 82 < 90 (90 % of 100): red.
    source = tmp_path / "oee.csv"
    source.write_text(f"Date,KPI,Value\n{last.isoformat()},OEE,80\n"
                      f"{last.replace(day=20).isoformat()},OEE,84\n", encoding="utf-8")
    prepared = plan.prepare(workspace.conn, source, plan.Options())
    applied = workspace.execute(ImportObservations(prepared, title="Import oee.csv"))
    alerts = open_alerts(workspace.conn)
    assert [(a["kpi"], a["kind"], a["period"]) for a in alerts] == [
        ("OEE", "red", last.strftime("%Y-%m"))]
    assert Changes.ALERTS in applied.changes
    workspace.execute(applied.inverse)
    assert open_alerts(workspace.conn) == []
    assert workspace.scalar("SELECT count(*) FROM observations") == 0
