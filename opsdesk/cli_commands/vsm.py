"""``opsdesk vsm``: value streams headless (import a table of steps, metrics, compare)."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    vsm = sub.add_parser("vsm", help="value streams: import a table of steps, metrics, compare",
                         description="Value-stream maps headless. Exit 0: done; 1: the table "
                         "of steps has a problem and nothing was imported; 2: a file or "
                         "argument cannot be used.")
    actions = vsm.add_subparsers(dest="action", metavar="ACTION", required=True)

    imp = actions.add_parser("import", help="a value stream from a table of steps",
                             description="One row per element in flow order: kind "
                             "(supplier, process, inventory, delay, customer), name, "
                             "cycle_time, changeover, uptime, operators, batch, fpy, "
                             "quantity, days. Times as '46 s', '10 min', '1 h' or with the "
                             "unit in the header; uptime and fpy as 85% or 0.85.")
    imp.add_argument("workspace", type=Path, metavar="WORKSPACE")
    imp.add_argument("file", type=Path, metavar="FILE")
    passwords.add_option(imp)
    imp.add_argument("--sheet", metavar="NAME", help="sheet to read (default: the first)")
    imp.add_argument("--name", help="the map's name (default: the file's name)")
    imp.add_argument("--demand", type=float, metavar="N", help="customer demand per --per")
    imp.add_argument("--per", choices=("day", "week", "month"), default="month")
    imp.add_argument("--working-days", type=float, metavar="N",
                     help="working days per --per (default 1 a day, 5 a week, 20 a month)")
    imp.add_argument("--shifts", type=int, default=1, metavar="N", help="shifts a day (1)")
    imp.add_argument("--shift-length", default="8 h", metavar="DURATION",
                     help="length of a shift (8 h)")
    imp.add_argument("--breaks", default="0 min", metavar="DURATION",
                     help="breaks per shift (0 min)")
    imp.add_argument("--json", action="store_true", help="one JSON object on stdout")
    imp.set_defaults(func=_import)

    met = actions.add_parser("metrics", help="a value stream's metrics, with their conventions")
    met.add_argument("workspace", type=Path, metavar="WORKSPACE")
    met.add_argument("map", metavar="MAP", help="the value stream's id or name")
    passwords.add_option(met)
    met.add_argument("--inventory-method", choices=("demand", "next-step", "minitab"),
                     help="inventory days: quantity ÷ daily demand (Learning to See), "
                     "quantity × next step's cycle time, or Minitab Workspace's quantity × "
                     "takt (default: the map's own convention, as set on its page; else "
                     "demand)")
    met.add_argument("--lead-time-includes-processing", action="store_true", default=None,
                     help="add the processing time to the lead time, as eVSM does")
    met.add_argument("--day-basis", choices=("calendar", "available"),
                     help="a lead-time day for PCE: 24 h, or the day's available time "
                     "(default: the map's own; else calendar)")
    met.add_argument("--json", action="store_true", help="one JSON object on stdout")
    met.set_defaults(func=_metrics)

    cmp = actions.add_parser("compare", help="current against future state, side by side")
    cmp.add_argument("workspace", type=Path, metavar="WORKSPACE")
    cmp.add_argument("current", metavar="CURRENT")
    cmp.add_argument("future", metavar="FUTURE")
    passwords.add_option(cmp)
    cmp.add_argument("--json", action="store_true", help="one JSON object on stdout")
    cmp.set_defaults(func=_compare)

    lnk = actions.add_parser("link", help="feed a data-box field from a KPI",
                             description="The field then shows the KPI's latest completed "
                             "period (as the scorecard judges it) on the map, in its metrics "
                             "and in the review; the typed value stays for when the KPI has "
                             "none. A process can feed cycle_time, changeover, uptime and "
                             "fpy; an inventory quantity and days.")
    lnk.add_argument("workspace", type=Path, metavar="WORKSPACE")
    lnk.add_argument("map", metavar="MAP", help="the value stream's id or name")
    lnk.add_argument("element", metavar="ELEMENT", help="the process or inventory, by name")
    lnk.add_argument("field", choices=("cycle_time", "changeover", "uptime", "fpy",
                                       "quantity", "days"), metavar="FIELD")
    lnk.add_argument("kpi", nargs="?", metavar="KPI", help="the KPI's name (omit with --clear)")
    lnk.add_argument("--clear", action="store_true", help="type the field again")
    passwords.add_option(lnk)
    lnk.set_defaults(func=_link)

    from opsdesk.cli_commands import vsm_bursts

    vsm_bursts.register(actions)


def _finite(value: Any) -> Any:
    """Strict JSON: a non-finite number (a step with no capacity) is null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _print(obj: dict[str, Any]) -> None:
    print(json.dumps(_finite(obj), ensure_ascii=False, allow_nan=False))


def _demand(args: argparse.Namespace) -> Any:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.maps.vsm_demand import demand_problem
    from opsdesk.core.maps.vsm_model import Demand
    from opsdesk.core.maps.vsm_table import duration_s

    if args.demand is None:
        return None
    days = args.working_days
    if days is None:
        days = {"day": 1.0, "week": 5.0, "month": 20.0}[args.per]
    demand = Demand(args.demand, args.per, days, args.shifts, duration_s(args.shift_length),
                    duration_s(args.breaks))
    problem = demand_problem(demand)
    if problem is not None:
        raise OpsdeskError(f"{problem} Nothing was imported.")
    return demand


def _import(args: argparse.Namespace) -> int:
    import sys

    from opsdesk.core.maps.vsm_commands import ImportValueStream
    from opsdesk.core.maps.vsm_table import TableProblem, read_steps
    from opsdesk.core.workspace import Workspace

    demand = _demand(args)
    try:
        table = read_steps(args.file, args.name, demand, args.sheet)
    except TableProblem as problem:
        print(f"opsdesk: {problem}", file=sys.stderr)
        return 1
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        map_id = ws.execute(ImportValueStream(table.stream)).result
    if args.json:
        _print({"map": map_id, "steps": table.steps, "inventories": table.inventories,
                "warnings": table.warnings})
        return 0
    print(f"Imported value stream {map_id} {table.stream.name!r}: {table.steps} steps, "
          f"{table.inventories} inventories and delays.")
    for warning in table.warnings:
        print(f"  warning: {warning}")
    return 0


def _view(ws: Any, text: str, args: argparse.Namespace | None = None) -> Any:
    """The value stream ``text`` names, with its KPI-fed values, by its own conventions
    save those the command line gives."""
    from opsdesk.core.maps.vsm_metrics import VsmSettings
    from opsdesk.core.maps.vsm_store import find_stream, load_stream
    from opsdesk.core.maps.vsm_view import stream_view

    map_id = find_stream(ws.conn, text)
    own = load_stream(ws.conn, map_id).settings
    settings = own if args is None else VsmSettings(
        args.inventory_method or own.inventory_method,
        own.lead_time_includes_processing if args.lead_time_includes_processing is None
        else True,
        args.day_basis or own.day_basis)
    return stream_view(ws.conn, map_id, settings)


def _metrics(args: argparse.Namespace) -> int:
    from opsdesk.core.maps.vsm_json import metrics_json
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        view = _view(ws, args.map, args)
    stored, m = view.stored, view.metrics
    if args.json:
        _print(metrics_json(stored.map_id, m))
        return 0
    for line in _metric_lines(stored.stream.name, m):
        print(line)
    return 0


def _num(value: float | None, spec: str = ",.6g", suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def _metric_lines(name: str, m: Any) -> list[str]:
    s = m.settings
    lines = [f"Value stream {name!r}",
             f"  takt {_num(m.takt_s)} s; daily demand {_num(m.daily_demand)}; available "
             f"{_num(m.available_s_per_shift)} s a shift",
             f"  lead time {_num(m.lead_time_days, '.2f')} days"
             f"{' (with processing time)' if s.lead_time_includes_processing else ''}; "
             f"processing {_num(m.processing_time_s)} s; PCE {_num(m.pce, '.4%')} "
             f"({s.day_basis} day)",
             f"  rolled yield {_num(m.rolled_yield, '.1%')}; operators needed "
             f"{_num(m.operators_needed, '.2f')}; inventory days by {s.inventory_method}",
             f"  {'step':<24}{'C/T s':>8}{'C/O s':>8}{'uptime':>8}{'cap/shift':>11}"
             f"{'util':>8}"]
    for st in m.steps:
        mark = "  constraint" if st.constraint else ""
        lines.append(f"  {st.name[:23]:<24}{_num(st.cycle_time_s):>8}{st.changeover_s:>8g}"
                     f"{st.uptime:>8.0%}{_num(st.capacity_per_shift, '.1f'):>11}"
                     f"{_num(st.utilisation, '.0%'):>8}{mark}")
    for inv in m.inventories:
        lines.append(f"  inventory before {inv.before}: {_num(inv.quantity)} units, "
                     f"{_num(inv.days, '.2f')} days")
    lines += [f"  warning: {w}" for w in m.warnings]
    return lines


def _compare(args: argparse.Namespace) -> int:
    from opsdesk.core.maps.vsm_compare import compare, compare_json
    from opsdesk.core.workspace import Workspace

    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        now, then = _view(ws, args.current), _view(ws, args.future)
    rows = compare(now.metrics, then.metrics)
    current, future = now.stored, then.stored
    if args.json:
        _print(compare_json(current.stream.name, future.stream.name, rows))
        return 0
    print(f"{'':<30}{current.stream.name[:18]:>20}{future.stream.name[:18]:>20}{'change':>12}")
    for r in rows:
        change = "" if r.change_fraction is None else f"{r.change_fraction:+.0%}"
        spec = ".4%" if r.key in ("pce", "rolled_yield") else ",.6g"
        print(f"{r.label:<30}{_num(r.current, spec):>20}{_num(r.future, spec):>20}"
              f"{change:>12}")
    return 0


def _link(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.kpi.definitions import kpi_by_name
    from opsdesk.core.maps.vsm_commands import SetElement
    from opsdesk.core.maps.vsm_edits import relinked
    from opsdesk.core.maps.vsm_links import walk
    from opsdesk.core.maps.vsm_model import Inventory, Process
    from opsdesk.core.maps.vsm_store import find_stream, load_stream
    from opsdesk.core.workspace import Workspace

    if (args.kpi is None) != args.clear:
        raise OpsdeskError("Name the KPI to feed the field, or give --clear; nothing was "
                           "changed.")
    field = {"cycle_time": "cycle_time_s", "changeover": "changeover_s"}.get(args.field,
                                                                              args.field)
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, password=password) as ws:
        stored = load_stream(ws.conn, find_stream(ws.conn, args.map))
        named = [(k, e) for k, e in zip(stored.keys, walk(stored.stream.flow), strict=False)
                 if isinstance(e, (Process, Inventory))
                 and e.name.casefold() == args.element.strip().casefold()]
        if len(named) != 1:
            known = ", ".join(e.name for e in walk(stored.stream.flow)
                              if isinstance(e, (Process, Inventory)) and e.name)
            how_many = "more than one" if named else "no"
            raise OpsdeskError(f"{stored.stream.name!r} has {how_many} process or inventory "
                               f"named {args.element!r} ({known}); nothing was changed.")
        key, element = named[0]
        kpi = None if args.clear else kpi_by_name(ws.conn, args.kpi)
        new = relinked(element, field, None if kpi is None else kpi.id)
        ws.execute(SetElement(stored.map_id, key, new, f"Link {element.name}'s {args.field}"))
    if kpi is None:
        print(f"{element.name}'s {args.field} is typed again.")
    else:
        print(f"{element.name}'s {args.field} is fed by {kpi.name!r}.")
    return 0
