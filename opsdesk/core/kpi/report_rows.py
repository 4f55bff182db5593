"""KPIs and statuses as plain JSON-ready dicts (the CLI's ``--json`` and the PDF review)."""

from __future__ import annotations

from datetime import date
from typing import Any

from opsdesk.core.kpi.definitions import Kpi, Target
from opsdesk.core.kpi.scorecard import KpiStatus


def _num(value: float | None) -> float | None:
    # Ten significant digits: no 106.00000000000001 from float sums.
    return None if value is None else float(f"{value:.10g}")


def target_json(kpi: Kpi, target: Target | None) -> float | list[float | None] | None:
    """A number for higher/lower KPIs, [low, high] for a band KPI."""
    if target is None:
        return None
    if kpi.direction == "band":
        return [_num(target.band_low), _num(target.band_high)]
    return _num(target.target)


def definition_row(kpi: Kpi, today: date) -> dict[str, Any]:
    return {
        "name": kpi.name, "pillar": kpi.pillar, "unit": kpi.unit, "direction": kpi.direction,
        "frequency": kpi.frequency, "aggregation": kpi.aggregation,
        "target": target_json(kpi, kpi.target_on(today)),
        "red_value": kpi.red_value, "red_percent": kpi.red_percent, "owner": kpi.owner,
        "lsl": kpi.lsl, "usl": kpi.usl, "pack": kpi.pack,
        "targets": [{"from": t.effective_from, "target": target_json(kpi, t)}
                    for t in kpi.targets],
    }


def status_row(s: KpiStatus) -> dict[str, Any]:
    """The issue's ``status --json`` object for one KPI."""
    forecast = None
    if s.forecast is not None:
        forecast = {"period": s.forecast.period, "value": _num(s.forecast.value),
                    "low": _num(s.forecast.low), "high": _num(s.forecast.high)}
    return {
        "kpi": s.kpi.name, "pillar": s.kpi.pillar, "unit": s.kpi.unit, "period": s.period,
        "value": _num(s.value), "target": target_json(s.kpi, s.target), "status": s.status,
        "previous": _num(s.previous), "change": _num(s.change), "trend": s.trend,
        "signals": list(s.signals), "forecast": forecast,
    }
