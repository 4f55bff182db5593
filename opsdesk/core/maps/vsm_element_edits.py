"""An element's name, an inventory's box (kind, quantity, given days) and a delay's wait,
typed on the Value streams page and read as the table import reads its cells.

Each function gives the element with the one change made (the page then runs
``SetElement``); a value that makes no sense raises one sentence naming the field and
the value, and nothing changes. ``new_element`` is what "insert" puts in the flow.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal, TypeVar, get_args

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_links import walk
from opsdesk.core.maps.vsm_model import Delay, Inventory, Process, ValueStream
from opsdesk.core.maps.vsm_table import _Bad, _count, _time_s

StockKind = Literal["inventory", "supermarket", "fifo", "safety"]
STOCK_KINDS: tuple[StockKind, ...] = get_args(StockKind)
# The icons of Learning to See (an inventory is its triangle), as the page names them.
STOCK_KIND_WORDS: dict[StockKind, str] = {
    "inventory": "Inventory", "supermarket": "Supermarket", "fifo": "FIFO lane",
    "safety": "Safety buffer"}
# field -> (label, kind), in the order the box shows them.
INVENTORY_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("Name", "text"), "quantity": ("Quantity", "count"),
    "days": ("Days (given)", "days")}
DELAY_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("Name", "text"), "days": ("Wait (days)", "days")}
NEW_DELAY_DAYS = 1.0  # a wait must be given; one day is a placeholder to type over

E = TypeVar("E", bound=Process | Inventory | Delay)


def renamed(element: E, text: str) -> E:
    """``element`` named ``text`` (an inventory may go unnamed)."""
    name = " ".join(text.split())
    if not name and not isinstance(element, Inventory):
        what = "process" if isinstance(element, Process) else "delay"
        raise OpsdeskError(f"A {what} needs a name; nothing was changed.")
    return dataclasses.replace(element, name=name)


def _where(element: Inventory | Delay) -> str:
    return element.name or "the inventory"


def edited_stock(element: Inventory | Delay, field: str, text: str) -> Inventory | Delay:
    """An inventory's or a delay's ``field`` typed as ``text``: a quantity is a count,
    days a number of working days (``2``, ``2 d``; ``4 h`` is a sixth of a day)."""
    if field == "name":
        return renamed(element, text)
    fields = INVENTORY_FIELDS if isinstance(element, Inventory) else DELAY_FIELDS
    if field not in fields:
        raise OpsdeskError(f"{_where(element).capitalize()} has no field {field!r}; nothing "
                           "was changed.")
    label, kind = fields[field]
    text = text.strip()
    value: float | None = None
    if text:
        try:
            value = _time_s(text, "", "d")[0] / 86400.0 if kind == "days" else _count(text)
        except _Bad as bad:
            raise OpsdeskError(f"{label} of {_where(element)}: {text!r} {bad.reason}; nothing "
                               "was changed.") from None
    elif isinstance(element, Delay):
        raise OpsdeskError(f"A delay needs its wait in days ({element.name}); nothing was "
                           "changed.")
    changes: dict[str, Any] = {field: value}
    return dataclasses.replace(element, **changes)


def rekinded(inventory: Inventory, kind: str) -> Inventory:
    """``inventory`` drawn as ``kind``: how a supermarket or a FIFO lane is placed."""
    if kind not in STOCK_KINDS:
        raise OpsdeskError(f"{kind!r} is not a kind of inventory (one of "
                           f"{', '.join(STOCK_KINDS)}); nothing was changed.")
    return dataclasses.replace(inventory, kind=kind)


def new_element(kind: str, stream: ValueStream) -> Process | Inventory | Delay:
    """A fresh ``kind`` (process, inventory or delay) for ``stream``, named so that it is
    told from the others: "Process 3", "Wait 2"; an inventory starts unnamed."""
    if kind == "inventory":
        return Inventory()
    if kind not in ("process", "delay"):
        raise OpsdeskError(f"{kind!r} cannot be inserted (process, inventory or delay); "
                           "nothing was changed.")
    stem = "Process" if kind == "process" else "Wait"
    taken = {e.name.casefold() for e in walk(stream.flow)}
    n = 1 + sum(isinstance(e, Process if kind == "process" else Delay)
                for e in walk(stream.flow))
    while f"{stem} {n}".casefold() in taken:
        n += 1
    name = f"{stem} {n}"
    return Process(name) if kind == "process" else Delay(name, NEW_DELAY_DAYS)
