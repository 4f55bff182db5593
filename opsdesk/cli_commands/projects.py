"""``opsdesk project``: improvement projects headless (list, show, add, benefit,
export-a3)."""

from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords

METHODOLOGIES = ("PDCA", "DMAIC", "A3", "Kaizen")


def register(sub: Any) -> None:
    project = sub.add_parser(
        "project", help="improvement projects: list, show, add, benefit, export-a3",
        description="Improvement projects (PDCA, DMAIC, A3, Kaizen event) headless. Exit "
        "0: done; 2: a file or argument cannot be used.")
    actions = project.add_subparsers(dest="action", metavar="ACTION", required=True)

    lst = actions.add_parser("list", help="every project, those under way first")
    lst.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(lst)
    lst.add_argument("--json", action="store_true", help='{"projects": [...]} on stdout')
    lst.set_defaults(func=_list)

    show = actions.add_parser("show", help="one project: charter, phase, its gate, actions")
    show.add_argument("workspace", type=Path, metavar="WORKSPACE")
    show.add_argument("project", metavar="PROJECT", help="the project's id or name")
    passwords.add_option(show)
    show.add_argument("--json", action="store_true", help='{"project": {...}} on stdout')
    show.set_defaults(func=_show)

    add = actions.add_parser("add", help="a new project, in its methodology's first phase")
    add.add_argument("workspace", type=Path, metavar="WORKSPACE")
    add.add_argument("name", metavar="NAME")
    passwords.add_option(add)
    add.add_argument("--methodology", choices=METHODOLOGIES, default="DMAIC")
    add.add_argument("--owner", default="", metavar="NAME", help="the project leader")
    add.add_argument("--sponsor", default="", metavar="NAME")
    add.add_argument("--problem", default="", metavar="TEXT", help="the problem statement")
    add.add_argument("--goal", default="", metavar="TEXT", help="the goal statement")
    add.add_argument("--kpi", default="", metavar="NAME", help="the KPI it is to move")
    add.add_argument("--status", choices=("proposed", "active", "on hold"), default="active")
    add.add_argument("--start", metavar="DATE", help="the day it starts (2026-01-05)")
    add.add_argument("--due", metavar="DATE", help="the day it is due")
    add.add_argument("--expected-benefit", type=float, metavar="AMOUNT")
    add.add_argument("--json", action="store_true", help='{"project": ID} on stdout')
    add.set_defaults(func=_add)

    ben = actions.add_parser(
        "benefit", help="a project's benefits per month: list, set one, delete one",
        description="Without --month: the project's benefits per month (hard and soft, "
        "expected and realised) with their totals and the KPI-derived estimate. With "
        "--month and --kind: sets the figures given (an empty one clears it; a benefit may "
        "be negative), or deletes that month's row with --delete; one undoable step.")
    ben.add_argument("workspace", type=Path, metavar="WORKSPACE")
    ben.add_argument("project", metavar="PROJECT", help="the project's id or name")
    passwords.add_option(ben)
    ben.add_argument("--month", metavar="YYYY-MM", help="the month (2026-04)")
    ben.add_argument("--kind", metavar="hard|soft",
                     help="hard: in the accounts; soft: time freed, risk avoided")
    ben.add_argument("--expected", metavar="AMOUNT")
    ben.add_argument("--realised", metavar="AMOUNT")
    ben.add_argument("--note", metavar="TEXT")
    ben.add_argument("--delete", action="store_true", help="delete that month and kind")
    ben.add_argument("--json", action="store_true",
                     help='{"project": ..., "months": [...], "totals": {...}} on stdout')
    ben.set_defaults(func=_benefit)

    a3 = actions.add_parser(
        "export-a3", help="the project's A3 report: one landscape page, as a PDF",
        description="One landscape page: background, current condition, goal, analysis "
        "(fishbone and 5 whys), countermeasures, plan and follow-up (the before/after "
        "verdict with the KPI's staged chart, benefits). Text that does not fit its box is "
        "cut with an ellipsis.")
    a3.add_argument("workspace", type=Path, metavar="WORKSPACE")
    a3.add_argument("project", metavar="PROJECT", help="the project's id or name")
    passwords.add_option(a3)
    a3.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                    help="where to write the PDF")
    a3.add_argument("--paper", choices=("a3", "a4"), default="a3",
                    help="paper size, landscape (default: a3)")
    a3.set_defaults(func=_export_a3)


def _day(text: str | None, option: str) -> date | None:
    from opsdesk.core import ranges
    from opsdesk.core.errors import OpsdeskError

    if text is None:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise OpsdeskError(f"{option} must be a date like 2026-01-05, not {text!r}.") from None
    return ranges.check_date(day, option)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def project_json(s: Any) -> dict[str, Any]:
    p = s.project
    return {"id": p.id, "name": p.name, "methodology": p.methodology, "phase": p.phase,
            "status": p.status, "owner": p.charter.leader,
            "sponsor": ", ".join(p.charter.people("sponsor")), "kpi": s.kpi or None,
            "started_on": _iso(p.started_on), "due_on": _iso(p.due_on),
            "closed_on": _iso(p.closed_on), "progress": p.progress(),
            "expected_benefit": s.expected_benefit, "realised_benefit": s.realised_benefit,
            "actions_open": s.actions_open, "actions_overdue": s.actions_overdue}


def _open(args: argparse.Namespace, read_only: bool = True) -> Any:
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    return Workspace.open(args.workspace, read_only=read_only, password=password)


def _list(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.project_store import list_projects
    from opsdesk.core.kpi.review_date import review_date

    with _open(args) as ws:
        projects = list_projects(ws.conn, review_date(ws.conn))
    if args.json:
        print(json.dumps({"projects": [project_json(s) for s in projects]},
                         ensure_ascii=False))
        return 0
    print(f"{len(projects):,} projects")
    for s in projects:
        p = s.project
        late = f", {s.actions_overdue} overdue" if s.actions_overdue else ""
        print(f"  {p.id:>4}  {p.name[:40]:<40} {p.methodology:<6} {p.phase:<18} "
              f"{p.status:<10} {p.charter.leader or '—'} ({s.actions_open} open actions{late})")
    return 0


def _show(args: argparse.Namespace) -> int:
    from opsdesk.cli_commands.actions import action_json
    from opsdesk.core.improve.action_store import list_actions
    from opsdesk.core.improve.actions import sort_actions
    from opsdesk.core.improve.methodology import DONE, methodology
    from opsdesk.core.improve.project import charter_missing
    from opsdesk.core.improve.project_store import find_project
    from opsdesk.core.kpi.review_date import review_date

    with _open(args) as ws:
        as_of = review_date(ws.conn)
        stored = find_project(ws.conn, args.project, as_of)
        p = stored.project
        actions = sort_actions([a for a in list_actions(ws.conn) if a.source.kind == "project"
                                and a.source.ref == p.id], as_of)
    method = methodology(p.methodology)
    gate = [] if p.phase == DONE else [
        {"id": item.id, "text": item.text, "ticked": item.id in p.ticked_in(p.phase)}
        for item in method.phase(p.phase).gate]
    c = p.charter
    out = {**project_json(stored), "phases": list(method.phase_names), "gate": gate,
           "problem": c.problem, "goal": c.goal, "scope_in": list(c.scope_in),
           "scope_out": list(c.scope_out), "business_case": c.business_case,
           "team": [{"name": m.name, "role": m.role} for m in c.team],
           "milestones": [{"name": m.name, "due": _iso(m.due), "done_on": _iso(m.done_on)}
                          for m in c.milestones],
           "charter_missing": charter_missing(c),
           "actions": [action_json(a, as_of) for a in actions]}
    if args.json:
        print(json.dumps({"project": out}, ensure_ascii=False))
        return 0
    print(f"Project {p.id}: {p.name} ({p.methodology}, {p.phase}, {p.status})")
    for label, value in (("Leader", c.leader), ("Sponsor", out["sponsor"]),
                         ("KPI", stored.kpi), ("Problem", c.problem), ("Goal", c.goal),
                         ("Due", _iso(p.due_on))):
        if value:
            print(f"  {label}: {value}")
    if gate:
        print(f"  Gate of {p.phase}:")
        for item in gate:
            print(f"    [{'x' if item['ticked'] else ' '}] {item['text']}")
    if out["charter_missing"]:
        print(f"  The charter still needs {', '.join(out['charter_missing'])}.")
    print(f"  {len(actions)} actions as of {as_of.isoformat()}")
    for a in actions:
        late = f", {a.days_overdue(as_of)} days overdue" if a.overdue(as_of) else ""
        print(f"    {a.status:<11} {_iso(a.due) or 'no due date'}{late}  {a.owner}: {a.title}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from opsdesk.core.improve.project_commands import AddProject, NewProject

    new = NewProject(args.name, args.methodology, args.owner, args.sponsor, args.problem,
                     args.goal, args.kpi, args.status, _day(args.start, "--start"),
                     _day(args.due, "--due"), args.expected_benefit)
    with _open(args, read_only=False) as ws:
        project_id = ws.execute(AddProject(new)).result
    if args.json:
        print(json.dumps({"project": project_id}))
        return 0
    print(f"Added project {project_id} {' '.join(args.name.split())!r} ({args.methodology}).")
    return 0


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


def _benefit_json(b: Any) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"expected": _finite(b.expected), "realised": _finite(b.realised), "note": b.note}


def benefits_json(stored: Any, b: Any) -> dict[str, Any]:
    t = b.totals
    return {"project": {"id": stored.project.id, "name": stored.project.name},
            "months": [{"month": f"{m.month:%Y-%m}", "hard": _benefit_json(m.hard),
                        "soft": _benefit_json(m.soft), "estimate": _finite(m.estimate)}
                       for m in b.months],
            "totals": {"expected_hard": t.expected_hard, "realised_hard": t.realised_hard,
                       "expected_soft": t.expected_soft, "realised_soft": t.realised_soft,
                       "expected": t.expected, "realised": t.realised,
                       "estimate": _finite(b.estimate_total)},
            "estimate_kind": b.estimate_kind, "estimate_explanation": b.explanation}


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _benefit(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.improve.benefit_commands import DeleteBenefit, SetBenefit
    from opsdesk.core.improve.benefit_store import kind_of, parse_month, project_benefits
    from opsdesk.core.improve.project_store import find_project
    from opsdesk.core.kpi.review_date import review_date

    values = {k: getattr(args, k) for k in ("expected", "realised", "note")
              if getattr(args, k) is not None}
    writing = args.month is not None or args.kind is not None or args.delete or values
    if writing and (args.month is None or args.kind is None):
        raise OpsdeskError("Setting or deleting a benefit needs --month YYYY-MM and --kind "
                           "hard or soft; nothing was changed.")
    if args.delete and values:
        raise OpsdeskError("--delete takes no figures (--expected, --realised, --note); "
                           "nothing was changed.")
    if writing and not args.delete and not values:
        raise OpsdeskError("Give --expected, --realised or --note to set (or --delete); "
                           "nothing was changed.")
    done = ""
    with _open(args, read_only=not writing) as ws:
        as_of = review_date(ws.conn)
        stored = find_project(ws.conn, args.project, as_of)
        if writing:
            month, kind = parse_month(args.month), kind_of(args.kind)
            if args.delete:
                ws.execute(DeleteBenefit(stored.project.id, month, kind,
                                         "Delete benefit"))
                done = f"Deleted the {kind} benefit of {month:%b %Y}."
            else:
                ws.execute(SetBenefit(stored.project.id, month, kind, values, "Set benefit"))
                done = f"Set the {kind} benefit of {month:%b %Y}."
        b = project_benefits(ws.conn, stored.project, as_of)
    if args.json:
        print(json.dumps(benefits_json(stored, b), ensure_ascii=False, allow_nan=False))
        return 0
    if done:
        print(done)
    p = stored.project
    print(f"Benefits of project {p.id}: {p.name} ({len(b.months)} months)")
    est = b.estimate_total is not None
    print(f"  {'month':<9}{'hard exp.':>12}{'hard real.':>12}{'soft exp.':>12}"
          f"{'soft real.':>12}{'KPI est.' if est else '':>12}  note")
    for m in b.months:
        h, s = m.hard, m.soft
        figures = (h.expected if h else None, h.realised if h else None,
                   s.expected if s else None, s.realised if s else None)
        print(f"  {m.month:%Y-%m}  " + "".join(f"{_money(v):>12}" for v in figures) +
              f"{_money(m.estimate) if est else '':>12}  {m.note}")
    t = b.totals
    print(f"  {'total':<9}{_money(t.expected_hard):>12}{_money(t.realised_hard):>12}"
          f"{_money(t.expected_soft):>12}{_money(t.realised_soft):>12}"
          f"{_money(b.estimate_total) if est else '':>12}")
    print(f"  Expected {_money(t.expected)}, realised so far {_money(t.realised)}.")
    print(f"  {b.explanation}")
    return 0


def _export_a3(args: argparse.Namespace) -> int:
    from opsdesk.core.report.a3 import export_a3

    with _open(args) as ws:
        path = export_a3(ws.conn, args.project, args.out, args.paper)
    print(f"Wrote {path}: the A3 of project {args.project!r} on {args.paper.upper()} "
          "(1 page).")
    return 0
