"""The ``vsm metrics --json`` object: fractions as fractions, operators unrounded."""

from __future__ import annotations

from typing import Any

from opsdesk.core.maps.vsm_metrics import VsmMetrics


def metrics_json(map_name: str, m: VsmMetrics) -> dict[str, Any]:
    """The issue's shape, inventories (and delays) in flow order."""
    return {
        "map": map_name,
        "takt_s": m.takt_s,
        "daily_demand": m.daily_demand,
        "available_s_per_shift": m.available_s_per_shift,
        "family_takt_s": m.family_takt_s,
        "steps": [{"name": s.name, "cycle_time_s": s.cycle_time_s,
                   "changeover_s": s.changeover_s, "uptime": s.uptime,
                   "capacity_per_shift": s.capacity_per_shift,
                   "utilisation": s.utilisation, "constraint": s.constraint}
                  for s in m.steps],
        "inventories": [{"before": i.before, "quantity": i.quantity, "days": i.days}
                        for i in m.inventories],
        "lead_time_days": m.lead_time_days,
        "lead_time_includes_processing": m.settings.lead_time_includes_processing,
        "processing_time_s": m.processing_time_s,
        "pce": m.pce,
        "pce_basis": m.settings.day_basis,
        "rolled_yield": m.rolled_yield,
        "operators_needed": m.operators_needed,
        "inventory_method": m.settings.inventory_method,
        "warnings": m.warnings,
    }
