"""Incident metrics over a period, each with the definition printed beside it.

The period runs from ``start`` (inclusive) to ``end`` (exclusive), in UTC; an incident
belongs to the period it started in, a deployment to the one it was deployed in. An
incident missing a time is left out of each metric that needs that time, and only those;
each metric counts how many it left out. The durations:

- MTTD, time to detect: detected − impact started
- MTTA, time to acknowledge: acknowledged − detected
- time to restore: restored − impact started
- time to respond: restored − detected (an impact found only after it was over, with
  restored before detected, has no response time and is left out)
- time to resolve: resolved − impact started

Availability and MTBF (ITIL): downtime is the time the downtime incidents (outage only,
or with ``downtime="degraded"`` outage and degraded) spent between impact start and
restore, cut at the period's end and counted once where incidents overlap (the union of
their intervals); uptime is the period less the downtime; availability = uptime ÷ period;
MTBF = uptime ÷ the number of downtime incidents. A downtime incident without a restore
time is left out of all three. DORA (2023 report): change failure rate = deployments that
failed and needed remediation ÷ deployments; failed-deployment recovery time = service
restored − deployed, for the failed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_table import DeploymentColumns, IncidentColumns, seconds
from opsdesk.core.improve.incidents import CATEGORIES, SEVERITIES

Downtime = Literal["outage", "degraded"]

DURATIONS: dict[str, tuple[str, str, str]] = {
    "mttd": ("started", "detected", "Mean time to detect: detected − impact started"),
    "mtta": ("detected", "acknowledged", "Mean time to acknowledge: acknowledged − detected"),
    "restore": ("started", "restored", "Time to restore service: restored − impact started"),
    "respond": ("detected", "restored", "Time to respond: restored − detected (incidents "
                                        "restored before they were detected left out)"),
    "resolve": ("started", "resolved", "Time to resolve: resolved − impact started"),
}
CFR_DEFINITION = ("DORA change failure rate: deployments that failed and needed remediation "
                  "÷ deployments in the period")
RECOVERY_DEFINITION = ("DORA failed-deployment recovery time: service restored − deployed, "
                       "for failed deployments")
MTBF_DEFINITION = "MTBF (ITIL): uptime ÷ number of downtime incidents"


def minutes_text(value: float | None) -> str:
    """Minutes as the app and the CLI show them, hours or days beside long ones:
    "50.0 min", "192.0 min (3.2 h)", "66,119.0 min (45.9 d)"; None (nothing to count) is
    "—". The PDF review says them as people do instead (``incident_review``)."""
    if value is None:
        return "—"
    text = f"{value:,.1f} min"
    if value >= 2 * 24 * 60:
        return f"{text} ({value / 1440:,.1f} d)"
    if value >= 120:
        return f"{text} ({value / 60:,.1f} h)"
    return text


@dataclass(frozen=True)
class Duration:
    n: int
    mean_min: float | None
    median_min: float | None
    excluded: int
    definition: str

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "mean_min": self.mean_min, "median_min": self.median_min,
                "excluded": self.excluded, "definition": self.definition}


@dataclass(frozen=True)
class IncidentMetrics:
    start: datetime
    end: datetime
    downtime_kind: Downtime
    period_minutes: float
    incidents: int
    durations: dict[str, Duration]       # mttd, mtta, restore, respond, resolve
    downtime_min: float
    downtime_incidents: int              # counted in MTBF
    downtime_excluded: int               # downtime incidents with no restore time
    mtbf_min: float | None
    availability: float
    deployments: int
    failed_deployments: int
    change_failure_rate: float | None
    recovery: Duration                   # failed-deployment recovery time
    by_severity: dict[str, int]
    by_category: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        """The shape ``opsdesk incident metrics --json`` prints."""
        out: dict[str, Any] = {
            "from": self.start.isoformat(timespec="seconds"),
            "to": self.end.isoformat(timespec="seconds"),
            "period_minutes": self.period_minutes, "incidents": self.incidents}
        out.update({k: d.as_dict() for k, d in self.durations.items()})
        out.update({
            "mtbf_min": self.mtbf_min, "mtbf_definition": MTBF_DEFINITION,
            "availability": self.availability, "downtime_min": self.downtime_min,
            "downtime_counts": ("outage" if self.downtime_kind == "outage"
                                else "outage and degraded"),
            "change_failure_rate": self.change_failure_rate,
            "change_failure_rate_definition": CFR_DEFINITION,
            "deployments": self.deployments, "failed_deployments": self.failed_deployments,
            "failed_deployment_recovery": self.recovery.as_dict(),
            "by_severity": self.by_severity, "by_category": self.by_category})
        return out


def _duration(start: np.ndarray, stop: np.ndarray, definition: str,
              drop_negative: bool = False) -> Duration:
    minutes = (stop - start) / 60.0
    ok = ~np.isnan(minutes)
    if drop_negative:
        ok &= minutes >= 0
    kept = minutes[ok]
    if not len(kept):
        return Duration(0, None, None, len(minutes), definition)
    return Duration(len(kept), float(kept.mean()), float(np.median(kept)),
                    len(minutes) - len(kept), definition)


def union_length(starts: np.ndarray, ends: np.ndarray) -> float:
    """The total length covered by the intervals [start, end), overlaps counted once."""
    if not len(starts):
        return 0.0
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], ends[order]
    reach = np.maximum.accumulate(e)
    fresh = np.empty(len(s), dtype=bool)
    fresh[0] = True
    fresh[1:] = s[1:] > reach[:-1]  # a gap before it: a new merged interval starts here
    first = np.flatnonzero(fresh)
    last = np.append(first[1:] - 1, len(s) - 1)
    return float(np.sum(reach[last] - s[first]))


def incident_metrics(incidents: IncidentColumns, deployments: DeploymentColumns,
                     start: datetime, end: datetime, downtime: Downtime = "outage"
                     ) -> IncidentMetrics:
    """The metrics of the period [start, end) (see the module's docstring)."""
    if downtime not in ("outage", "degraded"):
        raise OpsdeskError(f"Downtime counts outage, or outage and degraded; not {downtime!r}.")
    f, t = seconds(start), seconds(end)
    if not t > f:
        raise OpsdeskError(f"The period must end after it starts ({start:%Y-%m-%d %H:%M} to "
                           f"{end:%Y-%m-%d %H:%M}).")
    period = t - f
    inside = (incidents.started >= f) & (incidents.started < t)
    cols = {name: getattr(incidents, name)[inside] for name in
            ("started", "detected", "acknowledged", "restored", "resolved")}
    durations = {key: _duration(cols[a], cols[b], text, drop_negative=key == "respond")
                 for key, (a, b, text) in DURATIONS.items()}
    impact = incidents.impact[inside]
    down = impact == 2 if downtime == "outage" else impact >= 1
    restored = ~np.isnan(cols["restored"])
    counted = down & restored
    down_s = union_length(cols["started"][counted], np.minimum(cols["restored"][counted], t))
    uptime = period - down_s
    n_down = int(counted.sum())
    dep_in = (deployments.deployed >= f) & (deployments.deployed < t)
    failed = deployments.failed & dep_in
    n_dep, n_failed = int(dep_in.sum()), int(failed.sum())
    recovery = _duration(deployments.deployed[failed], deployments.recovered[failed],
                         RECOVERY_DEFINITION, drop_negative=True)
    sev = np.bincount(incidents.severity[inside].astype(np.int64) + 1,
                      minlength=len(SEVERITIES) + 1)
    cat = np.bincount(incidents.category[inside].astype(np.int64) + 1,
                      minlength=len(CATEGORIES) + 1)
    return IncidentMetrics(
        start, end, downtime, period / 60.0, int(inside.sum()), durations, down_s / 60.0,
        n_down, int((down & ~restored).sum()), uptime / 60.0 / n_down if n_down else None,
        uptime / period, n_dep, n_failed, n_failed / n_dep if n_dep else None, recovery,
        {s: int(sev[i + 1]) for i, s in enumerate(SEVERITIES)},
        {c: int(cat[i + 1]) for i, c in enumerate(CATEGORIES)})
