"""``opsdesk gage``: a measurement-system study (gage R&R, attribute agreement) from a table."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from opsdesk.cli_commands.spc import READS


def register(sub: Any) -> None:
    gage = sub.add_parser(
        "gage", help="gage R&R or attribute agreement study from a table",
        description=f"A measurement-system study from a {READS} file with one row per "
        "measurement: crossed gage R&R by ANOVA (interaction pooled when its p-value is "
        "above 0.25, as AIAG MSA) or by the X̄-R method, nested gage R&R, or attribute "
        "agreement (kappa).")
    gage.add_argument("file", type=Path, metavar="FILE")
    gage.add_argument("--sheet", metavar="NAME", help="sheet of a workbook (default: the first)")
    gage.add_argument("--part", required=True, metavar="COL", help="part column")
    gage.add_argument("--operator", required=True, metavar="COL",
                      help="operator (appraiser) column")
    gage.add_argument("--value", required=True, metavar="COL",
                      help="measurement column (with --attribute: the rating)")
    gage.add_argument("--method", choices=("anova", "xbar-r"), default="anova",
                      help="crossed study's method (default anova)")
    gage.add_argument("--nested", action="store_true",
                      help="parts nested within operators (each part measured by one "
                      "operator: destructive tests)")
    gage.add_argument("--tolerance", type=float, metavar="X",
                      help="USL − LSL, for %%tolerance")
    gage.add_argument("--attribute", action="store_true",
                      help="attribute agreement: --value holds ratings (pass/fail, ...)")
    gage.add_argument("--standard", metavar="COL",
                      help="with --attribute: each part's known rating")
    gage.add_argument("--json", action="store_true", help="one JSON object on stdout")
    gage.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from opsdesk.core.msa.run_gage import GageRequest, run_gage
    from opsdesk.core.msa.text import study_lines
    from opsdesk.core.spc.table_input import Table

    table = Table(args.file, args.sheet)
    request = GageRequest(part=args.part, operator=args.operator, value=args.value,
                          method=args.method, nested=args.nested, tolerance=args.tolerance,
                          attribute=args.attribute, standard=args.standard)
    result = run_gage(table, request)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, allow_nan=False))
        return 0
    for line in study_lines(result):
        print(line)
    return 0

