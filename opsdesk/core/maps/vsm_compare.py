"""Current against future state: both metric sets side by side with the change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opsdesk.core.maps.vsm_metrics import VsmMetrics

# (key, label, lower is better): the headline figures a compare view shows.
FIGURES = (
    ("takt_s", "Takt (s)", None),
    ("lead_time_days", "Production lead time (days)", True),
    ("processing_time_s", "Processing time (s)", True),
    ("pce", "Process cycle efficiency", False),
    ("rolled_yield", "Rolled first-pass yield", False),
    ("operators_needed", "Operators needed", True),
    ("inventory_units", "Inventory (units)", True),
    ("steps", "Process steps", None),
)


@dataclass(frozen=True)
class Compared:
    key: str
    label: str
    current: float | None
    future: float | None
    change: float | None  # future − current
    change_fraction: float | None  # change ÷ current
    better: bool | None  # None: no direction, or a value missing


def _figure(m: VsmMetrics, key: str) -> float | None:
    if key == "inventory_units":
        quantities = [i.quantity for i in m.inventories if i.quantity is not None]
        return float(sum(quantities)) if quantities else None
    if key == "steps":
        return float(len(m.steps))
    value = getattr(m, key)
    return None if value is None else float(value)


def compare(current: VsmMetrics, future: VsmMetrics) -> list[Compared]:
    out = []
    for key, label, lower in FIGURES:
        a, b = _figure(current, key), _figure(future, key)
        change = b - a if a is not None and b is not None else None
        fraction = change / a if change is not None and a else None
        better = None
        if change is not None and lower is not None and change != 0:
            better = (change < 0) == lower
        out.append(Compared(key, label, a, b, change, fraction, better))
    return out


def compare_json(current_name: str, future_name: str,
                 rows: list[Compared]) -> dict[str, Any]:
    return {"current": current_name, "future": future_name,
            "figures": [{"key": r.key, "label": r.label, "current": r.current,
                         "future": r.future, "change": r.change,
                         "change_fraction": r.change_fraction, "better": r.better}
                        for r in rows]}
