"""Commands on saved charts (all undoable): create, change, delete, exclude, annotate."""

from __future__ import annotations

import json
from typing import Any

from opsdesk.core.workspace.commands import now_iso
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow


def new_chart(name: str, kpi_id: int, chart_type: str, rule_set: str = "nelson", *,
              tests: list[int] | None = None, params: dict[str, Any] | None = None,
              baseline: list[str] | None = None, stages: list[dict[str, str]] | None = None,
              sort_order: int = 0) -> InsertRows:
    stamp = now_iso()
    row = {"name": name, "kpi_id": kpi_id, "chart_type": chart_type, "rule_set": rule_set,
           "tests": json.dumps(tests or []), "params": json.dumps(params or {}),
           "baseline": json.dumps(baseline or []), "stages": json.dumps(stages or []),
           "sort_order": sort_order, "created_at": stamp, "updated_at": stamp}
    return InsertRows("charts", (row,), title=f"Create chart {name}")


def change_chart(chart_id: int, title: str, **values: Any) -> UpdateRow:
    """Change columns of a chart; lists and dicts are stored as JSON."""
    stored = {k: json.dumps(v) if isinstance(v, (list, dict, tuple)) else v
              for k, v in values.items()}
    stored["updated_at"] = now_iso()
    return UpdateRow("charts", chart_id, stored, title=title)


def delete_chart(chart_id: int, name: str) -> DeleteRows:
    return DeleteRows("charts", (chart_id,), title=f"Delete chart {name}")


def exclude_point(chart_id: int, label: str, reason: str) -> InsertRows:
    row = {"chart_id": chart_id, "point_label": label, "reason": reason.strip() or "excluded",
           "created_at": now_iso()}
    return InsertRows("chart_exclusions", (row,), title=f"Exclude point {label}",
                      also_changes=("charts",))


def include_point(exclusion_id: int, label: str) -> DeleteRows:
    return DeleteRows("chart_exclusions", (exclusion_id,), title=f"Include point {label}",
                      also_changes=("charts",))


def annotate_point(chart_id: int, kpi_id: int | None, label: str, text: str,
                   ts: str | None = None) -> InsertRows:
    row = {"chart_id": chart_id, "kpi_id": kpi_id, "point_label": label, "ts": ts,
           "text": text.strip(), "created_at": now_iso()}
    return InsertRows("annotations", (row,), title=f"Annotate point {label}",
                      also_changes=("charts",))
