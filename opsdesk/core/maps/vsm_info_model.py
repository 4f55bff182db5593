"""A value stream's information flows as stored with its map (Learning to See's icons).

An ``InfoFlow`` runs from one end to another: production control, the customer, the
supplier, or a flow element named by its key (``StoredStream.keys``). Its ``kind`` is the
icon drawn: a manual or electronic flow, a production, withdrawal or signal kanban, or
go-see scheduling. ``Information`` adds the map-level items a pull system needs: the
load-levelling (heijunka) box at one element (the pacemaker) and kanban posts at others.

A stream whose ``Information`` holds nothing is drawn with the book's current-state pattern
(``vsm_diagram``); once anything is stored, what is stored is drawn instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from opsdesk.core.errors import OpsdeskError

InfoKind = Literal["manual", "electronic", "production_kanban", "withdrawal_kanban",
                   "signal_kanban", "go_see"]
INFO_KINDS: tuple[InfoKind, ...] = get_args(InfoKind)
KIND_WORDS: dict[InfoKind, str] = {
    "manual": "manual information", "electronic": "electronic information",
    "production_kanban": "production kanban", "withdrawal_kanban": "withdrawal kanban",
    "signal_kanban": "signal kanban", "go_see": "go-see scheduling"}
KANBANS: frozenset[InfoKind] = frozenset({"production_kanban", "withdrawal_kanban",
                                          "signal_kanban"})
PRODUCTION_CONTROL = "production_control"
CUSTOMER = "customer"
SUPPLIER = "supplier"
ENDS: tuple[str, ...] = (PRODUCTION_CONTROL, CUSTOMER, SUPPLIER)


@dataclass(frozen=True)
class InfoFlow:
    """Information from ``source`` to ``target`` (an end of ``ENDS`` or an element key),
    with an optional ``label`` ('weekly schedule', 'daily orders')."""

    kind: InfoKind
    source: str
    target: str
    label: str = ""


@dataclass(frozen=True)
class Information:
    """The information flows stored with a map, its load-levelling box (at an element's
    key, None: none) and its kanban posts (element keys)."""

    flows: tuple[InfoFlow, ...] = ()
    leveling_at: str | None = None
    kanban_posts: tuple[str, ...] = field(default_factory=tuple)

    @property
    def stored(self) -> bool:
        """Anything stored: the map then draws this instead of the automatic flows."""
        return bool(self.flows) or self.leveling_at is not None or bool(self.kanban_posts)


def information_data(info: Information) -> dict[str, Any]:
    """What the ``maps`` row's data keeps under ``"information"``."""
    return {"flows": [{"kind": f.kind, "source": f.source, "target": f.target,
                       "label": f.label} for f in info.flows],
            "leveling_at": info.leveling_at, "kanban_posts": list(info.kanban_posts)}


def information_of(data: Mapping[str, Any] | None) -> Information:
    """The stored information; a flow of a kind this version does not know is left out."""
    if not data:
        return Information()
    flows = tuple(InfoFlow(f["kind"], str(f["source"]), str(f["target"]),
                           str(f.get("label") or ""))
                  for f in data.get("flows", ()) if f.get("kind") in INFO_KINDS)
    at = data.get("leveling_at")
    return Information(flows, None if at is None else str(at),
                       tuple(str(k) for k in data.get("kanban_posts", ())))


def check_flow(flow: InfoFlow, keys: Sequence[str]) -> InfoFlow:
    """``flow`` with its label trimmed, if its kind and both ends are known to a stream
    whose elements have ``keys``; else one sentence saying what is wrong."""
    if flow.kind not in INFO_KINDS:
        raise OpsdeskError(f"{flow.kind!r} is not a kind of information flow (kinds: "
                           f"{', '.join(INFO_KINDS)}); nothing was changed.")
    for end, word in ((flow.source, "from"), (flow.target, "to")):
        check_end(end, keys, f"An information flow {word}")
    if flow.source == flow.target:
        raise OpsdeskError("An information flow needs two different ends; nothing was "
                           "changed.")
    return replace(flow, label=" ".join(flow.label.split()))


def check_end(end: str, keys: Sequence[str], what: str) -> None:
    if end not in ENDS and end not in keys:
        raise OpsdeskError(f"{what} {end!r} names no element of the value stream (nor "
                           "production control, the customer or the supplier); nothing "
                           "was changed.")


def check_key(key: str, keys: Sequence[str], what: str) -> None:
    """``what`` (a map-level item) is placed at an element: ``key`` must name one."""
    if key not in keys:
        raise OpsdeskError(f"{what} is placed at an element, and the value stream has no "
                           f"element {key!r}; nothing was changed.")


def rekeyed(info: Information, old: Sequence[str], new: Sequence[str]) -> Information:
    """``info`` for a copy of its stream whose elements, in the same flow order, have the
    keys ``new`` instead of ``old`` (copy as future state)."""
    to = dict(zip(old, new, strict=False))

    def key(k: str) -> str:
        return to.get(k, k)

    flows = tuple(replace(f, source=key(f.source), target=key(f.target)) for f in info.flows)
    at = None if info.leveling_at is None else key(info.leveling_at)
    return Information(flows, at, tuple(key(k) for k in info.kanban_posts))
