"""Results as plain JSON-ready dicts (the ``opsdesk spc --json`` shape)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from opsdesk.core.spc.capability import Capability
from opsdesk.core.spc.model import ChartResult, PanelResult


def _num(v: float) -> float | None:
    return float(v) if math.isfinite(v) else None


def _list(a: np.ndarray) -> list[float | None]:
    return [None if not math.isfinite(v) else float(v) for v in a.tolist()]


def _level(a: np.ndarray) -> float | list[float | None] | None:
    """One number when the level is the same at every point, else a list."""
    if a.size and (a.strides[0] == 0 or bool(np.all((a == a[0]) | (np.isnan(a) & np.isnan(a[0]))))):
        return _num(float(a[0]))
    return _list(a)


def panel_dict(result: ChartResult, p: PanelResult) -> dict[str, Any]:
    return {
        "name": p.name,
        "labels": result.labels(),
        "values": _list(p.values),
        "center": _level(p.center),
        "ucl": _level(p.ucl),
        "lcl": _level(p.lcl),
        "tests": {str(t): k for t, k in p.tests.items()},
        "signals": [{"label": result.label(i), "rules": rules} for i, rules in p.signals()],
    }


def chart_dict(result: ChartResult, capability: Capability | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"chart": result.chart, "rule_set": result.rule_set}
    out["sigma"] = result.sigma.as_dict() if result.sigma else None
    out["panels"] = [panel_dict(result, p) for p in result.panels]
    if result.runs:  # run charts: Anhøj's analysis of each stage
        out["runs"] = [{"stage": s.name, "first": result.label(s.start),
                        "last": result.label(s.stop - 1), "longest_run": r.longest_run,
                        "longest_run_max": r.longest_run_max, "crossings": r.crossings,
                        "crossings_min": r.crossings_min, "useful": r.useful,
                        "signal": r.signal}
                       for s, r in zip(result.stages, result.runs, strict=True)]
    out["excluded"] = [{"label": result.label(i), "reason": reason}
                       for i, reason in sorted(result.exclusion_reasons.items())]
    if len(result.stages) > 1:
        out["stages"] = [{"name": s.name, "first": result.label(s.start),
                          "last": result.label(s.stop - 1)} for s in result.stages]
    out["notes"] = list(result.notes)
    if capability is not None:
        out["capability"] = capability.as_dict()
    return out
