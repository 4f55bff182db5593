"""Numbers as a KPI shows them: its own decimals, its unit."""

from __future__ import annotations

from opsdesk.core.kpi.definitions import Kpi


def decimals_for(kpi: Kpi, value: float) -> int:
    if kpi.decimals is not None:
        return max(0, int(kpi.decimals))
    size = abs(value)
    return 0 if size >= 1000 else 1 if size >= 10 else 2 if size >= 1 else 3


def fmt(kpi: Kpi, value: float | None, unit: bool = False, like: float | None = None) -> str:
    """``value`` with the KPI's decimals (or, without any, those that suit ``like``)."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals_for(kpi, value if like is None else like)}f}"
    return with_unit(kpi, text) if unit else text


def with_unit(kpi: Kpi, text: str) -> str:
    """``text`` followed by the KPI's unit ("89.2 %", "4.5 days")."""
    if not kpi.unit:
        return text
    return f"{text} %" if kpi.unit == "%" else f"{text} {kpi.unit}"


def signed(kpi: Kpi, value: float | None, like: float | None = None) -> str:
    """A change with its sign, shown with the decimals of the values it is between."""
    if value is None:
        return "–"
    text = fmt(kpi, value, like=like)
    return text if text.startswith("-") or value == 0 else f"+{text}"
