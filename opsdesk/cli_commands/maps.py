"""``opsdesk map``: list, import, export, analyse and simulate process maps, headless.

``MAP`` is a map's id (what ``map import`` prints as ``"map"``) or its name. Exit codes:
0 done; 1 the answer is no (``analyse``: the map has structural problems; ``simulate``:
some cases never end); 2 bad input (a malformed BPMN file is refused with one sentence
naming the element, and nothing is written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    top = sub.add_parser("map", help="process maps: list, import and export BPMN, analyse, "
                         "simulate")
    verbs = top.add_subparsers(dest="map_command", metavar="VERB", required=True,
                               parser_class=type(top))

    listing = verbs.add_parser("list", help="the process maps in a workspace")
    _workspace(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)

    imp = verbs.add_parser("import", help="import a BPMN 2.0 file as a new map")
    _workspace(imp)
    imp.add_argument("file", type=Path, metavar="FILE.bpmn")
    imp.add_argument("--name", metavar="NAME", help="the map's name (default: the file's)")
    imp.add_argument("--json", action="store_true", help="print JSON: the map's id and counts")
    imp.set_defaults(func=run_import)

    exp = verbs.add_parser("export", help="write a map as BPMN 2.0, SVG, PNG or PDF")
    _workspace(exp)
    exp.add_argument("map", metavar="MAP", help="the map's id or name")
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.{bpmn,svg,png,pdf}")
    exp.set_defaults(func=run_export)

    analyse = verbs.add_parser("analyse", aliases=["analyze"], help="handoffs, loops, "
                               "structural problems, lead time, PCE, cost, critical path")
    _workspace(analyse)
    analyse.add_argument("map", metavar="MAP", help="the map's id or name")
    analyse.add_argument("--json", action="store_true", help="print JSON")
    analyse.set_defaults(func=run_analyse)

    sim = verbs.add_parser("simulate", help="seeded cases through the map: lead-time "
                           "percentiles")
    _workspace(sim)
    sim.add_argument("map", metavar="MAP", help="the map's id or name")
    sim.add_argument("--cases", type=int, default=10_000, metavar="N",
                     help="how many cases (default 10000)")
    sim.add_argument("--seed", type=int, default=0, metavar="S", help="random seed "
                     "(default 0): the same seed gives the same cases")
    sim.add_argument("--json", action="store_true", help="print JSON")
    sim.set_defaults(func=run_simulate)


def _workspace(parser: Any) -> None:
    parser.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(parser)


def _open(args: argparse.Namespace, write: bool = False) -> Any:
    from opsdesk.core.workspace import Workspace

    return Workspace.open(args.workspace, read_only=not write,
                          password=passwords.source(args, args.workspace))


def _json(payload: dict[str, Any]) -> None:
    from opsdesk.core.json_text import json_text

    print(json_text(payload))


def run_list(args: argparse.Namespace) -> int:
    from opsdesk.core.maps.store import list_maps

    with _open(args) as ws:
        maps = list_maps(ws.conn)
    if args.json:
        print_maps = [{"map": m.id, "key": m.key, "name": m.name, "steps": m.steps,
                       "flows": m.flows, "lanes": m.lanes, "updated_at": m.updated_at}
                      for m in maps]
        _json({"maps": print_maps})
        return 0
    if not maps:
        print("No process maps.")
    for m in maps:
        print(f"{m.id:>4}  {m.name}  ({m.steps} steps, {m.flows} flows, {m.lanes} lanes)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from opsdesk.core.maps.bpmn_import import read_bpmn
    from opsdesk.core.maps.commands import ImportMap
    from opsdesk.core.maps.import_summary import import_summary

    imported = read_bpmn(args.file, name=args.name)  # refused before the workspace opens
    with _open(args, write=True) as ws:
        map_id = ws.execute(ImportMap(imported.map, f"Import {args.file.name}")).result
    summary = import_summary(imported, map_id)
    if args.json:
        _json(summary)
        return 0
    print(f"Imported {imported.map.name!r} as map {map_id}: {summary['tasks']} tasks, "
          f"{summary['subprocesses']} sub-processes, {summary['events']} events, "
          f"{summary['gateways']} gateways, {summary['sequence_flows']} sequence flows, "
          f"{summary['message_flows']} message flows, {summary['lanes']} lanes, "
          f"{summary['pools']} pools.")
    for warning in imported.warnings:
        print(f"opsdesk: warning: {warning}", file=sys.stderr)
    return 0


def _load(args: argparse.Namespace) -> tuple[int, Any]:
    """The map MAP names, its KPI-linked steps timed from their KPIs (what the numbers
    use)."""
    from opsdesk.core.maps.linked_times import with_kpi_times
    from opsdesk.core.maps.store import find_map, load_map

    with _open(args) as ws:
        map_id = find_map(ws.conn, args.map)
        return map_id, with_kpi_times(ws.conn, load_map(ws.conn, map_id))


def run_export(args: argparse.Namespace) -> int:
    from opsdesk.core import output_file
    from opsdesk.core.maps.map_file import export_kind, export_map, find_any_map

    out = Path(args.out)
    export_kind(out)
    output_file.check_target(out, "map")  # refused before the workspace opens
    with _open(args) as ws:
        export_map(ws.conn, find_any_map(ws.conn, args.map), out)
    print(f"Wrote {out}.")
    return 0


def run_analyse(args: argparse.Namespace) -> int:
    from opsdesk.core.maps.analysis import analysis_json

    map_id, pmap = _load(args)
    result = analysis_json(pmap, map_id)
    problems = bool(result["unreachable"] or result["dead_ends"] or result["gateway_problems"])
    if args.json:
        _json(result)
        return 1 if problems else 0
    unit = result["time_unit"]
    print(f"{pmap.name}: {result['steps']} steps, {result['handoffs']['count']} handoffs, "
          f"{len(result['loops'])} loops.")
    for loop in result["loops"]:
        print(f"  loop {' -> '.join(loop['steps'])}: p = {_num(loop['probability'])}, "
              f"{_num(loop['expected_passes'])} expected passes")
    print(f"  lead time {_num(result['lead_time'])} {unit}, value-added "
          f"{_num(result['value_added_time'])} {unit}, PCE {_pct(result['pce'])}, cost per "
          f"case {_num(result['cost_per_case'])}")
    path = result["critical_path"]
    print(f"  critical path ({_num(path['time'])} {unit}): {' -> '.join(path['steps'])}")
    for what in ("unreachable", "dead_ends"):
        if result[what]:
            print(f"  {what.replace('_', ' ')}: {', '.join(result[what])}")
    for problem in result["gateway_problems"]:
        print(f"  {problem}")
    return 1 if problems else 0


def run_simulate(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.maps.simulation import simulate, simulation_json

    if args.cases < 1:
        raise OpsdeskError(f"--cases must be at least 1, not {args.cases}.")
    map_id, pmap = _load(args)
    sim = simulate(pmap, args.cases, args.seed)
    result = simulation_json(sim, map_id)
    if args.json:
        _json(result)
    else:
        unit = result["time_unit"]
        print(f"{pmap.name}: {sim.cases} cases (seed {sim.seed}): mean {_num(result['mean'])} "
              f"{unit}, P50 {_num(result['p50'])}, P85 {_num(result['p85'])}, "
              f"P95 {_num(result['p95'])} {unit}.")
        if sim.endless:
            print(f"  {sim.endless} cases never ended (a loop with no way out).")
    return 1 if sim.endless else 0


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.4g}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"
