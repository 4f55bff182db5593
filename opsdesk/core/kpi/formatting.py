"""Numbers as a KPI shows them: its own decimals, its unit."""

from __future__ import annotations

from opsdesk.core.kpi.definitions import Kpi, Target
from opsdesk.core.ranges import in_range


def decimals_for(kpi: Kpi, value: float) -> int:
    if kpi.decimals is not None:
        return max(0, int(kpi.decimals))
    size = abs(value)
    return 0 if size >= 1000 else 1 if size >= 10 else 2 if size >= 1 else 3


def fmt(kpi: Kpi, value: float | None, unit: bool = False, like: float | None = None) -> str:
    """``value`` with the KPI's decimals (or, without any, those that suit ``like``)."""
    if value is None:
        return "–"
    if not in_range(value):  # another program's number: short, not 300 digits
        text = f"{value:.3g}"
    else:
        text = f"{value:,.{decimals_for(kpi, value if like is None else like)}f}"
    return with_unit(kpi, text) if unit else text


def with_unit(kpi: Kpi, text: str, percent: str = "%") -> str:
    """``text`` followed by the KPI's unit ("89.2 %", "4.5 days"); ``percent`` is put
    for a percentage KPI ("pp" for a change)."""
    if not kpi.unit:
        return text
    return f"{text} {percent}" if kpi.unit == "%" else f"{text} {kpi.unit}"


def signed(kpi: Kpi, value: float | None, like: float | None = None, unit: bool = False) -> str:
    """A change with its sign, shown with the decimals of the values it is between; with
    ``unit``, a change of a percentage is in percentage points (pp)."""
    if value is None:
        return "–"
    text = fmt(kpi, value, like=like)
    text = text if text.startswith("-") or value == 0 else f"+{text}"
    return with_unit(kpi, text, percent="pp") if unit else text


def target_text(kpi: Kpi, target: Target | None, unit: bool = False) -> str:
    """A target as the KPI shows it: one value, or LOW – HIGH for a band KPI."""
    if target is None:
        return "–"
    if kpi.direction == "band":
        band = f"{fmt(kpi, target.band_low)} – {fmt(kpi, target.band_high)}"
        return with_unit(kpi, band) if unit else band
    return fmt(kpi, target.target, unit=unit)
