"""``opsdesk incident``: AI/ML incidents headless (import an export, list, metrics, write the
post-incident review and export it as a PDF)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords

SOURCES = ("auto", "opsdesk", "servicenow", "jira", "pagerduty", "opsgenie")
# review-edit's text options: (option, the review's field, help)
REVIEW_OPTIONS = (
    ("--summary", "summary", "what happened, in a few sentences (the incident's summary)"),
    ("--impact", "impact", "who and what it affected, and how much (the incident's impact)"),
    ("--owner", "owner", "who owns the incident (stored as the people directory spells "
     "them)"),
    ("--facilitator", "facilitator", "who facilitated the review"),
    ("--held-on", "held_on", "the day the review was held ('' for not held yet)"),
    ("--went-well", "went_well", "what went well"),
    ("--went-wrong", "went_wrong", "what went badly"),
    ("--where-lucky", "where_lucky", "where the team was lucky"),
    ("--contributing", "contributing_factors", "the contributing factors"),
    ("--lessons", "lessons", "the lessons learned"),
    ("--retraining", "retraining", "the feedback into the model's retraining schedule"))


def register(sub: Any) -> None:
    incident = sub.add_parser(
        "incident", help="AI/ML incidents: import an export, list, metrics, review",
        description="Incidents and deployments headless. Times are UTC. Exit 0: done; 1: "
        "the file has problems and nothing was imported; 2: a file or argument cannot be "
        "used.")
    actions = incident.add_subparsers(dest="action", metavar="ACTION", required=True)

    imp = actions.add_parser(
        "import", help="incidents or deployments from an export, all or nothing, by id",
        description="Reads opsdesk's own columns or the usual columns of ServiceNow, Jira "
        "Service Management, PagerDuty and Opsgenie exports. An id the workspace holds "
        "already is updated (only the fields the file gives), never added twice. Any "
        "problem in any row refuses the whole file.")
    imp.add_argument("workspace", type=Path, metavar="WORKSPACE")
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    passwords.add_option(imp)
    imp.add_argument("--kind", choices=("incidents", "deployments"), default="incidents")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help="the column holding a field (repeat), e.g. --map started=Opened")
    imp.add_argument("--source", choices=SOURCES, default="auto",
                     help="whose columns the file has (default: found from its header)")
    imp.add_argument("--sheet", metavar="NAME", help="sheet of a workbook (default: first)")
    imp.add_argument("--date-order", choices=("dmy", "mdy"),
                     help="how to read dates such as 03/04/2026: day-first or month-first")
    imp.add_argument("--json", action="store_true", help="one JSON object on stdout")
    imp.set_defaults(func=_import)

    lst = actions.add_parser("list", help="the incidents that started in a period")
    lst.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(lst)
    lst.add_argument("--from", dest="start", metavar="DATE", help="from (inclusive)")
    lst.add_argument("--to", dest="end", metavar="DATE", help="to (exclusive)")
    lst.add_argument("--json", action="store_true", help='{"incidents": [...]} on stdout')
    lst.set_defaults(func=_list)

    met = actions.add_parser(
        "metrics", help="MTTD, MTTA, restore, respond, resolve, MTBF, availability, DORA",
        description="Metrics of the incidents that started in [--from, --to) and the "
        "deployments made in it, each with its definition. An incident missing a time is "
        "left out of the metrics that need it (counted as excluded).")
    met.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(met)
    met.add_argument("--from", dest="start", metavar="DATE", required=True,
                     help="the period's start, inclusive (2026-01-01 or 2026-01-01T06:00)")
    met.add_argument("--to", dest="end", metavar="DATE", required=True,
                     help="the period's end, exclusive")
    met.add_argument("--downtime", choices=("outage", "degraded"), default="outage",
                     help="which impact is downtime: outage only (default), or outage and "
                     "degraded")
    met.add_argument("--json", action="store_true", help="one JSON object on stdout")
    met.set_defaults(func=_metrics)

    rev = actions.add_parser(
        "review", help="the blameless post-incident review of one incident, as a PDF",
        description="The incident's facts, times and derived durations, summary, impact, "
        "timeline, root causes and five whys, what went well and wrong, lessons, and the "
        "action items with their status.")
    rev.add_argument("workspace", type=Path, metavar="WORKSPACE")
    rev.add_argument("incident", metavar="ID", help="the incident's id (INC-2110) or row")
    passwords.add_option(rev)
    rev.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                     help="where to write the PDF")
    rev.set_defaults(func=_review)

    edit = actions.add_parser(
        "review-edit", help="write the post-incident review of one incident",
        description="Writes the blameless review of an incident: only the options given "
        "change, so a review can be filled in over several runs. --timeline-entry (repeat) "
        "replaces the whole timeline; --held-on '' marks it not held yet. With "
        "--retrain-due the retraining feedback also becomes a due action of the incident "
        "(\"Retrain <model>: ...\"), unless an open \"Retrain\" action tracks it already. "
        "One undoable step, in the audit trail.")
    edit.add_argument("workspace", type=Path, metavar="WORKSPACE")
    edit.add_argument("incident", metavar="ID", help="the incident's id (INC-2110) or row")
    passwords.add_option(edit)
    for option, dest, what in REVIEW_OPTIONS:
        metavar = {"held_on": "DATE", "owner": "NAME", "facilitator": "NAME"}.get(dest, "TEXT")
        edit.add_argument(option, dest=dest, metavar=metavar, help=what)
    edit.add_argument("--timeline-entry", dest="timeline", action="append", metavar="AT|WHAT",
                      help="one entry of the timeline, e.g. '10:20|Freshness alert fires' "
                      "(repeat, in order; replaces the timeline)")
    edit.add_argument("--retrain-due", metavar="DATE",
                      help="add the due action to retrain the model, due on DATE")
    edit.add_argument("--json", action="store_true", help="one JSON object on stdout")
    edit.set_defaults(func=_review_edit)

    alert = actions.add_parser(
        "from-alert", help="open an incident filled in from an alert on a KPI",
        description="Opens an incident from alert ALERT: linked to its KPI, detected by the "
        "alert when it was raised, titled with its message. Without ALERT, lists the open "
        "alerts with their ids.")
    alert.add_argument("workspace", type=Path, metavar="WORKSPACE")
    alert.add_argument("alert", type=int, metavar="ALERT", nargs="?")
    passwords.add_option(alert)
    alert.add_argument("--json", action="store_true", help="one JSON object on stdout")
    alert.set_defaults(func=_from_alert)

    from opsdesk.core.improve.incident_kpis import NAMES

    track = actions.add_parser(
        "track", help="a KPI computed from the incidents (a count or a mean time)",
        description="Adds a KPI whose values are computed from the incidents and kept "
        "up to date with them: 'incidents' counts those that started in each period (a c "
        "chart's counts, zeros included); a duration (mttd, mtta, restore, respond, "
        "resolve) is one value per incident, in minutes, averaged per period.")
    track.add_argument("workspace", type=Path, metavar="WORKSPACE")
    track.add_argument("metric", choices=tuple(NAMES), metavar="METRIC",
                       help=f"one of {', '.join(NAMES)}")
    passwords.add_option(track)
    track.add_argument("--service", default="", help="one service's incidents (default: all)")
    track.add_argument("--frequency", choices=("daily", "weekly", "monthly", "quarterly"),
                       help="the KPI's period (default: weekly counts, monthly times)")
    track.add_argument("--name", help="the KPI's name (default: the metric's, and service)")
    track.add_argument("--json", action="store_true", help="one JSON object on stdout")
    track.set_defaults(func=_track)


def parse_moment(text: str, option: str) -> datetime:
    """A date (midnight) or an ISO time; with an offset it is turned into UTC."""
    from opsdesk.core.errors import OpsdeskError

    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime(day.year, day.month, day.day)
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise OpsdeskError(f"{option} must be a date like 2026-01-01 or a UTC time like "
                           f"2026-01-01T06:00, not {text!r}.") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _print(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False, allow_nan=False))


def _import(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.incident_commands import ImportIncidents
    from opsdesk.core.improve.incident_import import (
        ImportRefused,
        parse_map,
        read_incident_file,
    )
    from opsdesk.core.workspace import Workspace

    overrides = parse_map(args.map, args.kind)
    try:
        read = read_incident_file(args.file, args.kind, args.source, overrides, args.sheet,
                                  args.date_order)
    except ImportRefused as refused:
        if args.json:
            _print({"file": args.file.name, "kind": args.kind, "imported": False,
                    "error": str(refused), "problem_count": len(refused.problems),
                    "problems": [p.as_dict() for p in refused.problems[:100]]})
        print(f"opsdesk: {refused}", file=sys.stderr)
        return 1
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        summary = ws.execute(ImportIncidents.from_file(read)).result
    if args.json:
        _print({"file": args.file.name, "kind": read.kind, "imported": True,
                "source": read.source, "columns": dict(read.columns),
                "rows": len(read.rows), **summary.as_dict(), "notes": list(read.notes)})
        return 0
    if read.kind == "incidents":
        added, updated = summary.incidents_added, summary.incidents_updated
    else:
        added, updated = summary.deployments_added, summary.deployments_updated
    print(f"Imported {len(read.rows):,} {read.kind} from {args.file.name} ({read.source} "
          f"columns): {added:,} added, {updated:,} updated, {summary.unchanged:,} unchanged.")
    for note in read.notes:
        print(f"  note: {note}")
    return 0


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def incident_json(stored: Any) -> dict[str, Any]:
    i = stored.incident
    return {"id": i.key, "row": stored.id, "title": i.title, "service": i.service,
            "category": i.category, "severity": i.severity,
            "availability_impact": i.availability_impact, "status": stored.status,
            **{name: _time(i.time(name)) for name in ("started", "detected", "acknowledged",
                                                      "restored", "resolved", "closed")},
            "detection_source": i.detection_source, "model": i.model,
            "model_version": i.model_version, "caused_by_deployment": i.caused_by_deployment,
            "owner": i.owner}


def _list(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.improve.incident_store import list_incidents
    from opsdesk.core.workspace import Workspace

    start = parse_moment(args.start, "--from") if args.start else None
    end = parse_moment(args.end, "--to") if args.end else None
    if start and end and not end > start:
        raise OpsdeskError("--to must come after --from.")
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        stored = list_incidents(ws.conn, start, end)
    if args.json:
        _print({"incidents": [incident_json(s) for s in stored]})
        return 0
    print(f"{len(stored):,} incidents")
    for s in stored:
        i = s.incident
        print(f"  {i.key:<14} {i.started:%Y-%m-%d %H:%M}  {i.severity}  "
              f"{i.availability_impact:<8}  {s.status:<9}  {i.service[:18]:<18}  {i.title}")
    return 0


def _metrics(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.incident_metrics import (
        CFR_DEFINITION,
        MTBF_DEFINITION,
        incident_metrics,
        minutes_text,
    )
    from opsdesk.core.improve.incident_store import metric_columns
    from opsdesk.core.workspace import Workspace

    start, end = parse_moment(args.start, "--from"), parse_moment(args.end, "--to")
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        incidents, deployments = metric_columns(ws.conn, start, end)
    m = incident_metrics(incidents, deployments, start, end, args.downtime)
    if args.json:
        _print(m.as_json())
        return 0
    print(f"Incidents from {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC: "
          f"{m.incidents:,}")
    for key, d in m.durations.items():
        left = f", {d.excluded} left out" if d.excluded else ""
        print(f"  {key:<8} mean {minutes_text(d.mean_min)}, median {minutes_text(d.median_min)} "
              f"(n {d.n}{left})  {d.definition}")
    counts = "outage" if args.downtime == "outage" else "outage and degraded"
    print(f"  downtime {minutes_text(m.downtime_min)} ({counts}, {m.downtime_incidents} "
          f"incidents); availability {m.availability:.4%}")
    print(f"  MTBF {minutes_text(m.mtbf_min)}  {MTBF_DEFINITION}")
    cfr = "—" if m.change_failure_rate is None else f"{m.change_failure_rate:.1%}"
    print(f"  change failure rate {cfr} ({m.failed_deployments} of {m.deployments} "
          f"deployments)  {CFR_DEFINITION}")
    print("  by severity: " + ", ".join(f"{k} {v}" for k, v in m.by_severity.items()))
    print("  by category: " + ", ".join(f"{k} {v}" for k, v in m.by_category.items() if v))
    return 0


def _review(args: argparse.Namespace) -> int:
    from opsdesk.core.report.incident_review import export_incident_review
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        path, pages = export_incident_review(ws.conn, args.incident, args.out)
    print(f"Wrote {path}: the post-incident review of {args.incident} "
          f"({pages} page{'s' if pages != 1 else ''}).")
    return 0


def _timeline(entries: list[str]) -> list[tuple[str, str]]:
    from opsdesk.core.errors import OpsdeskError

    out = []
    for entry in entries:
        at, bar, what = entry.partition("|")
        if not bar:
            raise OpsdeskError(f"--timeline-entry takes AT|WHAT, e.g. '10:20|Alert fires', "
                               f"not {entry!r}.")
        out.append((at.strip(), what.strip()))
    return out


def _review_edit(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.improve.incident_review_store import open_retraining_action
    from opsdesk.core.improve.incident_store import find_incident
    from opsdesk.core.improve.review_commands import SaveReview
    from opsdesk.core.workspace import Workspace

    fields: dict[str, Any] = {dest: getattr(args, dest) for _o, dest, _h in REVIEW_OPTIONS
                              if getattr(args, dest) is not None}
    if args.timeline is not None:
        fields["timeline"] = _timeline(args.timeline)
    due = None
    if args.retrain_due is not None:
        try:
            due = date.fromisoformat(args.retrain_due.strip())
        except ValueError:
            raise OpsdeskError(f"--retrain-due must be a date like 2026-11-01, not "
                               f"{args.retrain_due!r}.") from None
    if not fields and due is None:
        raise OpsdeskError("Give at least one part of the review to write, e.g. --lessons "
                           "TEXT (see opsdesk incident review-edit --help).")
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        stored = find_incident(ws.conn, args.incident)
        applied = ws.execute(SaveReview(stored.id, fields, due,
                                        f"Edit the review of {stored.incident.key}"))
        tracking = open_retraining_action(ws.conn, stored.id) if due else None
    added = applied.result.retraining_action
    if args.json:
        _print({"incident": stored.incident.key, "review_id": applied.result.review_id,
                "changed": bool(applied.changes), "retraining_action": added,
                "retraining_action_title": tracking.title if tracking else None})
        return 0
    key = stored.incident.key
    if not applied.changes:
        print(f"The post-incident review of {key} already says that; nothing was changed.")
    else:
        print(f"Saved the post-incident review of {key}.")
    if tracking is not None and added is not None:
        print(f"Added the due action {tracking.title!r} (due {due}).")
    elif tracking is not None:
        print(f"The open action {tracking.title!r} tracks the retraining already; no "
              "second one was added.")
    return 0


def _from_alert(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.incident_from_alert import IncidentFromAlert
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    if args.alert is None:
        from opsdesk.core.kpi.alerts import open_alerts

        with Workspace.open(args.workspace, password=password, read_only=True) as ws:
            alerts = open_alerts(ws.conn)
        if args.json:
            _print({"alerts": [{k: a[k] for k in ("id", "kpi", "kind", "period", "message")}
                               for a in alerts]})
        else:
            for a in alerts:
                print(f"{a['id']:>5}  {a['kpi']}: {a['message']} ({a['period']})")
            if not alerts:
                print("No open alerts.")
        return 0
    with Workspace.open(args.workspace, password=password) as ws:
        incident_id = ws.execute(IncidentFromAlert(args.alert)).result
        title, category = ws.conn.execute("SELECT title, category FROM incidents WHERE id = ?",
                                          (incident_id,)).fetchone()
    if args.json:
        _print({"incident_id": incident_id, "title": title, "category": category})
    else:
        print(f"Opened incident {incident_id} ({category}): {title}")
    return 0


def _track(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.incident_kpis import Source
    from opsdesk.core.kpi.commands import AddKpi
    from opsdesk.core.workspace import Workspace

    source = Source(args.metric, args.service.strip())
    values = source.kpi_values()
    values.update({k: v for k, v in (("frequency", args.frequency), ("name", args.name))
                   if v})
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        kpi_id = ws.execute(AddKpi(values, title="Track an incident metric")).result
        count = ws.scalar("SELECT count(*) FROM observations WHERE kpi_id = ?", (kpi_id,))
    if args.json:
        _print({"kpi_id": kpi_id, "name": values["name"], "metric": source.metric,
                "service": source.service, "frequency": values["frequency"],
                "observations": count})
    else:
        print(f"Added the KPI {values['name']!r} ({values['frequency']}), computed from the "
              f"incidents: {count:,} values so far, kept up to date as incidents change.")
    return 0
