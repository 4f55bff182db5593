"""How a value stream's numbers read on the map, in the PDF and on the page: one wording."""

from __future__ import annotations

from opsdesk.core.maps.vsm_metrics import VsmMetrics


def duration_text(seconds: float | None) -> str:
    """Seconds under ten minutes, minutes under two hours, then hours (3 figures)."""
    if seconds is None:
        return "n/a"
    if abs(seconds) < 600:
        return f"{seconds:.3g} s"
    if abs(seconds) < 7200:
        return f"{seconds / 60:.3g} min"
    return f"{seconds / 3600:.3g} h"


def days_text(days: float | None) -> str:
    if days is None:
        return "n/a"
    return f"{days:.1f} day" if round(days, 1) == 1 else f"{days:.1f} days"


def percent_text(fraction: float | None) -> str:
    """A fraction as a percentage; a small one (PCE) keeps two significant figures."""
    if fraction is None:
        return "n/a"
    value = fraction * 100
    if value and abs(value) < 1:
        return f"{value:.2g} %"
    return f"{value:.1f} %".replace(".0 %", " %")


def count_text(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if value == round(value) else f"{value:,.2f}"


INVENTORY_METHOD_TEXT = {
    "demand": "quantity ÷ daily demand (Learning to See)",
    "next-step": "quantity × the next step's cycle time ÷ available time a day "
                 "(finished goods: quantity ÷ daily demand)",
    "minitab": "quantity × takt as elapsed time, 24 h a day (Minitab Workspace)",
}


def conventions(m: VsmMetrics) -> list[str]:
    """The settings the figures follow, as the map and the PDF print them."""
    s = m.settings
    lead = "Σ inventory and delay days along the longest path"
    if s.lead_time_includes_processing:
        lead += ", plus the processing time in days (as eVSM)"
    if s.day_basis == "calendar":
        day = "a calendar day (24 h)"
    elif m.available_s_per_day is not None:
        day = f"the available time a day ({duration_text(m.available_s_per_day)})"
    else:
        day = "the available time a day (unknown: no demand)"
    return [f"Inventory days: {INVENTORY_METHOD_TEXT[s.inventory_method]}; a value given on "
            "the map overrides.",
            f"Production lead time: {lead}. PCE = processing time ÷ lead time, a lead-time "
            f"day being {day}."]
