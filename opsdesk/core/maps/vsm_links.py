"""Data boxes fed by KPIs: each linked field takes its KPI's value, read as the scorecard
reads it.

A ``KpiLink`` on a process or an inventory names a field and a KPI. The field takes the
value of the KPI's judged period (the latest completed one, as of the review date; see
``kpi.scorecard``) in the field's unit: a KPI in a unit of time for a cycle or changeover
time, a percentage (or a plain fraction) for uptime and first-pass yield, any count for an
inventory's quantity, days for its days. Its status (green, amber, red...) goes with it,
so the map, the scorecard and the control charts show the same figure. A KPI that is
gone, has no data yet or is in a unit the field cannot take leaves the typed value in
place, and a warning says why.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.status import Status
from opsdesk.core.maps.units import convert, parse_unit
from opsdesk.core.maps.vsm_model import (
    Element,
    Inventory,
    LinkField,
    Parallel,
    Process,
    ValueStream,
)

if TYPE_CHECKING:
    from opsdesk.core.kpi.scorecard import KpiStatus

FIELD_WORDS: dict[LinkField, str] = {
    "cycle_time_s": "cycle time", "changeover_s": "changeover", "uptime": "uptime",
    "fpy": "first-pass yield", "quantity": "quantity", "days": "days"}


@dataclass(frozen=True)
class LinkedValue:
    """What one link gave: ``value`` in the field's unit (seconds, a fraction, pieces,
    days), or None with ``problem`` saying why the typed value was kept."""

    field: LinkField
    kpi_id: int
    kpi_name: str
    status: Status
    period: str | None = None
    kpi_value: float | None = None  # as the KPI states it, in ``kpi_unit``
    kpi_unit: str = ""
    value: float | None = None
    problem: str = ""


@dataclass(frozen=True)
class LinkedStream:
    """The stream with every usable link's value in place; ``links`` by the element's
    place in the flow walked depth first (``walk``), as ``StoredStream.keys`` are."""

    stream: ValueStream
    links: dict[int, tuple[LinkedValue, ...]]
    as_of: date | None = None

    @property
    def warnings(self) -> list[str]:
        return [v.problem for vs in self.links.values() for v in vs if v.problem]


def walk(flow: tuple[Element, ...]) -> Iterator[Element]:
    """Every element depth first: a parallel block before its branches' elements."""
    for e in flow:
        yield e
        if isinstance(e, Parallel):
            for branch in e.branches:
                yield from walk(branch)


def _converted(field: LinkField, kpi: Kpi, value: float) -> float | str:
    """``value`` in the field's unit, or the reason it cannot be."""
    unit = kpi.unit.strip()
    if field in ("cycle_time_s", "changeover_s", "days"):
        try:
            time_unit = parse_unit(unit)
        except ValueError:
            return f"is in {unit or 'no unit'}, not a unit of time"
        if field == "days":
            if time_unit != "d":
                return f"is in {unit}, and inventory days need a KPI in days"
            converted = value
        else:
            converted = convert(value, time_unit, "s")
        if converted < 0 or (field == "cycle_time_s" and converted == 0):
            return f"gives {value:g} {unit}, which cannot be a {FIELD_WORDS[field]}"
        return converted
    if field in ("uptime", "fpy"):
        if unit == "%":
            share = value / 100
        elif unit in ("", "fraction", "share", "ratio"):
            share = value
        else:
            return f"is in {unit}, not a percentage"
        if not 0 < share <= 1:
            return f"gives {value:g} {unit}, not a share between 0 and 100 %"
        return share
    if value < 0:
        return f"gives {value:g}, and a quantity cannot be negative"
    return value


def _read(field: LinkField, kpi_id: int, statuses: dict[int, KpiStatus], where: str
          ) -> LinkedValue:
    s = statuses.get(kpi_id)
    words = f"{where}'s {FIELD_WORDS[field]}"
    if s is None:
        return LinkedValue(field, kpi_id, f"KPI {kpi_id}", "no data", problem=(
            f"{words} is linked to KPI {kpi_id}, which is no longer in the workspace; the "
            "typed value is used."))
    base = LinkedValue(field, kpi_id, s.kpi.name, s.status, s.period, s.value, s.kpi.unit)
    if s.value is None:
        return dataclasses.replace(base, problem=(
            f"{words} is linked to {s.kpi.name!r}, which has no completed period yet; the "
            "typed value is used."))
    converted = _converted(field, s.kpi, s.value)
    if isinstance(converted, str):
        return dataclasses.replace(base, problem=(
            f"{words} is linked to {s.kpi.name!r}, which {converted}; the typed value is "
            "used."))
    return dataclasses.replace(base, value=converted)


def resolve_links(conn: sqlite3.Connection, stream: ValueStream, as_of: date | None = None
                  ) -> LinkedStream:
    """``stream`` with its linked fields read from their KPIs as of ``as_of`` (default:
    the review date, as the scorecard)."""
    from opsdesk.core.kpi.scorecard import compute_statuses

    wanted = {k.kpi_id for e in walk(stream.flow)
              if isinstance(e, (Process, Inventory)) for k in e.links}
    if not wanted:
        return LinkedStream(stream, {}, as_of)
    found = compute_statuses(conn, as_of, sorted(wanted), include_archived=True)
    statuses = {s.kpi.id: s for s in found}
    as_of = found[0].as_of if found else as_of
    links: dict[int, tuple[LinkedValue, ...]] = {}
    position = 0

    def fed(flow: tuple[Element, ...]) -> tuple[Element, ...]:
        nonlocal position
        out: list[Element] = []
        for e in flow:
            here = position
            position += 1
            if isinstance(e, Parallel):
                out.append(dataclasses.replace(
                    e, branches=tuple(fed(b) for b in e.branches)))
                continue
            if isinstance(e, (Process, Inventory)) and e.links:
                where = e.name or "an inventory"
                values = tuple(_read(k.field, k.kpi_id, statuses, where) for k in e.links)
                links[here] = values
                fed: dict[str, Any] = {v.field: v.value for v in values
                                       if v.value is not None}
                e = dataclasses.replace(e, **fed)
            out.append(e)
        return tuple(out)

    return LinkedStream(dataclasses.replace(stream, flow=fed(stream.flow)), links, as_of)


SHORT: dict[LinkField, str] = {"cycle_time_s": "C/T", "changeover_s": "C/O",
                               "uptime": "uptime", "fpy": "FPY", "quantity": "quantity",
                               "days": "days"}


def link_notes(stream: ValueStream, linked: LinkedStream) -> list[str]:
    """What the map prints under its conventions: where each KPI-fed value came from."""
    from opsdesk.core.kpi.status_marks import STATUS_SYMBOL, STATUS_WORD

    if not linked.links:
        return []
    when = f" as of {linked.as_of:%d %b %Y}".replace(" 0", " ") if linked.as_of else ""
    notes = [f"KPI-fed values: each KPI's latest completed period{when}, judged as on the "
             "scorecard."]
    elements = list(walk(stream.flow))
    for position, values in sorted(linked.links.items()):
        name = elements[position].name or "Inventory"
        for v in values:
            if v.value is None:
                got = "typed value kept (see the warnings)"
            else:
                got = (f"{v.period}: {v.kpi_value:g} {v.kpi_unit}".rstrip() +
                       f" ({STATUS_SYMBOL[v.status]} {STATUS_WORD[v.status].lower()})")
            notes.append(f"{name} {SHORT[v.field]} ← {v.kpi_name}, {got}")
    return notes
