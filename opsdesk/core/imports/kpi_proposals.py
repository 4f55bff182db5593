"""What a KPI an import creates should mean: from a KPI pack, else from its name and data.

Nothing is guessed silently: the proposals are shown (the wizard's check step, where they
can be changed; ``opsdesk import`` prints them, ``--json`` carries them) and can be
changed later with ``opsdesk kpi edit``.

1. A name that is a pack KPI's name (case and spacing forgiven) takes that KPI's
   definition: direction, unit, aggregation, pillar, description, decimals and red
   threshold (not its target, which is the client's to set). The data may make the
   review frequency coarser than the pack's (a monthly file stays monthly), and keep
   more decimals than the pack shows (4.99 is not shown as 5.0).
2. Otherwise the direction comes from the words of the name (``LOWER`` and ``HIGHER``);
   a name with words of both kinds, or of neither, gets "none": no red or green until a
   direction is set.
3. The aggregation is "sum" for counts (a count word in the name, or a count unit, with
   whole numbers in the data), "last" for levels (backlog, headcount, WIP, inventory),
   else "mean". The unit is the file's (a unit in brackets, units written with the
   values, cells formatted as percent), else "count" for counts (shown without
   decimals). The review frequency is monthly, or coarser when the dates are spaced
   wider (quarterly figures); daily or weekly data are reviewed by the month they make
   (a different frequency is one edit away). The pillar comes from the name
   (``PILLARS``), else "process".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Any

from opsdesk.core.imports.header import normalize

# Words and phrases of a name, compared on its lower-cased words.
LOWER = (
    "lead time", "cycle time", "handle time", "handling time", "throughput time", "wait time",
    "waiting time", "changeover", "setup time", "scrap", "defect", "defects", "complaint",
    "complaints", "absenteeism", "absence", "cost", "costs", "latency", "mttr", "backlog",
    "downtime", "rework", "returns", "incidents", "errors", "error rate", "injuries",
    "accidents", "overtime", "turnover", "attrition", "waste", "loss", "losses", "ppm",
    "dpmo", "delay", "delays", "late", "failed", "failures", "breakdowns", "wip", "escapes",
)
HIGHER = (
    "otif", "on-time", "on time", "yield", "oee", "accuracy", "uptime", "availability",
    "satisfaction", "csat", "nps", "first pass", "fpy", "utilisation", "utilization",
    "productivity", "efficiency", "attainment", "resolution", "sla", "mtbf", "turns",
    "revenue", "sales", "margin", "engagement", "fill rate", "service level", "compliance",
    "throughput",
)
COUNT_WORDS = ("complaints", "incidents", "defects", "injuries", "accidents", "returns",
               "breakdowns", "failures", "errors", "escapes", "orders", "calls", "tickets",
               "number of", "no. of", "# of", "count")
LEVEL_WORDS = ("backlog", "headcount", "wip", "inventory", "stock", "open")
RATE_WORDS = ("rate", "ratio", "share", "per", "%", "ppm", "dpmo", "percentage")
COUNT_UNITS = ("count", "pcs", "pieces", "units", "#", "items", "incidents", "tickets",
               "orders", "cases", "calls", "defects", "events", "people")
PILLARS = (
    ("quality", ("scrap", "defect", "defects", "yield", "first pass", "fpy", "rework",
                 "ppm", "dpmo", "escapes", "returns", "quality")),
    ("service", ("otif", "on-time", "on time", "delivery", "satisfaction", "csat", "nps",
                 "sla", "complaint", "complaints", "handle time", "handling time",
                 "backlog", "service level", "fill rate", "resolution", "tickets")),
    ("cost", ("cost", "costs", "inventory", "energy", "margin", "revenue", "sales",
              "waste", "turns", "stock")),
    ("people", ("absenteeism", "absence", "headcount", "turnover", "attrition", "injuries",
                "accidents", "overtime", "training", "engagement", "fte")),
    ("AI/ML operations", ("latency", "model", "drift", "inference", "model accuracy")),
)
SAMPLE = 200  # observations per KPI looked at for its frequency and counts


@dataclass
class NewKpi:
    """The definition proposed for a KPI the import will create; editable before commit."""

    name: str
    unit: str = ""
    direction: str = "none"
    aggregation: str = "mean"
    frequency: str = "monthly"
    pillar: str = "process"
    basis: str = "name"  # where the proposal comes from: "pack lean", "name", "unknown"
    extra: dict[str, Any] = field(default_factory=dict)  # more pack fields (description ...)

    def values(self) -> dict[str, Any]:
        """The kpis row's columns."""
        out = {k: getattr(self, k) for k in ("name", "unit", "direction", "aggregation",
                                             "frequency", "pillar")}
        return {**self.extra, **out}

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return data

    def describe(self) -> str:
        better = {"higher": "higher is better", "lower": "lower is better",
                  "band": "within a band", "none": "no direction yet (no status)"}
        unit = f"unit {self.unit}" if self.unit else "no unit"
        source = {"name": "from its name", "unknown": "nothing known"}.get(
            self.basis, f"from the {self.basis.removeprefix('pack ')} pack")
        return (f"{better.get(self.direction, self.direction)}, {unit}, {self.aggregation}, "
                f"{self.frequency}, {self.pillar} ({source})")


def _words(name: str) -> str:
    return " " + " ".join(re.findall(r"[\w%#/.-]+", normalize(name))) + " "


def _found(words: str, terms: Sequence[str]) -> list[str]:
    """The terms in ``words``: whole words, or the start of one for terms over 4 letters
    ("defect" in "defective")."""
    return [t for t in terms if f" {t} " in words or (len(t) > 4 and f" {t}" in words)]


def _has(words: str, terms: Sequence[str]) -> bool:
    return bool(_found(words, terms))


def direction_of(name: str) -> str:
    """"higher", "lower", or "none" when the name says neither, or both.

    A term inside a longer one of the other kind does not count ("throughput" in
    "throughput time")."""
    words = _words(name)
    lower, higher = _found(words, LOWER), _found(words, HIGHER)
    lower_only = [t for t in lower if not any(t in h and t != h for h in higher)]
    higher_only = [t for t in higher if not any(t in lo and t != lo for lo in lower)]
    if lower_only and not higher_only:
        return "lower"
    return "higher" if higher_only and not lower_only else "none"


def frequency_of(days: Sequence[date]) -> str:
    """The review frequency the spacing of the dates suggests (monthly with one date)."""
    ordered = sorted(set(days))
    if len(ordered) < 2:
        return "monthly"
    gaps = sorted((b - a).days for a, b in pairwise(ordered))
    gap = gaps[len(gaps) // 2]  # the median gap (the upper one of an even count)
    return "daily" if gap <= 2 else "weekly" if gap <= 10 else \
        "monthly" if gap <= 45 else "quarterly"


def _pillar(words: str) -> str:
    for pillar, terms in PILLARS:
        if _has(words, terms):
            return pillar
    return "process"


_ORDER = ("daily", "weekly", "monthly", "quarterly")


def propose(name: str, unit: str, values: Sequence[float], days: Sequence[date]) -> NewKpi:
    """The definition for a new KPI ``name`` (its unit as the file gives it)."""
    pack = _pack_kpi(name)
    spacing = frequency_of(days)
    if pack is not None:
        pack_name, entry = pack
        slower = max(entry.get("frequency", spacing), spacing, key=_ORDER.index)
        extra = {k: entry[k] for k in ("description", "decimals", "red_percent", "red_value")
                 if entry.get(k) is not None}
        if extra.get("decimals", 99) < _decimals_in(values):
            del extra["decimals"]  # never show the file's 4.99 as 5.0
        return NewKpi(name, unit or entry.get("unit", ""), entry.get("direction", "none"),
                      entry.get("aggregation", "mean"), slower,
                      entry.get("pillar", "process"), f"pack {pack_name}",
                      {**extra, "pack": pack_name})
    words = _words(name)
    whole = bool(values) and all(float(v).is_integer() for v in values)
    counted = whole and (normalize(unit) in COUNT_UNITS or (
        not unit and _has(words, COUNT_WORDS) and not _has(words, RATE_WORDS)))
    aggregation = "last" if _has(words, LEVEL_WORDS) else "sum" if counted else "mean"
    direction = direction_of(name)
    frequency = max("monthly", spacing, key=_ORDER.index)
    return NewKpi(name, unit or ("count" if counted else ""), direction, aggregation,
                  frequency, _pillar(words), "name" if direction != "none" else "unknown",
                  {"decimals": 0} if counted else {})


def _decimals_in(values: Sequence[float]) -> int:
    """The most decimals any of the values is written with (at most 6)."""
    most = 0
    for value in values:
        text = repr(float(value))
        if "e" in text:
            return 6
        most = max(most, len(text.partition(".")[2].rstrip("0")))
    return min(most, 6)


def _pack_kpi(name: str) -> tuple[str, dict[str, Any]] | None:
    return _pack_index().get(normalize(name))


@cache
def _pack_index() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every pack KPI by its compared name (the first pack that has it)."""
    from opsdesk.core.kpi.packs import PACKS, load_pack

    index: dict[str, tuple[str, dict[str, Any]]] = {}
    for pack in PACKS:
        for entry in load_pack(pack)["kpis"]:
            index.setdefault(normalize(entry["name"]), (pack, entry))
    return index
