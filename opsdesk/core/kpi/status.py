"""The status rules (green, amber, red) and the wording of change, exactly as specified.

- Higher is better: green when value >= target, amber when value >= red threshold, else
  red; the red threshold defaults to 90 % of target.
- Lower is better: green when value <= target, amber when value <= red threshold, else
  red; the default is 110 % of target.
- Band [low, high]: green inside, amber within the margin outside, else red.
- No direction (a KPI whose better way is not known yet): "no direction", never a colour.
"""

from __future__ import annotations

from typing import Literal

from opsdesk.core.kpi.definitions import DEFAULT_RED_PERCENT, Kpi, Target

Status = Literal["green", "amber", "red", "no data", "stale", "no target", "no direction"]
Trend = Literal["improving", "worsening", "flat"]
STATUSES: tuple[Status, ...] = ("red", "amber", "green", "stale", "no data", "no target",
                               "no direction")
# A change smaller than this share of the previous value is "flat" (rounding noise).
FLAT_SHARE = 0.01


def red_threshold(kpi: Kpi, target: Target | None) -> float | None:
    """The value beyond which a higher/lower KPI is red, for the target in force."""
    if kpi.direction not in DEFAULT_RED_PERCENT or target is None or target.target is None:
        return None
    if kpi.red_value is not None:
        return kpi.red_value
    percent = kpi.red_percent if kpi.red_percent is not None else DEFAULT_RED_PERCENT[kpi.direction]
    return target.target * percent / 100.0


def judge(kpi: Kpi, value: float, target: Target | None) -> Status:
    """The status of one period value against the target in force for that period."""
    if kpi.direction == "none":
        return "no direction"
    if target is None:
        return "no target"
    if kpi.direction == "band":
        low, high = target.band_low, target.band_high
        if low is None or high is None:
            return "no target"
        if low <= value <= high:
            return "green"
        margin = target.band_margin or 0.0
        return "amber" if low - margin <= value <= high + margin else "red"
    goal = target.target
    red = red_threshold(kpi, target)
    if goal is None or red is None:
        return "no target"
    if kpi.direction == "higher":
        if value >= goal:
            return "green"
        return "amber" if value >= red else "red"
    if value <= goal:
        return "green"
    return "amber" if value <= red else "red"


def trend(kpi: Kpi, value: float, previous: float, target: Target | None) -> Trend:
    """Improving, worsening or flat from ``previous`` to ``value``, by the KPI's direction.

    For a band KPI, moving closer to the middle of the band is improving; with no
    direction nothing is better, so every change is "flat".
    """
    change = value - previous
    if kpi.direction == "none":
        return "flat"
    if abs(change) <= FLAT_SHARE * abs(previous):
        return "flat"
    if kpi.direction == "higher":
        return "improving" if change > 0 else "worsening"
    if kpi.direction == "lower":
        return "improving" if change < 0 else "worsening"
    if target is None or target.band_low is None or target.band_high is None:
        return "flat"
    middle = (target.band_low + target.band_high) / 2.0
    return "improving" if abs(value - middle) < abs(previous - middle) else "worsening"
