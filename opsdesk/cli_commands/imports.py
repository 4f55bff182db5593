"""``opsdesk import`` and ``opsdesk export``: spreadsheets in and out, headless."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords

FIELD_HELP = "date, kpi, value, subgroup, size, segment, note or key"


def register(sub: Any) -> None:
    imp = sub.add_parser(
        "import",
        help="import KPI data from xlsx, xlsm, xls, ods, csv or tsv into a workspace",
        description="Import observations from a spreadsheet. Nothing is written when any "
        "problem is found, unless --skip-invalid is given. Exit 0: imported (or a clean dry "
        "run); 1: nothing written because of problems, or the layout needs --map; 2: the "
        "file cannot be read, or bad arguments.",
    )
    imp.add_argument("workspace", type=Path, metavar="WORKSPACE")
    imp.add_argument("file", type=Path, metavar="FILE")
    passwords.add_option(imp)
    imp.add_argument("--sheet", metavar="NAME", help="sheet to read (default: the first)")
    imp.add_argument("--header-row", type=int, metavar="N", help="row number of the header")
    imp.add_argument("--layout", choices=("auto", "long", "wide"), default="auto")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"say which column holds a field ({FIELD_HELP}); in the wide layout give "
        "--map date=COLUMN (the other columns are KPIs) or --map kpi=COLUMN (the others are "
        "periods)",
    )
    imp.add_argument("--profile", metavar="NAME", help="use a saved import profile")
    imp.add_argument("--save-profile", metavar="NAME", help="save the mapping under NAME")
    imp.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows, skip the rest"
    )
    imp.add_argument(
        "--update",
        action="store_true",
        help="replace stored values that the file restates (by default they are kept and "
        "listed as changed)",
    )
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.add_argument("--json", action="store_true", help="print one JSON object")
    imp.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read dates such as 03/04/2024: day-first (dmy) or month-first (mdy)",
    )
    imp.add_argument(
        "--no-create-kpis", action="store_true", help="report unknown KPIs instead of creating them"
    )
    imp.add_argument(
        "--problems-csv", type=Path, metavar="PATH", help="save every problem found as CSV"
    )
    imp.set_defaults(func=run_import)

    exp = sub.add_parser("export", help="export observations to xlsx (long layout)")
    exp.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    exp.add_argument(
        "--kpi", action="append", default=[], metavar="NAME", help="only this KPI (repeatable)"
    )
    exp.set_defaults(func=run_export)


def _given(pairs: list[str]) -> dict[str, str]:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.imports.mapping import FIELDS

    given: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip() or field not in FIELDS:
            raise OpsdeskError(
                f"--map {pair!r} is not FIELD=COLUMN with FIELD one of {FIELD_HELP}."
            )
        given[field] = column.strip()
    return given


def _report(
    args: argparse.Namespace, data: dict[str, Any], message: str, problems: list[Any]
) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return
    new = data.get("new_kpis") or []
    if new:
        print("New KPIs, as proposed (change them with opsdesk kpi edit):")
    for kpi in new:
        print(f"  {kpi['name']}: {kpi['description']}")
    _changed(data, bool(args.update))
    for problem in problems[:20]:
        print(f"  {problem.sentence()}")
    if len(problems) > 20:
        print(f"  ... and {len(problems) - 20:,} more (--problems-csv PATH saves them all)")
    print(message)


def _changed(data: dict[str, Any], update: bool) -> None:
    changed = data.get("changed") or []
    if not changed:
        return
    how = "replaced, as --update asks" if update else "kept; --update replaces them"
    one = len(changed) == 1
    print(f"{len(changed):,} stored value{'' if one else 's'} {'is' if one else 'are'} "
          f"restated by the file ({how}):")
    for c in changed[:20]:
        where = "".join(f", {c[k]}" for k in ("segment", "subgroup") if c[k])
        print(f"  {c['kpi']} {c['ts'][:10]}{where}: {c['before']:g} → {c['after']:g}")
    if len(changed) > 20:
        print(f"  ... and {len(changed) - 20:,} more (--json lists them all)")


def run_import(args: argparse.Namespace) -> int:
    from opsdesk.core import cycle_collector

    # Hundreds of thousands of cells, rows and tuples, none in a reference cycle: the
    # cyclic collector would only walk them again and again (about 0.15 s of a
    # 200,000-row import).
    with cycle_collector.pause():
        return _import(args)


def _import(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.imports import plan, profiles
    from opsdesk.core.imports.commit import ImportObservations, preview
    from opsdesk.core.imports.mapping import LayoutUnclear
    from opsdesk.core.imports.problems import SHOWN, save_csv
    from opsdesk.core.workspace import Workspace, audit_key

    if args.header_row is not None and args.header_row < 1:
        raise OpsdeskError("--header-row counts from 1.")
    given = _given(args.map)
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=args.dry_run, password=password) as ws:
        if not args.dry_run:
            audit_key.warm_up()  # while the sheet is read
        options = plan.Options(
            sheet=args.sheet,
            header_row=args.header_row,
            layout=args.layout,
            given=given,
            date_order=args.date_order,
            create_kpis=not args.no_create_kpis,
        )
        if args.profile:
            options.mapping = profiles.load(ws.conn, args.profile)
        try:
            prepared = plan.prepare(ws.conn, args.file, options)
        except LayoutUnclear as unclear:
            unclear_data = {  # the usual shape, so scripts read one kind of object
                "file": args.file.name,
                "sheet": args.sheet,
                "layout": None,
                "mapping": {},
                "rows_read": 0,
                "rows_imported": 0,
                "rows_skipped": 0,
                "duplicates": 0,
                "kpis_created": [],
                "new_kpis": [],
                "changed": [],
                "updated": 0,
                "problem_count": 0,
                "problems": [],
                "error": unclear.with_options(),
            }
            if args.json:
                print(json.dumps(unclear_data, ensure_ascii=False))
            else:
                print(f"opsdesk: {unclear.with_options()}")
            return 1
        problems = prepared.problems
        if args.problems_csv and problems:
            save_csv(problems, args.problems_csv)
        data: dict[str, Any] = {
            "file": args.file.name,
            "sheet": prepared.table.sheet,
            "layout": prepared.mapping.layout,
            "mapping": prepared.mapping.describe(),
            "rows_read": prepared.parsed.rows_read,
            "rows_imported": 0,
            "rows_skipped": prepared.rows_skipped,
            "duplicates": 0,
            "kpis_created": [],
            "new_kpis": [
                {**k.as_dict(), "description": k.describe()} for k in prepared.kpis.proposals
            ],
            "changed": [],
            "updated": 0,
            "problem_count": len(problems),
            "problems": [p.as_dict() for p in problems[:SHOWN]],
        }
        if problems and not args.skip_invalid:
            _report(
                args,
                data,
                f"{len(problems):,} problem{'' if len(problems) == 1 else 's'} found in "
                f"{args.file.name}; nothing was "
                "imported (fix them, or use --skip-invalid to import the valid rows).",
                problems,
            )
            return 1
        if args.dry_run:
            would = preview(ws.conn, prepared)
            data.update(
                rows_imported=would.rows,
                duplicates=would.duplicates,
                kpis_created=prepared.kpis.new_names,
                changed=would.changed,
            )
            _report(
                args,
                data,
                f"Dry run: {would.rows:,} observations would be imported from "
                f"{args.file.name} ({would.duplicates:,} duplicates, {len(would.changed):,} "
                "changed); nothing was written.",
                problems,
            )
            return 0
        command = ImportObservations(
            prepared, skip_invalid=True, title=f"Import {args.file.name}", update=args.update,
            save_profile=args.save_profile or "",
        )
        summary = ws.execute(command).result
        data.update(
            {
                k: summary[k]
                for k in (
                    "rows_imported", "rows_skipped", "duplicates", "kpis_created", "changed",
                    "updated",
                )
            }
        )
        created = summary["kpis_created"]
        _report(
            args,
            data,
            f"Imported {summary['rows_imported']:,} observations from {args.file.name}"
            f" ({prepared.mapping.layout} layout); {summary['duplicates']:,} duplicates, "
            f"{summary['rows_skipped']:,} skipped, {len(summary['changed']):,} changed"
            f" ({summary['updated']:,} replaced), {len(created)} KPIs created"
            + (f": {', '.join(created)}" if created else "")
            + ".",
            problems,
        )
        return 0


def run_export(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.imports.export import export_xlsx
    from opsdesk.core.workspace import Workspace

    if args.out.suffix.lower() != ".xlsx":
        raise OpsdeskError(f"--out must name an .xlsx file, not {args.out.name}.")
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        count = export_xlsx(ws.conn, args.out, args.kpi)
    print(f"Wrote {count:,} observations to {args.out}.")
    return 0
