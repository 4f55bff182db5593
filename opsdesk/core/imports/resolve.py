"""Match the KPI names a file uses to the workspace's KPIs, and say which are new."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from opsdesk.core.imports.header import clean, normalize, split_unit
from opsdesk.core.imports.kpi_proposals import NewKpi, propose

# (values, days) of a sample of a name's observations: what its proposal looks at.
Sampler = Callable[[str], tuple[list[float], list[date]]]

# A KPI kept as a ratio takes "85%" as 0.85; any other KPI keeps 85.
RATIO_UNITS = frozenset({"ratio", "fraction", "proportion", "share", "0-1", "0..1", "rate (0-1)"})


def is_ratio(unit: str) -> bool:
    return normalize(unit) in RATIO_UNITS


@dataclass
class KpiMatch:
    """How each name in the file maps to a KPI."""

    ids: dict[str, int] = field(default_factory=dict)  # name in file -> existing KPI id
    units: dict[int, str] = field(default_factory=dict)  # KPI id -> its unit
    # name in file -> the KPI to create; spellings of one name share one proposal
    new: dict[str, NewKpi] = field(default_factory=dict)

    def target(self, name: str) -> str:
        """One key per KPI, whatever spelling the file used."""
        if name in self.ids:
            return f"#{self.ids[name]}"
        return "+" + normalize(self.new[name].name)

    @property
    def proposals(self) -> list[NewKpi]:
        """Each KPI to create once, in the file's order."""
        return list({id(p): p for p in self.new.values()}.values())

    @property
    def new_names(self) -> list[str]:
        return [p.name for p in self.proposals]


def existing(conn: sqlite3.Connection) -> dict[str, tuple[int, str]]:
    rows = conn.execute("SELECT id, name, unit FROM kpis").fetchall()
    return {normalize(name): (int(kpi_id), str(unit)) for kpi_id, name, unit in rows}


def match(
    conn: sqlite3.Connection,
    names: Iterable[str],
    value_units: dict[str, Counter[str]] | None = None,
    sample: Sampler | None = None,
) -> KpiMatch:
    """Existing KPIs by name (case and spacing forgiven; a unit in brackets may be dropped);
    the others with the definition proposed for them (``kpi_proposals``)."""
    known = existing(conn)
    out = KpiMatch()
    by_key: dict[str, NewKpi] = {}
    for name in names:
        hit = known.get(normalize(name))
        base, header_unit = split_unit(name)
        if hit is None and header_unit:
            hit = known.get(normalize(base))
        if hit is not None:
            out.ids[name] = hit[0]
            out.units[hit[0]] = hit[1]
            continue
        unit = header_unit
        if not unit and value_units and value_units.get(name):
            unit = value_units[name].most_common(1)[0][0]
        created = clean(base) or clean(name)
        key = normalize(created)
        if key not in by_key:
            values, days = sample(name) if sample else ([], [])
            by_key[key] = propose(created, unit, values, days)
        out.new[name] = by_key[key]
    return out
