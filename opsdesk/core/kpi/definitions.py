"""KPI definitions and their targets over time, as read from the workspace."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.periods import FREQUENCIES

# "none": not known yet (a KPI an import created); judged neither red nor green.
DIRECTIONS = ("higher", "lower", "band", "none")
AGGREGATIONS = ("sum", "mean", "last")
PILLARS = ("process", "quality", "service", "cost", "people", "AI/ML operations")
# Red threshold when none is given, as a percent of target (the defaults).
DEFAULT_RED_PERCENT = {"higher": 90.0, "lower": 110.0}
# A target with no "from" date applies from the first period on.
ALWAYS = "0001-01-01"
MAX_DECIMALS = 10  # a float holds about 15 significant digits

NUMBER_COLUMNS = ("baseline", "red_value", "red_percent", "lsl", "usl", "spec_target",
                  "min_value", "max_value")
KPI_COLUMNS = (
    "id", "name", "description", "pillar", "unit", "direction", "frequency", "aggregation",
    "baseline", "red_value", "red_percent", "owner", "data_source", "lsl", "usl",
    "spec_target", "decimals", "rule_set", "comment", "pack", "sort_order", "archived",
    "min_value", "max_value",
)


@dataclass(frozen=True)
class Target:
    effective_from: str
    target: float | None
    band_low: float | None = None
    band_high: float | None = None
    band_margin: float | None = None
    note: str = ""

    @property
    def from_start(self) -> bool:
        """Whether this target holds from the KPI's first day (no effective date given)."""
        return self.effective_from == ALWAYS


@dataclass(frozen=True)
class StageStart:
    """A stage of the KPI's chart starts in the period holding ``day`` (an annotation
    marked as starting one): its control limits come from its own periods."""

    day: str
    text: str


@dataclass(frozen=True)
class Kpi:
    id: int
    name: str
    description: str
    pillar: str
    unit: str
    direction: str
    frequency: str
    aggregation: str
    baseline: float | None
    red_value: float | None
    red_percent: float | None
    owner: str
    data_source: str
    lsl: float | None
    usl: float | None
    spec_target: float | None
    decimals: int | None
    rule_set: str
    comment: str
    pack: str | None
    sort_order: int
    archived: int
    min_value: float | None = None  # the values' natural range, when the unit's is not it
    max_value: float | None = None
    targets: tuple[Target, ...] = ()
    stages: tuple[StageStart, ...] = ()  # sorted by day

    def target_on(self, day: date) -> Target | None:
        """The target in force on ``day``: the latest whose effective date is not after it."""
        key = day.isoformat()
        found = None
        for target in self.targets:  # sorted by effective_from
            if target.effective_from <= key:
                found = target
            else:
                break
        return found


def load_kpis(
    conn: sqlite3.Connection, ids: Iterable[int] | None = None, include_archived: bool = True
) -> list[Kpi]:
    """KPIs in display order, each with its targets sorted by effective date."""
    where, params = [], []
    if ids is not None:
        id_list = [int(i) for i in ids]
        where.append(f"id IN ({','.join('?' * len(id_list))})" if id_list else "0")
        params.extend(id_list)
    if not include_archived:
        where.append("archived = 0")
    sql = f"SELECT {', '.join(KPI_COLUMNS)} FROM kpis"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY sort_order, name COLLATE NOCASE"
    rows = conn.execute(sql, params).fetchall()
    targets: dict[int, list[Target]] = {}
    target_sql = ("SELECT kpi_id, effective_from, target, band_low, band_high, band_margin, note"
                  " FROM kpi_targets ORDER BY kpi_id, effective_from")
    for kpi_id, when, target, low, high, margin, note in conn.execute(target_sql):
        targets.setdefault(kpi_id, []).append(Target(
            when, ranges.or_none(target), ranges.or_none(low), ranges.or_none(high),
            ranges.or_none(margin), note))
    stages: dict[int, list[StageStart]] = {}
    stage_sql = ("SELECT kpi_id, substr(ts, 1, 10), text FROM annotations WHERE starts_stage = 1"
                 " AND kpi_id IS NOT NULL AND ts IS NOT NULL ORDER BY kpi_id, ts, id")
    for kpi_id, day, text in conn.execute(stage_sql):
        stages.setdefault(kpi_id, []).append(StageStart(day, text))
    return [Kpi(**_in_range(dict(zip(KPI_COLUMNS, row, strict=True))),
                targets=tuple(targets.get(row[0], ())), stages=tuple(stages.get(row[0], ())))
            for row in rows]


def _in_range(row: dict[str, Any]) -> dict[str, Any]:
    """A stored number outside ``ranges`` (only another program writes one) is no number."""
    for key in NUMBER_COLUMNS:
        row[key] = ranges.or_none(row[key])
    return row


def kpi_by_name(conn: sqlite3.Connection, name: str) -> Kpi:
    row = conn.execute("SELECT id FROM kpis WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    if row is None:
        raise OpsdeskError(f"There is no KPI named {name!r} in this workspace.")
    return load_kpis(conn, [row[0]])[0]


def _number(values: Mapping[str, Any], key: str) -> float | None:
    value = values.get(key)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OpsdeskError(f"{key.replace('_', ' ')} must be a number, not {value!r}.") from None
    if not math.isfinite(number):
        raise OpsdeskError(f"{key.replace('_', ' ')} must be a finite number, not {value!r}.")
    return ranges.check_value(number, f"The {key.replace('_', ' ')}")


# Names head charts, tables and PDF pages: past this they no longer fit one line.
MAX_NAME = 120


def validate_kpi(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check a KPI definition (a new one or the changed fields of one); return it cleaned."""
    clean = dict(values)
    if "name" in clean:
        name = str(clean["name"] or "").strip()
        if not name:
            raise OpsdeskError("A KPI needs a name.")
        if len(name) > MAX_NAME:
            raise OpsdeskError(
                f"A KPI name has at most {MAX_NAME} characters; {name[:40]!r}... has "
                f"{len(name)}.")
        clean["name"] = name
    for key, allowed in (("direction", DIRECTIONS), ("frequency", FREQUENCIES),
                         ("aggregation", AGGREGATIONS)):
        if key in clean and clean[key] not in allowed:
            raise OpsdeskError(
                f"{key} must be one of {', '.join(allowed)}, not {clean[key]!r}."
            )
    for key in NUMBER_COLUMNS:
        if key in clean:
            clean[key] = _number(clean, key)
    if clean.get("red_percent") is not None and clean["red_percent"] <= 0:
        raise OpsdeskError(
            f"The red threshold percent must be above 0, not {clean['red_percent']}.")
    if clean.get("red_value") is not None and clean.get("red_percent") is not None:
        raise OpsdeskError("Give the red threshold as a value or as a percent of target, not both.")
    lsl, usl = clean.get("lsl"), clean.get("usl")
    if lsl is not None and usl is not None and lsl >= usl:
        raise OpsdeskError(f"The lower spec limit ({lsl}) must be below the upper ({usl}).")
    low, high = clean.get("min_value"), clean.get("max_value")
    if low is not None and high is not None and low >= high:
        raise OpsdeskError(f"The lowest possible value ({low:g}) must be below the highest "
                           f"({high:g}).")
    for key in ("pillar", "unit", "owner", "data_source", "description", "comment"):
        if key in clean and clean[key] is not None:
            clean[key] = str(clean[key]).strip()
    if clean.get("decimals") is not None:
        decimals = clean["decimals"]
        if not isinstance(decimals, int) or not 0 <= decimals <= MAX_DECIMALS:
            raise OpsdeskError(
                f"The decimals are given as a whole number from 0 to {MAX_DECIMALS}, "
                f"not {decimals!r}.")
    if "pillar" in clean and not clean["pillar"]:
        clean["pillar"] = "process"
    return clean


def validate_target(direction: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Check one target row for a KPI with this direction; return it cleaned."""
    clean = dict(values)
    when = str(clean.get("effective_from") or ALWAYS)
    try:
        day = date.fromisoformat(when)
    except ValueError:
        raise OpsdeskError(f"The target date must be YYYY-MM-DD, not {when!r}.") from None
    if when != ALWAYS:
        ranges.check_date(day, "The target date")
    clean["effective_from"] = when
    for key in ("target", "band_low", "band_high", "band_margin"):
        clean[key] = _number(clean, key)
    if direction == "band":
        low, high = clean["band_low"], clean["band_high"]
        if low is None or high is None:
            raise OpsdeskError("A band KPI needs a band: give its low and high values.")
        if low > high:
            raise OpsdeskError(f"The band's low value ({low}) is above its high value ({high}).")
        if clean["band_margin"] is not None and clean["band_margin"] < 0:
            raise OpsdeskError(f"The band margin must not be negative, not {clean['band_margin']}.")
    elif clean["target"] is None:
        raise OpsdeskError("A target needs a value.")
    clean["note"] = str(clean.get("note") or "")
    return clean
