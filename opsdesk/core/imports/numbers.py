"""Numbers typed by people: thousands separators, decimal commas, %, currency and units.

``parse_number("1.234,5 €", decimal_comma=True)`` gives ``(1234.5, "€")``. A value that
cannot be read without guessing returns ``None`` so the caller can report it.
"""

from __future__ import annotations

import math
import re

CURRENCY = "$€£¥₹₽₩₺₪₫฿₴₦₱"
CODES = (
    "EUR",
    "USD",
    "GBP",
    "CHF",
    "JPY",
    "CNY",
    "INR",
    "AUD",
    "CAD",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "BRL",
    "MXN",
    "ZAR",
    "SGD",
    "HKD",
    "NZD",
)
# Spaces people and programs put between thousands: plain, no-break, narrow no-break, thin.
_GROUP_SPACES = " \u00a0\u202f\u2009'’"
_NUMBER = re.compile(
    r"^(?P<sign>[-+−–]?)\s*(?P<pre>["
    + CURRENCY
    + r"]|(?:"
    + "|".join(CODES)
    + r")\s)?\s*(?P<sign2>[-+−–]?)"
    r"(?P<num>\d[\d" + _GROUP_SPACES + r".,]*|[.,]\d+)"
    r"(?:[eE](?P<exp>[-+]?\d{1,3}))?"
    r"\s*(?P<unit>%|‰|[" + CURRENCY + r"]|[A-Za-zµ°/²³]{1,12}\.?)?$"
)
_ACCOUNTING = re.compile(r"^\((.+)\)$")  # (1,234.00) is negative in accounting exports
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")


def _digits(num: str, decimal_comma: bool) -> str | None:
    """Plain ``1234.5`` from ``1,234.5`` / ``1.234,5`` / ``1 234,5``; None when unclear."""
    num = num.rstrip(_GROUP_SPACES)
    if any(space in num for space in _GROUP_SPACES):
        # Spaced groups must be groups of three: "12 34" is two numbers, not one.
        whole = re.split(r"[.,](?=\d*$)", num)[0] if re.search(r"[.,]\d*$", num) else num
        if not re.fullmatch(r"\d{1,3}([" + _GROUP_SPACES + r"]\d{3})+", whole):
            return None
        for space in _GROUP_SPACES:
            num = num.replace(space, "")
    has_dot, has_comma = "." in num, "," in num
    if has_dot and has_comma:
        # Both present: the one that comes last is the decimal mark.
        decimal, group = (",", ".") if num.rfind(",") > num.rfind(".") else (".", ",")
        whole, _, frac = num.rpartition(decimal)
        if group in frac or decimal in whole:
            return None
        if not re.fullmatch(r"\d{1,3}(" + re.escape(group) + r"\d{3})*", whole):
            return None
        return whole.replace(group, "") + "." + frac
    if has_comma:
        if num.count(",") > 1:
            return num.replace(",", "") if _THOUSANDS_COMMA.match(num) else None
        if decimal_comma or not _THOUSANDS_COMMA.match(num):
            return num.replace(",", ".")
        return num.replace(",", "")
    if has_dot:
        if num.count(".") > 1:
            return num.replace(".", "") if _THOUSANDS_DOT.match(num) else None
        if decimal_comma and _THOUSANDS_DOT.match(num):
            return num.replace(".", "")
        return num
    return num


def parse_number(text: str, decimal_comma: bool = False) -> tuple[float, str] | None:
    """(value, unit) from text, the unit being ``""``, ``"%"``, a currency sign or a word."""
    s = text.strip()
    if not s:
        return None
    negative = False
    accounting = _ACCOUNTING.match(s)
    if accounting:
        s, negative = accounting.group(1).strip(), True
    match = _NUMBER.match(s)
    if not match:
        return None
    digits = _digits(match.group("num"), decimal_comma)
    if digits is None:
        return None
    try:
        value = float(digits + (f"e{match.group('exp')}" if match.group("exp") else ""))
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    signs = (match.group("sign") or "") + (match.group("sign2") or "")
    if sum(signs.count(c) for c in "-−–") == 1:
        negative = not negative
    unit = (match.group("unit") or "").rstrip(".")
    pre = (match.group("pre") or "").strip()
    if pre and unit and unit != pre:
        return None  # "$12 €" is not something to guess about
    unit = unit or pre
    if unit.isalpha() and unit.lower() in ("e", "x"):
        return None
    return (-value if negative else value), unit


def is_numberish(text: str) -> bool:
    return parse_number(text) is not None


def percent_points(fraction: float) -> float:
    """0.892 (a cell formatted as percent) as 89.2: the decimal point moved two places on
    the number's shortest text, so no binary rounding creeps in (0.892 * 100 is not 89.2)."""
    from decimal import Decimal

    return float(Decimal(repr(fraction)).scaleb(2))
