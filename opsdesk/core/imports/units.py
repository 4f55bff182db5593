"""The units opsdesk recognises in a column name: only these in brackets are a unit.

"Lead time (days)" is Lead time in days, but "OEE (Line 2)" is a KPI of its own and
"Ausschussquote (ÄÖÜß)" keeps its bracket: a bracket is read as a unit only when it holds
a known unit, or units and words joined by "/" with at least one known unit ("€/order",
"pcs/h"). Compared without regard to case.
"""

from __future__ import annotations

import re

from opsdesk.core.imports.numbers import CODES, CURRENCY

_KNOWN = {
    # shares
    "%", "‰", "pct", "percent", "pp", "% pts", "%pts", "ppm", "ppb", "dpmo", "bp", "bps",
    "ratio", "fraction", "proportion", "share", "0-1", "0..1",
    # time
    "ms", "µs", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "wk", "wks", "week", "weeks",
    "month", "months", "yr", "yrs", "year", "years",
    # counts
    "count", "#", "no.", "nos", "pcs", "pc", "pieces", "units", "unit", "items", "parts",
    "orders", "tickets", "cases", "calls", "people", "fte", "turns", "score", "points", "pts",
    "incidents", "defects", "events", "x",
    # energy, mass, length, volume, temperature
    "wh", "kwh", "mwh", "gwh", "j", "kj", "mj", "w", "kw", "mw", "g", "kg", "t", "lb", "lbs",
    "mm", "cm", "m", "km", "in", "ft", "l", "ml", "m3", "m³", "m2", "m²", "°c", "°f",
    "kg co2e", "t co2e", "psi", "bar",
}
# Currencies, alone or in thousands or millions: €, EUR, k€, €k, EUR m, MUSD ...
_CURRENCIES = {c.casefold() for c in (*CURRENCY, *CODES)}
_SCALES = ("k", "m", "mn", "bn", "'000", "000")


def _currency(text: str) -> bool:
    if text in _CURRENCIES:
        return True
    for scale in _SCALES:
        for rest in (text.removeprefix(scale), text.removesuffix(scale)):
            if rest != text and rest.strip() in _CURRENCIES:
                return True
    return False


def _single(text: str) -> bool:
    return text in _KNOWN or _currency(text)


def is_unit(text: str) -> bool:
    """Whether ``text`` (what a column name holds in brackets) names a unit."""
    key = " ".join(text.split()).casefold()
    if not key:
        return False
    if _single(key):
        return True
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s+per\s+", key)]
    if len(parts) < 2 or not all(re.fullmatch(r"[\w%#€$£¥°³².,' ]{1,16}", p) for p in parts):
        return False
    return any(_single(p) for p in parts)
