"""Incidents and deployments as columns of numbers, for metrics over many at once.

Times are float64 POSIX seconds (UTC), NaN where missing: whole seconds are exact in a
float64, so every duration is exact before it is turned into minutes. Severity,
category and availability impact are small integer codes (their index in
``incidents.SEVERITIES``, ``CATEGORIES``, ``IMPACTS``). ``from_iso`` reads the ISO text a
workspace stores (a query's columns) through numpy's own datetime parser.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime

import numpy as np

from opsdesk.core.improve.incidents import (
    CATEGORIES,
    IMPACTS,
    SEVERITIES,
    Deployment,
    Incident,
    is_failed,
)

TIME_COLUMNS = ("started", "detected", "acknowledged", "restored", "resolved")


def seconds(moment: datetime | None) -> float:
    """POSIX seconds of a UTC time (naive means UTC); NaN for None."""
    if moment is None:
        return float("nan")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def iso_seconds(texts: Sequence[str | None] | np.ndarray) -> np.ndarray:
    """ISO 8601 UTC texts (``YYYY-MM-DDTHH:MM:SS``; None for missing) as POSIX seconds."""
    stamps = np.array(texts, dtype="datetime64[s]")
    out = stamps.astype("int64").astype(np.float64)
    out[np.isnat(stamps)] = np.nan
    return out


def _codes(values: Iterable[str], names: Sequence[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    return np.fromiter((index.get(v, -1) for v in values), dtype=np.int8)


@dataclass(frozen=True)
class IncidentColumns:
    started: np.ndarray
    detected: np.ndarray
    acknowledged: np.ndarray
    restored: np.ndarray
    resolved: np.ndarray
    severity: np.ndarray   # int8 codes into SEVERITIES (-1: unknown)
    category: np.ndarray   # int8 codes into CATEGORIES
    impact: np.ndarray     # int8 codes into IMPACTS

    def __len__(self) -> int:
        return len(self.started)

    @classmethod
    def from_incidents(cls, incidents: Sequence[Incident]) -> IncidentColumns:
        times = {name: np.array([seconds(i.time(name)) for i in incidents], dtype=np.float64)
                 for name in TIME_COLUMNS}
        return cls(**times, severity=_codes((i.severity for i in incidents), SEVERITIES),
                   category=_codes((i.category for i in incidents), CATEGORIES),
                   impact=_codes((i.availability_impact for i in incidents), IMPACTS))

    @classmethod
    def from_iso(cls, started: Sequence[str | None], detected: Sequence[str | None],
                 acknowledged: Sequence[str | None], restored: Sequence[str | None],
                 resolved: Sequence[str | None], severity: Iterable[str],
                 category: Iterable[str], impact: Iterable[str]) -> IncidentColumns:
        return cls(iso_seconds(started), iso_seconds(detected), iso_seconds(acknowledged),
                   iso_seconds(restored), iso_seconds(resolved), _codes(severity, SEVERITIES),
                   _codes(category, CATEGORIES), _codes(impact, IMPACTS))

    def where(self, mask: np.ndarray) -> IncidentColumns:
        """The incidents ``mask`` keeps (one service's, one severity's ...)."""
        return replace(self, **{f.name: getattr(self, f.name)[mask] for f in fields(self)})


@dataclass(frozen=True)
class DeploymentColumns:
    deployed: np.ndarray    # POSIX seconds
    failed: np.ndarray      # bool: failed and needed remediation
    recovered: np.ndarray   # POSIX seconds the service was restored after a failed one

    def __len__(self) -> int:
        return len(self.deployed)

    @classmethod
    def from_deployments(cls, deployments: Sequence[Deployment],
                         incidents: Sequence[Incident] = ()) -> DeploymentColumns:
        """Failure is stated on the deployment, or inferred from the incidents that name it
        (``incidents.is_failed``); recovery is the deployment's own restore time, else the
        latest restore of the incidents linked to it."""
        by_key = {i.key: i for i in incidents}
        caused: dict[str, list[Incident]] = {}
        for i in incidents:
            if i.caused_by_deployment:
                caused.setdefault(i.caused_by_deployment, []).append(i)
        named = set(caused)
        failed, recovered = [], []
        for d in deployments:
            failed.append(is_failed(d, named))
            linked = list(caused.get(d.key, []))
            if d.linked_incident in by_key:
                linked.append(by_key[d.linked_incident])
            restores = [i.restored for i in linked if i.restored is not None]
            end = d.service_restored or (max(restores) if restores else None)
            recovered.append(seconds(end))
        return cls(np.array([seconds(d.deployed_at) for d in deployments], dtype=np.float64),
                   np.array(failed, dtype=bool), np.array(recovered, dtype=np.float64))

    @classmethod
    def empty(cls) -> DeploymentColumns:
        return cls(np.zeros(0), np.zeros(0, dtype=bool), np.zeros(0))


def _code_case(column: str, names: Sequence[str]) -> str:
    """SQL giving each row's code as one character: '0' + index, '/' (code -1) if unknown."""
    whens = " ".join(f"WHEN '{n}' THEN '{chr(48 + i)}'" for i, n in enumerate(names))
    return f"CASE {column} {whens} ELSE '/' END"


def _char_codes(text: str | None) -> np.ndarray:
    return (np.frombuffer((text or "").encode("ascii"), dtype=np.uint8).astype(np.int8) - 48)


def _times(text: str | None) -> np.ndarray:
    return iso_seconds(text.split(",")) if text else np.zeros(0)


def read_incident_columns(conn: sqlite3.Connection, select: str,
                          params: Sequence[object] = ()) -> IncidentColumns:
    """The incidents a query selects, as columns, in one pass of SQLite.

    ``select`` gives the columns ``started``, ``detected``, ``acknowledged``, ``restored``,
    ``resolved`` (ISO UTC text as ``timestamps.iso`` writes it, NULL when missing),
    ``severity``, ``category`` and ``availability_impact``. Each column comes back as one
    text (``group_concat``, in the same row order for all), parsed by numpy: no Python
    object per row, which is what makes 100,000 incidents cost about what one SQL
    aggregate over them does.
    """
    times = ", ".join(f"group_concat(coalesce({c}, 'NaT'), ',')" for c in TIME_COLUMNS)
    codes = ", ".join(f"group_concat({_code_case(c, names)}, '')" for c, names in (
        ("severity", SEVERITIES), ("category", CATEGORIES), ("availability_impact", IMPACTS)))
    row = conn.execute(f"SELECT {times}, {codes} FROM ({select})", tuple(params)).fetchone()
    return IncidentColumns(*(_times(t) for t in row[:5]),
                           *(_char_codes(c) for c in row[5:]))


def read_deployment_columns(conn: sqlite3.Connection, select: str,
                            params: Sequence[object] = ()) -> DeploymentColumns:
    """Deployments as columns: ``select`` gives ``deployed`` and ``recovered`` (ISO UTC
    text, NULL when unknown) and ``failed`` (1 or 0: stated, or inferred as
    ``incidents.is_failed`` does, by the query)."""
    row = conn.execute(
        "SELECT group_concat(deployed, ','), group_concat(CASE WHEN failed THEN '1' ELSE '0' "
        f"END, ''), group_concat(coalesce(recovered, 'NaT'), ',') FROM ({select})",
        tuple(params)).fetchone()
    return DeploymentColumns(_times(row[0]), _char_codes(row[1]).astype(bool), _times(row[2]))
