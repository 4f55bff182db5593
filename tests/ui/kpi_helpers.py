"""Builders for the KPI page tests: KPIs with hand-picked data and a pinned review date."""

from __future__ import annotations

import json
from typing import Any

from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.kpi.review_date import SETTING
from opsdesk.core.workspace.row_commands import InsertRows

REVIEW = "2026-08-15"  # judged period: July 2026


def pin_review_date(ws: Any, day: str = REVIEW) -> None:
    ws.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                    (SETTING, json.dumps(day)))


def seed_three(ws: Any) -> dict[str, int]:
    """Red, amber and green monthly KPIs (target 100, higher is better, red below 90).

    July values: Red 80 (< 90), Amber 95 (90 <= 95 < 100), Green 104 (>= 100).
    """
    pin_review_date(ws)
    ids = {}
    for name, pillar, owner, june, july in (("Red KPI", "quality", "Ann", 85.0, 80.0),
                                             ("Amber KPI", "service", "Bob", 96.0, 95.0),
                                             ("Green KPI", "quality", "Bob", 101.0, 104.0)):
        kpi_id = ws.execute(AddKpi({"name": name, "pillar": pillar, "owner": owner,
                                    "unit": "%"}, ({"target": 100},))).result
        rows = tuple({"kpi_id": kpi_id, "ts": f"2026-{m:02d}-10", "value": v}
                     for m, v in ((6, june), (7, july)))
        ws.execute(InsertRows("observations", rows))
        ids[name] = kpi_id
    return ids
