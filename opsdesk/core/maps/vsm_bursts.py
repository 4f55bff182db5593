"""Kaizen bursts as the map keeps them, and where they sit when the flow is remade.

A map's bursts live in its ``maps`` row's data as ``"bursts": [{id, at, text, owner,
project_id}]`` (no table of their own: a burst is a note on the map, addressed by its
number within it). ``at`` is the key of the element the burst sits at; keys change when
the nodes are written anew (a copy as future state, a redrawn flow), so ``rekeyed`` moves
each burst to the element in the same place of the new flow, and ``renamed`` to the
element of the same name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_model import KaizenBurst

TEXT_MOST = 120  # a burst is a few words on a map, not a project charter


def bursts_data(bursts: Sequence[KaizenBurst]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(b) for b in bursts]


def bursts_of(data: Any) -> tuple[KaizenBurst, ...]:
    """The stored bursts; an entry this version cannot read is left out, not fatal."""
    out: list[KaizenBurst] = []
    for b in data if isinstance(data, list) else ():
        try:
            project = b.get("project_id")
            out.append(KaizenBurst(int(b["id"]), str(b["at"]), str(b["text"]),
                                   str(b.get("owner", "")),
                                   None if project is None else int(project)))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return tuple(out)


def next_id(bursts: Sequence[KaizenBurst]) -> int:
    return max((b.id for b in bursts), default=0) + 1


def cleaned(burst: KaizenBurst) -> KaizenBurst:
    """``burst`` with its text and owner trimmed, or one sentence when it makes no sense."""
    text = " ".join(burst.text.split())
    if not text:
        raise OpsdeskError("A kaizen burst needs its text: what is to change. Nothing was "
                           "changed.")
    if len(text) > TEXT_MOST:
        raise OpsdeskError(f"A kaizen burst's text is at most {TEXT_MOST} characters (this "
                           f"one has {len(text)}); say the rest in its project. Nothing was "
                           "changed.")
    return dataclasses.replace(burst, text=text, owner=" ".join(burst.owner.split()))


def rekeyed(bursts: Sequence[KaizenBurst], old: Sequence[str], new: Sequence[str]
            ) -> tuple[KaizenBurst, ...]:
    """Each burst at the element in the same place of ``new`` as its element had in
    ``old`` (the same flow written anew: a copy); one whose key is not in ``old`` keeps it."""
    moved = dict(zip(old, new, strict=False))
    return tuple(dataclasses.replace(b, at=moved.get(b.at, b.at)) for b in bursts)


def renamed(bursts: Sequence[KaizenBurst], old: dict[str, str], new: dict[str, str]
            ) -> tuple[KaizenBurst, ...]:
    """Each burst at the element of ``new`` (key -> name) named as its element was in
    ``old``; where no element has that name any more the burst keeps its key (it is then
    not drawn, but stays listed, to be moved or removed)."""
    by_name: dict[str, str] = {}
    for key, name in new.items():
        by_name.setdefault(name.casefold(), key)
    out = []
    for b in bursts:
        found = by_name.get(old.get(b.at, "").casefold() or "\0")
        out.append(dataclasses.replace(b, at=found) if found else b)
    return tuple(out)
