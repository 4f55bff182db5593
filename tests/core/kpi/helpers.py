"""Small builders for KPI tests: a KPI with targets and observations in a workspace."""

from __future__ import annotations

from typing import Any

from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.workspace.row_commands import InsertRows


def make_kpi(ws: Any, name: str = "K", targets: tuple[dict[str, Any], ...] = (),
             observations: tuple[tuple[str, float], ...] = (), **values: Any) -> int:
    fields = {"name": name, "direction": "higher", "frequency": "monthly",
              "aggregation": "mean", **values}
    kpi_id = int(ws.execute(AddKpi(fields, targets)).result)
    if observations:
        rows = tuple({"kpi_id": kpi_id, "ts": ts, "value": v} for ts, v in observations)
        ws.execute(InsertRows("observations", rows, "Add observations"))
    return kpi_id
