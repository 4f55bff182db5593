"""Incidents of the review period: their metrics, each with its definition, and counts.

The period is the review's, from the first day 00:00 to the day after the last, UTC; an
incident belongs to the period it started in, a deployment to the one it was made in
(``improve.incident_metrics``). Downtime counts outage only, as ``opsdesk incident
metrics`` does by default.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from reportlab.platypus import Spacer

from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table

LISTED = 60  # the newest incidents listed; the counts cover them all


def _minutes(value: float | None) -> str:
    from opsdesk.core.report.incident_review import minutes_text

    return "–" if value is None else minutes_text(value)


def build(ctx: BuildContext) -> list[Any] | None:
    from opsdesk.core.improve.incident_metrics import (
        CFR_DEFINITION,
        MTBF_DEFINITION,
        incident_metrics,
    )
    from opsdesk.core.improve.incident_store import list_incidents, metric_columns

    start = datetime(ctx.start.year, ctx.start.month, ctx.start.day)
    end = datetime(ctx.end.year, ctx.end.month, ctx.end.day) + timedelta(days=1)
    incidents, deployments = metric_columns(ctx.conn, start, end)
    if not len(incidents) and not len(deployments):
        return None
    m = incident_metrics(incidents, deployments, start, end)
    w = ctx.width
    out: list[Any] = [ctx.section_heading(TITLES["incidents"])]
    made = f"{m.deployments} deployment{'' if m.deployments == 1 else 's'} " \
        f"{'was' if m.deployments == 1 else 'were'} made"
    out.append(ctx.p(f"{m.incidents} incident{'' if m.incidents == 1 else 's'} started and "
                     f"{made} from {ctx.start.isoformat()} to {ctx.end.isoformat()} (UTC). An "
                     "incident missing a time is left out of the metrics that need it, and "
                     "counted as left out."))
    rows = []
    names = {"mttd": "MTTD", "mtta": "MTTA", "restore": "Time to restore",
             "respond": "Time to respond", "resolve": "Time to resolve"}
    for key, d in m.durations.items():
        rows.append([cell(names[key]), cell(_minutes(d.mean_min), "right"),
                     cell(_minutes(d.median_min), "right"), cell(str(d.n), "right"),
                     cell(str(d.excluded), "right"), cell(d.definition)])
    r = m.recovery
    rows.append([cell("Failed-deployment recovery"), cell(_minutes(r.mean_min), "right"),
                 cell(_minutes(r.median_min), "right"), cell(str(r.n), "right"),
                 cell(str(r.excluded), "right"), cell(r.definition)])
    out.append(ctx.sub_heading("Incident metrics"))
    out.append(data_table(["Metric", "Mean", "Median", "n", "Left out", "Definition"], rows,
                          [w * f for f in (0.2, 0.13, 0.13, 0.06, 0.08, 0.4)],
                          ["left", "right", "right", "right", "right", "left"]))
    cfr = "–" if m.change_failure_rate is None else f"{m.change_failure_rate:.1%}"
    overall = [
        [cell("Availability"), cell(f"{m.availability:.3%}", "right"),
         cell(f"Uptime ÷ the period; downtime {_minutes(m.downtime_min)} over "
              f"{m.downtime_incidents} outage incidents (overlaps counted once)"
              + (f", {m.downtime_excluded} left out without a restore time"
                 if m.downtime_excluded else ""))],
        [cell("MTBF"), cell(_minutes(m.mtbf_min), "right"), cell(MTBF_DEFINITION)],
        [cell("Change failure rate"), cell(cfr, "right"),
         cell(f"{CFR_DEFINITION} ({m.failed_deployments} of {m.deployments})")]]
    out.append(Spacer(1, 8))
    out.append(data_table(["Measure", "Value", "Definition"], overall,
                          [w * 0.2, w * 0.14, w * 0.66], ["left", "right", "left"]))
    out.append(ctx.sub_heading("Counts by severity and category"))
    severity = [[cell(k), cell(str(v), "right")] for k, v in m.by_severity.items()]
    category = [[cell(k), cell(str(v), "right")] for k, v in m.by_category.items() if v]
    for head, rows in (("Severity", severity), ("Category", category)):
        if rows:
            table = data_table([head, "Incidents"], rows, [w * 0.3, w * 0.15],
                               ["left", "right"])
            table.hAlign = "LEFT"
            out += [table, Spacer(1, 8)]
    listed = list_incidents(ctx.conn, start, end)
    if listed:
        out.append(ctx.sub_heading("Incidents"))
        shown = listed[-LISTED:]
        rows = [[cell(s.incident.key), cell(f"{s.incident.started:%Y-%m-%d %H:%M}"),
                 cell(s.incident.severity), cell(s.incident.category),
                 cell(s.incident.service or "–"), cell(s.incident.title), cell(s.status)]
                for s in shown]
        out.append(data_table(["Id", "Started (UTC)", "Severity", "Category", "Service",
                               "Title", "Status"], rows,
                              [w * f for f in (0.1, 0.14, 0.08, 0.14, 0.13, 0.29, 0.12)]))
        if len(listed) > LISTED:
            out.append(ctx.m(f"The {LISTED} newest of {len(listed)} incidents.", "note"))
    return out


register(Section("incidents", TITLES["incidents"], "", build))
