"""``opsdesk kpi``: list, add, target, pack and status, headless."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import kpi_edit, passwords
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.definitions import DIRECTIONS


def register(sub: Any) -> None:
    kpi = sub.add_parser("kpi", help="KPI definitions, targets, packs and statuses")
    verbs = kpi.add_subparsers(dest="kpi_command", metavar="VERB", required=True,
                               parser_class=type(kpi))

    listing = verbs.add_parser("list", help="list the KPIs and their current targets")
    listing.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)

    add = verbs.add_parser("add", help="add a KPI")
    add.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--unit", required=True, metavar="U")
    add.add_argument("--direction", required=True, choices=DIRECTIONS)
    add.add_argument("--frequency", required=True,
                     choices=("daily", "weekly", "monthly", "quarterly"))
    add.add_argument("--aggregation", required=True, choices=("sum", "mean", "last"))
    add.add_argument("--target", metavar="T")
    add.add_argument("--from", dest="effective_from", metavar="DATE",
                     help="the date the target applies from (default: from the start)")
    add.add_argument("--red-at", metavar="VALUE|PERCENT%",
                     help="red threshold as a value, or as a percent of target (e.g. 85%%)")
    add.add_argument("--band", metavar="LOW,HIGH")
    add.add_argument("--margin", metavar="M", help="amber margin outside the band")
    add.add_argument("--pillar", default="process", metavar="P")
    add.add_argument("--owner", default="", metavar="O")
    add.add_argument("--lsl", metavar="X")
    add.add_argument("--usl", metavar="Y")
    add.set_defaults(func=run_add)

    target = verbs.add_parser("target", help="set a KPI's target from a date")
    target.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(target)
    target.add_argument("name", metavar="NAME")
    target.add_argument("target", metavar="T", help="the target (LOW,HIGH for a band KPI)")
    target.add_argument("--from", dest="effective_from", required=True, metavar="DATE")
    target.add_argument("--margin", metavar="M", help="amber margin outside the band")
    target.set_defaults(func=run_target)

    pack = verbs.add_parser("pack", help="add a ready KPI pack")
    pack.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(pack)
    pack.add_argument("pack", choices=("lean", "service", "ai-ops"))
    pack.set_defaults(func=run_pack)

    status = verbs.add_parser("status", help="the scorecard: each KPI's latest status")
    status.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(status)
    status.add_argument("--as-of", metavar="DATE", help="judge as of this date: the periods "
                        "that ended before it (default: the day after the newest period with "
                        "data ends, or today while it runs)")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(func=run_status)

    kpi_edit.register(verbs)


def _open(args: argparse.Namespace, write: bool) -> Any:
    from opsdesk.core.workspace import Workspace

    return Workspace.open(
        args.workspace, read_only=not write, password=passwords.source(args, args.workspace)
    )


def _date(text: str, what: str) -> date:
    from opsdesk.core import ranges

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise OpsdeskError(f"{what} must be a date like 2026-10-31, not {text!r}.") from None
    return ranges.check_date(day, what)


def _band(text: str) -> tuple[str, str]:
    parts = text.split(",")
    if len(parts) != 2:
        raise OpsdeskError(f"A band is given as LOW,HIGH (e.g. 2.9,3.3), not {text!r}.")
    return parts[0].strip(), parts[1].strip()


def _target_row(direction: str, value: str | None, band: str | None, margin: str | None,
                effective_from: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"effective_from": effective_from, "band_margin": margin}
    if direction == "band":
        low, high = _band(band or value or "")
        row.update(band_low=low, band_high=high)
    else:
        row["target"] = value
    return row


def run_add(args: argparse.Namespace) -> int:
    from opsdesk.core.kpi.commands import AddKpi

    values: dict[str, Any] = {
        "name": args.name, "unit": args.unit, "direction": args.direction,
        "frequency": args.frequency, "aggregation": args.aggregation, "pillar": args.pillar,
        "owner": args.owner, "lsl": args.lsl, "usl": args.usl,
    }
    if args.red_at:
        text = args.red_at.strip()
        key = "red_percent" if text.endswith("%") else "red_value"
        values[key] = text.rstrip("%").strip()
    if args.effective_from:
        _date(args.effective_from, "--from")
    targets: tuple[dict[str, Any], ...] = ()
    if args.direction == "band":
        if args.band is None:
            raise OpsdeskError("A band KPI needs --band LOW,HIGH.")
        targets = (_target_row("band", None, args.band, args.margin, args.effective_from),)
    elif args.band or args.margin:
        raise OpsdeskError("--band and --margin are for band KPIs (--direction band).")
    elif args.target is not None:
        targets = (_target_row(args.direction, args.target, None, None, args.effective_from),)
    elif args.effective_from:
        raise OpsdeskError("--from goes with --target.")
    with _open(args, write=True) as ws:
        ws.execute(AddKpi(values, targets, f"Add KPI {args.name}"))
    print(f"Added KPI {args.name}.")
    return 0


def run_target(args: argparse.Namespace) -> int:
    from opsdesk.core.kpi.commands import SetTarget
    from opsdesk.core.kpi.definitions import kpi_by_name

    _date(args.effective_from, "--from")
    with _open(args, write=True) as ws:
        kpi = kpi_by_name(ws.conn, args.name)
        row = _target_row(kpi.direction, args.target, None, args.margin, args.effective_from)
        ws.execute(SetTarget(kpi.id, row, f"Set target of {kpi.name}"))
    print(f"Target of {kpi.name} set to {args.target} from {args.effective_from}.")
    return 0


def run_pack(args: argparse.Namespace) -> int:
    from opsdesk.core.kpi.packs import AddPack

    with _open(args, write=True) as ws:
        names = ws.execute(AddPack(args.pack)).result
    print(f"Added {len(names)} KPIs from the {args.pack} pack: {', '.join(names)}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from opsdesk.core.kpi.definitions import load_kpis
    from opsdesk.core.kpi.formatting import target_text
    from opsdesk.core.kpi.report_rows import definition_row
    from opsdesk.core.kpi.review_date import review_date

    with _open(args, write=False) as ws:
        kpis = load_kpis(ws.conn)
        as_of = review_date(ws.conn)
    if args.json:
        rows = [definition_row(k, as_of) for k in kpis]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    _table([{"name": k.name, "pillar": k.pillar, "unit": k.unit, "direction": k.direction,
             "frequency": k.frequency, "aggregation": k.aggregation,
             "target": target_text(k, k.target_on(as_of), unit=True), "owner": k.owner}
            for k in kpis])
    return 0


def run_status(args: argparse.Namespace) -> int:
    from opsdesk.core.kpi.formatting import fmt, signed, target_text
    from opsdesk.core.kpi.report_rows import status_row
    from opsdesk.core.kpi.review_date import review_date
    from opsdesk.core.kpi.scorecard import compute_statuses

    with _open(args, write=False) as ws:
        as_of = _date(args.as_of, "--as-of") if args.as_of else review_date(ws.conn)
        statuses = compute_statuses(ws.conn, as_of, with_forecast=True)
    if args.json:
        print(json.dumps([status_row(s) for s in statuses], indent=2, ensure_ascii=False))
        return 0
    print(f"Status as of {as_of.isoformat()}")
    _table([{"kpi": s.kpi.name, "period": s.period, "value": fmt(s.kpi, s.value, unit=True),
             "target": target_text(s.kpi, s.target, unit=True), "status": s.status,
             "change": signed(s.kpi, s.change, s.value, unit=True), "trend": s.trend,
             "signals": ",".join(map(str, s.signals)) or None}
            for s in statuses])
    return 0


def _table(rows: list[dict[str, Any]]) -> None:
    """Rows of text (None shows as –) under their keys, in aligned columns."""
    if not rows:
        return
    columns = tuple(rows[0])
    cells = [["–" if r[c] is None else str(r[c]) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
